/**
 * `npm run bench:scale -- --tenants=10000`: Stratum with many tenants on one PostgreSQL, in a
 * database of its own (created, then dropped with its tenant roles). Measured side by side on
 * this machine; compare ratios, not absolute numbers.
 *
 *  1. Provisioning: the fast path (many schemas per transaction, replayed DDL) for every tenant,
 *     against the normal path (one transaction running every migration) for a sample.
 *  2. GET /api/v1/projects spread over all tenants against the same load over 10 tenants
 *     (interleaved rounds): throughput and p99.
 *  3. PostgreSQL memory per pooled connection after the load touched every tenant (private
 *     memory of the backends, RssAnon in /proc), with connection recycling (the default
 *     DATABASE_POOL_MAX_USES) and without (DATABASE_POOL_MAX_USES=0, every backend serving every tenant).
 *  4. `npm run migrate` with nothing pending, and one new tenant migration over every schema.
 *  5. Catalogue size: pg_class and pg_attribute rows, database size.
 *
 * Flags: --tenants=N (10000), --seconds=S per load run (10), --rounds=R (3), --connections=C (32),
 * --batch=B tenants per provisioning transaction (20), --phases=provision,load,memory,migrate (all),
 * --database=NAME to provision into (or top up) a database that is kept afterwards, so later runs
 * can measure without provisioning again.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '@stratum/config';
import { ensureDatabase, ensureLocalServices, freePort, withDatabase } from '@stratum/devenv';
import { TokenService } from '@stratum/identity';
import { MIGRATIONS } from '@stratum/migrations';
import { RoleAssignments } from '@stratum/rbac';
import { TenantProvisioner } from '@stratum/tenancy';
import { ChildProcess, fork, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ApiModule } from '../apps/api/src/app.module';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { load, LoadResult } from './load';
import { machineFacts, tearDownBench, writeResults } from './run-support';

const flag = (name: string, fallback: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const N = flag('tenants', 10_000);
const SECONDS = flag('seconds', 10);
const ROUNDS = flag('rounds', 3);
const CONNECTIONS = flag('connections', 32);
// Each new schema holds ~100 locks until its transaction ends: batches stay within max_locks_per_transaction.
const BATCH = flag('batch', 20);
const PHASES = new Set(
  (process.argv.find((a) => a.startsWith('--phases='))?.slice(9) ?? 'provision,load,memory,migrate').split(','),
);
const KEPT = process.argv.find((a) => a.startsWith('--database='))?.slice(11);
if (KEPT !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(KEPT)) throw new Error('--database must be a lowercase identifier');
const FEW = 10;
const POOL = 20;
const NORMAL_SAMPLE = 20;
const MIGRATION_SAMPLE = 100;
const PROJECTS = 20;
const PASSWORD = 'scale-bench-password-long';

const say = (line: string) => process.stdout.write(`[bench:scale] ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mib = (kib: number) => round(kib / 1024, 1);

/** Adding a NOT NULL column with a default, in steps (see README, "Tenant migrations at scale"). */
const addFlagInSteps = (column: string) => [
  `ALTER TABLE projects ADD COLUMN ${column} boolean`,
  `ALTER TABLE projects ALTER COLUMN ${column} SET DEFAULT false`,
  `UPDATE projects SET ${column} = false`,
  `ALTER TABLE projects ALTER COLUMN ${column} SET NOT NULL`,
];
/** The same in one statement: PostgreSQL then scans all of pg_index for the schema. */
const addFlagAtOnce = (column: string) => [`ALTER TABLE projects ADD COLUMN ${column} boolean NOT NULL DEFAULT false`];

/** One new tenant migration, named per run so that a kept database gets a new one every time. */
function newTenantMigration(runId: string): new () => MigrationInterface {
  const stamp = `17999${String(Math.floor(Date.now() / 1000) % 1e8).padStart(8, '0')}`;
  const column = `scale_flag_${runId}`;
  return class implements MigrationInterface {
    name = `ScaleBenchFlag${stamp}`;
    async up(qr: QueryRunner) {
      for (const sql of addFlagInSteps(column)) await qr.query(sql);
    }
    async down(qr: QueryRunner) {
      await qr.query(`ALTER TABLE projects DROP COLUMN ${column}`);
    }
  };
}

