import { TenantUsersService } from '@stratum/identity';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import * as jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { SUPERADMIN } from '../support/config';
import { createTenant, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { comparableProblem } from '../support/problems';
import { TokenPair, expectTokenPair } from '../support/tokens';

interface TenantClaims {
  sub: string;
  tid: string;
  sid: string;
  aud: string;
  iss: string;
  iat: number;
  exp: number;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectUnauthenticated(res: Reply, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code, what).toBe('UNAUTHENTICATED');
}

describe('authentication', () => {
  let api: TestApi;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let tenantA: Tenant;
  const password = 'user-password-long-enough';

  const tenantLogin = (t: TestTenant, email: string, pw: string) =>
    api.call<TokenPair>('POST', '/api/v1/auth/login', { tenant: t.slug, body: { email, password: pw } });
  const tenantRefresh = (t: TestTenant, refreshToken: string) =>
    api.call<TokenPair>('POST', '/api/v1/auth/refresh', { tenant: t.slug, body: { refreshToken } });
  const platformLogin = (email: string, pw: string) =>
    api.call<TokenPair>('POST', '/api/v1/platform/auth/login', { body: { email, password: pw } });
  const platformRefresh = (refreshToken: string) =>
    api.call<TokenPair>('POST', '/api/v1/platform/auth/refresh', { body: { refreshToken } });
  const projects = (token: string) => api.call('GET', '/api/v1/projects', { token });

  /** Creates an active user in tenant A directly through the product's service. */
  const createUser = (email: string, pw: string | null = password) =>
    api.app
      .get(TenantDatabase)
      .run(tenantA, (em) =>
        api.app.get(TenantUsersService).create(em, { email, name: email, password: pw ?? undefined, systemRoles: ['member'] }),
      );

  const setStatus = (email: string, status: string) =>
    api.app.get(TenantDatabase).run(tenantA, (em) => em.query('UPDATE users SET status = $2 WHERE email = $1', [email, status]));

  beforeAll(async () => {
    api = await startApi();
    root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    tenantA = (await api.app.get(TenantRegistry).find(a.id))!;
  });

  afterAll(() => api?.close());

  describe('login', () => {
    it('logs platform staff in with a token pair for the platform audience', async () => {
      const pair = expectTokenPair(await platformLogin(SUPERADMIN.email, SUPERADMIN.password));
      const claims = jwt.decode(pair.accessToken, { complete: true })!;
      expect(claims.header).toMatchObject({ alg: 'HS256' });
      expect(claims.payload).toMatchObject({
        iss: 'stratum',
        aud: 'stratum:platform',
        roles: ['super_admin'],
        sid: expect.any(String),
      });
      const payload = claims.payload as jwt.JwtPayload;
      expect(payload.exp! - payload.iat!).toBe(900);
      const tenants = await api.call('GET', '/api/v1/platform/tenants', { token: pair.accessToken });
      expect(tenants.status).toBe(200);
    });

    it('logs a tenant user in, whatever the case of the email', async () => {
      const pair = expectTokenPair(await tenantLogin(a, a.admin.email.toUpperCase(), a.admin.password));
      expect(jwt.decode(pair.accessToken)).toMatchObject({
        iss: 'stratum',
        aud: 'stratum:tenant',
        tid: a.id,
        sub: expect.any(String),
      });
      expect((await projects(pair.accessToken)).status).toBe(200);
      // Each login is its own session, with its own refresh token.
      const again = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      expect(again.refreshToken).not.toBe(pair.refreshToken);
      expect((jwt.decode(again.accessToken) as TenantClaims).sid).not.toBe((jwt.decode(pair.accessToken) as TenantClaims).sid);
    });

    it('answers an unknown email, a wrong password and inactive accounts with the same 401', async () => {
      const deactivated = `deactivated-${uniqueSlug()}@a.test`;
      const invited = `invited-${uniqueSlug()}@a.test`;
      await createUser(deactivated);
      await createUser(invited, null); // no password: status 'invited'
      expect((await tenantLogin(a, deactivated, password)).status).toBe(200);
      await setStatus(deactivated, 'deactivated');

      const failures = {
        unknownEmail: await tenantLogin(a, `nobody-${uniqueSlug()}@a.test`, password),
        wrongPassword: await tenantLogin(a, a.admin.email, `${a.admin.password}-wrong`),
        deactivated: await tenantLogin(a, deactivated, password),
        invited: await tenantLogin(a, invited, password),
        otherTenantsUser: await tenantLogin(b, a.admin.email, a.admin.password),
      };
      const reference = comparableProblem(failures.unknownEmail);
      expect(reference).toEqual({
        status: 401,
        code: 'INVALID_CREDENTIALS',
        title: 'Invalid credentials',
        detail: expect.any(String),
      });
      for (const [what, res] of Object.entries(failures)) {
        expect(res.status, what).toBe(401);
        expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
        expect(comparableProblem(res), what).toEqual(reference);
        expect(res.body).not.toHaveProperty('accessToken');
      }
    });

    it('answers platform login failures with the same 401', async () => {
      const unknown = await platformLogin(`nobody-${uniqueSlug()}@stratum.test`, SUPERADMIN.password);
      const wrong = await platformLogin(SUPERADMIN.email, `${SUPERADMIN.password}-wrong`);
      const tenantUser = await platformLogin(a.admin.email, a.admin.password);
      expect(comparableProblem(unknown)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
      expect(comparableProblem(wrong)).toEqual(comparableProblem(unknown));
      expect(comparableProblem(tenantUser)).toEqual(comparableProblem(unknown));
    });
  });

  describe('refresh', () => {
    it('rotates a tenant refresh token: each works once, for its successor', async () => {
      const first = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      const second = expectTokenPair(await tenantRefresh(a, first.refreshToken));
      expect(second.refreshToken).not.toBe(first.refreshToken);
      const claims = jwt.decode(second.accessToken) as TenantClaims;
      expect(claims).toMatchObject({ tid: a.id, sid: (jwt.decode(first.accessToken) as TenantClaims).sid });
      expect((await projects(second.accessToken)).status).toBe(200);
      const third = expectTokenPair(await tenantRefresh(a, second.refreshToken));
      expect((await projects(third.accessToken)).status).toBe(200);
    });

    it('treats a spent refresh token presented again as theft: the whole session is revoked at once', async () => {
      const first = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      const second = expectTokenPair(await tenantRefresh(a, first.refreshToken));
      const replay = await tenantRefresh(a, first.refreshToken);
      expectUnauthenticated(replay, 'spent refresh token');
      expect(replay.body).not.toHaveProperty('accessToken');
      // The legitimate holder's newer tokens die with the session.
      expectUnauthenticated(await tenantRefresh(a, second.refreshToken), 'successor of a replayed token');
      expect((await projects(second.accessToken)).status).toBe(401);
      // Other sessions of the same user are untouched.
      const other = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      expect((await projects(other.accessToken)).status).toBe(200);
    });

    it('refuses a refresh token in another tenant, at the platform, or made up', async () => {
      const pair = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      expectUnauthenticated(await tenantRefresh(b, pair.refreshToken), 'refresh token of A at tenant B');
      expectUnauthenticated(await platformRefresh(pair.refreshToken), 'tenant refresh token at the platform');
      expectUnauthenticated(await tenantRefresh(a, `rt_${'A'.repeat(43)}`), 'made-up refresh token');
      // None of these spent it.
      expectTokenPair(await tenantRefresh(a, pair.refreshToken));
    });

    it("refuses a deactivated user's refresh token", async () => {
      const email = `refresh-deactivated-${uniqueSlug()}@a.test`;
      await createUser(email);
      const pair = expectTokenPair(await tenantLogin(a, email, password));
      await setStatus(email, 'deactivated');
      expectUnauthenticated(await tenantRefresh(a, pair.refreshToken), 'deactivated user refresh');
    });

    it('rotates a platform refresh token the same way', async () => {
      const first = expectTokenPair(await platformLogin(SUPERADMIN.email, SUPERADMIN.password));
      const second = expectTokenPair(await platformRefresh(first.refreshToken));
      expect(jwt.decode(second.accessToken)).toMatchObject({ aud: 'stratum:platform', roles: ['super_admin'] });
      expect((await api.call('GET', '/api/v1/platform/tenants', { token: second.accessToken })).status).toBe(200);
      expectTokenPair(await platformRefresh(second.refreshToken));
      expectUnauthenticated(await platformRefresh(first.refreshToken), 'spent platform refresh token');
      // A platform refresh token is no tenant's.
      const other = expectTokenPair(await platformLogin(SUPERADMIN.email, SUPERADMIN.password));
      expectUnauthenticated(await tenantRefresh(a, other.refreshToken), 'platform refresh token at a tenant');
    });
  });

  describe('logout', () => {
    it('ends the tenant session: its access token is refused at once, its refresh token too, other sessions live on', async () => {
      const session = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      const other = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      expect((await projects(session.accessToken)).status).toBe(200);

      const out = await api.call('POST', '/api/v1/auth/logout', { token: session.accessToken });
      expect(out.status, JSON.stringify(out.body)).toBe(204);
      expect(out.body).toBe('');

      expectUnauthenticated(await projects(session.accessToken), 'access token after logout');
      expectUnauthenticated(await api.call('GET', '/api/v1/permissions', { token: session.accessToken }), 'after logout');
      expectUnauthenticated(await api.call('POST', '/api/v1/auth/logout', { token: session.accessToken }), 'second logout');
      expectUnauthenticated(await tenantRefresh(a, session.refreshToken), 'refresh token after logout');

      expect((await projects(other.accessToken)).status).toBe(200);
    });

    it('refuses logout without a token', async () => {
      expectUnauthenticated(await api.call('POST', '/api/v1/auth/logout', { tenant: a.slug }), 'anonymous logout');
    });

    it('ends a platform session the same way', async () => {
      const session = expectTokenPair(await platformLogin(SUPERADMIN.email, SUPERADMIN.password));
      expect((await api.call('GET', '/api/v1/platform/tenants', { token: session.accessToken })).status).toBe(200);
      const out = await api.call('POST', '/api/v1/platform/auth/logout', { token: session.accessToken });
      expect(out.status, JSON.stringify(out.body)).toBe(204);
      expectUnauthenticated(
        await api.call('GET', '/api/v1/platform/tenants', { token: session.accessToken }),
        'after platform logout',
      );
      expectUnauthenticated(await platformRefresh(session.refreshToken), 'platform refresh after logout');
      // The shared super admin's other sessions are untouched.
      expect((await api.call('GET', '/api/v1/platform/tenants', { token: root })).status).toBe(200);
    });

    it('a tenant token cannot log out of the platform, nor a platform token out of a tenant', async () => {
      const tenantPair = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      const platform = expectTokenPair(await platformLogin(SUPERADMIN.email, SUPERADMIN.password));
      const wrongSide = await api.call('POST', '/api/v1/platform/auth/logout', { token: tenantPair.accessToken });
      expect(wrongSide.status).toBe(403);
      const otherSide = await api.call('POST', '/api/v1/auth/logout', { token: platform.accessToken, tenant: a.slug });
      expect(otherSide.status).toBe(403);
      // Both sessions still work.
      expect((await projects(tenantPair.accessToken)).status).toBe(200);
      expect((await api.call('GET', '/api/v1/platform/tenants', { token: platform.accessToken })).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let claims: TenantClaims;
    let secret: string;
    const now = () => Math.floor(Date.now() / 1000);
    /** Signs claims as the product would, unless told otherwise. */
    const sign = (payload: object, key = secret, algorithm: jwt.Algorithm = 'HS256') => jwt.sign(payload, key, { algorithm });

    beforeAll(async () => {
      secret = api.config.JWT_SECRET;
      const pair = expectTokenPair(await tenantLogin(a, a.admin.email, a.admin.password));
      claims = jwt.decode(pair.accessToken) as TenantClaims;
    });

    it('accepts a token made by hand with the right secret and claims (so the refusals below are about one thing each)', async () => {
      const token = sign({ ...claims, iat: now(), exp: now() + 300 });
      const res = await projects(token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });

    it('refuses tampered, forged, expired and garbage tokens with the same 401', async () => {
      const fresh = { ...claims, iat: now(), exp: now() + 300 };
      const valid = sign(fresh);
      const [h, p, s] = valid.split('.');
      const tokens: Record<string, string> = {
        'alg none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(fresh)}.`,
        'alg none, signature kept': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(fresh)}.${s}`,
        'other secret': sign(fresh, 'another-secret-of-sufficient-length-0123456789'),
        'HS512 with the right secret': sign(fresh, secret, 'HS512'),
        expired: sign({ ...claims, iat: now() - 3600, exp: now() - 1800 }),
        'not yet valid': sign({ ...fresh, nbf: now() + 600 }),
        'wrong issuer': sign({ ...fresh, iss: 'someone-else' }),
        'wrong audience': sign({ ...fresh, aud: 'stratum:other' }),
        'platform audience without roles': sign({ ...fresh, aud: 'stratum:platform' }),
        'no session id': sign({ ...fresh, sid: undefined }),
        'payload edited, signature kept': `${h}.${b64url({ ...fresh, sub: '00000000-0000-4000-8000-000000000000' })}.${s}`,
        'signature flipped': `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
        'signature missing': `${h}.${p}.`,
        garbage: 'abc',
        'two parts': `${h}.${p}`,
      };
      const bodies: ReturnType<typeof comparableProblem>[] = [];
      for (const [what, token] of Object.entries(tokens)) {
        const res = await projects(token);
        expectUnauthenticated(res, what);
        expect(res.body).not.toHaveProperty('items');
        bodies.push(comparableProblem(res));
      }
      // Whatever was wrong, the caller learns nothing more.
      for (const body of bodies) expect(body).toEqual(bodies[0]);
    });

    it('refuses requests without a bearer token', async () => {
      for (const authorization of [
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        'Token abc',
      ]) {
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        expectUnauthenticated(await api.call('GET', '/api/v1/projects', { headers }), `Authorization: ${authorization}`);
      }
    });

    it("does not let a token of tenant A, re-signed with tenant B's id, reach B's data", async () => {
      const secretOfB = await api.call('POST', '/api/v1/projects', {
        token: b.token,
        body: { name: `B secret ${uniqueSlug()}` },
      });
      expect(secretOfB.status).toBe(201);
      const forged = sign({ ...claims, tid: b.id, iat: now(), exp: now() + 300 });
      for (const [method, path] of [
        ['GET', '/api/v1/projects'],
        ['GET', `/api/v1/projects/${secretOfB.body.id}`],
        ['DELETE', `/api/v1/projects/${secretOfB.body.id}`],
        ['GET', '/api/v1/permissions'],
      ]) {
        const res = await api.call(method, path, { token: forged });
        expect([401, 403], `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
        expect(JSON.stringify(res.body)).not.toContain('B secret');
      }
      const still = await api.call('GET', `/api/v1/projects/${secretOfB.body.id}`, { token: b.token });
      expect(still.status).toBe(200);
    });

    it("refuses a deactivated user's still-valid access token on the next request", async () => {
      const email = `token-deactivated-${uniqueSlug()}@a.test`;
      await createUser(email);
      const token = await login(api, a.slug, email, password);
      expect((await projects(token)).status).toBe(200);
      await setStatus(email, 'deactivated');
      expectUnauthenticated(await projects(token), 'deactivated user, GET projects');
      expectUnauthenticated(await api.call('GET', '/api/v1/permissions', { token }), 'deactivated user, GET permissions');
      expectUnauthenticated(
        await api.call('POST', '/api/v1/projects', { token, body: { name: 'by a deactivated user' } }),
        'deactivated user, POST projects',
      );
      // Reactivated, the same token works again (it was refused for the account, not the token).
      await setStatus(email, 'active');
      expect((await projects(token)).status).toBe(200);
    });
  });
});
