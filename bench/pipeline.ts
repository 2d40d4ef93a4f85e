/**
 * The request pipeline against the framework it is built on, measured side by side in one run:
 * a bare NestJS app's hello route (hello.ts, the yardstick) and, on the product API with every
 * check on (authentication and revocation, tenant resolution, IP allowlist, rate limits, policy,
 * API-call quota, audit):
 *
 *  - GET /health/live;
 *  - GET /api/v1/projects of one tenant with a bearer token, and with an API key (one row);
 *  - POST /api/v1/projects of one tenant (audit event and outbox message in its transaction),
 *    after which the tenant's audit chain must still verify.
 *
 * The floor (floor.ts) serves the same two routes with the same SQL statements through node:http
 * and node-postgres alone: the share of the floor each product route reaches is printed beside its
 * ratio, and the floor's own ratio to the yardstick is what any implementation of that database
 * work could reach on this machine.
 *
 * Rounds interleave the routes; each ratio is taken within a round, then the median, and printed
 * with its target. Rate limits are on, with limits no benchmark reaches (they are counted, not
 * hit). Results go to bench/results/pipeline-*.json.
 *
 * Knobs: BENCH_SECONDS (6), BENCH_CONNECTIONS (32), BENCH_ROUNDS (3), BENCH_PROFILE=1 (the API
 * runs under `node --cpu-prof`; the profile is written to bench/results/profiles/ and its top
 * entries are printed), BENCH_ONLY (a pattern: only the routes it matches, besides the yardstick).
 * `npm run bench` runs it first; alone: `npm run bench:pipeline`.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '@stratum/config';
import { ensureDatabase, ensureLocalServices, freePort, withDatabase } from '@stratum/devenv';
import { RoleAssignments } from '@stratum/rbac';
import { TenantProvisioner } from '@stratum/tenancy';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { ApiModule } from '../apps/api/src/app.module';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { load, LoadResult, LoadTarget } from './load';
import { profileTop } from './profile-top';
import { machineFacts, tearDownBench, writeResults } from './run-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE = process.env.BENCH_PROFILE === '1';
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
const PASSWORD = 'bench-password-long-enough';
/** Far above anything a benchmark reaches: the limits are counted on every request, never hit. */
const UNREACHED = 10_000_000;