/** Private memory (RssAnon, KiB) of the PostgreSQL backends of `application_name`; null where /proc is not readable. */
async function backendMemory(
  pg: Client,
  applicationName: string,
): Promise<{ backends: number; avgMiB: number; maxMiB: number } | null> {
  const { rows } = await pg.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  const kib: number[] = [];
  for (const { pid } of rows) {
    const file = `/proc/${pid}/status`;
    if (!existsSync(file)) continue;
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'));
    if (match) kib.push(Number(match[1]));
  }
  if (!kib.length) return null;
  return { backends: kib.length, avgMiB: mib(kib.reduce((a, b) => a + b, 0) / kib.length), maxMiB: mib(Math.max(...kib)) };
}

/** CPU time (ms) of the whole machine, of process `pid`, and of this process; null where /proc is not readable. */
function cpuNow(pid: number): { machine: number; api: number; bench: number } | null {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = all.reduce((a, b) => a + b, 0) - all[3] - all[4];
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const usage = process.cpuUsage();
    return {
      machine: busy * tick,
      api: (Number(fields[11]) + Number(fields[12])) * tick,
      bench: (usage.user + usage.system) / 1000,
    };
  } catch {
    return null;
  }
}

async function startApi(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'scale-api.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((ok, fail) => {
    child.once('message', () => ok());
    child.once('exit', (code) => fail(new Error(`bench API exited with ${code}`)));
  });
  return child;
}

