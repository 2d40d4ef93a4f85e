import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply, startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

const INSIDE = '203.0.113.7';
const INSIDE_V6 = '2001:db8:5::9';
const OUTSIDE = '198.51.100.1';
const ALLOWLIST = ['203.0.113.0/24', '2001:db8::/32'];

const via = (...hops: string[]) => ({ 'x-forwarded-for': hops.join(', ') });

function expectNotAllowed(res: Reply, ip: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ code: 'IP_NOT_ALLOWED', ip });
}

describe('network policy', () => {
  let direct: TestApi;
  let proxied: TestApi;
  let root: string;

  const patchTenant = async (tenant: TestTenant, body: Record<string, unknown>) => {
    const res = await direct.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, { token: root, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    // Registry lookups uncached, so a settings change is seen by both instances at once.
    direct = await startApi({ TENANT_CACHE_TTL_MS: '0' });
    proxied = await startApi({ TENANT_CACHE_TTL_MS: '0', TRUST_PROXY: 'loopback' });
    root = await superAdminToken(direct);
  });

  afterAll(async () => {
    await Promise.all([direct?.close(), proxied?.close()]);
  });

  describe('tenant IP allowlist', () => {
    let t: TestTenant;
    let apiKey: string;

    beforeAll(async () => {
      t = await createTenant(direct, root);
      const key = await direct.call('POST', '/api/v1/api-keys', {
        token: t.token,
        body: { name: 'ci', scopes: ['projects:read'] },
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      apiKey = key.body.secret;
      await patchTenant(t, { plan: 'enterprise', settings: { ipAllowlist: ALLOWLIST } });
    });

    it('behind a trusted proxy, allows a user from an allowed IPv4 or IPv6 address and refuses one from elsewhere', async () => {
      for (const ip of [INSIDE, INSIDE_V6]) {
        const res = await proxied.call('GET', '/api/v1/users/me', { token: t.token, headers: via(ip) });
        expect(res.status, `${ip} ${JSON.stringify(res.body)}`).toBe(200);
      }
      expectNotAllowed(await proxied.call('GET', '/api/v1/users/me', { token: t.token, headers: via(OUTSIDE) }), OUTSIDE);
    });

    it('judges the address the trusted proxy saw, not one the client wrote in front of it', async () => {
      // The client sends "X-Forwarded-For: INSIDE"; the proxy appends the address it saw.
      expectNotAllowed(await proxied.call('GET', '/api/v1/users/me', { token: t.token, headers: via(INSIDE, OUTSIDE) }), OUTSIDE);
      const relayed = await proxied.call('GET', '/api/v1/users/me', { token: t.token, headers: via(OUTSIDE, INSIDE) });
      expect(relayed.status).toBe(200);
    });

    it("applies to the tenant's login, and the audit trail records the client's address", async () => {
      expectNotAllowed(
        await proxied.call('POST', '/api/v1/auth/login', { tenant: t.slug, headers: via(OUTSIDE), body: t.admin }),
        OUTSIDE,
      );
      const ok = await proxied.call('POST', '/api/v1/auth/login', { tenant: t.slug, headers: via(INSIDE), body: t.admin });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const events = await proxied.call('GET', '/api/v1/audit-events?action=auth.login&limit=5', {
        token: ok.body.accessToken,
        headers: via(INSIDE),
      });
      expect(events.status, JSON.stringify(events.body)).toBe(200);
      const [latest] = events.body.items;
      expect(latest).toMatchObject({ action: 'auth.login', outcome: 'success', ip: INSIDE });
      expect(events.body.items.find((e: { outcome: string }) => e.outcome === 'failure')).toMatchObject({
        errorCode: 'IP_NOT_ALLOWED',
        ip: OUTSIDE,
      });
    });

    it('refuses an API key used from outside the list', async () => {
      const inside = await proxied.call('GET', '/api/v1/projects', { headers: { 'x-api-key': apiKey, ...via(INSIDE) } });
      expect(inside.status, JSON.stringify(inside.body)).toBe(200);
      expectNotAllowed(
        await proxied.call('GET', '/api/v1/projects', { headers: { 'x-api-key': apiKey, ...via(OUTSIDE) } }),
        OUTSIDE,
      );
    });

    it('ignores X-Forwarded-For when TRUST_PROXY is off: the connecting address is judged', async () => {
      expectNotAllowed(await direct.call('GET', '/api/v1/users/me', { token: t.token, headers: via(INSIDE) }), '127.0.0.1');
      const local = await createTenant(direct, root);
      await patchTenant(local, { plan: 'enterprise', settings: { ipAllowlist: ['127.0.0.0/8'] } });
      const res = await direct.call('GET', '/api/v1/users/me', { token: local.token, headers: via(OUTSIDE) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });

    it('leaves other tenants and platform routes alone', async () => {
      const other = await createTenant(direct, root);
      expect((await proxied.call('GET', '/api/v1/users/me', { token: other.token, headers: via(OUTSIDE) })).status).toBe(200);
      const staff = await proxied.call('GET', `/api/v1/platform/tenants/${t.id}`, { token: root, headers: via(OUTSIDE) });
      expect(staff.status, JSON.stringify(staff.body)).toBe(200);
    });

    it('is not enforced while the plan lacks ip_allowlist, and an emptied list lets everyone in', async () => {
      const lapsed = await createTenant(direct, root);
      await patchTenant(lapsed, { plan: 'enterprise', settings: { ipAllowlist: ALLOWLIST } });
      expectNotAllowed(await proxied.call('GET', '/api/v1/projects', { token: lapsed.token, headers: via(OUTSIDE) }), OUTSIDE);
      await patchTenant(lapsed, { plan: 'professional' });
      expect((await proxied.call('GET', '/api/v1/projects', { token: lapsed.token, headers: via(OUTSIDE) })).status).toBe(200);
      await patchTenant(lapsed, { plan: 'enterprise', settings: { ipAllowlist: [] } });
      expect((await proxied.call('GET', '/api/v1/projects', { token: lapsed.token, headers: via(OUTSIDE) })).status).toBe(200);
    });

    it('a tenant admin on an allowed address sets the list through the tenant profile', async () => {
      const own = await createTenant(direct, root);
      await patchTenant(own, { plan: 'enterprise' });
      const set = await proxied.call('PATCH', '/api/v1/tenant', {
        token: own.token,
        headers: via(INSIDE),
        body: { settings: { ipAllowlist: ['203.0.113.0/24'] } },
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expectNotAllowed(await proxied.call('GET', '/api/v1/tenant', { token: own.token, headers: via(OUTSIDE) }), OUTSIDE);
      // Without X-Forwarded-For the loopback proxy itself is the client, and it is outside the list.
      expectNotAllowed(await proxied.call('POST', '/api/v1/auth/login', { tenant: own.slug, body: own.admin }), '127.0.0.1');
    });
  });

  describe('CORS', () => {
    let cors: TestApi;
    const ALLOWED = 'https://app.example.com';

    beforeAll(async () => {
      cors = await startApi({ CORS_ORIGINS: `${ALLOWED}, https://admin.example.com` });
    });

    afterAll(async () => {
      await cors?.close();
    });

    const preflight = (api: TestApi, origin: string) =>
      api.call('OPTIONS', '/api/v1/users', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-tenant',
        },
      });

    it('answers a preflight from an allowed origin', async () => {
      const res = await preflight(cors, ALLOWED);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-tenant');
      expect(res.headers.get('vary')).toMatch(/origin/i);
    });

    it('gives a refused origin no CORS permission', async () => {
      const res = await preflight(cors, 'https://evil.example.com');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets an allowed origin read the answer and its request id and rate limit headers', async () => {
      const res = await cors.call('GET', '/api/v1/errors', { headers: { origin: ALLOWED } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
      for (const name of ['x-request-id', 'retry-after', 'ratelimit-remaining']) expect(exposed).toContain(name);
    });

    it('sends no CORS headers at all when CORS_ORIGINS is unset', async () => {
      const res = await preflight(direct, ALLOWED);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const get = await direct.call('GET', '/api/v1/errors', { headers: { origin: ALLOWED } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
