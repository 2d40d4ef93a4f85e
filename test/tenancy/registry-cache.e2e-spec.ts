import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * The in-process tenant registry cache: long-lived because changes are pushed through Redis, so
 * it must forget everything when it may have missed a push, and it must stay bounded.
 */
describe('tenant registry cache', () => {
  let pg: Client;

  beforeAll(async () => {
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(() => pg?.end());

  /** Changes the registry row behind the API's back: no invalidation is published. */
  const setStatusSilently = (tenant: TestTenant, status: 'active' | 'suspended') =>
    pg.query('UPDATE platform.tenants SET status = $2 WHERE id = $1', [tenant.id, status]);

  describe('with its Redis subscription lost and regained', () => {
    let proxy: TcpProxy;
    let api: TestApi;
    let tenant: TestTenant;

    beforeAll(async () => {
      const real = new URL(inject('redisUrl'));
      proxy = await new TcpProxy(real.hostname, Number(real.port || 6379)).start();
      const viaProxy = new URL(real);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      api = await startApi({ REDIS_URL: viaProxy.toString(), TENANT_CACHE_TTL_MS: '600000' });
      tenant = await createTenant(api, await superAdminToken(api));
    });

    afterAll(async () => {
      await api?.close();
      await proxy?.close();
    });

    it('serves from the cache while connected, and drops it when the subscription comes back', async () => {
      expect((await api.call('GET', '/api/v1/projects', { token: tenant.token })).status).toBe(200);
      // A change nobody announces is not seen: the registry answers from memory.
      await setStatusSilently(tenant, 'suspended');
      expect((await api.call('GET', '/api/v1/projects', { token: tenant.token })).status).toBe(200);

      // While Redis is unreachable, a change announced by another process would be missed too.
      await proxy.cut();
      await new Promise((r) => setTimeout(r, 300));
      await proxy.restore();
      const refused = await eventually(
        async () => {
          const res = await api.call('GET', '/api/v1/projects', { token: tenant.token });
          return res.status === 403 ? res : null;
        },
        15_000,
        200,
      );
      expect(refused.body.code).toBe('TENANT_SUSPENDED');
      await setStatusSilently(tenant, 'active');
    });
  });

  describe('bounded to TENANT_CACHE_MAX_TENANTS', () => {
    let api: TestApi;
    let a: TestTenant;
    let b: TestTenant;

    beforeAll(async () => {
      api = await startApi({ TENANT_CACHE_TTL_MS: '600000', TENANT_CACHE_MAX_TENANTS: '1' });
      const root = await superAdminToken(api);
      [a, b] = [await createTenant(api, root), await createTenant(api, root)];
    });

    afterAll(() => api?.close());

    it('keeps the most recently used tenants and reads the others again', async () => {
      expect((await api.call('GET', '/api/v1/projects', { token: a.token })).status).toBe(200);
      await setStatusSilently(a, 'suspended');
      // Still cached: the silent change is not seen.
      expect((await api.call('GET', '/api/v1/projects', { token: a.token })).status).toBe(200);
      // Another tenant takes the only place; the first one is read afresh.
      expect((await api.call('GET', '/api/v1/projects', { token: b.token })).status).toBe(200);
      const res = await api.call('GET', '/api/v1/projects', { token: a.token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TENANT_SUSPENDED');
      await setStatusSilently(a, 'active');
    });
  });
});
