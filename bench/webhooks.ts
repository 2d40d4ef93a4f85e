/**
 * Webhook delivery throughput: one tenant with BENCH_WEBHOOK_ENDPOINTS endpoints (4) on a local
 * receiver (node:http on 127.0.0.1, which verifies every signature with the Standard Webhooks
 * reference library), and BENCH_WEBHOOK_MESSAGES domain events (1,000) for each of two phases:
 *
 *  - backlog: the events are written while no worker runs (they wait in the outbox), then the
 *    real worker process starts and drains them;
 *  - live: the worker runs while the events are written, eight writers at once, one event per
 *    transaction, as requests would.
 *
 * Each phase reports deliveries per second (every message to every endpoint), end-to-end latency
 * in the live phase (receipt minus the event's timestamp), and the share lost: deliveries that
 * never arrived (must be zero), with duplicates (at-least-once delivery) counted apart.
 *
 * Part of `npm run bench` (BENCH_WEBHOOK_MESSAGES=0 skips it); runs alone with
 * `npm run build && node dist/bench/webhooks.js`.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DomainEvents } from '@stratum/common';
import { loadConfig } from '@stratum/config';
import { ensureDatabase, ensureLocalServices, freePort, withDatabase } from '@stratum/devenv';
import { Tenant, TenantDatabase, TenantProvisioner } from '@stratum/tenancy';
import { EndpointsService } from '@stratum/webhooks';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { ApiModule } from '../apps/api/src/app.module';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { tearDownBench } from './run-support';

export interface WebhookPhase {
  phase: 'backlog' | 'live';
  messages: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  lost: number;
  lostShare: number;
  duplicates: number;
  badSignatures: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
}

export interface WebhookBenchResult {
  /** From starting the worker process to its readiness. */
  workerStartSeconds: number;
  endpoints: number;
  concurrency: number;
  endpointConcurrency: number;
  phases: WebhookPhase[];
}

export interface WebhookBenchOptions {
  /** The environment the product runs with (database, Redis, keys); the case adds its own settings. */
  env: Record<string, string | undefined>;
  messages: number;
  endpoints: number;
  say: (line: string) => void;
}

const WRITERS = 8;
const DEADLINE_MS = 300_000;

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : null;

/** Records what arrives: per endpoint path, each webhook-id once (and how often it came). */
class Receiver {
  readonly seen = new Map<string, Map<string, number>>();
  readonly latencies: number[] = [];
  badSignatures = 0;
  /** performance.now() of the first request received. */
  firstArrival?: number;
  private server?: Server;
  port = 0;

  constructor(private readonly secrets: Map<string, Webhook>) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.firstArrival ??= performance.now();
        const path = req.url ?? '';
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const event = this.secrets.get(path)!.verify(body, req.headers as Record<string, string>) as { timestamp: string };
          const id = String(req.headers['webhook-id']);
          const byId = this.seen.get(path) ?? new Map<string, number>();
          byId.set(id, (byId.get(id) ?? 0) + 1);
          this.seen.set(path, byId);
          this.latencies.push(Date.now() - Date.parse(event.timestamp));
          res.writeHead(204).end();
        } catch {
          this.badSignatures++;
          res.writeHead(400).end();
        }
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  count(ids: Set<string>): { arrived: number; duplicates: number } {
    let arrived = 0;
    let duplicates = 0;
    for (const byId of this.seen.values()) {
      for (const [id, n] of byId) {
        if (!ids.has(id)) continue;
        arrived++;
        duplicates += n - 1;
      }
    }
    return { arrived, duplicates };
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((ok) => this.server?.close(ok));
  }
}

/** Polls the worker's readiness endpoint. */
async function workerReady(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker did not become ready');
}

