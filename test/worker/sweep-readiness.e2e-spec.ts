import type { AppConfig } from '@stratum/config';
import { freePort } from '@stratum/devenv';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { call } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { eventually } from '../support/fixtures';

/**
 * The worker's readiness follows housekeeping: it reports how long ago a webhook sweep last
 * completed (on any worker) and fails once that is older than three sweep intervals, as when
 * the schedules are lost and not registered again.
 */
describe('worker readiness and the webhook sweep', () => {
  let config: AppConfig;
  let worker: RunningWorker;
  let redis: Redis;
  let base: string;
  let key: string;

  beforeAll(async () => {
    const port = await freePort();
    // An interval long enough that no sweep runs during the test once the first one is done.
    config = testConfig({
      ...ownQueues(),
      WORKER_HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
      WEBHOOK_SWEEP_INTERVAL_MS: '600000',
    });
    base = `http://127.0.0.1:${port}`;
    worker = await startWorker(config);
    redis = new Redis(config.REDIS_URL);
    key = `${config.REDIS_KEY_PREFIX}:maintenance:last-sweep`;
  });

  afterAll(async () => {
    await worker?.close();
    redis?.disconnect();
  });

  it('is ready with a recent sweep, and not ready (schedules down) once the last sweep is older than the bound', async () => {
    // The scheduler runs the first sweep at start.
    await eventually(async () => (await redis.get(key)) !== null, 15_000);
    const fresh = await call(base, 'GET', '/health/ready');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ status: 'ok', checks: { schedules: 'up' } });
    expect(fresh.body.lastSweepAgeSeconds).toBeLessThan(15);

    // As if no sweep had completed for an hour (bound: 3 × 600 s).
    await redis.set(key, String(Date.now() - 60 * 60 * 1000));
    const stale = await call(base, 'GET', '/health/ready');
    expect(stale.status).toBe(503);
    expect(stale.body).toMatchObject({ status: 'unavailable', checks: { database: 'up', redis: 'up', schedules: 'down' } });
    expect(stale.body.lastSweepAgeSeconds).toBeGreaterThanOrEqual(3599);

    await redis.set(key, String(Date.now()));
    expect((await call(base, 'GET', '/health/ready')).status).toBe(200);
  });
});
