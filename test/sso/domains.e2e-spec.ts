import { MIGRATIONS } from '@stratum/migrations';
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenant, eventually, login, superAdminToken, type TestTenant, uniqueSlug } from '../support/fixtures';
import { problemOf, signIn, startSsoEnv, verifyDomain, type SignIn, type SsoEnv } from './support/env';
import { expectProblem } from '../support/problems';

const REDIRECT = 'https://app.customer.test/sso/done';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const domainOf = (what: string) => `${what}-${randomBytes(4).toString('hex')}.test`;
const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;
const NO_SSO = { sso: false, tenant: null, providerId: null, providerName: null, startUrl: null };

/**
 * SSO domains are claimed as `pending` and proven through a DNS TXT record (a local DNS server
 * stands for the customer's zone). Only verified domains route home-realm discovery, link and
 * provision users at SSO sign-in, and count for `ssoEnforced`; a domain one tenant proved is
 * closed to the others, while unproven claims block nobody.
 */
describe('SSO domains', () => {
  let env: SsoEnv;
  let pg: Client;
  let root: string;
  let t: TestTenant;

  beforeAll(async () => {
    env = await startSsoEnv({ DNS_TIMEOUT_MS: '300' });
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    root = await superAdminToken(env.api);
    t = await createTenant(env.api, root);
  });

  afterAll(async () => {
    await pg?.end();
    await env?.close();
  });

  const claim = (domain: unknown, token = t.token) => env.api.call('POST', '/api/v1/sso/domains', { token, body: { domain } });
  const verify = (id: string, token = t.token) => env.api.call('POST', `/api/v1/sso/domains/${id}/verify`, { token });
  const get = (id: string, token = t.token) => env.api.call('GET', `/api/v1/sso/domains/${id}`, { token });
  const list = async (token = t.token) => {
    const res = await env.api.call('GET', '/api/v1/sso/domains', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as { id: string; domain: string; status: string }[];
  };
  const discover = async (email: string) => {
    const res = await env.api.call('POST', '/api/v1/auth/sso/discover', { body: { email } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  /** An OIDC provider of `tenant` for `allowedDomains`; answers its id. */
  const provider = async (tenant: TestTenant, allowedDomains: string[], extra: Record<string, unknown> = {}) => {
    const res = await env.api.call('POST', '/api/v1/sso/providers', {
      token: tenant.token,
      body: {
        type: 'oidc',
        name: `IdP of ${tenant.slug}`,
        issuer: env.idp.oidcIssuer,
        clientId: env.idp.clients.oidc.clientId,
        clientSecret: env.idp.clients.oidc.clientSecret,
        allowedDomains,
        redirectUris: [REDIRECT],
        autoProvision: true,
        ...extra,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const routedTo = (tenant: TestTenant, providerId: string) => ({
    sso: true,
    tenant: tenant.slug,
    providerId,
    providerName: `IdP of ${tenant.slug}`,
    startUrl: `${env.api.url}/api/v1/auth/sso/${tenant.slug}/${providerId}/start`,
  });
  const expectRefused = (s: SignIn, reason: string) => {
    expect(s.callback.status, s.callback.body).toBe(401);
    expect(problemOf(s.callback)).toMatchObject({ code: 'SSO_FAILED', reason });
    expect(s.code).toBeNull();
  };
  const exchange = async (s: SignIn) => {
    expect(s.callback.status, s.callback.body).toBe(303);
    const res = await env.api.call('POST', '/api/v1/auth/sso/exchange', { body: { code: s.code } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const me = await env.api.call('GET', '/api/v1/users/me', { token: res.body.accessToken });
    return me.body as { id: string; email: string };
  };

  it('does not let a tenant that names a domain first take it from the tenant that proves it', async () => {
    const acme = domainOf('acme');
    const owner = await createTenant(env.api, root);
    const squatter = await createTenant(env.api, root);

    // The squatter configures acme's domain and claims it first.
    const squatterIdp = await provider(squatter, [acme]);
    const squatted = await claim(acme, squatter.token);
    expect(squatted.status, JSON.stringify(squatted.body)).toBe(201);
    expect(squatted.body.status).toBe('pending');
    expect(await discover(`ceo@${acme}`)).toEqual(NO_SSO);
    // Nobody at acme is provisioned into the squatter's tenant on the strength of its configuration.
    const victim = env.idp.addAccount({ sub: unique('victim'), email: `victim@${acme}`, email_verified: true });
    expectRefused(
      await signIn(env, { tenant: squatter.slug, providerId: squatterIdp, account: victim, redirectUri: REDIRECT }),
      'domain_not_verified',
    );

    // The real owner still configures, claims and proves it.
    const ownerIdp = await provider(owner, [acme]);
    const claimed = await claim(acme, owner.token);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    env.dns.setTxt(claimed.body.verification.name, [claimed.body.verification.value]);
    const verified = await verify(claimed.body.id, owner.token);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.status).toBe('verified');

    // Discovery sends acme's people to the owner, never to the squatter.
    expect(await discover(`ceo@${acme}`)).toEqual(routedTo(owner, ownerIdp));
    expect(await discover(`CFO@${acme.toUpperCase()}`)).toEqual(routedTo(owner, ownerIdp));
    // The squatter's pending claim is gone, and it cannot claim the domain again.
    expectProblem(await get(squatted.body.id, squatter.token), 404, 'NOT_FOUND');
    expectProblem(await verify(squatted.body.id, squatter.token), 404, 'NOT_FOUND');
    expect(await list(squatter.token)).toEqual([]);
    const again = await claim(acme, squatter.token);
    expectProblem(again, 409, 'DOMAIN_TAKEN');
    expect(again.body.errors).toEqual([{ field: 'domain', message: expect.any(String) }]);
    expect(JSON.stringify(again.body)).not.toContain(owner.slug);
    expectRefused(
      await signIn(env, { tenant: squatter.slug, providerId: squatterIdp, account: victim, redirectUri: REDIRECT }),
      'domain_not_verified',
    );
    expect(
      await exchange(await signIn(env, { tenant: owner.slug, providerId: ownerIdp, account: victim, redirectUri: REDIRECT })),
    ).toMatchObject({ email: `victim@${acme}` });
  });

  it('claims a domain as pending with a TXT challenge, and verifies it only when the record holds the value', async () => {
    const domain = domainOf('flow');
    const created = await claim(`  ${domain.toUpperCase()} `);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, verification } = created.body;
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      domain,
      status: 'pending',
      verification: { type: 'dns-txt', name: `_stratum-challenge.${domain}`, value: expect.stringMatching(/^\S{32,}$/) },
      createdAt: expect.stringMatching(ISO),
      verifiedAt: null,
      expiresAt: expect.stringMatching(ISO),
    });
    const lifetime = Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt);
    expect(Math.round(lifetime / 86_400_000)).toBe(7);
    expect((await get(id)).body).toEqual(created.body);
    expect((await list()).map((d) => d.id)).toContain(id);

    // No such name (NXDOMAIN).
    const missing = await verify(id);
    expectProblem(missing, 409, 'DOMAIN_NOT_VERIFIED');
    expect(missing.body).toMatchObject({ found: [], dnsError: 'NXDOMAIN', expected: verification });
    // The name exists without a TXT record.
    env.dns.setEmpty(verification.name);
    expect((await verify(id)).body).toMatchObject({ code: 'DOMAIN_NOT_VERIFIED', found: [], dnsError: 'NODATA' });
    // Other TXT records, a wrong value, a value of another length.
    env.dns.setTxt(verification.name, ['v=spf1 -all', `${verification.value}x`, verification.value.slice(1)]);
    const wrong = await verify(id);
    expectProblem(wrong, 409, 'DOMAIN_NOT_VERIFIED');
    expect(wrong.body.found).toEqual(['v=spf1 -all', `${verification.value}x`, verification.value.slice(1)]);
    expect(wrong.body.dnsError).toBeNull();
    // A server that never answers: the lookup times out (DNS_TIMEOUT_MS) rather than hanging the request.
    env.dns.setSilent(verification.name);
    const started = Date.now();
    expect((await verify(id)).body).toMatchObject({ code: 'DOMAIN_NOT_VERIFIED', found: [], dnsError: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
    env.dns.remove(verification.name);
    expect(await discover(`someone@${domain}`)).toEqual(NO_SSO);
    expect((await get(id)).body.status).toBe('pending');

    // The value among other records proves it.
    env.dns.setTxt(verification.name, ['google-site-verification=abc', verification.value]);
    const ok = await verify(id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ id, domain, status: 'verified', verification, expiresAt: null });
    expect(Date.now() - Date.parse(ok.body.verifiedAt)).toBeLessThan(60_000);
    expect((await get(id)).body).toEqual(ok.body);
    // Verifying again changes nothing, even once the record is gone.
    env.dns.remove(verification.name);
    expect((await verify(id)).body).toEqual(ok.body);

    // Every change is in the audit trail, with the claim as resource; failed checks too (those are
    // written once the failed request has ended, hence the polling).
    type Event = { action: string; outcome: string; errorCode: string | null; resource: unknown };
    const events = await eventually(async () => {
      const res = await env.api.call('GET', `/api/v1/audit-events?resourceId=${id}&limit=50`, { token: t.token });
      return res.body.items.length >= 7 && (res.body.items as Event[]);
    });
    const actions = events.map((e) => [e.action, e.outcome, e.errorCode].join(' '));
    expect(actions.filter((a: string) => a === 'sso_domain.claimed success ')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'sso_domain.verified failure DOMAIN_NOT_VERIFIED')).toHaveLength(4);
    expect(actions.filter((a: string) => a === 'sso_domain.verified success ')).toHaveLength(2);
    expect(events.find((e) => e.action === 'sso_domain.claimed')!.resource).toEqual({
      type: 'sso_domain',
      id,
    });

    const removed = await env.api.call('DELETE', `/api/v1/sso/domains/${id}`, { token: t.token });
    expect(removed.status).toBe(204);
    expectProblem(await get(id), 404, 'NOT_FOUND');
    expect((await list()).map((d) => d.id)).not.toContain(id);
    const deleted = await env.api.call('GET', `/api/v1/audit-events?action=sso_domain.deleted&resourceId=${id}`, {
      token: t.token,
    });
    expect(deleted.body.items).toHaveLength(1);
    expect(deleted.body.items[0].changes.before).toMatchObject({ domain, status: 'verified' });
  });

  it('refuses public mail domains and malformed names, and stores internationalised names as punycode', async () => {
    for (const domain of [
      'gmail.com',
      'GMail.com',
      'googlemail.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'gmx.de',
      'gmx.net',
      'yandex.ru',
      'mail.ru',
      'qq.com',
      'mail.gmail.com',
    ]) {
      const res = await claim(domain);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors, domain).toEqual([{ field: 'domain', message: expect.stringMatching(/public|mail/i) }]);
    }
    for (const domain of [
      'localhost',
      'acme.test.',
      '.acme.test',
      '-acme.test',
      'acme-.test',
      'ac me.test',
      'acme..test',
      'acme_x.test',
      '192.168.1.1',
      'https://acme.test',
      'x@acme.test',
      `${'a'.repeat(64)}.test`,
      `${'abcdefghi.'.repeat(26)}test`,
      '',
      42,
    ]) {
      const res = await claim(domain);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(domain),
      ).toEqual(['domain']);
    }
    const idn = `bücher-${randomBytes(3).toString('hex')}.test`;
    const created = await claim(idn);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.domain).toBe(domainToASCII(idn));
    expect(created.body.domain).toMatch(/^xn--/);
    expect(created.body.verification.name).toBe(`_stratum-challenge.${domainToASCII(idn)}`);
  });

  it('lets several tenants hold pending claims on one domain; the first to prove it takes it', async () => {
    const domain = domainOf('contested');
    const [a, b, c] = [t, await createTenant(env.api, root), await createTenant(env.api, root)];
    const claims = [];
    for (const tenant of [a, b, c]) {
      const res = await claim(domain, tenant.token);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      claims.push(res.body);
    }
    expect(new Set(claims.map((x) => x.verification.value)).size).toBe(3);
    // A tenant claims a domain once.
    expectProblem(await claim(domain, b.token), 409, 'CONFLICT');

    // b's challenge is published: b proves it; a's and c's claims go.
    env.dns.setTxt(claims[1].verification.name, [claims[1].verification.value]);
    expect((await verify(claims[1].id, b.token)).status).toBe(200);
    expectProblem(await get(claims[0].id, a.token), 404, 'NOT_FOUND');
    expectProblem(await verify(claims[2].id, c.token), 404, 'NOT_FOUND');
    expectProblem(await claim(domain, a.token), 409, 'DOMAIN_TAKEN');
    const rows = await pg.query(`SELECT tenant_id, status FROM platform.sso_domain_claims WHERE domain = $1`, [domain]);
    expect(rows.rows).toEqual([{ tenant_id: b.id, status: 'verified' }]);

    // Once b lets it go, it is open again.
    expect((await env.api.call('DELETE', `/api/v1/sso/domains/${claims[1].id}`, { token: b.token })).status).toBe(204);
    expect((await claim(domain, c.token)).status).toBe(201);
    // A deleted tenant's verified domain can be claimed and proven by another.
    const leaver = await createTenant(env.api, root);
    const left = domainOf('left');
    await verifyDomain(env, leaver.token, left);
    expectProblem(await claim(left, a.token), 409, 'DOMAIN_TAKEN');
    const deleted = await env.api.call('DELETE', `/api/v1/platform/tenants/${leaver.id}`, { token: root });
    expect(deleted.status, JSON.stringify(deleted.body)).toBeLessThan(300);
    await verifyDomain(env, a.token, left);
  });

  it('stops listing an unproven claim after 7 days and refuses to verify it; claiming again starts afresh', async () => {
    const domain = domainOf('stale');
    const created = await claim(domain);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    env.dns.setTxt(created.body.verification.name, [created.body.verification.value]);
    await pg.query(
      `UPDATE platform.sso_domain_claims SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [created.body.id],
    );
    expect((await list()).map((d) => d.id)).not.toContain(created.body.id);
    expectProblem(await get(created.body.id), 404, 'NOT_FOUND');
    expectProblem(await verify(created.body.id), 404, 'NOT_FOUND');
    expect(await discover(`x@${domain}`)).toEqual(NO_SSO);

    const fresh = await claim(domain);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.id).not.toBe(created.body.id);
    expect(fresh.body.verification.value).not.toBe(created.body.verification.value);
    // The old value in DNS does not prove the new claim.
    expectProblem(await verify(fresh.body.id), 409, 'DOMAIN_NOT_VERIFIED');
  });

  it('is for tenants whose plan has SSO: sso:read to look, sso:manage to change, never under impersonation', async () => {
    const member = async (roles: string[]) => {
      const email = `${randomBytes(4).toString('hex')}@${t.slug}.test`;
      const password = 'a-long-enough-password-42';
      const res = await env.api.call('POST', '/api/v1/users', { token: t.token, body: { email, name: email, password, roles } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return login(env.api, t.slug, email, password);
    };
    const viewer = await member(['viewer']);
    const plain = await member(['member']);
    const mine = await claim(domainOf('perm'));
    expect((await get(mine.body.id, viewer)).status).toBe(200);
    expect((await env.api.call('GET', '/api/v1/sso/domains', { token: viewer })).status).toBe(200);
    expectProblem(await claim(domainOf('perm'), viewer), 403, 'FORBIDDEN');
    expectProblem(await verify(mine.body.id, viewer), 403, 'FORBIDDEN');
    expectProblem(await env.api.call('DELETE', `/api/v1/sso/domains/${mine.body.id}`, { token: viewer }), 403, 'FORBIDDEN');
    expectProblem(await env.api.call('GET', '/api/v1/sso/domains', { token: plain }), 403, 'FORBIDDEN');
    // Another tenant's claim is not found.
    const other = await createTenant(env.api, root);
    expectProblem(await get(mine.body.id, other.token), 404, 'NOT_FOUND');
    expectProblem(await env.api.call('DELETE', `/api/v1/sso/domains/${mine.body.id}`, { token: other.token }), 404, 'NOT_FOUND');

    const slug = uniqueSlug('starter');
    const admin = { email: `admin@${slug}.test`, name: 'Admin', password: 'starter-owner-passphrase-9' };
    const starter = await env.api.call('POST', '/api/v1/platform/tenants', {
      token: root,
      body: { name: 'Starter', slug, plan: 'starter', admin },
    });
    expect(starter.status, JSON.stringify(starter.body)).toBe(201);
    const token = await login(env.api, slug, admin.email, admin.password);
    const res = await claim(domainOf('starter'), token);
    expectProblem(res, 403, 'FEATURE_NOT_IN_PLAN');
    expect(res.body.feature).toBe('sso');

    await env.api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
      token: root,
      body: { settings: { supportAccess: 'always' } },
    });
    const adminId = JSON.parse(Buffer.from(t.token.split('.')[1], 'base64url').toString()).sub;
    const started = await env.api.call('POST', '/api/v1/platform/impersonations', {
      token: root,
      body: { tenantId: t.id, userId: adminId, reason: 'Ticket 7: checking SSO domains' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect((await get(mine.body.id, started.body.accessToken)).status).toBe(200);
    expectProblem(await claim(domainOf('imp'), started.body.accessToken), 403, 'IMPERSONATION_FORBIDDEN');
    expectProblem(await verify(mine.body.id, started.body.accessToken), 403, 'IMPERSONATION_FORBIDDEN');
  });

  it('routes discovery, links, provisions and enforces SSO only for verified domains', async () => {
    const tenant = await createTenant(env.api, root);
    const domain = domainOf('corp');
    const idp = await provider(tenant, [domain]);
    const password = 'correct-horse-battery-42';
    const existing = await env.api.call('POST', '/api/v1/users', {
      token: tenant.token,
      body: { email: `ada@${domain}`, name: 'Ada', password },
    });
    expect(existing.status, JSON.stringify(existing.body)).toBe(201);
    const outsider = await env.api.call('POST', '/api/v1/users', {
      token: tenant.token,
      body: { email: `contractor@${domainOf('agency')}`, name: 'Contractor', password },
    });
    expect(outsider.status, JSON.stringify(outsider.body)).toBe(201);
    const passwordLogin = (email: string) =>
      env.api.call('POST', '/api/v1/auth/login', { tenant: tenant.slug, body: { email, password } });
    const enforced = await env.api.call('PATCH', '/api/v1/tenant', {
      token: tenant.token,
      body: { settings: { ssoEnforced: true } },
    });
    expect(enforced.status, JSON.stringify(enforced.body)).toBe(200);

    const ada = env.idp.addAccount({ sub: unique('ada'), email: `ada@${domain}`, email_verified: true });
    const newcomer = env.idp.addAccount({ sub: unique('new'), email: `new@${domain}`, email_verified: true });
    const start = (account: string) => signIn(env, { tenant: tenant.slug, providerId: idp, account, redirectUri: REDIRECT });

    // Unproven: no discovery, no linking, no provisioning, and the password still works.
    const claimed = await claim(domain, tenant.token);
    expect(await discover(`ada@${domain}`)).toEqual(NO_SSO);
    expectRefused(await start(ada), 'domain_not_verified');
    expectRefused(await start(newcomer), 'domain_not_verified');
    expect((await passwordLogin(`ada@${domain}`)).status).toBe(200);

    // Proven: discovery routes to the provider, sign-in links and provisions, passwords are refused there.
    env.dns.setTxt(claimed.body.verification.name, [claimed.body.verification.value]);
    expect((await verify(claimed.body.id, tenant.token)).status).toBe(200);
    expect(await discover(`ada@${domain}`)).toEqual(routedTo(tenant, idp));
    expect((await exchange(await start(ada))).id).toBe(existing.body.id);
    expect((await exchange(await start(newcomer))).email).toBe(`new@${domain}`);
    expectProblem(await passwordLogin(`ada@${domain}`), 403, 'SSO_REQUIRED');
    expectProblem(await passwordLogin(`nobody@${domain}`), 403, 'SSO_REQUIRED');
    // Addresses outside the tenant's verified domains keep their password.
    expect((await passwordLogin(outsider.body.email)).status).toBe(200);
    expectProblem(await passwordLogin(`nobody@${domainOf('elsewhere')}`), 401, 'INVALID_CREDENTIALS');

    // Without the claim, linked accounts still sign in; nobody new is linked or provisioned.
    expect((await env.api.call('DELETE', `/api/v1/sso/domains/${claimed.body.id}`, { token: tenant.token })).status).toBe(204);
    expect(await discover(`ada@${domain}`)).toEqual(NO_SSO);
    expect((await exchange(await start(ada))).id).toBe(existing.body.id);
    const late = env.idp.addAccount({ sub: unique('late'), email: `late@${domain}`, email_verified: true });
    expectRefused(await start(late), 'domain_not_verified');
    expect((await passwordLogin(`ada@${domain}`)).status).toBe(200);
  });

  it('upgrading turns the first-come claims of earlier versions into pending claims with fresh tokens', async () => {
    const Migration = MIGRATIONS.platform.find((m) => m.name === 'VerifiedSsoDomains1795419990001')!;
    const migration = new (Migration as new () => MigrationInterface)();
    // Down and up again inside a transaction that is rolled back: the database is left as it was.
    const client = new Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const runner = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as QueryRunner;
    const [first, second] = [domainOf('legacy'), domainOf('legacy')];
    try {
      await client.query('BEGIN');
      await migration.down(runner);
      await client.query(
        `INSERT INTO platform.sso_domains (domain, tenant_id, provider_id) VALUES ($1, $3, gen_random_uuid()), ($2, $3, gen_random_uuid())`,
        [first, second, t.id],
      );
      await migration.up(runner);
      const { rows } = await client.query(
        `SELECT domain, tenant_id, status, token, verified_at, extract(epoch FROM expires_at - created_at)::int AS ttl
           FROM platform.sso_domain_claims WHERE domain = ANY($1) ORDER BY domain`,
        [[first, second].sort()],
      );
      expect(rows).toEqual(
        [first, second].sort().map((domain) => ({
          domain,
          tenant_id: t.id,
          status: 'pending',
          token: expect.stringMatching(/^stratum-domain-verification=[0-9a-f]{64}$/),
          verified_at: null,
          ttl: 7 * 86_400,
        })),
      );
      expect(rows[0].token).not.toBe(rows[1].token);
      expect((await client.query(`SELECT to_regclass('platform.sso_domains') AS old`)).rows).toEqual([{ old: null }]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
