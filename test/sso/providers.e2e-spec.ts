import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenant, login, superAdminToken, type TestTenant, uniqueSlug } from '../support/fixtures';
import { startSsoEnv, verifyDomain, type SsoEnv } from './support/env';
import { expectProblem } from '../support/problems';

const REDIRECT = 'https://app.customer.test/sso/done';
const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const domainOf = (what: string) => `${what}-${randomBytes(4).toString('hex')}.test`;
const jwtSubject = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

/**
 * Identity provider configuration (plan feature `sso`, permissions sso:read/sso:manage, never
 * while impersonating), secrets encrypted at rest, providers' domains claiming nothing by
 * themselves, home-realm discovery of verified domains, and `ssoEnforced` with break-glass accounts.
 */
describe('SSO configuration', () => {
  let env: SsoEnv;
  let pg: Client;
  let root: string;
  let t: TestTenant;

  beforeAll(async () => {
    env = await startSsoEnv();
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    root = await superAdminToken(env.api);
    t = await createTenant(env.api, root);
  });

  afterAll(async () => {
    await pg?.end();
    await env?.close();
  });

  const oidcProvider = (allowedDomains: string[], extra: Record<string, unknown> = {}) => ({
    type: 'oidc',
    name: 'Okta',
    issuer: env.idp.oidcIssuer,
    clientId: env.idp.clients.oidc.clientId,
    clientSecret: `secret-${randomBytes(12).toString('hex')}`,
    allowedDomains,
    redirectUris: [REDIRECT],
    ...extra,
  });

  const create = (body: Record<string, unknown>, token = t.token) =>
    env.api.call('POST', '/api/v1/sso/providers', { token, body });

  /** A user of tenant `tenant` with `roles`, signed in; answers its id and token. */
  const member = async (tenant: TestTenant, roles: string[]) => {
    const email = `${randomBytes(4).toString('hex')}@${tenant.slug}.test`;
    const password = 'a-long-enough-password-42';
    const res = await env.api.call('POST', '/api/v1/users', {
      token: tenant.token,
      body: { email, name: email, password, roles },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, email, password, token: await login(env.api, tenant.slug, email, password) };
  };

  describe('identity providers', () => {
    it('stores the client secret encrypted, and never returns it', async () => {
      const body = oidcProvider([domainOf('crud')], { autoProvision: true, defaultRole: 'viewer' });
      const created = await create(body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({
        type: 'oidc',
        name: 'Okta',
        issuer: env.idp.oidcIssuer,
        clientId: body.clientId,
        allowedDomains: body.allowedDomains,
        redirectUris: [REDIRECT],
        autoProvision: true,
        defaultRole: 'viewer',
        enabled: true,
        callbackUrl: env.callbackUrl,
        startUrl: `${env.api.url}/api/v1/auth/sso/${t.slug}/${created.body.id}/start`,
        createdBy: jwtSubject(t.token),
      });
      const id = created.body.id;
      const column = async () =>
        (await pg.query(`SELECT client_secret FROM ${schemaOf(t.id)}.sso_providers WHERE id = $1`, [id])).rows[0]
          .client_secret as string;
      const sealed = await column();
      expect(sealed).toMatch(/^enc:v1:/);
      expect(sealed).not.toContain(body.clientSecret);
      expect(Buffer.from(sealed.split(':').pop()!, 'base64url').toString('latin1')).not.toContain(body.clientSecret);

      const secretless = [created, await env.api.call('GET', `/api/v1/sso/providers/${id}`, { token: t.token })];
      secretless.push(await env.api.call('GET', '/api/v1/sso/providers', { token: t.token }));
      const rotated = `rotated-${randomBytes(12).toString('hex')}`;
      const patched = await env.api.call('PATCH', `/api/v1/sso/providers/${id}`, {
        token: t.token,
        body: { clientSecret: rotated, name: 'Okta (prod)', enabled: false },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body).toMatchObject({ name: 'Okta (prod)', enabled: false });
      secretless.push(patched);
      for (const res of secretless) {
        expect(JSON.stringify(res.body)).not.toContain(body.clientSecret);
        expect(JSON.stringify(res.body)).not.toContain(rotated);
        expect(JSON.stringify(res.body)).not.toContain('clientSecret');
      }
      const resealed = await column();
      expect(resealed).toMatch(/^enc:v1:/);
      expect(resealed).not.toBe(sealed);
      expect(resealed).not.toContain(rotated);

      // Audited, with the change but never the secret.
      const events = await env.api.call('GET', `/api/v1/audit-events?resourceId=${id}&limit=10`, { token: t.token });
      expect(events.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
        'sso_provider.created',
        'sso_provider.updated',
      ]);
      const rows = await pg.query(
        `SELECT row_to_json(a)::text AS raw FROM ${schemaOf(t.id)}.audit_events a WHERE resource_id = $1`,
        [id],
      );
      expect(rows.rows).toHaveLength(2);
      for (const { raw } of rows.rows) {
        expect(raw).not.toContain(body.clientSecret);
        expect(raw).not.toContain(rotated);
      }
      const updated = events.body.items.find((e: { action: string }) => e.action === 'sso_provider.updated');
      expect(updated.changes).toEqual({
        before: { name: 'Okta', enabled: true },
        after: { name: 'Okta (prod)', enabled: false },
      });
      expect(updated.metadata).toMatchObject({ clientSecretReplaced: true });

      const removed = await env.api.call('DELETE', `/api/v1/sso/providers/${id}`, { token: t.token });
      expect(removed.status).toBe(204);
      expectProblem(await env.api.call('GET', `/api/v1/sso/providers/${id}`, { token: t.token }), 404, 'NOT_FOUND');
      const deleted = await env.api.call('GET', `/api/v1/audit-events?action=sso_provider.deleted&resourceId=${id}`, {
        token: t.token,
      });
      expect(deleted.body.items).toHaveLength(1);
    });

    it('validates what each type needs', async () => {
      const invalid: [string, Record<string, unknown>][] = [
        ['issuer', { ...oidcProvider([domainOf('v')]), issuer: undefined }],
        ['issuer', { ...oidcProvider([domainOf('v')]), issuer: 'http://idp.test' }],
        ['azureTenantId', { ...oidcProvider([domainOf('v')]), type: 'entra', issuer: undefined }],
        ['azureTenantId', { ...oidcProvider([domainOf('v')]), type: 'entra', issuer: undefined, azureTenantId: 'common' }],
        ['issuer', { ...oidcProvider([domainOf('v')]), type: 'google' }],
        ['defaultRole', oidcProvider([domainOf('v')], { defaultRole: 'tenant_admin' })],
        ['allowedDomains', oidcProvider([])],
        ['allowedDomains', oidcProvider(['not a domain'])],
        ['redirectUris', oidcProvider([domainOf('v')], { redirectUris: ['/relative'] })],
        ['redirectUris', oidcProvider([domainOf('v')], { redirectUris: ['https://app.test/#fragment'] })],
        ['type', oidcProvider([domainOf('v')], { type: 'ldap' })],
        // SAML providers take no client credentials and no issuer (see test/sso/saml.e2e-spec.ts).
        ['clientId', oidcProvider([domainOf('v')], { type: 'saml' })],
        ['issuer', oidcProvider([domainOf('v')], { type: 'saml' })],
      ];
      for (const [field, body] of invalid) {
        const res = await create(body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(
          res.body.errors.map((e: { field: string }) => e.field),
          JSON.stringify(body),
        ).toContain(field);
      }
      const entra = await create({
        ...oidcProvider([domainOf('entra')]),
        type: 'entra',
        issuer: undefined,
        azureTenantId: randomUUID(),
      });
      expect(entra.status, JSON.stringify(entra.body)).toBe(201);
      const patched = await env.api.call('PATCH', `/api/v1/sso/providers/${entra.body.id}`, {
        token: t.token,
        body: { issuer: env.idp.oidcIssuer },
      });
      expectProblem(patched, 400, 'VALIDATION_FAILED');
      const noType = await env.api.call('PATCH', `/api/v1/sso/providers/${entra.body.id}`, {
        token: t.token,
        body: { type: 'oidc' },
      });
      expectProblem(noType, 400, 'VALIDATION_FAILED');
    });

    it('is for tenants whose plan has SSO, users holding sso:read or sso:manage, and never under impersonation', async () => {
      const viewer = await member(t, ['viewer']);
      const plain = await member(t, ['member']);
      expect((await env.api.call('GET', '/api/v1/sso/providers', { token: viewer.token })).status).toBe(200);
      expectProblem(await create(oidcProvider([domainOf('p')]), viewer.token), 403, 'FORBIDDEN');
      expectProblem(await env.api.call('GET', '/api/v1/sso/providers', { token: plain.token }), 403, 'FORBIDDEN');

      const slug = uniqueSlug('starter');
      const starterAdmin = { email: `admin@${slug}.test`, name: 'Admin', password: 'starter-owner-passphrase-9' };
      const starter = await env.api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: { name: 'Starter', slug, plan: 'starter', admin: starterAdmin },
      });
      expect(starter.status, JSON.stringify(starter.body)).toBe(201);
      const token = await login(env.api, slug, starterAdmin.email, starterAdmin.password);
      const res = await env.api.call('GET', '/api/v1/sso/providers', { token });
      expectProblem(res, 403, 'FEATURE_NOT_IN_PLAN');
      expect(res.body.feature).toBe('sso');

      // Platform staff acting as the tenant admin may look, not change.
      const policy = await env.api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
        token: root,
        body: { settings: { supportAccess: 'always' } },
      });
      expect(policy.status, JSON.stringify(policy.body)).toBe(200);
      const started = await env.api.call('POST', '/api/v1/platform/impersonations', {
        token: root,
        body: { tenantId: t.id, userId: jwtSubject(t.token), reason: 'Ticket 42: checking the SSO setup' },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const acting = started.body.accessToken;
      expect((await env.api.call('GET', '/api/v1/sso/providers', { token: acting })).status).toBe(200);
      expectProblem(await create(oidcProvider([domainOf('imp')]), acting), 403, 'IMPERSONATION_FORBIDDEN');
    });
  });

  describe('domains and discovery', () => {
    it('claims nothing through a provider\u2019s allowedDomains: tenants may list the same domain, discovery follows the verified claim', async () => {
      const domain = domainOf('listed');
      const other = await createTenant(env.api, root);
      const first = await create(oidcProvider([domain]));
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      // Another tenant (and a second provider of the same one) may list it too: listing is no claim.
      const second = await create(oidcProvider([domainOf('free'), domain.toUpperCase()]), other.token);
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect(second.body.allowedDomains).toContain(domain);
      expect((await create(oidcProvider([domain]))).status).toBe(201);
      const none = { sso: false, tenant: null, providerId: null, providerName: null, startUrl: null };
      const discover = async () =>
        (await env.api.call('POST', '/api/v1/auth/sso/discover', { body: { email: `x@${domain}` } })).body;
      expect(await discover()).toEqual(none);

      // The tenant that proves the domain gets its people, through its first provider listing it.
      await verifyDomain(env, other.token, domain);
      expect(await discover()).toMatchObject({ sso: true, tenant: other.slug, providerId: second.body.id });
      // Deleting that provider leaves the claim; with no provider listing the domain, nothing is discovered.
      expect((await env.api.call('DELETE', `/api/v1/sso/providers/${second.body.id}`, { token: other.token })).status).toBe(204);
      expect((await env.api.call('GET', '/api/v1/sso/domains', { token: other.token })).body.items).toMatchObject([
        { domain, status: 'verified' },
      ]);
      expect(await discover()).toEqual(none);
      const third = await create(oidcProvider([domain]), other.token);
      expect(await discover()).toMatchObject({ sso: true, tenant: other.slug, providerId: third.body.id });
    });

    it('tells which tenant and provider sign in an email, and nothing more about unclaimed domains', async () => {
      const domain = domainOf('discover');
      const created = await create(oidcProvider([domain], { name: 'Acme Okta' }));
      await verifyDomain(env, t.token, domain);
      const discover = (email: string) => env.api.call('POST', '/api/v1/auth/sso/discover', { body: { email } });

      const found = await discover(`Someone@${domain.toUpperCase()}`);
      expect(found.status).toBe(200);
      expect(found.body).toEqual({
        sso: true,
        tenant: t.slug,
        providerId: created.body.id,
        providerName: 'Acme Okta',
        startUrl: `${env.api.url}/api/v1/auth/sso/${t.slug}/${created.body.id}/start`,
      });

      const none = { sso: false, tenant: null, providerId: null, providerName: null, startUrl: null };
      // An unclaimed domain, and a tenant's own (unverified) email domain look alike.
      for (const email of [`x@${domainOf('nobody')}`, `admin@${t.slug}.test`]) {
        const res = await discover(email);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(none);
        expect(Object.keys(res.body)).toEqual(Object.keys(found.body));
      }
      // A disabled provider discovers nothing.
      await env.api.call('PATCH', `/api/v1/sso/providers/${created.body.id}`, { token: t.token, body: { enabled: false } });
      expect((await discover(`someone@${domain}`)).body).toEqual(none);
      expectProblem(
        await env.api.call('POST', '/api/v1/auth/sso/discover', { body: { email: 'not-an-email' } }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('ssoEnforced', () => {
    it('refuses password login except for break-glass accounts', async () => {
      const tenant = await createTenant(env.api, root);
      const user = await member(tenant, ['member']);
      // Enforcement covers the addresses of the tenant's verified domains.
      await verifyDomain(env, tenant.token, `${tenant.slug}.test`);
      const adminId = jwtSubject(tenant.token);
      const passwordLogin = (email: string, password: string) =>
        env.api.call('POST', '/api/v1/auth/login', { tenant: tenant.slug, body: { email, password } });

      const enforce = async (on: boolean) => {
        const res = await env.api.call('PATCH', '/api/v1/tenant', {
          token: tenant.token,
          body: { settings: { ssoEnforced: on } },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      };
      const breakGlass = await env.api.call('PATCH', `/api/v1/users/${adminId}`, {
        token: tenant.token,
        body: { isBreakGlass: true },
      });
      expect(breakGlass.status, JSON.stringify(breakGlass.body)).toBe(200);
      await enforce(true);

      // Everyone else gets the same answer, right password or not, known email or not.
      for (const [email, password] of [
        [user.email, user.password],
        [user.email, 'a-wrong-password-000'],
        [`nobody@${tenant.slug}.test`, user.password],
      ]) {
        const res = await passwordLogin(email, password);
        expectProblem(res, 403, 'SSO_REQUIRED');
        expect(res.body).not.toHaveProperty('accessToken');
      }
      // The break-glass owner still signs in with the password (and only the right one).
      const owner = await passwordLogin(tenant.admin.email, tenant.admin.password);
      expect(owner.status, JSON.stringify(owner.body)).toBe(200);
      expectProblem(await passwordLogin(tenant.admin.email, 'a-wrong-password-000'), 401, 'INVALID_CREDENTIALS');

      // The refusals are on record: login history and the audit trail.
      const history = await pg.query(`SELECT outcome, method FROM ${schemaOf(tenant.id)}.login_events WHERE user_id = $1`, [
        user.id,
      ]);
      expect(history.rows.filter((r) => r.outcome === 'failure')).toHaveLength(2);
      const audit = await env.api.call('GET', '/api/v1/audit-events?action=auth.login&outcome=failure&limit=50', {
        token: owner.body.accessToken,
      });
      expect(audit.body.items.filter((e: { errorCode: string }) => e.errorCode === 'SSO_REQUIRED')).toHaveLength(3);
      // A locked-out count does not grow: the password was never checked.
      const counted = await pg.query(`SELECT failed_login_count FROM ${schemaOf(tenant.id)}.users WHERE id = $1`, [user.id]);
      expect(counted.rows[0].failed_login_count).toBe(0);

      await enforce(false);
      expect((await passwordLogin(user.email, user.password)).status).toBe(200);
    });
  });
});