async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function main() {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dataDir = join(tmpdir(), `stratum-scale-${runId}`);
  if (KEPT && !process.env.DATABASE_URL) throw new Error('--database needs DATABASE_URL (a server that outlives the run)');
  const services = await ensureLocalServices({
    dataDir,
    persistent: false,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    log: say,
  });
  const database = KEPT ?? `stratum_scale_${runId}`;
  await ensureDatabase(services.postgresUrl, database);
  const port = await freePort();
  const appName = `stratum-scale-${runId}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(services.postgresUrl, database),
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: `stratum-scale-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_ACCESS_TTL_SECONDS: '3600',
    AUDIT_HMAC_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `scale:${randomBytes(32).toString('base64')}`,
    PLATFORM_MFA_REQUIRED: 'false',
    DATABASE_POOL_SIZE: String(POOL),
    DATABASE_APPLICATION_NAME: appName,
    // The load comes from one address and, over few tenants, few users: limits would measure themselves.
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    SWAGGER_ENABLED: 'false',
    METRICS_TOKEN: randomBytes(24).toString('hex'),
  };
  const config = loadConfig(env);
  const base = `http://127.0.0.1:${port}`;
  const results: Record<string, any> = {
    at: new Date().toISOString(),
    machine: machineFacts(),
    tenants: N,
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    poolSize: POOL,
    poolMaxUses: config.DATABASE_POOL_MAX_USES,
    poolMaxTenants: config.DATABASE_POOL_MAX_TENANTS,
    poolAffinity: config.DATABASE_POOL_AFFINITY,
    poolAffinityWaitMs: config.DATABASE_POOL_AFFINITY_WAIT_MS,
    poolMaxLifetimeSeconds: config.DATABASE_POOL_MAX_LIFETIME_SECONDS,
    postgres: services.embeddedPostgres ? 'embedded' : 'DATABASE_URL',
    database: KEPT ? 'kept' : 'throwaway',
    phases: [...PHASES],
  };
  const admin = new Client({ connectionString: env.DATABASE_URL });
  const children: ChildProcess[] = [];
  let ctx: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    const migrations = await openMigrationContext(config);
    await migrations.runner.migratePlatform();
    await migrations.close();
    await admin.connect();
    results.postgresVersion = (await admin.query('SHOW server_version')).rows[0].server_version;

    // 1. Provisioning.
    ctx = await NestFactory.createApplicationContext(ApiModule.forRoot({ config }), { logger: ['error'] });
    const provisioner = ctx.get(TenantProvisioner);
    const roles = ctx.get(RoleAssignments);
    const passwordHash = await hash(PASSWORD);
    const admins = new Map<string, string>();
    const seed = async (em: import('typeorm').EntityManager, tenant: { id: string }) => {
      const [user] = await em.query(
        `INSERT INTO users (email, name, password_hash, status) VALUES ('admin@scale.test', 'Admin', $1, 'active') RETURNING id`,
        [passwordHash],
      );
      await roles.assignSystemRole(em, user.id, 'tenant_admin');
      await em.query(
        `INSERT INTO projects (name, description, created_at)
         SELECT 'Project ' || g, 'Seeded by the scale benchmark', now() - g * interval '1 minute' FROM generate_series(1, ${PROJECTS}) g`,
      );
      admins.set(tenant.id, user.id);
    };
    const existing = new Set<string>((await admin.query('SELECT slug FROM platform.tenants')).rows.map((r) => r.slug));
    const normalMs: number[] = [];
    for (let i = 0; i < Math.min(NORMAL_SAMPLE, N); i++) {
      if (existing.has(`normal-${i}`)) continue;
      const started = performance.now();
      await provisioner.provision({ slug: `normal-${i}`, name: `Normal ${i}`, plan: 'enterprise' }, seed);
      normalMs.push(performance.now() - started);
    }
    if (normalMs.length) say(`normal provisioning: ${median(normalMs).toFixed(0)} ms per tenant (median of ${normalMs.length})`);
    const rest = Array.from({ length: Math.max(0, N - Math.min(NORMAL_SAMPLE, N)) }, (_, i) => `scale-${i}`).filter(
      (slug) => !existing.has(slug),
    );
    const batches: string[][] = [];
    for (let i = 0; i < rest.length; i += BATCH) batches.push(rest.slice(i, i + BATCH));
    const fastStarted = performance.now();
    let done = existing.size + normalMs.length;
    let next = 0;
    // Two batches at a time: one per core, PostgreSQL does the work.
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          await provisioner.provisionMany(
            batch.map((slug) => ({ slug, name: slug, plan: 'enterprise' as const })),
            seed,
          );
          done += batch.length;
          if (Math.floor(done / 1000) !== Math.floor((done - batch.length) / 1000) || done === N) say(`provisioned ${done}/${N}`);
        }
      }),
    );
    const fastSeconds = (performance.now() - fastStarted) / 1000;
    results.provisioning = {
      alreadyThere: existing.size,
      normal: normalMs.length && {
        tenants: normalMs.length,
        medianMs: round(median(normalMs), 1),
        tenantsPerSecond: round(1000 / median(normalMs)),
      },
      fast: rest.length && {
        tenants: rest.length,
        batch: BATCH,
        seconds: round(fastSeconds, 1),
        tenantsPerSecond: round(rest.length / fastSeconds),
        msPerTenant: round((fastSeconds * 1000) / Math.max(rest.length, 1), 1),
      },
    };
    if (rest.length)
      say(
        `fast provisioning: ${rest.length} tenants in ${fastSeconds.toFixed(1)} s (${(rest.length / fastSeconds).toFixed(0)}/s)`,
      );

    // Access tokens as login issues them (one real login per sampled tenant proves the path).
    const tenants: { id: string; slug: string; schema_name: string }[] = (
      await admin.query('SELECT id, slug, schema_name FROM platform.tenants ORDER BY created_at, id')
    ).rows;
    const tokenService = ctx.get(TokenService);
    const tokens: string[] = [];
    // Tokens carry their issue time in whole seconds; one issued in the second revocation tracking
    // began is checked against PostgreSQL, where these sessions (made up here) do not exist.
    await new Promise((r) => setTimeout(r, 1100));
    for (const t of tenants) {
      if (!admins.has(t.id)) {
        const { rows } = await admin.query(`SELECT id FROM "${t.schema_name}".users WHERE email = 'admin@scale.test'`);
        admins.set(t.id, rows[0].id);
      }
      tokens.push(
        await tokenService.tenantAccessToken({ sub: admins.get(t.id)!, tid: t.id, sid: randomUUID(), email: 'admin@scale.test' }),
      );
    }
    await ctx.close();
    ctx = undefined;
    if (normalMs.length || rest.length) await admin.query('ANALYZE');

    // 2. Load: 10 tenants against all, interleaved rounds; with tenant-affine connections (the
    // default) and with one shared pool recycled every 2,000 uses (DATABASE_POOL_AFFINITY=false).
    if (PHASES.has('load')) {
      const order = tokens.map((_, i) => i).sort(() => Math.random() - 0.5);
      const modes: [string, NodeJS.ProcessEnv][] = [
        ['affinity', {}],
        ['shared pool', { DATABASE_POOL_AFFINITY: 'false', DATABASE_POOL_MAX_USES: '2000' }],
      ];
      results.modes = {};
      const only = process.argv
        .find((x) => x.startsWith('--modes='))
        ?.slice(8)
        .split(',');
      for (const [mode, overrides] of modes.filter(([name]) => !only || only.includes(name.replace(' ', '-')))) {
        const api = await startApi({ ...env, ...overrides });
        children.push(api);
        for (const t of tenants.slice(0, 3)) {
          const res = await fetch(`${base}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-tenant': t.slug },
            body: JSON.stringify({ email: 'admin@scale.test', password: PASSWORD }),
          });
          if (!res.ok) throw new Error(`login to ${t.slug} failed: ${res.status} ${await res.text()}`);
        }
        let cursorAll = 0;
        let cursorFew = 0;
        const few = order.slice(0, FEW);
        const scenarios: Record<string, () => { path: string; token: string }> = {
          [`${FEW} tenants`]: () => ({ path: '/api/v1/projects', token: tokens[few[cursorFew++ % FEW]] }),
          [`${tenants.length} tenants`]: () => ({ path: '/api/v1/projects', token: tokens[order[cursorAll++ % order.length]] }),
        };
        // Warm-up, as a process that has been serving its tenants for a while: every tenant once.
        const warmStarted = performance.now();
        const warm = await load(
          base,
          { next: scenarios[`${tenants.length} tenants`] },
          CONNECTIONS,
          0,
          Math.max(tenants.length, CONNECTIONS),
        );
        await load(base, { next: scenarios[`${FEW} tenants`] }, CONNECTIONS, 2);
        const warmUp = { requests: warm.total, seconds: round((performance.now() - warmStarted) / 1000, 1) };
        const runs: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
        const cpu: Record<string, { api: number; database: number; read: number; hit: number; home: number }[]> = {};
        for (let r = 1; r <= ROUNDS; r++) {
          for (const [name, next] of Object.entries(scenarios)) {
            const blocks = async () =>
              (
                await admin.query(
                  'SELECT blks_read::float8 AS read, blks_hit::float8 AS hit FROM pg_stat_database WHERE datname = current_database()',
                )
              ).rows[0];
            const affinity = async () => {
              const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
              const text = await res.text();
              const count = (outcome: string) =>
                Number(
                  new RegExp(`stratum_db_pool_affinity_total\\{cluster="main",outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ??
                    0,
                );
              return { home: count('home'), elsewhere: count('elsewhere') };
            };
            const [before, blocksBefore, affinityBefore] = [cpuNow(api.pid!), await blocks(), await affinity()];
            const result = await load(base, { next }, CONNECTIONS, SECONDS);
            const after = cpuNow(api.pid!);
            await new Promise((r) => setTimeout(r, 1100)); // PostgreSQL publishes its counters at most every second
            const blocksAfter = await blocks();
            const affinityAfter = await affinity();
            const home = affinityAfter.home - affinityBefore.home;
            const elsewhere = affinityAfter.elsewhere - affinityBefore.elsewhere;
            if (result.errors || result.non2xx) throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx`);
            runs[name].push(result);
            if (before && after) {
              // CPU per request: the API process, and everything else but the load generator (PostgreSQL, Redis).
              const api = (after.api - before.api) / result.total;
              const rest =
                (after.machine - before.machine - (after.api - before.api) - (after.bench - before.bench)) / result.total;
              (cpu[name] ??= []).push({
                api,
                database: rest,
                read: (blocksAfter.read - blocksBefore.read) / result.total,
                hit: (blocksAfter.hit - blocksBefore.hit) / result.total,
                home: home + elsewhere ? home / (home + elsewhere) : 0,
              });
            }
            say(`${mode}, round ${r}, ${name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms`);
          }
        }
        const [fewName, allName] = Object.keys(scenarios);
        const ratio = (pick: (r: LoadResult) => number) => median(runs[allName].map((r, i) => pick(r) / pick(runs[fewName][i])));
        results.modes[mode] = {
          env: overrides,
          warmUp,
          load: Object.fromEntries(
            Object.entries(runs).map(([name, rs]) => [
              name,
              {
                rps: round(median(rs.map((r) => r.rps)), 0),
                p50: median(rs.map((r) => r.p50)),
                p99: median(rs.map((r) => r.p99)),
              },
            ]),
          ),
          ratios: { throughput: round(ratio((r) => r.rps)), p99: round(ratio((r) => r.p99)) },
          cpuMsPerRequest: Object.fromEntries(
            Object.entries(cpu).map(([name, xs]) => [
              name,
              {
                api: round(median(xs.map((x) => x.api))),
                databaseAndRedis: round(median(xs.map((x) => x.database))),
                blocksRead: round(median(xs.map((x) => x.read)), 1),
                blocksHit: round(median(xs.map((x) => x.hit)), 1),
                servedByOwnConnection: round(median(xs.map((x) => x.home))),
              },
            ]),
          ),
          memoryAfterLoad: await backendMemory(admin, appName),
        };
        for (const [name, c] of Object.entries<any>(results.modes[mode].cpuMsPerRequest))
          say(
            `${mode}, ${name}: per request, CPU ${c.api} ms in the API and ${c.databaseAndRedis} ms in PostgreSQL and Redis; ` +
              `${c.blocksRead} blocks read outside shared buffers, ${c.blocksHit} found in them; ` +
              `${Math.round(c.servedByOwnConnection * 100)}% served by the tenant's own connection`,
          );
        await stopApi(api);
      }
      const main = results.modes.affinity ?? Object.values<any>(results.modes)[0];
      Object.assign(results, { warmUp: main.warmUp, load: main.load, ratios: main.ratios });
      results.memory = { afterLoad: main.memoryAfterLoad };
    }

    // 3. Memory per connection. The API's backends after the load, then one connection running
    // the tenant path's own statements for every tenant in turn: its memory once it has served
    // DATABASE_POOL_MAX_TENANTS tenants (where recycling ends a connection) and once it has served
    // them all (what every pooled connection of a shared pool reaches without recycling); and the
    // time per tenant served the first time (cold catalogue caches) and again (warm).
    if (PHASES.has('memory')) {
      results.memory ??= {};
      const probeName = `${appName}-probe`;
      const probe = new Client({ connectionString: env.DATABASE_URL, application_name: probeName });
      await probe.connect();
      const { rows: schemas } = await admin.query('SELECT schema_name FROM platform.tenants ORDER BY created_at, id');
      const serve = async (from: number, to: number) => {
        for (const { schema_name } of schemas.slice(from, to)) {
          const id = `"${schema_name}"`;
          await probe.query(`START TRANSACTION; SET LOCAL ROLE ${id}; SET LOCAL search_path TO ${id}`);
          await probe.query(
            `SELECT u.status, r.key, r.is_system, r.permissions FROM users u
             LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
             LEFT JOIN roles r ON r.id = ur.role_id WHERE u.id = $1`,
            [randomUUID()],
          );
          await probe.query(
            'SELECT id, name, description, created_by, created_at, updated_at FROM projects ORDER BY created_at DESC, id DESC LIMIT 21',
          );
          await probe.query('COMMIT');
        }
      };
      const bound = Math.min(config.DATABASE_POOL_MAX_TENANTS || schemas.length, schemas.length);
      const probeStarted = performance.now();
      await serve(0, bound);
      const coldMs = (performance.now() - probeStarted) / bound;
      results.memory.recycledBound = { tenantsServed: bound, ...(await backendMemory(admin, probeName)) };
      const warmStarted = performance.now();
      await serve(0, bound);
      results.memory.msPerTenant = { cold: round(coldMs), warm: round((performance.now() - warmStarted) / bound) };
      await serve(bound, schemas.length);
      results.memory.unbounded = { tenantsServed: schemas.length, ...(await backendMemory(admin, probeName)) };
      results.memory.probeSeconds = round((performance.now() - probeStarted) / 1000, 1);
      await probe.end();
      say(
        `backend memory: after the load avg ${results.memory.afterLoad?.avgMiB} MiB; one connection after ${bound} tenants ` +
          `${results.memory.recycledBound?.maxMiB} MiB, after all ${schemas.length} ${results.memory.unbounded?.maxMiB} MiB; ` +
          `a tenant's statements take ${results.memory.msPerTenant.cold} ms cold, ${results.memory.msPerTenant.warm} ms warm`,
      );
    }

    // 4. Migrations: the real CLI with nothing pending, then one new tenant migration.
    const cli = (args: string[]) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, [resolve(__dirname, '../apps/cli/src/main.js'), ...args], {
        env,
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`migrate failed: ${run.stdout}${run.stderr}`);
      return {
        seconds: round((performance.now() - started) / 1000),
        summary: run.stdout.trim().split('\n').slice(-2).join(' | '),
      };
    };
    if (PHASES.has('migrate')) {
      const nothingPending = cli(['migrate']);
      say(`npm run migrate, nothing pending: ${nothingPending.seconds} s (${nothingPending.summary})`);
      const extended = await openMigrationContext(config, {
        platform: MIGRATIONS.platform,
        tenant: [...MIGRATIONS.tenant, newTenantMigration(runId)],
      });
      let started = performance.now();
      const applied = await extended.runner.migrateTenants();
      const oneNew = round((performance.now() - started) / 1000);
      started = performance.now();
      await extended.runner.migrateTenants();
      const runnerNothing = round((performance.now() - started) / 1000);
      await extended.close();
      results.migrate = {
        concurrency: config.MIGRATE_CONCURRENCY,
        nothingPendingCliSeconds: nothingPending.seconds,
        nothingPendingRunnerSeconds: runnerNothing,
        oneNewMigrationSeconds: oneNew,
        migrated: applied.filter((r) => r.status === 'migrated').length,
        failed: applied.filter((r) => r.status === 'failed').length,
      };
      say(`one new migration over ${applied.length} tenants: ${oneNew} s (${results.migrate.failed} failed)`);
      // Per schema, both forms of the change side by side on a sample (rolled back).
      const sample = tenants.filter((_, i) => i % Math.max(1, Math.floor(tenants.length / MIGRATION_SAMPLE)) === 0);
      const perSchema: Record<string, number> = { inSteps: 0, atOnce: 0 };
      for (const t of sample) {
        for (const [form, statements] of [
          ['inSteps', addFlagInSteps('scale_probe')],
          ['atOnce', addFlagAtOnce('scale_probe')],
        ] as const) {
          await admin.query(`BEGIN; SET LOCAL search_path TO "${t.schema_name}"`);
          const at = performance.now();
          for (const sql of statements) await admin.query(sql);
          perSchema[form] += performance.now() - at;
          await admin.query('ROLLBACK');
        }
      }
      results.migrate.msPerSchema = {
        sample: sample.length,
        inSteps: round(perSchema.inSteps / sample.length, 1),
        atOnce: round(perSchema.atOnce / sample.length, 1),
      };
      say(
        `adding a NOT NULL column with a default, per schema: ${results.migrate.msPerSchema.inSteps} ms in steps, ` +
          `${results.migrate.msPerSchema.atOnce} ms in one statement (${sample.length} schemas)`,
      );
    }

    // 5. Catalogue.
    const [cat] = (
      await admin.query(
        `SELECT (SELECT count(*) FROM pg_class)::bigint AS pg_class, (SELECT count(*) FROM pg_attribute)::bigint AS pg_attribute,
                (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%')::bigint AS schemas,
                pg_database_size(current_database())::bigint AS bytes`,
      )
    ).rows;
    results.catalogue = {
      pgClassRows: Number(cat.pg_class),
      pgAttributeRows: Number(cat.pg_attribute),
      tenantSchemas: Number(cat.schemas),
      pgClassRowsPerTenant: round(Number(cat.pg_class) / N, 1),
      databaseMiB: mib(Number(cat.bytes) / 1024),
    };

    printTable(results);
    const file = writeResults(`scale-${N}`, results);
    say(`results written to ${file}`);
  } finally {
    for (const child of children) await stopApi(child).catch(() => undefined);
    await ctx?.close().catch(() => undefined);
    await admin.end().catch(() => undefined);
    await tearDownBench({ services, database, redisPrefix: `stratum-scale-${runId}`, dataDir, say, keepDatabase: !!KEPT });
  }
}

