/**
 * `npm run bench`: the tenancy benchmark. Everything is measured side by side in one run on
 * this machine; compare ratios, not absolute numbers (machines are shared and noisy).
 *
 *  1. GET /api/v1/projects (tenant-scoped: token, tenant resolution, one transaction with
 *     SET LOCAL ROLE + search_path, permission lookup, list) against the same work on a
 *     baseline route without tenancy (bench.module.ts), with 1 tenant and with N tenants
 *     round-robin; the largest number of database connections seen during the load.
 *  2. Tenant provisioning through POST /api/v1/platform/tenants: p50/p95 over 50 tenants.
 *  3. `npm run migrate` over N tenants with nothing pending, and with one new tenant migration.
 *  4. Audit export of a 200,000-event trail over HTTP: the API's peak RSS growth against the
 *     export's size (audit-export.ts).
 *  5. Webhook delivery to a local receiver: deliveries per second from a backlog and live (a
 *     paced rate), live end-to-end latency, what was lost (must be nothing), each target with
 *     whether it is met (webhooks.ts).
 *
 * Knobs: BENCH_TENANTS (1000), BENCH_SECONDS (8), BENCH_CONNECTIONS (32), BENCH_ROUNDS (3),
 * BENCH_AUDIT_EVENTS (200000; 0 skips case 4), BENCH_WEBHOOK_MESSAGES (1000; 0 skips case 5),
 * BENCH_WEBHOOK_ENDPOINTS (4), BENCH_WEBHOOK_RATE (300 messages/s) and BENCH_WEBHOOK_SECONDS (20)
 * for the live phase, BENCH_PROFILE=1 (the webhook worker under `node --cpu-prof`).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '@stratum/config';
import { ensureDatabase, ensureLocalServices, freePort, withDatabase } from '@stratum/devenv';
import { RoleAssignments } from '@stratum/rbac';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { TenantProvisioner } from '@stratum/tenancy';
import { fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { ApiModule } from '../apps/api/src/app.module';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { auditExportBench, auditExportRows, AuditExportResult } from './audit-export';
import { load, LoadResult } from './load';
import { machineFacts, tearDownBench, writeResults } from './run-support';
import { webhookBench, WebhookBenchResult, webhookBenchKnobs, webhookRows } from './webhooks';

const N = Number(process.env.BENCH_TENANTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const WEBHOOK_MESSAGES = Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 1000);
const POOL = 20;
const TIMED_PROVISIONS = 50;
const PASSWORD = 'bench-password-long-enough';

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function post(base: string, path: string, body: unknown, token?: string, tenant?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(tenant ? { 'x-tenant': tenant } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function inBatches<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

class BenchAddColumn1799999999999 implements MigrationInterface {
  name = 'BenchAddColumn1799999999999';
  async up(qr: QueryRunner) {
    await qr.query('ALTER TABLE projects ADD COLUMN bench_flag boolean NOT NULL DEFAULT false');
  }
  async down(qr: QueryRunner) {
    await qr.query('ALTER TABLE projects DROP COLUMN bench_flag');
  }
}

async function main() {
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
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(services.postgresUrl, database),
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: `stratum-bench-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUDIT_HMAC_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    SUPERADMIN_EMAIL: 'bench@stratum.local',
    SUPERADMIN_PASSWORD: 'bench-super-admin-password',
    // The benchmark signs its super admin in with a password alone.
    PLATFORM_MFA_REQUIRED: 'false',
    DATABASE_POOL_SIZE: String(POOL),
    DATABASE_APPLICATION_NAME: `stratum-bench-${runId}`,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    SWAGGER_ENABLED: 'false',
    // Measures tenancy: a few users on one address would meet the rate limits at once.
    RATE_LIMIT_ENABLED: 'false',
  };
  const config = loadConfig(env);
  const base = `http://127.0.0.1:${port}`;
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: machineFacts(),
    tenants: N,
    seconds: SECONDS,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    poolSize: POOL,
    postgres: services.embeddedPostgres ? 'embedded' : 'DATABASE_URL',
  };
  let api: ReturnType<typeof fork> | undefined;
  try {
    const migrations = await openMigrationContext(config);
    await migrations.runner.migratePlatform();
    await migrations.close();

    // The first tenant is made before the API starts: the baseline pool sits in its schema.
    const ctx = await NestFactory.createApplicationContext(ApiModule.forRoot({ config }), { logger: ['error'] });
    const passwordHash = await hash(PASSWORD);
    const provisioner = ctx.get(TenantProvisioner);
    const roles = ctx.get(RoleAssignments);
    const provision = (slug: string) =>
      provisioner.provision({ slug, name: slug, plan: 'professional' }, async (em) => {
        const [user] = await em.query(
          `INSERT INTO users (email, name, password_hash, status) VALUES ('admin@bench.test', 'Admin', $1, 'active') RETURNING id`,
          [passwordHash],
        );
        await roles.assignSystemRole(em, user.id, 'tenant_admin');
      });
    const first = await provision('bench-0');

    api = fork(join(__dirname, 'bench-api.js'), [], {
      env: { ...env, BENCH_BASELINE_SCHEMA: first.schemaName },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((ok, fail) => {
      api!.once('message', () => ok());
      api!.once('exit', (code) => fail(new Error(`bench API exited with ${code}`)));
    });

    // 2. Provisioning through the API, one at a time.
    const root = await post(base, '/api/v1/platform/auth/login', {
      email: env.SUPERADMIN_EMAIL,
      password: env.SUPERADMIN_PASSWORD,
    });
    const provisionMs: number[] = [];
    const slugs: string[] = ['bench-0'];
    for (let i = 1; i <= TIMED_PROVISIONS; i++) {
      const slug = `bench-${i}`;
      const started = performance.now();
      await post(
        base,
        '/api/v1/platform/tenants',
        {
          name: `Bench ${i}`,
          slug,
          plan: 'professional',
          admin: { email: 'admin@bench.test', name: 'Admin', password: PASSWORD },
        },
        root.accessToken,
      );
      provisionMs.push(performance.now() - started);
      slugs.push(slug);
    }
    say(
      `provisioned ${TIMED_PROVISIONS} tenants through the API: p50 ${median(provisionMs).toFixed(0)} ms, p95 ${pct(provisionMs, 95).toFixed(0)} ms`,
    );

    // The rest through the provisioner directly (same transaction, no HTTP), 4 at a time.
    const bulk = Array.from({ length: Math.max(0, N - TIMED_PROVISIONS - 1) }, (_, i) => `bench-${TIMED_PROVISIONS + 1 + i}`);
    const bulkStarted = Date.now();
    await inBatches(bulk, 4, async (slug) => {
      await provision(slug);
      slugs.push(slug);
      if (slugs.length % 200 === 0) say(`provisioned ${slugs.length}/${N}`);
    });
    results.bulkProvisionSeconds = (Date.now() - bulkStarted) / 1000;
    await ctx.close();

    // 20 projects in every tenant, so each list request returns a full page.
    const admin = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
    const tenants: { id: string; slug: string; schema_name: string }[] = (
      await admin.query('SELECT id, slug, schema_name FROM platform.tenants ORDER BY created_at')
    ).rows;
    await inBatches(tenants, 4, async (t) => {
      await admin.query(
        `INSERT INTO "${t.schema_name}".projects (name, description, created_at)
         SELECT 'Project ' || g, 'Seeded by the benchmark', now() - g * interval '1 minute' FROM generate_series(1, 25) g`,
      );
    });
    await admin.query('ANALYZE');

    // A real login per tenant.
    const tokens = new Map<string, string>();
    await inBatches(tenants, 8, async (t) => {
      const pair = await post(base, '/api/v1/auth/login', { email: 'admin@bench.test', password: PASSWORD }, undefined, t.slug);
      tokens.set(t.slug, pair.accessToken);
    });
    say(`${tenants.length} tenants ready, ${tokens.size} logged in`);

    // 1. Load: tenant route vs baseline, 1 tenant vs all, interleaved rounds.
    const one = tenants[0];
    let cursor = 0;
    const rr = () => tenants[cursor++ % tenants.length];
    const scenarios: Record<string, () => { path: string; token: string }> = {
      'baseline, 1 tenant': () => ({ path: '/api/v1/bench/projects', token: tokens.get(one.slug)! }),
      'tenant route, 1 tenant': () => ({ path: '/api/v1/projects', token: tokens.get(one.slug)! }),
      [`tenant route, ${tenants.length} tenants`]: () => {
        const t = rr();
        return { path: '/api/v1/projects', token: tokens.get(t.slug)! };
      },
    };
    const watcher = new Client({ connectionString: env.DATABASE_URL });
    await watcher.connect();
    let maxConnections = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const { rows } = await watcher.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
          env.DATABASE_APPLICATION_NAME,
        ]);
        maxConnections = Math.max(maxConnections, rows[0].n);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // Warm-up. Each pooled PostgreSQL backend builds catalog caches for every schema it touches;
    // serving every tenant once per pool connection reaches the steady state a long-running
    // deployment is in (the time it takes is reported too).
    for (const next of Object.values(scenarios)) await load(base, { next }, CONNECTIONS, 2);
    const warmStarted = performance.now();
    const warm = await load(
      base,
      { next: scenarios[`tenant route, ${tenants.length} tenants`] },
      CONNECTIONS,
      0,
      tenants.length * POOL,
    );
    results.warmUp = { requests: warm.total, seconds: (performance.now() - warmStarted) / 1000, rps: warm.rps };
    say(
      `warm-up: ${warm.total} requests over ${tenants.length} tenants in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s (${warm.rps.toFixed(0)} req/s cold)`,
    );
    const runs: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, next] of Object.entries(scenarios)) {
        const r = await load(base, { next }, CONNECTIONS, SECONDS);
        if (r.errors || r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
        runs[name].push(r);
        say(`round ${round} ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`);
      }
    }
    watching = false;
    await watch;
    await watcher.end();
    // Ratios are taken within each round (adjacent runs share the machine's state), then the median.
    const perRound = (a: string, b: string) => median(runs[a].map((r, i) => r.rps / runs[b][i].rps));
    results.ratios = {
      tenantVsBaseline: perRound('tenant route, 1 tenant', 'baseline, 1 tenant'),
      tenantNVsTenant1: perRound(`tenant route, ${tenants.length} tenants`, 'tenant route, 1 tenant'),
    };
    const summary = Object.fromEntries(
      Object.entries(runs).map(([name, rs]) => [
        name,
        { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), runs: rs },
      ]),
    );
    results.load = summary;
    results.maxDbConnections = maxConnections;
    results.provisioning = {
      count: TIMED_PROVISIONS,
      p50Ms: median(provisionMs),
      p95Ms: pct(provisionMs, 95),
      samplesMs: provisionMs,
    };

    // 4. Audit export at scale, on a tenant of its own.
    if (AUDIT_EVENTS > 0) {
      results.auditExport = await auditExportBench({
        base,
        apiPid: api.pid!,
        databaseUrl: env.DATABASE_URL,
        secret: env.AUDIT_HMAC_SECRET,
        superAdmin: { email: env.SUPERADMIN_EMAIL, password: env.SUPERADMIN_PASSWORD },
        events: AUDIT_EVENTS,
        say,
      });
    }

    api.kill('SIGTERM');
    api = undefined;

    // 3. Migrations over all tenants: the real CLI with nothing pending, then one new migration.
    const cli = (args: string[]) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, [resolve(__dirname, '../apps/cli/src/main.js'), ...args], {
        env,
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`migrate failed: ${run.stdout}${run.stderr}`);
      return { seconds: (performance.now() - started) / 1000, summary: run.stdout.trim().split('\n').slice(-2).join(' | ') };
    };
    const nothingPending = cli(['migrate']);
    say(`npm run migrate, nothing pending: ${nothingPending.seconds.toFixed(2)} s (${nothingPending.summary})`);
    const extended = await openMigrationContext(config, {
      platform: MIGRATIONS.platform,
      tenant: [...MIGRATIONS.tenant, BenchAddColumn1799999999999],
    });
    let started = performance.now();
    const applied = await extended.runner.migrateTenants();
    const oneNewSeconds = (performance.now() - started) / 1000;
    const failed = applied.filter((r) => r.status === 'failed').length;
    started = performance.now();
    await extended.runner.migrateTenants();
    const nothingPendingInProcess = (performance.now() - started) / 1000;
    await extended.close();
    say(`one new migration over ${applied.length} tenants: ${oneNewSeconds.toFixed(2)} s (${failed} failed)`);
    results.migrate = {
      tenants: tenants.length,
      concurrency: config.MIGRATE_CONCURRENCY,
      nothingPendingCliSeconds: nothingPending.seconds,
      nothingPendingRunnerSeconds: nothingPendingInProcess,
      oneNewMigrationSeconds: oneNewSeconds,
      oneNewMigrationFailed: failed,
    };
    await admin.end();

    // 5. Webhook delivery throughput to a local receiver, and what is lost (webhooks.ts).
    if (WEBHOOK_MESSAGES > 0) {
      results.webhooks = await webhookBench({ env, ...webhookBenchKnobs(), say });
    }

    printTable(results, tenants.length);
    const hooksProfile = (results.webhooks as WebhookBenchResult | undefined)?.profile;
    if (hooksProfile) {
      process.stdout.write(`CPU profile of the webhook worker (${hooksProfile.file}), self time:\n`);
      for (const line of hooksProfile.top) process.stdout.write(`  ${line}\n`);
    }
    const file = writeResults('foundation', results);
    say(`results written to ${file}`);
  } finally {
    api?.kill('SIGTERM');
    await tearDownBench({ services, database, redisPrefix: `stratum-bench-${runId}`, dataDir, say });
  }
}

function printTable(r: Record<string, any>, n: number) {
  const load = r.load as Record<string, { rps: number; p50: number; p99: number }>;
  const b1 = load['baseline, 1 tenant'];
  const t1 = load['tenant route, 1 tenant'];
  const tn = load[`tenant route, ${n} tenants`];
  const q = r.ratios as Record<string, number>;
  const rows: [string, string, string][] = [
    ['GET /projects, baseline (no tenancy), 1 tenant', `${b1.rps.toFixed(0)} req/s, p99 ${b1.p99} ms`, '(medians over rounds)'],
    [
      'GET /projects, tenant route, 1 tenant',
      `${t1.rps.toFixed(0)} req/s, p99 ${t1.p99} ms`,
      `${q.tenantVsBaseline.toFixed(2)}x baseline (target >= 0.85)`,
    ],
    [
      `GET /projects, tenant route, ${n} tenants`,
      `${tn.rps.toFixed(0)} req/s, p99 ${tn.p99} ms`,
      `${q.tenantNVsTenant1.toFixed(2)}x 1 tenant (target >= 0.90)`,
    ],
    [
      `  warm-up (cold caches, every tenant x pool)`,
      `${r.warmUp.requests} requests in ${r.warmUp.seconds.toFixed(1)} s`,
      `${r.warmUp.rps.toFixed(0)} req/s`,
    ],
    [
      'DB connections (max seen / pool)',
      `${r.maxDbConnections} / ${r.poolSize}`,
      r.maxDbConnections <= r.poolSize ? 'within pool' : 'ABOVE POOL',
    ],
    [
      'Provisioning via API (50 tenants)',
      `p50 ${r.provisioning.p50Ms.toFixed(0)} ms, p95 ${r.provisioning.p95Ms.toFixed(0)} ms`,
      'target p50 <= 300 ms',
    ],
    [
      `npm run migrate, nothing pending, ${n} tenants`,
      `${r.migrate.nothingPendingCliSeconds.toFixed(2)} s (runner alone ${r.migrate.nothingPendingRunnerSeconds.toFixed(2)} s)`,
      'target <= 5 s',
    ],
    [`migrate, one new migration, ${n} tenants`, `${r.migrate.oneNewMigrationSeconds.toFixed(2)} s`, 'target <= 60 s'],
    ...(r.auditExport ? auditExportRows(r.auditExport as AuditExportResult) : []),
    ...(r.webhooks ? webhookRows(r.webhooks as WebhookBenchResult) : []),
  ];
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  process.stdout.write('\n');
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c}\n`);
  process.stdout.write('\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
