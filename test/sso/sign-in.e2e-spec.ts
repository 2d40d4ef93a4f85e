import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenant, login, superAdminToken, type TestTenant } from '../support/fixtures';
import { problemOf, replay, signIn, startSsoEnv, verifyDomain, type SignIn, type SsoEnv } from './support/env';
import { DECLINE } from './support/identity-provider';

const CODE_TTL_SECONDS = 3;
const REDIRECT = 'https://app.customer.test/sso/done';
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

const schemaOf = (tenantId: string) => `t_${tenantId.replace(/-/g, '')}`;
const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;

/**
 * Signing in through a real OpenID Connect provider (oidc-provider over HTTPS), browser-less:
 * start → the provider's login → callback → one-time code → tokens → API calls. The generic and
 * Google paths run through openid-client, the Entra path through passport-azure-ad's OIDCStrategy.
 */
describe('single sign-on', () => {
  let env: SsoEnv;
  let pg: Client;
  let t: TestTenant;

  beforeAll(async () => {
    env = await startSsoEnv({ SSO_CODE_TTL_SECONDS: String(CODE_TTL_SECONDS) });
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    t = await createTenant(env.api, await superAdminToken(env.api));
  });

  afterAll(async () => {
    await pg?.end();
    await env?.close();
  });

  /** Configures a provider in tenant `t` through the API; answers its id. */
  const configure = async (body: Record<string, unknown>, tenant = t): Promise<string> => {
    const res = await env.api.call('POST', '/api/v1/sso/providers', {
      token: tenant.token,
      body: { name: 'Test IdP', redirectUris: [REDIRECT], ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  const exchange = (code: string | null) => env.api.call('POST', '/api/v1/auth/sso/exchange', { body: { code } });

  /** Signs in and exchanges the code: answers the tokens. */
  const signInFully = async (providerId: string, account: string) => {
    const s = await signIn(env, { tenant: t.slug, providerId, account, redirectUri: REDIRECT });
    expect(s.callback.status, s.callback.body).toBe(303);
    const res = await exchange(s.code);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { accessToken: string; refreshToken: string; expiresIn: number; tokenType: string };
  };

  const me = async (token: string) => {
    const res = await env.api.call('GET', '/api/v1/users/me', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  const expectRefused = (s: SignIn, reason: string) => {
    expect(s.callback.status, s.callback.body).toBe(401);
    expect(s.callback.location).toBeNull();
    expect(problemOf(s.callback)).toMatchObject({ code: 'SSO_FAILED', reason });
    expect(s.code).toBeNull();
  };

  const auditEvents = async (action: string) => {
    const res = await env.api.call('GET', `/api/v1/audit-events?action=${action}&limit=100`, { token: t.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as {
      actor: { id: string | null; email: string | null };
      outcome: string;
      metadata: any;
      resource: any;
    }[];
  };

  describe('generic OpenID Connect (openid-client)', () => {
    const domain = `${unique('oidc')}.test`;
    let providerId: string;

    beforeAll(async () => {
      providerId = await configure({
        type: 'oidc',
        issuer: env.idp.oidcIssuer,
        clientId: env.idp.clients.oidc.clientId,
        clientSecret: env.idp.clients.oidc.clientSecret,
        allowedDomains: [domain],
        autoProvision: true,
        defaultRole: 'viewer',
      });
      await verifyDomain(env, t.token, domain);
    });

    it('provisions a new user just in time with the default role; the code buys the same tokens as a password login', async () => {
      const email = `grace@${domain}`;
      const sub = env.idp.addAccount({ sub: unique('grace'), email, email_verified: true, name: 'Grace Hopper' });
      const s = await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT, clientState: 'client-xyz' });

      // The provider was asked for the code flow with state, nonce and PKCE (S256).
      expect(s.authorizationUrl.origin + s.authorizationUrl.pathname).toBe(`${env.idp.oidcIssuer}/auth`);
      for (const param of ['state', 'nonce', 'code_challenge']) expect(s.authorizationUrl.searchParams.get(param)).toBeTruthy();
      expect(s.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(s.authorizationUrl.searchParams.get('response_type')).toBe('code');
      expect(s.authorizationUrl.searchParams.get('redirect_uri')).toBe(env.callbackUrl);
      expect(s.callbackRequest.method).toBe('GET');

      // Back at the client with a one-time code and its own state; no token in any URL.
      expect(s.callback.status, s.callback.body).toBe(303);
      const back = new URL(s.callback.location!);
      expect(back.origin + back.pathname).toBe(REDIRECT);
      expect([...back.searchParams.keys()].sort()).toEqual(['code', 'state']);
      expect(back.searchParams.get('state')).toBe('client-xyz');
      for (const url of [s.start.location!, s.callbackRequest.url, s.callback.location!]) {
        expect(url).not.toMatch(JWT);
        expect(url).not.toMatch(/access_token|refresh_token|id_token|rt_/);
      }
      expect(s.callback.body).not.toMatch(JWT);

      const password = await env.api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: t.admin });
      const res = await exchange(s.code);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(password.body).sort());
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringMatching(/^rt_/) });

      const user = await me(res.body.accessToken);
      expect(user).toMatchObject({ email, name: 'Grace Hopper', status: 'active', emailVerified: true, roles: ['viewer'] });
      expect(user.tenant.id).toBe(t.id);
      // The default role, and nothing more: a viewer reads users but may not create them.
      expect((await env.api.call('GET', '/api/v1/users', { token: res.body.accessToken })).status).toBe(200);
      const create = await env.api.call('POST', '/api/v1/users', { token: res.body.accessToken, body: { email: `x@${domain}` } });
      expect(create.status).toBe(403);

      // A session, login history and audit events like a password login's.
      const sessions = await env.api.call('GET', '/api/v1/auth/sessions', { token: res.body.accessToken });
      expect(sessions.body.items).toHaveLength(1);
      const history = await env.api.call('GET', '/api/v1/auth/history', { token: res.body.accessToken });
      expect(history.body.items.map((e: { outcome: string; method: string }) => [e.outcome, e.method])).toEqual([
        ['success', 'sso:oidc'],
      ]);
      const [login] = (await auditEvents('auth.sso.login')).filter((e) => e.actor.id === user.id);
      expect(login).toMatchObject({ outcome: 'success', resource: { type: 'session', id: sessions.body.items[0].id } });
      expect(login.metadata).toMatchObject({ method: 'sso:oidc', providerId, provisioned: true, linked: false });
      const provisioned = (await auditEvents('auth.sso.user_provisioned')).filter((e) => e.resource.id === user.id);
      expect(provisioned).toHaveLength(1);
      expect(provisioned[0].metadata).toMatchObject({ providerId, role: 'viewer' });

      // The refresh token works like any other.
      const refreshed = await env.api.call('POST', '/api/v1/auth/refresh', {
        tenant: t.slug,
        body: { refreshToken: res.body.refreshToken },
      });
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    });

    it('recognises a returning account by (provider, subject), even when its email changed at the provider', async () => {
      const sub = env.idp.addAccount({ sub: unique('alan'), email: `alan@${domain}`, email_verified: true, name: 'Alan' });
      const first = await me((await signInFully(providerId, sub)).accessToken);
      env.idp.addAccount({ sub, email: `alan.turing@${domain}`, email_verified: true, name: 'Alan' });
      const second = await me((await signInFully(providerId, sub)).accessToken);
      expect(second.id).toBe(first.id);
      expect(second.email).toBe(`alan@${domain}`);
      const { rows } = await pg.query(
        `SELECT user_id, email FROM ${schemaOf(t.id)}.sso_identities WHERE provider_id = $1 AND subject = $2`,
        [providerId, sub],
      );
      expect(rows).toEqual([{ user_id: first.id, email: `alan.turing@${domain}` }]);
    });

    it('links an existing user by a verified email in an allowed domain, never by an unverified one', async () => {
      const email = `ada@${domain}`;
      const created = await env.api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Ada', password: 'ada-has-a-long-password-1' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const unverified = env.idp.addAccount({ sub: unique('ada-unverified'), email, email_verified: false });
      expectRefused(
        await signIn(env, { tenant: t.slug, providerId, account: unverified, redirectUri: REDIRECT }),
        'email_not_verified',
      );

      const verified = env.idp.addAccount({ sub: unique('ada'), email, email_verified: true });
      const user = await me((await signInFully(providerId, verified)).accessToken);
      expect(user.id).toBe(created.body.id);
      const linked = (await auditEvents('auth.sso.identity_linked')).filter((e) => e.resource.id === user.id);
      expect(linked).toHaveLength(1);
      // The password still works for a linked user (the tenant does not enforce SSO).
      await login(env.api, t.slug, email, 'ada-has-a-long-password-1');
    });

    it('refuses an email domain the provider does not allow, with a record of the attempt', async () => {
      const email = `mallory@${unique('elsewhere')}.test`;
      const sub = env.idp.addAccount({ sub: unique('mallory'), email, email_verified: true });
      expectRefused(await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT }), 'domain_not_allowed');
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM ${schemaOf(t.id)}.users WHERE email = $1`, [email]);
      expect(rows[0].n).toBe(0);
      const refused = (await auditEvents('auth.sso.login')).filter((e) => e.actor.email === email);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ outcome: 'failure', metadata: { reason: 'domain_not_allowed', providerId } });
      const { rows: history } = await pg.query(`SELECT outcome, method FROM ${schemaOf(t.id)}.login_events WHERE email = $1`, [
        email,
      ]);
      expect(history).toEqual([{ outcome: 'failure', method: 'sso:oidc' }]);
    });

    it('refuses a deactivated user, and a sign-in the person declined at the provider', async () => {
      const sub = env.idp.addAccount({ sub: unique('leaver'), email: `leaver@${domain}`, email_verified: true });
      const user = await me((await signInFully(providerId, sub)).accessToken);
      const deactivated = await env.api.call('POST', `/api/v1/users/${user.id}/deactivate`, { token: t.token });
      expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
      expectRefused(await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT }), 'account_inactive');
      expectRefused(await signIn(env, { tenant: t.slug, providerId, account: DECLINE, redirectUri: REDIRECT }), 'provider_error');
    });

    it('refuses an unknown user when the provider does not provision', async () => {
      const strictDomain = `${unique('strict')}.test`;
      const strict = await configure({
        type: 'oidc',
        issuer: env.idp.oidcIssuer,
        clientId: env.idp.clients.oidc.clientId,
        clientSecret: env.idp.clients.oidc.clientSecret,
        allowedDomains: [strictDomain],
      });
      await verifyDomain(env, t.token, strictDomain);
      const sub = env.idp.addAccount({ sub: unique('nobody'), email: `nobody@${strictDomain}`, email_verified: true });
      expectRefused(await signIn(env, { tenant: t.slug, providerId: strict, account: sub, redirectUri: REDIRECT }), 'no_account');
    });

    it('uses each answer of the provider once: a replayed or forged state is refused', async () => {
      const sub = env.idp.addAccount({ sub: unique('replay'), email: `replay@${domain}`, email_verified: true });
      const s = await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT });
      expect(s.callback.status, s.callback.body).toBe(303);
      const again = await replay(s.browser, s.callbackRequest);
      expect(again.status).toBe(401);
      expect(problemOf(again)).toMatchObject({ code: 'SSO_FAILED', reason: 'unknown_state' });
      const forged = new URL(s.callbackRequest.url);
      forged.searchParams.set('state', randomBytes(32).toString('base64url'));
      const forgedAnswer = await replay(s.browser, { method: 'GET', url: forged.href });
      expect(problemOf(forgedAnswer)).toMatchObject({ code: 'SSO_FAILED', reason: 'unknown_state' });
      // The first answer's code is still good.
      expect((await exchange(s.code)).status).toBe(200);
    });

    it('refuses an ID token that does not carry the nonce of this sign-in', async () => {
      const sub = env.idp.addAccount({ sub: unique('nonce'), email: `nonce@${domain}`, email_verified: true });
      const s = await signIn(env, {
        tenant: t.slug,
        providerId,
        account: sub,
        redirectUri: REDIRECT,
        tamper: (url) => url.searchParams.set('nonce', randomBytes(16).toString('base64url')),
      });
      expectRefused(s, 'invalid_response');
    });

    it('takes each one-time code once, and not after it expires', async () => {
      const sub = env.idp.addAccount({ sub: unique('codes'), email: `codes@${domain}`, email_verified: true });
      const first = await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT });
      expect((await exchange(first.code)).status).toBe(200);
      const reused = await exchange(first.code);
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe('INVALID_TOKEN');
      expect(reused.body).not.toHaveProperty('accessToken');

      const second = await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT });
      expect(second.code).toBeTruthy();
      // Waiting out the code's lifetime: time has to pass, there is nothing to poll.
      await new Promise((r) => setTimeout(r, CODE_TTL_SECONDS * 1000 + 500));
      const expired = await exchange(second.code);
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe('INVALID_TOKEN');

      const unknown = await exchange(`sso_${randomBytes(32).toString('base64url')}`);
      expect(unknown.body.code).toBe('INVALID_TOKEN');
    });

    it('signs users in through the provider while the tenant refuses their password (ssoEnforced)', async () => {
      const email = `enforced@${domain}`;
      const password = 'quartz-lantern-meadow-7';
      const created = await env.api.call('POST', '/api/v1/users', {
        token: t.token,
        body: { email, name: 'Enforced', password },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const setEnforced = (ssoEnforced: boolean) =>
        env.api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { ssoEnforced } } });
      expect((await setEnforced(true)).status).toBe(200);
      try {
        const refused = await env.api.call('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password } });
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('SSO_REQUIRED');
        const sub = env.idp.addAccount({ sub: unique('enforced'), email, email_verified: true });
        expect((await me((await signInFully(providerId, sub)).accessToken)).id).toBe(created.body.id);
      } finally {
        expect((await setEnforced(false)).status).toBe(200);
      }
    });

    it('sends the browser only to a registered redirect URI', async () => {
      const res = await env.api.call(
        'GET',
        `/api/v1/auth/sso/${t.slug}/${providerId}/start?redirectUri=${encodeURIComponent('https://evil.test/steal')}`,
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'redirectUri' }] });
      expect(res.headers.get('location')).toBeNull();
      const unknownProvider = await env.api.call(
        'GET',
        `/api/v1/auth/sso/${t.slug}/${randomUUID()}/start?redirectUri=${encodeURIComponent(REDIRECT)}`,
      );
      expect(unknownProvider.status).toBe(404);
    });
  });

  describe('Google Workspace (openid-client, hd claim)', () => {
    const domain = `${unique('workspace')}.test`;
    let providerId: string;

    beforeAll(async () => {
      providerId = await configure({
        type: 'google',
        clientId: env.idp.clients.google.clientId,
        clientSecret: env.idp.clients.google.clientSecret,
        allowedDomains: [domain],
        autoProvision: true,
      });
      await verifyDomain(env, t.token, domain);
    });

    it('signs in an account of an allowed Workspace domain, and asks Google for that domain', async () => {
      const sub = env.idp.addAccount({ sub: unique('g'), email: `lin@${domain}`, email_verified: true, hd: domain, name: 'Lin' });
      const s = await signIn(env, { tenant: t.slug, providerId, account: sub, redirectUri: REDIRECT });
      expect(s.authorizationUrl.searchParams.get('hd')).toBe(domain);
      expect(s.authorizationUrl.href.startsWith(`${env.idp.googleIssuer}/auth?`)).toBe(true);
      const res = await exchange(s.code);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await me(res.body.accessToken)).toMatchObject({ email: `lin@${domain}`, roles: ['member'] });
    });

    it('refuses an account outside the Workspace domains (no hd, or another hd)', async () => {
      const personal = env.idp.addAccount({ sub: unique('gmail'), email: `someone@${domain}`, email_verified: true });
      expectRefused(
        await signIn(env, { tenant: t.slug, providerId, account: personal, redirectUri: REDIRECT }),
        'hosted_domain_not_allowed',
      );
      const other = env.idp.addAccount({ sub: unique('other'), email: `x@${domain}`, email_verified: true, hd: 'other.test' });
      expectRefused(
        await signIn(env, { tenant: t.slug, providerId, account: other, redirectUri: REDIRECT }),
        'hosted_domain_not_allowed',
      );
    });
  });

  describe('Microsoft Entra ID (passport-azure-ad OIDCStrategy)', () => {
    const domain = `${unique('entra')}.test`;
    let providerId: string;

    const entraAccount = (name: string, extra: Record<string, unknown> = {}) =>
      env.idp.addAccount({
        sub: unique(name),
        email: `${name}@${domain}`,
        xms_edov: true,
        tid: env.idp.directoryId,
        name,
        ...extra,
      });

    beforeAll(async () => {
      providerId = await configure({
        type: 'entra',
        azureTenantId: env.idp.directoryId,
        clientId: env.idp.clients.entra.clientId,
        clientSecret: env.idp.clients.entra.clientSecret,
        allowedDomains: [domain],
        autoProvision: true,
        defaultRole: 'auditor',
      });
      await verifyDomain(env, t.token, domain);
    });

    it('signs in through the directory named by the provider, with form_post and PKCE, and provisions the user', async () => {
      const s = await signIn(env, {
        tenant: t.slug,
        providerId,
        account: entraAccount('satya'),
        redirectUri: REDIRECT,
        clientState: 's1',
      });
      // The library loaded the directory's own metadata (not "common") and asked for code + form_post.
      expect(s.authorizationUrl.href.startsWith(`${env.idp.entraIssuer}/auth?`)).toBe(true);
      const params = s.authorizationUrl.searchParams;
      expect(params.get('response_type')).toBe('code');
      expect(params.get('response_mode')).toBe('form_post');
      expect(params.get('code_challenge_method')).toBe('S256');
      for (const param of ['state', 'nonce', 'code_challenge']) expect(params.get(param)).toBeTruthy();
      expect(s.callbackRequest.method).toBe('POST');
      expect(s.callback.status, s.callback.body).toBe(303);
      expect(new URL(s.callback.location!).searchParams.get('state')).toBe('s1');

      const res = await exchange(s.code);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const user = await me(res.body.accessToken);
      expect(user).toMatchObject({ email: `satya@${domain}`, roles: ['auditor'], status: 'active' });
      const history = await env.api.call('GET', '/api/v1/auth/history', { token: res.body.accessToken });
      expect(history.body.items[0]).toMatchObject({ outcome: 'success', method: 'sso:entra' });
    });

    it('refuses a replayed form post and an ID token with another nonce', async () => {
      const account = entraAccount('replayer');
      const s = await signIn(env, { tenant: t.slug, providerId, account, redirectUri: REDIRECT });
      expect(s.callback.status, s.callback.body).toBe(303);
      const again = await replay(s.browser, s.callbackRequest);
      expect(problemOf(again)).toMatchObject({ code: 'SSO_FAILED', reason: 'unknown_state' });

      const tampered = await signIn(env, {
        tenant: t.slug,
        providerId,
        account,
        redirectUri: REDIRECT,
        tamper: (url) => url.searchParams.set('nonce', randomBytes(16).toString('hex')),
      });
      expectRefused(tampered, 'invalid_response');
    });

    it('refuses a token of another directory, and an email the directory does not vouch for', async () => {
      const foreign = entraAccount('foreign', { tid: randomUUID() });
      expectRefused(
        await signIn(env, { tenant: t.slug, providerId, account: foreign, redirectUri: REDIRECT }),
        'invalid_response',
      );
      const unvouched = entraAccount('unvouched', { xms_edov: false });
      expectRefused(
        await signIn(env, { tenant: t.slug, providerId, account: unvouched, redirectUri: REDIRECT }),
        'email_not_verified',
      );
    });
  });
});
