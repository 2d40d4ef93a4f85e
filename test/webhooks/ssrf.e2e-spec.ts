import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';
import { attemptsOf, createEndpoint, deliveryOf, webhookOverrides } from '../support/webhooks';

/**
 * The address check at delivery time, by the delivering worker's own rules: here a worker that
 * does not allow loopback, behind an API that does (so such endpoints can exist, as when a
 * public name starts resolving to an internal address). Nothing must reach the receiver.
 */
describe('webhook targets checked at delivery', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    const queues = ownQueues();
    worker = await startWorker(testConfig({ ...queues, ...webhookOverrides({ WEBHOOKS_ALLOW_LOOPBACK: 'false' }) }));
    api = await startApi({ ...queues, ...webhookOverrides() });
    tenant = await createTenant(api, await superAdminToken(api));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
  });

  const refusedEverywhere = async (url: string, reason: RegExp) => {
    const { id } = await createEndpoint(api, tenant, url);
    const res = await api.call('POST', `/api/v1/webhooks/endpoints/${id}/test`, { token: tenant.token });
    expect(res.status).toBe(202);
    const delivery = await deliveryOf(api, tenant, res.body.id, id);
    expect(delivery).toMatchObject({ status: 'dead', lastStatusCode: null });
    const attempts = await attemptsOf(api, tenant, res.body.id, id);
    expect(attempts).toHaveLength(4);
    for (const a of attempts) {
      expect(a).toMatchObject({ outcome: 'refused', statusCode: null, responseExcerpt: null });
      expect(a.error).toMatch(reason);
    }
  };

  it('resolves the name again and refuses it when it now points at a refused address', async () => {
    await refusedEverywhere(
      receiver.url('/by-name').replace('127.0.0.1', 'localhost'),
      /^refused: localhost resolves to (127\.0\.0\.1|::1), not a public address \(loopback\)$/,
    );
    expect(receiver.at('/by-name')).toEqual([]);
  });

  it('refuses an address literal the same way', async () => {
    await refusedEverywhere(receiver.url('/by-address'), /^refused: 127\.0\.0\.1 is not a public address \(loopback\)$/);
    expect(receiver.received).toEqual([]);
  });
});
