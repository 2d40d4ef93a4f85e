/**
 * Webhook delivery throughput and latency: one tenant with BENCH_WEBHOOK_ENDPOINTS endpoints (4)
 * on a local receiver (node:http on 127.0.0.1, which verifies every signature with the Standard
 * Webhooks reference library), in two phases:
 *
 *  - backlog: BENCH_WEBHOOK_MESSAGES domain events (1,000) are written while no worker runs (they
 *    wait in the outbox), then the real worker process starts and drains them;
 *  - live: the worker runs while events are written at a paced rate, BENCH_WEBHOOK_RATE messages
 *    a second (300) for BENCH_WEBHOOK_SECONDS (20), one event per transaction as requests would
 *    write them (each on its own schedule, so a slow commit does not slow the offered rate).
 *
 * Each phase reports deliveries per second (every message to every endpoint; the live phase from
 * the first write to the last arrival), end-to-end latency in the live phase (receipt minus the
 * event's timestamp), the share lost (deliveries that never arrived), bad signatures, and
 * duplicates (at-least-once delivery), and each target with whether it is met:
 *
 *  - deliveries >= 1,000/s from the backlog and live;
 *  - live end-to-end p99 <= 1 s;
 *  - nothing lost, no bad signature.
 *
 * Results go to bench/results/webhooks-*.json. BENCH_PROFILE=1 runs the worker under
 * `node --cpu-prof` (profile in bench/results/profiles/) and prints its top entries.
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
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { ApiModule } from '../apps/api/src/app.module';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { profileTop } from './profile-top';
import { machineFacts, tearDownBench, writeResults } from './run-support';

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
  /** Live: the rate the writers reached (messages a second) against the one asked for. */
  offeredRate?: number;
  targetRate?: number;
  /** CPU seconds the worker process used during the phase (Linux), per second of the phase. */
  workerCpu?: number | null;
  /** Live: where the time went, p50 and p99 in milliseconds of each stage of a delivery (as the rows record it). */
  stages?: Record<string, { p50: number; p99: number }>;
}

