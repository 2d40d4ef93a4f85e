import { RedisHandle, startLocalRedis } from '@stratum/devenv';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';

/**
 * Redis (a private redis-server) goes away: requests that need it fail within
 * REDIS_COMMAND_TIMEOUT_MS with 503 and Retry-After instead of hanging, and a write refused that
 * way is not committed when Redis comes back (its commands were not left waiting to run then).
 */
describe('Redis outage', () => {
  let redis: RedisHandle;
  let port: number;
  let api: TestApi;
  let tenant: TestTenant;
  let pg: Client;

  beforeAll(async () => {
    redis = await startLocalRedis();
    port = Number(new URL(redis.url).port);
    api = await startApi({ REDIS_URL: redis.url });
    tenant = await createTenant(api, await superAdminToken(api));
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await api?.close();
    await redis?.stop();
    await pg?.end();
  });

  async function committedNames(): Promise<string[]> {
    const schema = `t_${tenant.id.replace(/-/g, '')}`;
    return (await pg.query<{ name: string }>(`SELECT name FROM "${schema}".projects`)).rows.map((r) => r.name);
  }

  it('answers 503 within the command timeout while Redis is down, and commits nothing it refused once Redis is back', async () => {
    expect(api.config.REDIS_COMMAND_TIMEOUT_MS).toBeLessThanOrEqual(2000);
    await redis.stop();

    const timed = async (fn: () => Promise<{ status: number; headers: Headers; body: any }>) => {
      const started = Date.now();
      const res = await fn();
      return { ...res, ms: Date.now() - started };
    };
    const read = await timed(() => api.call('GET', '/api/v1/projects', { token: tenant.token }));
    const write = await timed(() =>
      api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: 'written-while-redis-was-down' } }),
    );
    for (const res of [read, write]) {
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.ms).toBeLessThan(api.config.REDIS_COMMAND_TIMEOUT_MS * 2 + 1000);
    }
    const ready = await api.call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    process.stdout.write(`${JSON.stringify({ scenario: 'redis-down', readMs: read.ms, writeMs: write.ms })}\n`);

    // Redis back, empty: the API reconnects by itself and serves again.
    redis = await startLocalRedis(() => undefined, { port });
    await eventually(async () => (await api.call('GET', '/api/v1/projects', { token: tenant.token })).status === 200, 15_000);
    expect((await api.call('GET', '/health/ready')).status).toBe(200);
    const created = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: 'written-after' } });
    expect(created.status).toBe(201);
    const names = await committedNames();
    expect(names).toContain('written-after');
    expect(names).not.toContain('written-while-redis-was-down');
  });
});
