/**
 * Audit export at scale: N events (BENCH_AUDIT_EVENTS, 200,000 by default) in one tenant's trail,
 * inserted in bulk with a valid hash chain, then exported over HTTP as JSON Lines and as CSV while
 * the API process's resident memory is sampled. The export streams one batch at a time, so the
 * API's memory should not follow the export's size: the case reports, for each export, the peak
 * RSS growth over the RSS just before it, the size and their ratio, and how much higher the peak
 * of the full export is than that of an export half as large (flat memory: about nothing, though
 * the full export sends twice as much; memory held per row: about the extra size or more).
 * Growth over the starting RSS depends on where the garbage collector stood when the export
 * began; the peaks are the steadier figure.
 *
 * Part of `npm run bench` (BENCH_AUDIT_EVENTS=0 skips it); runs alone with
 * `npm run build && node dist/bench/audit-export.js`.
 */
import 'reflect-metadata';
import { chainHash, ChainedFields } from '@stratum/audit';
import { loadConfig } from '@stratum/config';
import { ensureDatabase, ensureLocalServices, freePort, withDatabase } from '@stratum/devenv';
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { openMigrationContext } from '../apps/cli/src/migration-context';
import { tearDownBench } from './run-support';

export interface ExportRun {
  label: string;
  format: 'csv' | 'jsonl';
  rows: number;
  bytes: number;
  seconds: number;
  baselineRssMb: number | null;
  peakRssMb: number | null;
  /** Peak RSS during the export minus RSS just before it. */
  rssGrowthMb: number | null;
  /** RSS growth per byte exported. */
  growthToSizeRatio: number | null;
}

export interface AuditExportResult {
  events: number;
  seedSeconds: number;
  verifySeconds: number;
  runs: ExportRun[];
  /** Peak RSS of the full JSON Lines export minus that of the half one, in MB (flat memory: about 0). */
  peakDifferenceMb: number | null;
  /** How many more MB the full JSON Lines export sent than the half one. */
  sizeDifferenceMb: number;
}

export interface AuditExportOptions {
  /** The API's base URL and its process id (its memory is what is measured). */
  base: string;
  apiPid: number;
  databaseUrl: string;
  /** AUDIT_HMAC_SECRET of the API, to chain the inserted events as its writer would. */
  secret: string;
  superAdmin: { email: string; password: string };
  events: number;
  say: (line: string) => void;
}

const PASSWORD = 'bench-audit-password-long';
const SEED_BATCH = 5_000;
const MB = 2 ** 20;

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

/** Resident set size of a process in bytes (Linux /proc), or null where that is not available. */
function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every few milliseconds until stopped; answers the peak. */
function rssSampler(pid: number) {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, 5);
  return {
    stop(): number | null {
      clearInterval(timer);
      const now = rssOf(pid);
      return now !== null && (peak === null || now > peak) ? now : peak;
    },
  };
}

/**
 * Appends `count` events to a tenant's trail in bulk, chained from its current head exactly as
 * AuditWriter chains them (same fields, same keyed hash), and moves the head: the result verifies.
 * Every other one is a `project.created`, so a filtered export can be half as large.
 */
