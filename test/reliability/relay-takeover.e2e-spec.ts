import { freePort } from '@stratum/devenv';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

/**
 * A relay that took a tenant's signal and died before queueing its deliveries (the signal sits
 * in the taken set with its lease run out): another worker makes it due again and delivers,
 * within seconds rather than at the sweeper's next look for overdue deliveries (minutes).
 */
describe('webhook relay signals of a relay that died', () => {
  let overrides: Record<string, string>;
  let api: TestApi;
  let worker: RunningWorker | undefined;
  let redis: Redis;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;

  beforeAll(async () => {
    overrides = webhookOverrides(ownQueues());
    api = await startApi(overrides);
    redis = new Redis(api.config.REDIS_URL);
    receiver = await new WebhookReceiver().start();
    tenant = await createTenant(api, await superAdminToken(api));
    await createEndpoint(api, tenant, receiver.url('/hooks'), ['project.created']);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    redis?.disconnect();
  });

  it('makes the signal due again and delivers within seconds', async () => {
    const prefix = api.config.REDIS_KEY_PREFIX;
    const due = `${prefix}:webhooks:relay-due`;
    const taken = `${prefix}:webhooks:relay-taken`;
    // No worker runs yet: the change is committed and its signal waits.
    expect((await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: 'orphaned' } })).status).toBe(201);
    await eventually(async () => (await redis.zscore(due, tenant.id)) !== null);
    // As a relay that took it and died does: the signal is out of the due set, its lease over.
    await redis
      .multi()
      .zrem(due, tenant.id)
      .zadd(taken, Date.now() - 1, tenant.id)
      .exec();

    const started = Date.now();
    const port = await freePort();
    worker = await startWorker(testConfig({ ...overrides, WORKER_HEALTH_PORT: String(port), HOST: '127.0.0.1' }));
    const [hook] = await receiver.waitFor('/hooks', 1, 15_000);
    expect(hook.json.data.name).toBe('orphaned');
    expect(hook.at - started).toBeLessThan(15_000);
    expect(await redis.zscore(taken, tenant.id)).toBeNull();
  });
});
