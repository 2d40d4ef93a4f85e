import type { AppConfig } from '@stratum/config';
import { QUEUES } from '@stratum/database';
import { freePort, RedisHandle, startLocalRedis } from '@stratum/devenv';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { MAINTENANCE_SCHEDULES } from '../../apps/worker/src/maintenance/maintenance.processor';
import { startApi, TestApi } from '../support/api';
import { testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

const SWEEP_INTERVAL_MS = 1000;

/**
 * Redis (a private redis-server) restarts empty while clients keep writing: queued jobs, relay
 * signals and the maintenance schedules are gone. Every change that committed is still delivered
 * to its webhook endpoint (the sweeper finds what the queue lost), the schedules are registered
 * again at once, and the worker's readiness reports recent sweeps.
 */
describe('Redis restarted empty under load', () => {
  let redis: RedisHandle;
  let redisPort: number;
  let config: AppConfig;
  let api: TestApi;
  let worker: RunningWorker;
  let healthUrl: string;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  let pg: Client;

  beforeAll(async () => {
    redis = await startLocalRedis();
    redisPort = Number(new URL(redis.url).port);
    const overrides = webhookOverrides({
      REDIS_URL: redis.url,
      WEBHOOK_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
      WEBHOOK_STUCK_AFTER_MS: '2000',
    });
    const healthPort = await freePort();
    config = testConfig({ ...overrides, WORKER_HEALTH_PORT: String(healthPort), HOST: '127.0.0.1' });
    healthUrl = `http://127.0.0.1:${healthPort}/health/ready`;
    worker = await startWorker(config);
    api = await startApi(overrides);
    receiver = await new WebhookReceiver().start();
    const root = await superAdminToken(api);
    tenant = await createTenant(api, root);
    // The writers run as fast as the machine lets them for several seconds; the plan's rate is not what is tested here.
    const lifted = await api.call('PATCH', `/api/v1/platform/tenants/${tenant.id}`, {
      token: root,
      body: { limitOverrides: { requestsPerMinute: 1_000_000 } },
    });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    await createEndpoint(api, tenant, receiver.url('/hooks'), ['project.created']);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await redis?.stop();
    await pg?.end();
  });

  async function schedulers(): Promise<string[]> {
    const queue = new Queue(QUEUES.maintenance, { connection: { url: redis.url }, prefix: `${config.REDIS_KEY_PREFIX}:bull` });
    try {
      return (await queue.getJobSchedulers()).map((s) => s.key);
    } finally {
      await queue.close();
    }
  }

  it('delivers every committed change, registers the schedules again within a sweep interval, and stays ready', async () => {
    expect((await schedulers()).sort()).toEqual([...MAINTENANCE_SCHEDULES].sort());
    const outcomes = new Map<string, number>();
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i++) {
        const name = `w${w}-${i}`;
        const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name } });
        outcomes.set(name, res.status);
      }
    });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await eventually(async () => outcomes.size >= 20, 20_000);
    await redis.stop();
    // Longer than REDIS_COMMAND_TIMEOUT_MS: some requests are refused (503) meanwhile.
    await pause(3000);
    redis = await startLocalRedis(() => undefined, { port: redisPort });
    const restartedAt = Date.now();
    const schedulesBack = eventually(async () =>
      (await schedulers()).length === MAINTENANCE_SCHEDULES.length ? Date.now() : null,
    );
    await eventually(async () => [...outcomes.values()].filter((s) => s === 201).length >= 60, 30_000);
    writing = false;
    await Promise.all(writers);
    const schedulesBackMs = (await schedulesBack) - restartedAt;

    const statuses = [...outcomes.values()];
    expect(
      statuses.filter((s) => s !== 201 && s !== 503),
      'every answer is 201 or 503',
    ).toEqual([]);
    const committed = new Set(
      (await pg.query<{ name: string }>(`SELECT name FROM "t_${tenant.id.replace(/-/g, '')}".projects`)).rows.map((r) => r.name),
    );
    const answered201 = [...outcomes].filter(([, s]) => s === 201).map(([n]) => n);
    const answered503 = [...outcomes].filter(([, s]) => s === 503).map(([n]) => n);
    expect(answered201.filter((n) => !committed.has(n))).toEqual([]);
    expect(answered503.filter((n) => committed.has(n))).toEqual([]);

    const names = () => receiver.at('/hooks').map((h) => h.json.data.name as string);
    await eventually(async () => answered201.every((n) => names().includes(n)), 60_000, 200);
    const delivered = names();
    const duplicates = delivered.length - new Set(delivered).size;
    const lost = answered201.filter((n) => !delivered.includes(n));
    expect(lost).toEqual([]);
    expect(
      delivered.filter((n) => !committed.has(n)),
      'nothing delivered that was not committed',
    ).toEqual([]);

    expect(schedulesBackMs).toBeLessThanOrEqual(SWEEP_INTERVAL_MS + 1000);
    const ready = await eventually(async () => {
      const res = await fetch(healthUrl);
      return res.status === 200 ? ((await res.json()) as { checks: Record<string, string>; lastSweepAgeSeconds: number }) : null;
    }, 15_000);
    expect(ready.checks).toMatchObject({ database: 'up', redis: 'up', schedules: 'up' });
    expect(ready.lastSweepAgeSeconds).toBeLessThanOrEqual(3);
    // The figures the README's Reliability section quotes.
    process.stdout.write(
      `${JSON.stringify({
        scenario: 'redis-restart-empty',
        emitted: outcomes.size,
        committed: answered201.length,
        refused503: answered503.length,
        delivered: new Set(delivered).size,
        lost: lost.length,
        duplicates,
        schedulesBackMs,
      })}\n`,
    );
  });
});