async function seedTrail(databaseUrl: string, schema: string, tenantId: string, secret: string, count: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const q = `"${schema.replace(/"/g, '""')}"`;
    const [head] = (await client.query(`SELECT last_seq, last_hash FROM ${q}.audit_chain FOR UPDATE`)).rows;
    let seq = Number(head.last_seq);
    let previousHash: string = head.last_hash;
    const start = Date.now() - count * 10;
    const actor = { type: 'user', id: randomUUID(), email: 'admin@bench.test' };
    for (let done = 0; done < count; done += SEED_BATCH) {
      const columns: unknown[][] = Array.from({ length: 22 }, () => []);
      for (let i = done; i < Math.min(count, done + SEED_BATCH); i++) {
        seq += 1;
        const created = i % 2 === 0;
        const fields: ChainedFields = {
          id: randomUUID(),
          seq,
          occurredAt: new Date(start + i * 10).toISOString(),
          actor,
          impersonator: null,
          action: created ? 'project.created' : 'project.updated',
          category: 'data',
          severity: 'info',
          resource: { type: 'project', id: randomUUID() },
          changes: created
            ? { before: null, after: { name: `Project ${i}`, description: 'Seeded by the benchmark' } }
            : { before: { name: `Project ${i - 1}` }, after: { name: `Project ${i}` } },
          metadata: null,
          outcome: 'success',
          errorCode: null,
          ip: `203.0.113.${i % 250}`,
          userAgent: 'stratum-bench/1.0',
          requestId: randomUUID(),
          tenantId,
          previousHash,
        };
        const hash = chainHash(secret, fields);
        const row = [
          fields.id,
          fields.seq,
          fields.occurredAt,
          fields.actor.type,
          fields.actor.id,
          fields.actor.email,
          null,
          fields.action,
          fields.category,
          fields.severity,
          fields.resource.type,
          fields.resource.id,
          JSON.stringify(fields.changes),
          null,
          fields.outcome,
          null,
          fields.ip,
          fields.userAgent,
          fields.requestId,
          fields.tenantId,
          hash,
          previousHash,
        ];
        row.forEach((value, c) => columns[c].push(value));
        previousHash = hash;
      }
      const types = [
        'uuid',
        'int8',
        'timestamptz',
        'text',
        'text',
        'text',
        'jsonb',
        'text',
        'text',
        'text',
        'text',
        'text',
        'jsonb',
        'jsonb',
        'text',
        'text',
        'text',
        'text',
        'text',
        'uuid',
        'text',
        'text',
      ];
      await client.query(
        `INSERT INTO ${q}.audit_events (id, seq, occurred_at, actor_type, actor_id, actor_email, impersonator, action, category,
           severity, resource_type, resource_id, changes, metadata, outcome, error_code, ip, user_agent, request_id, tenant_id,
           hash, previous_hash)
         SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
        columns,
      );
    }
    await client.query(`UPDATE ${q}.audit_chain SET last_seq = $1, last_hash = $2, updated_at = now()`, [seq, previousHash]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** Downloads a URL, counting bytes and lines without keeping the body. */
function drain(url: string, token: string): Promise<{ status: number; bytes: number; lines: number }> {
  return new Promise((ok, fail) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, bytes, lines }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

export async function auditExportBench(o: AuditExportOptions): Promise<AuditExportResult> {
  const root = await post(o.base, '/api/v1/platform/auth/login', o.superAdmin);
  const slug = `bench-audit-${randomBytes(3).toString('hex')}`;
  const tenant = await post(
    o.base,
    '/api/v1/platform/tenants',
    { name: 'Bench audit', slug, plan: 'professional', admin: { email: 'admin@bench.test', name: 'Admin', password: PASSWORD } },
    root.accessToken,
  );
  const admin = new Client({ connectionString: o.databaseUrl });
  await admin.connect();
  const count = async (schema: string) =>
    Number((await admin.query(`SELECT count(*)::int AS n FROM "${schema}".audit_events`)).rows[0].n);
  try {
    const [{ schema_name: schema }] = (await admin.query('SELECT schema_name FROM platform.tenants WHERE id = $1', [tenant.id]))
      .rows;
    let started = performance.now();
    await seedTrail(o.databaseUrl, schema, tenant.id, o.secret, o.events);
    const seedSeconds = (performance.now() - started) / 1000;
    o.say(`audit export: ${o.events} events inserted with their chain in ${seedSeconds.toFixed(1)} s`);

    const login = await post(o.base, '/api/v1/auth/login', { email: 'admin@bench.test', password: PASSWORD }, undefined, slug);
    const token: string = login.accessToken;
    started = performance.now();
    const check = await fetch(`${o.base}/api/v1/audit-events/verify`, { headers: { authorization: `Bearer ${token}` } });
    const verified = (await check.json()) as { valid: boolean; checked: number };
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verified.valid || verified.checked < o.events)
      throw new Error(`the seeded trail does not verify: ${JSON.stringify(verified)}`);
    o.say(`audit export: chain of ${verified.checked} events verified in ${verifySeconds.toFixed(1)} s`);

    const exportUrl = (format: string, filter = '') => `${o.base}/api/v1/audit-events/export?format=${format}${filter}`;
    // Warm-up: the export path compiled and its pools filled before anything is measured.
    await drain(exportUrl('jsonl', '&action=project.created&resourceId=none'), token);

    const runs: ExportRun[] = [];
    const plan: { label: string; format: 'csv' | 'jsonl'; filter: string; expected: () => Promise<number> }[] = [
      {
        label: 'half (action filter)',
        format: 'jsonl',
        filter: '&action=project.created',
        expected: async () =>
          Number(
            (await admin.query(`SELECT count(*)::int AS n FROM "${schema}".audit_events WHERE action = 'project.created'`))
              .rows[0].n,
          ),
      },
      { label: 'everything', format: 'jsonl', filter: '', expected: () => count(schema) },
      { label: 'everything', format: 'csv', filter: '', expected: async () => (await count(schema)) + 1 },
    ];
    for (const run of plan) {
      const expected = await run.expected();
      const baseline = rssOf(o.apiPid);
      const sampler = rssSampler(o.apiPid);
      started = performance.now();
      const res = await drain(exportUrl(run.format, run.filter), token);
      const seconds = (performance.now() - started) / 1000;
      const peak = sampler.stop();
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      if (res.lines !== expected) throw new Error(`export of ${run.label} had ${res.lines} lines, expected ${expected}`);
      const growth = baseline !== null && peak !== null ? Math.max(0, peak - baseline) : null;
      const result: ExportRun = {
        label: run.label,
        format: run.format,
        rows: run.format === 'csv' ? res.lines - 1 : res.lines,
        bytes: res.bytes,
        seconds,
        baselineRssMb: baseline === null ? null : baseline / MB,
        peakRssMb: peak === null ? null : peak / MB,
        rssGrowthMb: growth === null ? null : growth / MB,
        growthToSizeRatio: growth === null ? null : growth / res.bytes,
      };
      runs.push(result);
      o.say(
        `audit export, ${run.label}, ${run.format}: ${result.rows} rows, ${(res.bytes / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s; ` +
          (growth === null
            ? 'RSS not measurable on this platform'
            : `API RSS ${result.baselineRssMb!.toFixed(0)} -> peak ${result.peakRssMb!.toFixed(0)} MB (+${result.rssGrowthMb!.toFixed(1)} MB, ${(result.growthToSizeRatio! * 100).toFixed(2)}% of the export)`),
      );
    }
    const [half, full] = runs;
    const peakDifferenceMb = half.peakRssMb !== null && full.peakRssMb !== null ? full.peakRssMb - half.peakRssMb : null;
    const sizeDifferenceMb = (full.bytes - half.bytes) / MB;
    return { events: o.events, seedSeconds, verifySeconds, runs, peakDifferenceMb, sizeDifferenceMb };
  } finally {
    await admin.end();
  }
}

/** The result lines `npm run bench` prints. */
export function auditExportRows(r: AuditExportResult): [string, string, string][] {
  const scaling: [string, string, string] = [
    'Audit export, API peak RSS, full vs half export',
    r.peakDifferenceMb === null
      ? 'not measurable here'
      : `${r.peakDifferenceMb >= 0 ? '+' : ''}${r.peakDifferenceMb.toFixed(1)} MB`,
    `for ${r.sizeDifferenceMb.toFixed(1)} MB more exported (flat: about 0)`,
  ];
  return [
    ...r.runs.map((run): [string, string, string] => [
      `Audit export, ${run.label} of ${r.events} events (${run.format})`,
      `${run.rows} rows, ${(run.bytes / MB).toFixed(1)} MB in ${run.seconds.toFixed(1)} s`,
      run.rssGrowthMb === null
        ? 'API RSS not measurable here'
        : `API RSS peak ${run.peakRssMb!.toFixed(0)} MB, +${run.rssGrowthMb.toFixed(1)} MB (${(run.growthToSizeRatio! * 100).toFixed(2)}% of size)`,
    ]),
    scaling,
  ];
}

/** Alone: a database, the API in its own process, the case, and everything dropped after. */
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
    DATABASE_APPLICATION_NAME: `stratum-bench-${runId}`,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    SWAGGER_ENABLED: 'false',
  };
  const base = `http://127.0.0.1:${port}`;
  let api: ReturnType<typeof fork> | undefined;
  try {
    const migrations = await openMigrationContext(loadConfig(env));
    await migrations.runner.migratePlatform();
    await migrations.close();
    api = fork(resolve(__dirname, '../apps/api/src/main.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline || api.exitCode !== null) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = await auditExportBench({
      base,
      apiPid: api.pid!,
      databaseUrl: env.DATABASE_URL,
      secret: env.AUDIT_HMAC_SECRET,
      superAdmin: { email: env.SUPERADMIN_EMAIL, password: env.SUPERADMIN_PASSWORD },
      events: Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000),
      say,
    });
    process.stdout.write('\n');
    for (const [a, b, c] of auditExportRows(result)) process.stdout.write(`${a}  ${b}  ${c}\n`);
    process.stdout.write(`\n${JSON.stringify(result, null, 2)}\n`);
  } finally {
    api?.kill('SIGTERM');
    await tearDownBench({ services, database, redisPrefix: `stratum-bench-${runId}`, dataDir, say });
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