export interface WebhookTarget {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

export interface WebhookBenchResult {
  at?: string;
  machine?: ReturnType<typeof machineFacts>;
  /** The machine's load average (1, 5, 15 minutes) when the case began and ended: it is shared. */
  loadAverage?: { before: number[]; after: number[] };
  /** From starting the worker process to its readiness. */
  workerStartSeconds: number;
  endpoints: number;
  concurrency: number;
  endpointConcurrency: number;
  phases: WebhookPhase[];
  /** Connections the receiver accepted over both phases (each delivery without keep-alive would open one). */
  receiverConnections?: number;
  targets: WebhookTarget[];
  profile?: { file: string; top: string[] };
}

export interface WebhookBenchOptions {
  /** The environment the product runs with (database, Redis, keys); the case adds its own settings. */
  env: Record<string, string | undefined>;
  /** Backlog messages. */
  messages: number;
  endpoints: number;
  /** Live phase: messages a second, for `liveSeconds`. */
  liveRate: number;
  liveSeconds: number;
  /** Run the worker under `node --cpu-prof` and keep its top entries. */
  profile?: boolean;
  say: (line: string) => void;
}

/** The targets: deliveries a second in both phases, live p99, and nothing lost or forged. */
export const WEBHOOK_TARGETS = { deliveriesPerSecond: 1000, liveP99Ms: 1000 };
/** Writes of the live phase in flight at once, at most (as many requests at once). */
const MAX_WRITERS = 32;
const DEADLINE_MS = 300_000;

/** User plus system CPU seconds of a process so far (Linux /proc), or null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : null;

/** Records what arrives: per endpoint path, each webhook-id once (and how often it came). */
class Receiver {
  readonly seen = new Map<string, Map<string, number>>();
  readonly latencies: number[] = [];
  badSignatures = 0;
  /** TCP connections the worker opened (keep-alive reuses them). */
  connections = 0;
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
    this.server.on('connection', () => this.connections++);
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

/**
 * The stages of the deliveries of `messageIds`, from the rows: written (the change's transaction)
 * to queued (the relay marked it, after adding its job), queued to the last attempt's claim, and
 * the claim to completion (the receiver's answer and the record of it).
 */
async function stages(db: TenantDatabase, tenant: Tenant, messageIds: string[]) {
  const [row] = await db.run(tenant, (em) =>
    em.query(
      `
      WITH d AS (
        SELECT extract(epoch FROM enqueued_at - created_at) * 1000 AS relay,
               extract(epoch FROM last_attempt_at - enqueued_at) * 1000 AS queue,
               extract(epoch FROM completed_at - last_attempt_at) * 1000 AS attempt
          FROM webhook_deliveries WHERE message_id = ANY($1::uuid[]))
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY relay) AS relay_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY relay) AS relay_p99,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY queue) AS queue_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY queue) AS queue_p99,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY attempt) AS attempt_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY attempt) AS attempt_p99
        FROM d`,
      [messageIds],
    ),
  );
  const r = (v: unknown) => Math.round(Number(v));
  return {
    'written to queued': { p50: r(row.relay_p50), p99: r(row.relay_p99) },
    'queued to claimed': { p50: r(row.queue_p50), p99: r(row.queue_p99) },
    'claimed to recorded': { p50: r(row.attempt_p50), p99: r(row.attempt_p99) },
  };
}

export async function webhookBench(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const { say } = options;
  const loadBefore = loadavg();
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
  const profileDir = resolve(__dirname, '../../bench/results/profiles');
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
    const emit = (n: number) =>
      db.run(tenant, async () => {
        for (let j = 0; j < n; j++)
          await events.emit('project.created', { id: randomUUID(), name: 'bench', description: '', createdBy: null });
      });
    const write = async (n: number, perTransaction: number, writers: number) => {
      let left = n;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          while (left > 0) {
            const k = Math.min(perTransaction, left);
            left -= k;
            await emit(k);
          }
        }),
      );
    };
    /** One event per transaction, the i-th due at i / rate seconds; answers the rate reached. */
    const paced = async (rate: number, seconds: number): Promise<number> => {
      const total = Math.round(rate * seconds);
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      for (let i = 0; i < total; i++) {
        const wait = started + (i * 1000) / rate - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        while (inFlight.size >= MAX_WRITERS) await Promise.race(inFlight);
        const p: Promise<void> = emit(1).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      return total / ((performance.now() - started) / 1000);
    };
    const waitDelivered = async (ids: Set<string>) => {
      const expected = ids.size * options.endpoints;
      const deadline = Date.now() + DEADLINE_MS;
      while (receiver.count(ids).arrived < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return performance.now();
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
    if (options.profile) mkdirSync(profileDir, { recursive: true });
    const profilesBefore = new Set(options.profile ? readdirSync(profileDir) : []);
    const forked = performance.now();
    worker = fork(resolve(__dirname, '../apps/worker/src/main.js'), [], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    await workerReady(workerHealth);
    const workerStartSeconds = (performance.now() - forked) / 1000;
    // The relay and the first deliveries may begin before readiness answers: timed from the first arrival.
    const backlogCpu = cpuSeconds(worker.pid);
    const backlogEnded = await waitDelivered(backlog);
    const started = receiver.firstArrival ?? performance.now();
    const backlogPhase = phase('backlog', backlog, (backlogEnded - started) / 1000, []);
    const cpuAfterBacklog = cpuSeconds(worker.pid);
    backlogPhase.workerCpu =
      backlogCpu !== null && cpuAfterBacklog !== null ? (cpuAfterBacklog - backlogCpu) / backlogPhase.seconds : null;
    say(`webhooks backlog: ${backlogPhase.deliveriesPerSecond.toFixed(0)} deliveries/s, lost ${backlogPhase.lost}`);

    // Live: the worker runs while events are written at a paced rate.
    const before = receiver.latencies.length;
    say(`webhooks live: writing ${options.liveRate} messages/s for ${options.liveSeconds} s`);
    const liveStarted = performance.now();
    const offeredRate = await paced(options.liveRate, options.liveSeconds);
    const live = new Set([...(await messageIds())].filter((id) => !backlog.has(id)));
    const liveEnded = await waitDelivered(live);
    const livePhase = phase('live', live, (liveEnded - liveStarted) / 1000, receiver.latencies.slice(before));
    const cpuAfterLive = cpuSeconds(worker.pid);
    livePhase.stages = await stages(db, tenant, [...live]);
    livePhase.offeredRate = offeredRate;
    livePhase.targetRate = options.liveRate;
    livePhase.workerCpu =
      cpuAfterBacklog !== null && cpuAfterLive !== null ? (cpuAfterLive - cpuAfterBacklog) / livePhase.seconds : null;
    say(
      `webhooks live: ${livePhase.deliveriesPerSecond.toFixed(0)} deliveries/s (offered ${offeredRate.toFixed(0)} messages/s), p50 ${livePhase.latencyP50Ms} ms, p99 ${livePhase.latencyP99Ms} ms, lost ${livePhase.lost}`,
    );
    const result: WebhookBenchResult = {
      at: new Date().toISOString(),
      machine: machineFacts(),
      loadAverage: { before: loadBefore, after: loadavg() },
      workerStartSeconds,
      endpoints: options.endpoints,
      concurrency: config.WEBHOOK_CONCURRENCY,
      endpointConcurrency: config.WEBHOOK_ENDPOINT_CONCURRENCY,
      phases: [backlogPhase, livePhase],
      receiverConnections: receiver.connections,
      targets: webhookTargets([backlogPhase, livePhase]),
    };
    if (options.profile) {
      worker.kill('SIGTERM');
      await new Promise((ok) => worker!.once('exit', ok));
      worker = undefined;
      const file = readdirSync(profileDir).find((f) => !profilesBefore.has(f) && f.endsWith('.cpuprofile'));
      if (file) result.profile = { file: join(profileDir, file), top: profileTop(join(profileDir, file), 25) };
    }
    return result;
  } finally {
    if (worker) {
      worker.kill('SIGTERM');
      await new Promise((ok) => worker!.once('exit', ok));
    }
    await receiver.close();
    await ctx.close();
    rmSync(env.MAIL_DIR!, { recursive: true, force: true });
  }
}

/** Each target of the issue with the figure measured and whether it is met. */
export function webhookTargets(phases: WebhookPhase[]): WebhookTarget[] {
  const targets: WebhookTarget[] = [];
  for (const p of phases) {
    // Live, the rate cannot exceed what is offered: say so when the knobs offer less than the target.
    const offered = p.targetRate !== undefined ? p.targetRate * (p.deliveries / p.messages) : null;
    targets.push({
      name: `deliveries/s, ${p.phase}`,
      value: `${p.deliveriesPerSecond.toFixed(0)}${offered !== null ? ` (${offered.toFixed(0)} offered)` : ''}`,
      target: `>= ${WEBHOOK_TARGETS.deliveriesPerSecond}`,
      met: p.deliveriesPerSecond >= WEBHOOK_TARGETS.deliveriesPerSecond,
    });
  }
  const live = phases.find((p) => p.phase === 'live');
  if (live) {
    targets.push({
      name: `end-to-end p99, live (${live.targetRate} messages/s offered)`,
      value: `${live.latencyP99Ms} ms`,
      target: `<= ${WEBHOOK_TARGETS.liveP99Ms} ms`,
      met: live.latencyP99Ms !== null && live.latencyP99Ms <= WEBHOOK_TARGETS.liveP99Ms,
    });
  }
  const lost = phases.reduce((n, p) => n + p.lost, 0);
  const bad = Math.max(0, ...phases.map((p) => p.badSignatures));
  targets.push({ name: 'deliveries lost', value: String(lost), target: '0', met: lost === 0 });
  targets.push({ name: 'bad signatures', value: String(bad), target: '0', met: bad === 0 });
  return targets;
}

/** Rows for a results table: each phase, then each target with "met" or "NOT MET". */
export function webhookRows(r: WebhookBenchResult): [string, string, string][] {
  return [
    ...r.phases.map((p): [string, string, string] => [
      p.phase === 'live'
        ? `Webhooks, live (${p.targetRate} msg/s offered, ${p.offeredRate?.toFixed(0)} reached, ${p.messages} messages x ${r.endpoints} endpoints)`
        : `Webhooks, backlog (${p.messages} messages x ${r.endpoints} endpoints)`,
      `${p.deliveriesPerSecond.toFixed(0)} deliveries/s${p.latencyP50Ms !== null ? `, p50 ${p.latencyP50Ms} ms, p99 ${p.latencyP99Ms} ms` : ''}`,
      `lost ${p.lost}, duplicates ${p.duplicates}, bad signatures ${p.badSignatures}${p.workerCpu != null ? `, worker CPU ${(p.workerCpu * 100).toFixed(0)}%` : ''}`,
    ]),
    ...r.phases.flatMap((p) =>
      Object.entries(p.stages ?? {}).map(([stage, t]): [string, string, string] => [
        `  ${p.phase}: ${stage}`,
        `p50 ${t.p50} ms, p99 ${t.p99} ms`,
        '',
      ]),
    ),
    ...r.targets.map((t): [string, string, string] => [
      `  target: webhook ${t.name}`,
      t.value,
      `(target ${t.target}) ${t.met ? 'met' : 'NOT MET'}`,
    ]),
  ];
}

export function printWebhooks(r: WebhookBenchResult): void {
  const rows = webhookRows(r);
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  const load = r.loadAverage
    ? `, load average ${r.loadAverage.before[0].toFixed(1)} before and ${r.loadAverage.after[0].toFixed(1)} after`
    : '';
  process.stdout.write(
    `\nWebhook delivery, worker concurrency ${r.concurrency}, ${r.endpointConcurrency} per endpoint${load}:\n`,
  );
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c}\n`);
  if (r.receiverConnections !== undefined) {
    const deliveries = r.phases.reduce((n, p) => n + p.deliveries, 0);
    process.stdout.write(`The receiver accepted ${r.receiverConnections} connections for ${deliveries} deliveries.\n`);
  }
  if (r.profile) {
    process.stdout.write(`\nCPU profile of the worker (${r.profile.file}), self time:\n`);
    for (const line of r.profile.top) process.stdout.write(`  ${line}\n`);
  }
  process.stdout.write('\n');
}

/** The knobs, from the environment. */
export function webhookBenchKnobs() {
  return {
    messages: Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 1000),
    endpoints: Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 4),
    liveRate: Number(process.env.BENCH_WEBHOOK_RATE ?? 300),
    liveSeconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 20),
    profile: process.env.BENCH_PROFILE === '1',
  };
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
    const result = await webhookBench({ env, ...webhookBenchKnobs(), say });
    printWebhooks(result);
    say(`results written to ${writeResults('webhooks', result)}`);
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
