import { QUEUES } from '@stratum/database';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { ownQueues } from '../support/config';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { buildProduct, ProductProcess, startWorkerProcess } from '../support/processes';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, webhookOverrides } from '../support/webhooks';

const ENDPOINT_CONCURRENCY = 4;
const BACKLOG = 40;
const ANSWER_MS = 800;

/**
 * Two worker processes deliver a backlog to a slow endpoint, its slots all taken; one of them is
 * killed (SIGKILL: no graceful stop). What it was sending is sent again by the other within 15 s
 * (its jobs and its slots of the endpoint are not held for a minute), every message arrives, and
 * the endpoint never has more than WEBHOOK_ENDPOINT_CONCURRENCY requests at once.
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
    overrides = webhookOverrides({
      ...ownQueues(),
      WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY),
      // The sweeper, as in production but sooner: what a dying worker took with it (a relay signal
      // included) is queued again once overdue. What it had in flight is re-sent by the leases alone.
      WEBHOOK_SWEEP_INTERVAL_MS: '2000',
      WEBHOOK_STUCK_AFTER_MS: '20000',
    });
    api = await startApi(overrides);
    receiver = await new WebhookReceiver().start();
    receiver.on('/slow', () => ({ status: 200, delayMs: ANSWER_MS }));
    tenant = await createTenant(api, await superAdminToken(api));
    await createEndpoint(api, tenant, receiver.url('/slow'), ['project.created']);
    workers.push(...(await Promise.all([startWorkerProcess(build.dir, overrides), startWorkerProcess(build.dir, overrides)])));
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await api?.close();
    await receiver?.close();
    build?.remove();
  });

  /** For a failure report: the delivery rows and queue jobs of messages that did not arrive, and the workers' logs. */
  async function whereAre(missingNames: string[]): Promise<string> {
    const pg = new Client({ connectionString: inject('databaseUrl') });
    const queue = new Queue(QUEUES.webhooks, {
      connection: { url: api.config.REDIS_URL },
      prefix: `${api.config.REDIS_KEY_PREFIX}:bull`,
    });
    try {
      await pg.connect();
      const schema = `t_${tenant.id.replace(/-/g, '')}`;
      const rows = (
        await pg.query(
          `SELECT d.id, d.run, d.status, d.attempts, d.enqueued_at, d.locked_until, d.next_attempt_at, m.data->>'name' AS name
             FROM "${schema}".webhook_deliveries d JOIN "${schema}".webhook_messages m ON m.id = d.message_id
            WHERE m.data->>'name' = ANY($1)`,
          [missingNames],
        )
      ).rows;
      const jobs = await Promise.all(rows.map(async (r) => (await queue.getJob(`${r.id}.${r.run}`))?.getState() ?? 'no job'));
      const tail = (w: ProductProcess) => w.output().slice(-4000);
      return `${JSON.stringify(rows.map((r, i) => ({ ...r, job: jobs[i] })))}\n${tail(workers[0])}\n---\n${tail(workers[1])}`;
    } finally {
      await queue.close();
      await pg.end();
    }
  }

  it('sends what the killed worker was sending again within 15 s, delivers everything, and keeps the per-endpoint bound', async () => {
    const names: string[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const res = await api.call('POST', '/api/v1/projects', { token: tenant.token, body: { name: `p-${i}` } });
      expect(res.status).toBe(201);
      names.push(`p-${i}`);
    }
    // Mid-backlog, with (nearly) every slot of the endpoint taken by a request in flight.
    await eventually(
      async () => receiver.at('/slow').length >= 6 && (receiver.inFlight.get('/slow') ?? 0) >= ENDPOINT_CONCURRENCY - 1,
      30_000,
      5,
    );
    workers[0].child.kill('SIGKILL');
    const killedAt = Date.now();
    const inFlightAtKill = new Set(
      receiver
        .at('/slow')
        .filter((h) => h.at > killedAt - ANSWER_MS)
        .map((h) => h.json.data.name as string),
    );
    const deliveredBefore = new Set(receiver.at('/slow').map((h) => h.json.data.name as string)).size;

    const missing = () => {
      const got = new Set(receiver.at('/slow').map((h) => h.json.data.name as string));
      return names.filter((n) => !got.has(n));
    };
    await eventually(async () => missing().length === 0, 60_000, 100).catch(async (err: Error) => {
      throw new Error(`${err.message}: not delivered ${missing().join(', ')}\n${await whereAre(missing())}`);
    });
    const received = receiver.at('/slow');
    const receivedNames = received.map((h) => h.json.data.name as string);
    // Sent again: what the killed worker had in flight (the other worker's finished normally).
    const resent = received.filter((h) => h.at > killedAt && inFlightAtKill.has(h.json.data.name as string));
    const recoveryMs = resent.length ? Math.max(...resent.map((h) => h.at)) - killedAt : 0;
    const duplicates = receivedNames.length - new Set(receivedNames).size;
    expect(recoveryMs).toBeLessThanOrEqual(15_000);
    expect(receiver.maxInFlight.get('/slow')).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    // At least once: only what was in flight when the worker died arrives twice.
    expect(duplicates).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    process.stdout.write(
      `${JSON.stringify({
        scenario: 'worker-sigkill',
        emitted: BACKLOG,
        committed: BACKLOG,
        deliveredBeforeKill: deliveredBefore,
        delivered: new Set(receivedNames).size,
        lost: names.filter((n) => !receivedNames.includes(n)).length,
        duplicates,
        resentAfterKill: resent.length,
        recoveryMs,
      })}\n`,
    );
  }, 120_000);
});