export async function webhookBench(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const { say } = options;
  const workerHealth = await freePort();
  // Loopback receivers are a development allowance: the case runs outside NODE_ENV=production.
  const env: Record<string, string | undefined> = {
    ...options.env,
    NODE_ENV: 'test',
    WEBHOOKS_ALLOW_LOOPBACK: 'true',
    REDIS_KEY_PREFIX: `${options.env.REDIS_KEY_PREFIX ?? 'stratum-bench'}-webhooks`,
    WORKER_HEALTH_PORT: String(workerHealth),
    HOST: '127.0.0.1',
    MAIL_DIR: join(tmpdir(), `stratum-bench-mail-${randomBytes(3).toString('hex')}`),
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  const ctx = await NestFactory.createApplicationContext(ApiModule.forRoot({ config }), { logger: ['error'] });
  const secrets = new Map<string, Webhook>();
  const receiver = await new Receiver(secrets).start();
  let worker: ChildProcess | undefined;
  try {
    const tenant: Tenant = await ctx
      .get(TenantProvisioner)
      .provision({ slug: `bench-hooks-${randomBytes(3).toString('hex')}`, name: 'Webhook bench', plan: 'enterprise' });
    const db = ctx.get(TenantDatabase);
    const endpoints = ctx.get(EndpointsService);
    const events = ctx.get(DomainEvents);
    for (let i = 0; i < options.endpoints; i++) {
      const path = `/e${i}`;
      const { secret } = await db.run(tenant, () =>
        endpoints.create({ url: `http://127.0.0.1:${receiver.port}${path}`, eventTypes: ['project.*'] }, null),
      );
      secrets.set(path, new Webhook(secret));
    }
    const messageIds = async (): Promise<Set<string>> =>
      new Set(
        (await db.run(tenant, (em) => em.query(`SELECT id FROM webhook_messages`))).map((r: { id: string }) => r.id as string),
      );
    const write = async (n: number, perTransaction: number, writers: number) => {
      let left = n;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          while (left > 0) {
            const k = Math.min(perTransaction, left);
            left -= k;
            await db.run(tenant, async () => {
              for (let j = 0; j < k; j++)
                await events.emit('project.created', { id: randomUUID(), name: 'bench', description: '', createdBy: null });
            });
          }
        }),
      );
    };
    const waitDelivered = async (ids: Set<string>) => {
      const expected = ids.size * options.endpoints;
      const deadline = Date.now() + DEADLINE_MS;
      while (receiver.count(ids).arrived < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    const phase = (name: WebhookPhase['phase'], ids: Set<string>, seconds: number, latencies: number[]): WebhookPhase => {
      const deliveries = ids.size * options.endpoints;
      const { arrived, duplicates } = receiver.count(ids);
      return {
        phase: name,
        messages: ids.size,
        deliveries,
        seconds,
        deliveriesPerSecond: arrived / seconds,
        lost: deliveries - arrived,
        lostShare: (deliveries - arrived) / deliveries,
        duplicates,
        badSignatures: receiver.badSignatures,
        latencyP50Ms: pct(latencies, 50),
        latencyP99Ms: pct(latencies, 99),
      };
    };

    // Backlog: written with no worker running.
    await write(options.messages, 50, 2);
    const backlog = await messageIds();
    say(`webhooks: ${backlog.size} messages x ${options.endpoints} endpoints waiting in the outbox; starting the worker`);
    const forked = performance.now();
    worker = fork(resolve(__dirname, '../apps/worker/src/main.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await workerReady(workerHealth);
    const workerStartSeconds = (performance.now() - forked) / 1000;
    // The relay and the first deliveries may begin before readiness answers: timed from the first arrival.
    await waitDelivered(backlog);
    const started = receiver.firstArrival ?? performance.now();
    const backlogPhase = phase('backlog', backlog, (performance.now() - started) / 1000, []);
    say(`webhooks backlog: ${backlogPhase.deliveriesPerSecond.toFixed(0)} deliveries/s, lost ${backlogPhase.lost}`);

    // Live: the worker runs while requests write events.
    const before = receiver.latencies.length;
    const liveStarted = performance.now();
    await write(options.messages, 1, WRITERS);
    const live = new Set([...(await messageIds())].filter((id) => !backlog.has(id)));
    await waitDelivered(live);
    const livePhase = phase('live', live, (performance.now() - liveStarted) / 1000, receiver.latencies.slice(before));
    say(
      `webhooks live: ${livePhase.deliveriesPerSecond.toFixed(0)} deliveries/s, p50 ${livePhase.latencyP50Ms} ms, p99 ${livePhase.latencyP99Ms} ms, lost ${livePhase.lost}`,
    );
    return {
      workerStartSeconds,
      endpoints: options.endpoints,
      concurrency: config.WEBHOOK_CONCURRENCY,
      endpointConcurrency: config.WEBHOOK_ENDPOINT_CONCURRENCY,
      phases: [backlogPhase, livePhase],
    };
  } finally {
    worker?.kill('SIGTERM');
    if (worker) await new Promise((ok) => worker!.once('exit', ok));
    await receiver.close();
    await ctx.close();
    rmSync(env.MAIL_DIR!, { recursive: true, force: true });
  }
}

export function webhookRows(r: WebhookBenchResult): [string, string, string][] {
  return r.phases.map((p): [string, string, string] => [
    `Webhooks, ${p.phase} (${p.messages} messages x ${r.endpoints} endpoints)`,
    `${p.deliveriesPerSecond.toFixed(0)} deliveries/s${p.latencyP50Ms !== null ? `, p50 ${p.latencyP50Ms} ms, p99 ${p.latencyP99Ms} ms` : ''}`,
    `lost ${(p.lostShare * 100).toFixed(2)}% (target 0), duplicates ${p.duplicates}, bad signatures ${p.badSignatures}`,
  ]);
}

/** Alone: a database and Redis prefix of its own, the case, and everything dropped after. */
async function main() {
  const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dataDir = join(tmpdir(), `stratum-bench-${runId}`);
  const services = await ensureLocalServices({
    dataDir,
    persistent: false,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    log: say,
  });
  const database = `stratum_bench_${runId}`;
  await ensureDatabase(services.postgresUrl, database);
  const env = {
    ...process.env,
    DATABASE_URL: withDatabase(services.postgresUrl, database),
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: `stratum-bench-${runId}`,
    DATABASE_POOL_SIZE: '20',
    DATABASE_APPLICATION_NAME: `stratum-bench-${runId}`,
  };
  try {
    const migrations = await openMigrationContext(loadConfig({ ...env, NODE_ENV: 'test' }));
    await migrations.runner.migratePlatform();
    await migrations.close();
    const result = await webhookBench({
      env,
      messages: Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 1000),
      endpoints: Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 4),
      say,
    });
    process.stdout.write('\n');
    for (const [a, b, c] of webhookRows(result)) process.stdout.write(`${a}  ${b}  ${c}\n`);
    process.stdout.write(`\n${JSON.stringify(result, null, 2)}\n`);
    if (result.phases.some((p) => p.lost > 0 || p.badSignatures > 0)) process.exitCode = 1;
  } finally {
    await tearDownBench({ services, database, redisPrefix: `stratum-bench-${runId}`, dataDir, say });
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
