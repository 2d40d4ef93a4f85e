import { DomainEvents } from '@stratum/common';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunningWorker, startWorker } from '../../apps/worker/src/create-worker';
import { startApi, TestApi } from '../support/api';
import { ownQueues, testConfig } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { TcpProxy } from '../support/tcp-proxy';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

/**
 * The outbox: events are rows written with the change, so Redis or the worker being away only
 * delays their delivery. The worker reaches Redis through a proxy the test cuts and restores;
 * the API keeps its own connection (it needs Redis for every request). Passport keeps one
 * strategy per name in a process, and the last app started registers it: the API starts after
 * the worker, so that its requests authenticate through its own Redis connection.
 */
describe('webhook outbox', () => {
  let api: TestApi;
  let worker: RunningWorker | undefined;
  let receiver: WebhookReceiver;
  let proxy: TcpProxy;
  let redis: Redis;
  let root: string;
  let tenant: TestTenant;
  let overrides: Record<string, string>;
  let workerRedisUrl: string;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    const real = new URL(inject('redisUrl'));
    proxy = await new TcpProxy(real.hostname, Number(real.port || 6379)).start();
    const viaProxy = new URL(real);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    workerRedisUrl = viaProxy.toString();
    overrides = {
      ...ownQueues(),
      ...webhookOverrides({
        WEBHOOK_CONCURRENCY: '4',
        WEBHOOK_ENDPOINT_CONCURRENCY: '2',
        WEBHOOK_SWEEP_INTERVAL_MS: '1000',
        WEBHOOK_STUCK_AFTER_MS: '3000',
      }),
    };
    worker = await startWorker(testConfig({ ...overrides, REDIS_URL: workerRedisUrl }));
    api = await startApi(overrides);
    redis = new Redis(inject('redisUrl'));
    root = await superAdminToken(api);
    tenant = await createTenant(api, root);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await proxy?.close();
    await redis?.quit();
  });

  const projects = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: `p-${uniqueSlug()}` } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  };
  const receivedProjects = (path: string) => new Set(receiver.at(path).map((h) => h.json.data.id as string));
  const pendingIn = async (ids: string[]) => {
    const res = await api.call('GET', '/api/v1/webhooks/messages?limit=100&status=pending', { token: tenant.token });
    return res.body.items.filter((m: any) => ids.includes(m.data.id));
  };

  it('loses nothing while the worker cannot reach Redis: what was written meanwhile is delivered once it can', async () => {
    await createEndpoint(api, tenant, receiver.url('/outage'), ['project.created']);
    const [warm] = await projects(1);
    await eventually(async () => receivedProjects('/outage').has(warm));

    await proxy.cut();
    const written = await projects(8);
    // The events wait in the outbox: committed, pending, none delivered.
    expect(await pendingIn(written)).toHaveLength(8);
    await new Promise((r) => setTimeout(r, 1000));
    expect(written.filter((id) => receivedProjects('/outage').has(id))).toEqual([]);

    await proxy.restore();
    await eventually(async () => written.every((id) => receivedProjects('/outage').has(id)), 30_000);
    const res = await api.call('GET', '/api/v1/webhooks/messages?limit=100', { token: tenant.token });
    const mine = res.body.items.filter((m: any) => written.includes(m.data.id));
    expect(mine).toHaveLength(8);
    for (const m of mine) expect(m.deliveries.map((d: any) => d.status)).toEqual(['succeeded']);
  });

  it('loses nothing while the worker is down and the relay signals are lost: the sweeper finds the rows', async () => {
    await createEndpoint(api, tenant, receiver.url('/restart'), ['project.created']);
    await worker!.close();
    worker = undefined;
    const written = await projects(5);
    // What Redis knew of them (the relay signal) is gone, as after a Redis restart without persistence.
    const signal = `${overrides.REDIS_KEY_PREFIX}:webhooks:relay-due`;
    expect(await redis.zscore(signal, tenant.id)).not.toBeNull();
    await redis.del(signal);
    expect(await pendingIn(written)).toHaveLength(5);

    worker = await startWorker(testConfig({ ...overrides, REDIS_URL: workerRedisUrl }));
    await api.close();
    api = await startApi(overrides);
    await eventually(async () => written.every((id) => receivedProjects('/restart').has(id)), 30_000);
    expect(receiver.at('/restart').filter((h) => written.includes(h.json.data.id))).toHaveLength(5);
  });

  it('writes an event with its change: a rolled-back change leaves no event', async () => {
    await createEndpoint(api, tenant, receiver.url('/atomic'), ['project.*']);
    const t = (await api.app.get(TenantRegistry).find(tenant.id))!;
    const db = api.app.get(TenantDatabase);
    const events = api.app.get(DomainEvents);
    const [kept, dropped] = [randomUUID(), randomUUID()];
    const project = (id: string) => ({ id, name: 'Atomic', description: '', createdBy: null });
    await expect(
      db.run(t, async () => {
        await events.emit('project.updated', project(dropped));
        throw new Error('the change failed after its event was written');
      }),
    ).rejects.toThrow('the change failed');
    await db.run(t, () => events.emit('project.updated', project(kept)));
    await eventually(async () => receivedProjects('/atomic').has(kept));
    const log = await api.call('GET', '/api/v1/webhooks/messages?eventType=project.updated&limit=100', { token: tenant.token });
    const ids = log.body.items.map((m: any) => m.data.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(dropped);
    expect(receivedProjects('/atomic').has(dropped)).toBe(false);
    // A type the compiler knows nothing of (a catalogue that never loaded) is refused at run time too.
    await expect(events.emit('project.exploded' as never, {} as never)).rejects.toThrow(/unknown domain event type/);
  });

  it('lets a slow endpoint hold no more than its share of the workers: others are not held up', async () => {
    receiver.on('/slow', () => ({ status: 200, delayMs: 1200 }));
    await createEndpoint(api, tenant, receiver.url('/slow'), ['project.created']);
    await createEndpoint(api, tenant, receiver.url('/fast'), ['project.created']);
    const started = Date.now();
    const written = await projects(10);
    await eventually(async () => written.every((id) => receivedProjects('/fast').has(id)), 30_000);
    const fastDone = Date.now();
    const slowBy = written.filter((id) => receivedProjects('/slow').has(id)).length;
    // The slow endpoint needs 10 × 1.2 s / 2 slots = 6 s; the fast one did not wait for it.
    expect(slowBy).toBeLessThan(10);
    expect(fastDone - started).toBeLessThan(6000);
    await eventually(async () => written.every((id) => receivedProjects('/slow').has(id)), 30_000);
    // WEBHOOK_ENDPOINT_CONCURRENCY (2) at most at once, out of WEBHOOK_CONCURRENCY (4).
    expect(receiver.maxInFlight.get('/slow')).toBe(2);
  });
});
