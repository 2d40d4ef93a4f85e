import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { ownQueues } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { buildProduct, ProductProcess, startWorkerProcess } from '../support/processes';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

const ENDPOINT_CONCURRENCY = 4;
const BACKLOG = 30;

/**
 * The worker process is killed (SIGKILL: no graceful stop) while it delivers a backlog to a slow
 * endpoint, holding all of the endpoint's slots; another worker process starts at once. Delivery
 * resumes within 15 s (the dead worker's jobs and slots are not held for a minute), every
 * message arrives, and the endpoint never has more than WEBHOOK_ENDPOINT_CONCURRENCY requests
 * at once.
 */
describe('worker killed mid-backlog', () => {
  let build: ReturnType<typeof buildProduct>;
  let overrides: Record<string, string>;
  let api: TestApi;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  const workers: ProductProcess[] = [];

  beforeAll(async () => {
    build = buildProduct();
    overrides = webhookOverrides({ ...ownQueues(), WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY) });
    api = await startApi(overrides);
    receiver = await new WebhookReceiver().start();
    receiver.on('/slow', () => ({ status: 200, delayMs: 800 }));
    tenant = await createTenant(api, await superAdminToken(api));
    await createEndpoint(api, tenant, receiver.url('/slow'), ['project.created']);
    workers.push(await startWorkerProcess(build.dir, overrides));
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await api?.close();
    await receiver?.close();
    build?.remove();
  });

  it('resumes within 15 s on another worker, delivers everything, and keeps the per-endpoint bound', async () => {
    const names: string[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: `p-${i}` } });
      expect(res.status).toBe(201);
      names.push(`p-${i}`);
    }
    // Mid-backlog, with the endpoint's slots taken by requests in flight.
    await eventually(async () => receiver.at('/slow').length >= 6 && (receiver.inFlight.get('/slow') ?? 0) > 0, 30_000, 10);
    workers[0].child.kill('SIGKILL');
    const killedAt = Date.now();
    const deliveredBefore = new Set(receiver.at('/slow').map((h) => h.json.data.name as string)).size;
    workers.push(await startWorkerProcess(build.dir, overrides));

    const firstAfter = await eventually(async () => receiver.at('/slow').find((h) => h.at > killedAt + 50), 30_000, 20);
    const resumptionMs = firstAfter.at - killedAt;
    await eventually(
      async () => {
        const got = new Set(receiver.at('/slow').map((h) => h.json.data.name as string));
        return names.every((n) => got.has(n));
      },
      60_000,
      100,
    );

    const received = receiver.at('/slow').map((h) => h.json.data.name as string);
    const duplicates = received.length - new Set(received).size;
    expect(resumptionMs).toBeLessThanOrEqual(15_000);
    expect(receiver.maxInFlight.get('/slow')).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    // At least once: only what was in flight when the worker died may arrive twice.
    expect(duplicates).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    process.stdout.write(
      `${JSON.stringify({
        scenario: 'worker-sigkill',
        emitted: BACKLOG,
        committed: BACKLOG,
        deliveredBeforeKill: deliveredBefore,
        delivered: new Set(received).size,
        lost: names.filter((n) => !received.includes(n)).length,
        duplicates,
        resumptionMs,
      })}\n`,
    );
  });
});
