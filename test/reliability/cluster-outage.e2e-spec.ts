import { ensureDatabase, withDatabase } from '@stratum/devenv';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { eventually, login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * A secondary database cluster (here a database reached through a TCP proxy the test cuts) goes
 * away: the API stays ready (degraded), tenants on the main cluster are served, tenants on the
 * lost cluster get 503 with Retry-After, and all is well again once it is back.
 */
describe('a secondary database cluster down', () => {
  const database = `stratum_eu2_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let api: TestApi;
  let onMain: TestTenant;
  let onEu2: TestTenant;

  beforeAll(async () => {
    const server = new URL(inject('postgresUrl'));
    await ensureDatabase(inject('postgresUrl'), database);
    proxy = await new TcpProxy(server.hostname, Number(server.port || 5432)).start();
    const viaProxy = new URL(inject('postgresUrl'));
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    api = await startApi({ DATABASE_CLUSTERS: `eu2=${withDatabase(viaProxy.toString(), database)}` });
    const root = await superAdminToken(api);
    // Placed explicitly: placement would put a tenant on the cluster with the fewest tenants.
    const on = async (cluster: string): Promise<TestTenant> => {
      const slug = uniqueSlug(cluster);
      const admin = { email: `admin@${slug}.test`, password: `pw-${slug}-long-enough` };
      const res = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: { name: slug, slug, plan: 'professional', admin: { ...admin, name: 'Admin' }, cluster },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.cluster).toBe(cluster);
      return { id: res.body.id, slug, admin, token: await login(api, slug, admin.email, admin.password) };
    };
    onMain = await on('main');
    onEu2 = await on('eu2');
  });

  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    const admin = new Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  const projects = (t: TestTenant) => api.call('GET', '/api/v1/projects', { token: t.token });

  it('stays ready (degraded), serves the main cluster, answers 503 for tenants of the lost one, and recovers', async () => {
    const before = await api.call('GET', '/health/ready');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', 'database:eu2': 'up' } });
    expect((await projects(onEu2)).status).toBe(200);

    await proxy.cut();
    const during = await api.call('GET', '/health/ready');
    expect(during.status).toBe(200);
    expect(during.body).toEqual({ status: 'degraded', checks: { database: 'up', redis: 'up', 'database:eu2': 'down' } });
    const served = await projects(onMain);
    expect(served.status, JSON.stringify(served.body)).toBe(200);
    const lost = await projects(onEu2);
    expect(lost.status, JSON.stringify(lost.body)).toBe(503);
    expect(lost.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(lost.headers.get('retry-after')).toMatch(/^\d+$/);
    const write = await api.call('POST', '/api/v1/projects', { token: onEu2.token, body: { name: 'during' } });
    expect(write.status).toBe(503);

    await proxy.restore();
    await eventually(async () => (await projects(onEu2)).status === 200, 15_000);
    expect((await api.call('GET', '/health/ready')).body.status).toBe('ok');
    const names = (await projects(onEu2)).body.items.map((p: { name: string }) => p.name);
    expect(names).not.toContain('during');
  });
});
