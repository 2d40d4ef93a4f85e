import { DatabaseClusters, pgPool } from '@stratum/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

const TOKEN = 'recycling-scrape-token-0123456789';

describe('pool connection recycling', () => {
  let api: TestApi;
  let t: TestTenant;

  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_MAX_USES: '5', DATABASE_POOL_SIZE: '4', METRICS_TOKEN: TOKEN });
    t = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('closes a connection after DATABASE_POOL_MAX_USES uses, so no backend serves more, and counts it', async () => {
    const clusters = api.app.get(DatabaseClusters);
    const monitor = clusters.monitor('main');
    const before = { recycled: monitor.closed.max_uses, opened: monitor.opened };
    expect(pgPool(clusters.main).options).toMatchObject({ maxUses: 5, maxLifetimeSeconds: 1800 });
    const backends = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      const res = await api.call('GET', '/api/v1/tenant/usage', { token: t.token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [{ pid }] = await clusters.main.query('SELECT pg_backend_pid() AS pid');
      backends.set(pid, (backends.get(pid) ?? 0) + 1);
    }
    expect(monitor.closed.max_uses - before.recycled).toBeGreaterThanOrEqual(8);
    expect(monitor.opened - before.opened).toBeGreaterThanOrEqual(8);
    // Every connection seen served at most 5 uses (the probe above is one of them).
    expect(Math.max(...backends.values())).toBeLessThanOrEqual(5);

    // The scrape itself uses connections (one may close meanwhile): its figure lies between the counts around it.
    const closedBefore = monitor.closed.max_uses;
    const metrics = await api.call('GET', '/metrics', { token: TOKEN });
    expect(metrics.status).toBe(200);
    const line = (metrics.body as string)
      .split('\n')
      .find((l) => l.startsWith('stratum_db_pool_connections_closed_total{cluster="main",reason="max_uses"}'));
    const scraped = Number(line?.split(' ').pop());
    expect(scraped).toBeGreaterThanOrEqual(closedBefore);
    expect(scraped).toBeLessThanOrEqual(monitor.closed.max_uses);
    expect(metrics.body).toMatch(/stratum_db_pool_connections\{cluster="main",state="total"\} \d+/);
    // Tenant work served by the connection that serves that tenant by preference, or by another.
    const affinity = (outcome: string) =>
      Number(
        new RegExp(`stratum_db_pool_affinity_total\\{cluster="main",outcome="${outcome}"\\} (\\d+)`).exec(metrics.body)?.[1],
      );
    expect(affinity('home') + affinity('elsewhere')).toBeGreaterThanOrEqual(40);
  });

  it('does not recycle with DATABASE_POOL_MAX_USES=0', async () => {
    const other = await startApi({ DATABASE_POOL_MAX_USES: '0', DATABASE_POOL_MAX_LIFETIME_SECONDS: '0' });
    try {
      const clusters = other.app.get(DatabaseClusters);
      expect(pgPool(clusters.main).options.maxUses).toBe(Infinity);
      for (let i = 0; i < 20; i++) await clusters.main.query('SELECT 1');
      expect(clusters.monitor('main').recycled).toBe(0);
    } finally {
      await other.close();
    }
  });
});