const say = (line: string) => process.stdout.write(`[pipeline] ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The routes measured and the share of the hello route each must reach. */
const TARGETS: Record<string, number> = {
  'Stratum GET /health/live': 0.7,
  'GET /projects, bearer, 1 tenant': 0.2,
  'GET /projects, API key, 1 tenant': 0.18,
  'POST /projects, bearer, 1 tenant (audited)': 0.08,
};
const HELLO = 'bare NestJS GET /health/live';
/** The floor each product route is measured against: the same SQL without the framework (floor.ts). */
const FLOORS: Record<string, string> = {
  'GET /projects, bearer, 1 tenant': 'floor: GET /projects SQL, node:http + pg',
  'GET /projects, API key, 1 tenant': 'floor: GET /projects SQL, node:http + pg',
  'POST /projects, bearer, 1 tenant (audited)': 'floor: POST /projects SQL, node:http + pg',
};

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function start(script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<ChildProcess> {
  const child = fork(join(__dirname, script), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((ok, fail) => {
    child.once('message', () => ok(child));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });
}

export interface PipelineResult {
  at: string;
  machine: ReturnType<typeof machineFacts>;
  seconds: number;
  connections: number;
  rounds: number;
  load: Record<string, { rps: number; p50: number; p99: number; runs: LoadResult[] }>;
  ratios: Record<string, { ratio: number; target: number; met: boolean; ofFloor?: number }>;
  /** The floor's own ratio to the yardstick: the most any implementation of that SQL reaches here. */
  floors: Record<string, number>;
  auditChain: { valid: boolean; checked: number };
  /** The machine's 1-minute load average when the measuring began and when it ended: it is shared. */
  loadAverage: { before: number; after: number };
  profile?: { file: string; top: string[] };
}

export async function pipelineBench(): Promise<PipelineResult> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dataDir = join(tmpdir(), `stratum-pipeline-${runId}`);
  const services = await ensureLocalServices({
    dataDir,
    persistent: false,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    log: say,
  });
  const database = `stratum_pipeline_${runId}`;
  await ensureDatabase(services.postgresUrl, database);
  const port = await freePort();
  const helloPort = await freePort();
  const floorPort = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(services.postgresUrl, database),
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: `stratum-pipeline-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUDIT_HMAC_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    SUPERADMIN_EMAIL: 'bench@stratum.local',
    SUPERADMIN_PASSWORD: 'bench-super-admin-password',
    PLATFORM_MFA_REQUIRED: 'false',
    DATABASE_POOL_SIZE: '20',
    DATABASE_APPLICATION_NAME: `stratum-pipeline-${runId}`,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    SWAGGER_ENABLED: 'false',
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_PER_MINUTE: String(UNREACHED),
  };
  const config = loadConfig(env);
  const base = `http://127.0.0.1:${port}`;
  const helloBase = `http://127.0.0.1:${helloPort}`;
  const profileDir = resolve(__dirname, '../../bench/results/profiles');
  let api: ChildProcess | undefined;
  let hello: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  try {
    const migrations = await openMigrationContext(config);
    await migrations.runner.migratePlatform();
    await migrations.close();
    const ctx = await NestFactory.createApplicationContext(ApiModule.forRoot({ config }), { logger: ['error'] });
    const passwordHash = await hash(PASSWORD);
    const roles = ctx.get(RoleAssignments);
    const tenant = await ctx
      .get(TenantProvisioner)
      .provision({ slug: 'pipeline', name: 'Pipeline', plan: 'professional' }, async (em) => {
        const [user] = await em.query(
          `INSERT INTO users (email, name, password_hash, status) VALUES ('admin@bench.test', 'Admin', $1, 'active') RETURNING id`,
          [passwordHash],
        );
        await roles.assignSystemRole(em, user.id, 'tenant_admin');
        await em.query(`INSERT INTO projects (name, description) VALUES ('Only project', 'Seeded by the benchmark')`);
      });
    await ctx.close();
    // The tenant's own limits are counted like any other, but set out of reach.
    const admin = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
    await admin.query(`UPDATE platform.tenants SET limit_overrides = $2 WHERE id = $1`, [
      tenant.id,
      JSON.stringify({ requestsPerMinute: UNREACHED, apiCallsPerDay: UNREACHED }),
    ]);
    await admin.end();

    if (PROFILE) mkdirSync(profileDir, { recursive: true });
    api = await start('bench-api.js', env, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    hello = await start('hello.js', { ...process.env, PORT: String(helloPort) });
    floor = await start('floor.js', { ...env, PORT: String(floorPort), FLOOR_SCHEMA: tenant.schemaName });
    const floorBase = `http://127.0.0.1:${floorPort}`;

    const pair = await call(
      base,
      'POST',
      '/api/v1/auth/login',
      { email: 'admin@bench.test', password: PASSWORD },
      { 'x-tenant': 'pipeline' },
    );
    const token = pair.accessToken as string;
    const bearer = { authorization: `Bearer ${token}` };
    const key = await call(base, 'POST', '/api/v1/api-keys', { name: 'Bench', scopes: ['projects:read'] }, bearer);
    let written = 0;
    const newProject = () => JSON.stringify({ name: `Bench ${++written}`, description: 'Written by the benchmark' });
    const scenarios: Record<string, { base: string; target: LoadTarget }> = {
      [HELLO]: { base: helloBase, target: { next: () => ({ path: '/health/live' }) } },
      'Stratum GET /health/live': { base, target: { next: () => ({ path: '/health/live' }) } },
      'GET /projects, bearer, 1 tenant': { base, target: { next: () => ({ path: '/api/v1/projects', token }) } },
      'GET /projects, API key, 1 tenant': {
        base,
        target: { next: () => ({ path: '/api/v1/projects', headers: { 'x-api-key': key.secret } }) },
      },
      'POST /projects, bearer, 1 tenant (audited)': {
        base,
        target: {
          method: 'POST',
          next: () => ({
            path: '/api/v1/projects',
            token,
            headers: { 'content-type': 'application/json' },
            body: newProject(),
          }),
        },
      },
      [FLOORS['GET /projects, bearer, 1 tenant']]: { base: floorBase, target: { next: () => ({ path: '/api/v1/projects' }) } },
      [FLOORS['POST /projects, bearer, 1 tenant (audited)']]: {
        base: floorBase,
        target: {
          method: 'POST',
          next: () => ({ path: '/api/v1/projects', headers: { 'content-type': 'application/json' }, body: newProject() }),
        },
      },
    };

    if (ONLY) {
      const kept = Object.keys(scenarios).filter((name) => name === HELLO || ONLY.test(name));
      for (const name of Object.keys(scenarios))
        if (!kept.includes(name) && !kept.some((k) => FLOORS[k] === name)) delete scenarios[name];
    }
    for (const { base: b, target } of Object.values(scenarios)) await load(b, target, CONNECTIONS, 2);
    const loadBefore = loadavg()[0];
    const runs: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, { base: b, target }] of Object.entries(scenarios)) {
        const r = await load(b, target, CONNECTIONS, SECONDS);
        if (r.errors || r.non2xx || !r.total)
          throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx responses, ${r.total} in all`);
        runs[name].push(r);
        say(`round ${round} ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`);
      }
    }
    const verified = await call(base, 'GET', '/api/v1/audit-events/verify', undefined, bearer);
    say(
      `audit chain after ${written} writes: ${verified.valid ? 'verifies' : `BROKEN (${verified.reason})`}, ${verified.checked} events`,
    );

    const within = (a: string, b: string) => median(runs[a].map((r, i) => r.rps / runs[b][i].rps));
    const ratios = Object.fromEntries(
      Object.entries(TARGETS)
        .filter(([name]) => runs[name])
        .map(([name, target]) => {
          const ratio = within(name, HELLO);
          const ofFloor = FLOORS[name] && runs[FLOORS[name]] ? within(name, FLOORS[name]) : undefined;
          return [name, { ratio, target, met: ratio >= target, ofFloor }];
        }),
    );
    const floors = Object.fromEntries(
      [...new Set(Object.values(FLOORS))].filter((name) => runs[name]).map((name) => [name, within(name, HELLO)]),
    );
    const result: PipelineResult = {
      at: new Date().toISOString(),
      machine: machineFacts(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      load: Object.fromEntries(
        Object.entries(runs).map(([name, rs]) => [
          name,
          { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), runs: rs },
        ]),
      ),
      ratios,
      floors,
      auditChain: { valid: verified.valid, checked: verified.checked },
      loadAverage: { before: loadBefore, after: loadavg()[0] },
    };
    if (PROFILE) {
      const before = new Set(readdirSync(profileDir));
      await stop(api);
      api = undefined;
      const file = readdirSync(profileDir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
      if (file) result.profile = { file: join(profileDir, file), top: profileTop(join(profileDir, file), 25) };
    }
    return result;
  } finally {
    if (api) await stop(api);
    if (hello) await stop(hello);
    if (floor) await stop(floor);
    await tearDownBench({ services, database, redisPrefix: `stratum-pipeline-${runId}`, dataDir, say });
  }
}

export function printPipeline(r: PipelineResult): void {
  const h = r.load[HELLO];
  const rows: [string, string, string][] = [
    [HELLO, `${h.rps.toFixed(0)} req/s, p99 ${h.p99} ms`, '1.00x (the yardstick)'],
    ...Object.entries(r.ratios).map(([name, q]): [string, string, string] => [
      name,
      `${r.load[name].rps.toFixed(0)} req/s, p99 ${r.load[name].p99} ms`,
      `${q.ratio.toFixed(3)}x (target >= ${q.target.toFixed(2)}) ${q.met ? 'met' : 'NOT MET'}` +
        (q.ofFloor === undefined ? '' : `; ${(100 * q.ofFloor).toFixed(0)}% of its floor`),
    ]),
    ...Object.entries(r.floors).map(([name, ratio]): [string, string, string] => [
      name,
      `${r.load[name].rps.toFixed(0)} req/s, p99 ${r.load[name].p99} ms`,
      `${ratio.toFixed(3)}x (the most this SQL reaches here)`,
    ]),
    ['Audit chain after the writes', `${r.auditChain.checked} events`, r.auditChain.valid ? 'verifies' : 'BROKEN'],
  ];
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  process.stdout.write(
    `\nRequest pipeline, ${r.connections} connections, medians over ${r.rounds} rounds of ${r.seconds} s ` +
      `(Node ${r.machine.node}, ${r.machine.cpus} CPUs, load average ${r.loadAverage.before.toFixed(1)} before, ${r.loadAverage.after.toFixed(1)} after):\n`,
  );
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c}\n`);
  if (r.profile) {
    process.stdout.write(`\nCPU profile of the API (${r.profile.file}), self time:\n`);
    for (const line of r.profile.top) process.stdout.write(`  ${line}\n`);
  }
  process.stdout.write('\n');
}

if (require.main === module) {
  pipelineBench()
    .then((r) => {
      printPipeline(r);
      say(`results written to ${writeResults('pipeline', r)}`);
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    });
}