function printTable(r: Record<string, any>) {
  const mem = (m: { avgMiB: number; maxMiB: number; backends: number } | null | undefined) =>
    m ? `avg ${m.avgMiB} MiB, max ${m.maxMiB} MiB (${m.backends} backends)` : 'n/a (no /proc access)';
  const rows: [string, string, string][] = [];
  for (const [mode, m] of Object.entries<any>(r.modes ?? {})) {
    const [fewName, allName] = Object.keys(m.load);
    const few = m.load[fewName];
    const all = m.load[allName];
    rows.push(
      [`${mode}: GET /projects over ${fewName}`, `${few.rps} req/s, p99 ${few.p99} ms`, '(medians over rounds)'],
      [
        `${mode}: GET /projects over ${allName}`,
        `${all.rps} req/s, p99 ${all.p99} ms`,
        `throughput ${m.ratios.throughput}x (target >= 0.90) ${m.ratios.throughput >= 0.9 ? 'met' : 'NOT MET'}, ` +
          `p99 ${m.ratios.p99}x (target <= 1.20) ${m.ratios.p99 <= 1.2 ? 'met' : 'NOT MET'}`,
      ],
      [
        `${mode}: PG memory per connection after the load`,
        mem(m.memoryAfterLoad),
        'private memory (RssAnon) of the pool\u2019s backends',
      ],
    );
  }
  if (r.memory?.unbounded)
    rows.push(
      [
        `PG memory per connection, recycled (max tenants ${r.poolMaxTenants})`,
        mem(r.memory.recycledBound),
        `a connection that served ${r.memory.recycledBound?.tenantsServed} tenants, where recycling closes it`,
      ],
      [
        'PG memory per connection, never recycled',
        mem(r.memory.unbounded),
        `a connection that served all ${r.memory.unbounded?.tenantsServed} tenants`,
      ],
      [
        "A tenant's statements on one connection",
        `${r.memory.msPerTenant.cold} ms the first time, ${r.memory.msPerTenant.warm} ms again`,
        'cold vs warm catalogue caches of the backend',
      ],
    );
  if (r.migrate)
    rows.push(
      [`npm run migrate, nothing pending, ${r.tenants} tenants`, `${r.migrate.nothingPendingCliSeconds} s`, 'target <= 10 s'],
      [
        `migrate, one new migration, ${r.tenants} schemas`,
        `${r.migrate.oneNewMigrationSeconds} s (${r.migrate.failed} failed)`,
        'target <= 600 s (a NOT NULL column with a default, added in steps)',
      ],
      [
        'The same change, per schema',
        `${r.migrate.msPerSchema.inSteps} ms in steps, ${r.migrate.msPerSchema.atOnce} ms as one ADD COLUMN ... DEFAULT`,
        `sample of ${r.migrate.msPerSchema.sample} schemas, rolled back`,
      ],
    );
  rows.push([
    'Catalogue',
    `${r.catalogue.pgClassRows} pg_class rows (${r.catalogue.pgClassRowsPerTenant}/tenant), ${r.catalogue.pgAttributeRows} pg_attribute`,
    `database ${r.catalogue.databaseMiB} MiB`,
  ]);
  const { fast, normal } = r.provisioning;
  if (fast)
    rows.push([
      'Provisioning, fast path',
      `${fast.tenantsPerSecond} tenants/s (${fast.msPerTenant} ms each, batches of ${fast.batch})`,
      `${fast.tenants} tenants in ${fast.seconds} s`,
    ]);
  if (normal)
    rows.push([
      'Provisioning, normal path',
      `${normal.tenantsPerSecond} tenants/s (${normal.medianMs} ms each)`,
      `median of ${normal.tenants}`,
    ]);
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  process.stdout.write('\n');
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c}\n`);
  process.stdout.write('\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
