import { AppConfig } from '@stratum/config';
import { dataSourceOptions } from '@stratum/database';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationClass, MigrationRunner, TenantRunResult } from '@stratum/tenancy';
import { Client } from 'pg';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../support/config';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';

// ---- test-only migrations, newer than every real one ------------------------------------------

/** Schemas in which AddFlagC fails on purpose (after its DDL, to prove the rollback). */
const faultySchemas = new Set<string>();

/** AddFlagD waits here until the test opens the gate. */
let openGate: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();

class AddFlagA9999999999001 implements MigrationInterface {
  name = 'AddFlagA9999999999001';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects ADD COLUMN flag_a boolean');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects DROP COLUMN flag_a');
  }
}

class AddFlagB9999999999002 implements MigrationInterface {
  name = 'AddFlagB9999999999002';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects ADD COLUMN flag_b boolean');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects DROP COLUMN flag_b');
  }
}

class AddFlagC9999999999003 implements MigrationInterface {
  name = 'AddFlagC9999999999003';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects ADD COLUMN flag_c boolean');
    const [{ schema }] = await qr.query('SELECT current_schema() AS schema');
    if (faultySchemas.has(schema)) throw new Error(`injected fault in ${schema}`);
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects DROP COLUMN flag_c');
  }
}

class AddFlagD9999999999004 implements MigrationInterface {
  name = 'AddFlagD9999999999004';
  async up(qr: QueryRunner): Promise<void> {
    await gate;
    await qr.query('ALTER TABLE projects ADD COLUMN flag_d boolean');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects DROP COLUMN flag_d');
  }
}

const EXTRA: MigrationClass[] = [AddFlagA9999999999001, AddFlagB9999999999002, AddFlagC9999999999003, AddFlagD9999999999004];
const EXTRA_NAMES = EXTRA.map((Cls) => new Cls().name!);
const [A, B, C, D] = EXTRA_NAMES;
const BASE_NAMES = MIGRATIONS.tenant.map((Cls) => new Cls().name!);

// ---- helpers ----------------------------------------------------------------------------------

const byTenant = (results: TenantRunResult[]) => new Map(results.map((r) => [r.tenantId, r]));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(__dirname, '../..');

function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = process.env,
  cwd = ROOT,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('MigrationRunner against tenant schemas', () => {
  let config: AppConfig;
  let api: TestApi;
  let tenants: TestTenant[];
  let ids: string[];
  let schemaOf: Map<string, string>;
  let pg: Client;
  const dataSources: DataSource[] = [];

  async function newRunner(extra: MigrationClass[]): Promise<MigrationRunner> {
    const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 6 } });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return new MigrationRunner(dataSource, { platform: MIGRATIONS.platform, tenant: [...MIGRATIONS.tenant, ...extra] }, config);
  }

  /** The flag_* columns of a tenant's projects table. */
  async function flags(tenantId: string): Promise<string[]> {
    const { rows } = await pg.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'projects' AND column_name LIKE 'flag\\_%'
        ORDER BY column_name`,
      [schemaOf.get(tenantId)],
    );
    return rows.map((r) => r.column_name);
  }

  /** The migrations recorded for a tenant, with when they were applied. */
  async function recorded(tenantId: string): Promise<Map<string, string>> {
    const { rows } = await pg.query<{ name: string; at: string }>(
      `SELECT name, applied_at::text AS at FROM platform.tenant_migrations WHERE tenant_id = $1`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.name, r.at]));
  }

  beforeAll(async () => {
    config = testConfig();
    api = await startApi();
    const root = await superAdminToken(api);
    tenants = await Promise.all(Array.from({ length: 3 }, () => createTenant(api, root, uniqueSlug('mr'))));
    ids = tenants.map((t) => t.id);
    pg = new Client({ connectionString: inject('databaseUrl') });
    await pg.connect();
    const { rows } = await pg.query<{ id: string; schema_name: string }>(
      'SELECT id, schema_name FROM platform.tenants WHERE id = ANY($1)',
      [ids],
    );
    schemaOf = new Map(rows.map((r) => [r.id, r.schema_name]));
  });

  afterAll(async () => {
    openGate();
    faultySchemas.clear();
    try {
      // Take this file's extra migrations back out, newest first, so the shared database is as it was.
      if (ids && config) {
        const runner = await newRunner(EXTRA);
        for (;;) {
          const states = await runner.tenantStatus(ids);
          const behind = states.filter((s) => EXTRA_NAMES.includes(s.applied[s.applied.length - 1]));
          if (!behind.length) break;
          const results = await runner.revertTenants({ only: behind.map((s) => s.tenantId) });
          if (results.some((r) => r.status !== 'reverted')) throw new Error(`cleanup failed: ${JSON.stringify(results)}`);
        }
      }
    } finally {
      await Promise.all(dataSources.map((ds) => ds.destroy()));
      await pg?.end();
      await api?.close();
    }
  });

  it('lists a new migration as pending for each tenant asked about, by id or slug', async () => {
    const runner = await newRunner([AddFlagA9999999999001]);
    const states = await runner.tenantStatus([tenants[0].slug, ids[1], ids[2]]);
    expect(states.map((s) => s.tenantId).sort()).toEqual([...ids].sort());
    for (const s of states) {
      expect(s.applied).toEqual(BASE_NAMES);
      expect(s.pending).toEqual([A]);
      expect(s.schemaName).toBe(schemaOf.get(s.tenantId));
    }
  });

  it('applies it to every tenant, recording it; a second run changes nothing', async () => {
    const runner = await newRunner([AddFlagA9999999999001]);
    const first = await runner.migrateTenants({ only: ids });
    expect(first).toHaveLength(ids.length);
    for (const r of first) {
      expect(r, JSON.stringify(r)).toMatchObject({ status: 'migrated', migrations: [A] });
      expect(await flags(r.tenantId)).toEqual(['flag_a']);
      expect((await recorded(r.tenantId)).has(A)).toBe(true);
    }
    const before = [];
    for (const id of ids) before.push(await recorded(id));

    const second = await runner.migrateTenants({ only: ids });
    expect(second).toHaveLength(ids.length);
    for (const r of second) expect(r).toMatchObject({ status: 'up-to-date', migrations: [] });
    const after = [];
    for (const id of ids) after.push(await recorded(id));
    expect(after).toEqual(before);
    expect((await runner.tenantStatus(ids)).every((s) => s.pending.length === 0)).toBe(true);
  });

  it('rolls back a tenant whose migration fails, migrates the others, and resumes on the next run', async () => {
    const [ok1, broken, ok2] = ids;
    faultySchemas.add(schemaOf.get(broken)!);
    const runner = await newRunner([AddFlagA9999999999001, AddFlagB9999999999002, AddFlagC9999999999003]);

    const results = byTenant(await runner.migrateTenants({ only: ids }));
    expect(results.size).toBe(3);
    for (const id of [ok1, ok2]) {
      expect(results.get(id), id).toMatchObject({ status: 'migrated', migrations: [B, C] });
      expect(await flags(id)).toEqual(['flag_a', 'flag_b', 'flag_c']);
    }
    expect(results.get(broken)).toMatchObject({ status: 'failed', migrations: [] });
    expect(results.get(broken)!.error).toContain(`injected fault in ${schemaOf.get(broken)}`);
    // All or nothing: not even the migration before the failing one, nor the failing one's own DDL.
    expect(await flags(broken)).toEqual(['flag_a']);
    const records = await recorded(broken);
    expect(records.has(B)).toBe(false);
    expect(records.has(C)).toBe(false);
    const brokenState = (await runner.tenantStatus([broken]))[0];
    expect(brokenState.pending).toEqual([B, C]);
    // The tenant is untouched and keeps working.
    const brokenTenant = tenants[1];
    const list = await api.call('GET', '/api/v1/projects', { token: brokenTenant.token });
    expect(list.status).toBe(200);

    // The fault is fixed; running again finishes the job.
    faultySchemas.clear();
    const again = byTenant(await runner.migrateTenants({ only: ids }));
    expect(again.get(broken)).toMatchObject({ status: 'migrated', migrations: [B, C] });
    expect(again.get(ok1)).toMatchObject({ status: 'up-to-date', migrations: [] });
    expect(again.get(ok2)).toMatchObject({ status: 'up-to-date', migrations: [] });
    expect(await flags(broken)).toEqual(['flag_a', 'flag_b', 'flag_c']);
  });

  it('migrates each tenant exactly once when two runners work on the same tenants at the same time', async () => {
    const set = [AddFlagA9999999999001, AddFlagB9999999999002, AddFlagC9999999999003, AddFlagD9999999999004];
    const [one, two] = await Promise.all([newRunner(set), newRunner(set)]);
    gate = new Promise<void>((r) => (openGate = r));

    const both = Promise.all([one.migrateTenants({ only: ids }), two.migrateTenants({ only: ids })]);
    // Hold the migration until one runner is seen waiting for a tenant the other one is migrating.
    const overlapped = eventually(async () => {
      const { rows } = await pg.query<{ n: string }>(
        `SELECT count(*) AS n
           FROM pg_locks l
           JOIN unnest($1::text[]) AS k(id)
             ON (l.classid::bigint << 32) | l.objid::bigint = hashtextextended('stratum:migrate:' || k.id, 0)
          WHERE l.locktype = 'advisory' AND NOT l.granted
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [ids],
      );
      return Number(rows[0].n) > 0;
    }).finally(() => openGate());
    const [waited, outcome] = await Promise.allSettled([overlapped, both]);
    if (waited.status === 'rejected') throw waited.reason;
    if (outcome.status === 'rejected') throw outcome.reason;
    const [r1, r2] = outcome.value.map(byTenant);

    for (const id of ids) {
      const outcomes = [r1.get(id)!, r2.get(id)!];
      expect(
        outcomes.filter((r) => r.status === 'failed'),
        JSON.stringify(outcomes),
      ).toEqual([]);
      expect(outcomes.filter((r) => r.status === 'migrated').map((r) => r.migrations)).toEqual([[D]]);
      expect(outcomes.filter((r) => r.status === 'up-to-date')).toHaveLength(1);
      expect(await flags(id)).toEqual(['flag_a', 'flag_b', 'flag_c', 'flag_d']);
      expect((await recorded(id)).has(D)).toBe(true);
    }
  });

  it('reverts the latest migration of each tenant, and only that one', async () => {
    const runner = await newRunner(EXTRA);
    const results = await runner.revertTenants({ only: ids });
    expect(results).toHaveLength(ids.length);
    for (const r of results) {
      expect(r).toMatchObject({ status: 'reverted', migrations: [D] });
      expect(await flags(r.tenantId)).toEqual(['flag_a', 'flag_b', 'flag_c']);
      const records = await recorded(r.tenantId);
      expect(records.has(D)).toBe(false);
      expect(records.has(C)).toBe(true);
    }
    for (const s of await runner.tenantStatus(ids)) expect(s.pending).toEqual([D]);
  });

  describe('the migrate CLI', () => {
    const cli = (...args: string[]) =>
      // As an operator would run it: only the database named, nothing else of the test's environment.
      run(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: inject('databaseUrl'),
      });
    let fresh: TestTenant;
    let current: TestTenant;
    let baseRunner: MigrationRunner;
    const LAST = BASE_NAMES[BASE_NAMES.length - 1];

    beforeAll(async () => {
      const build = await run('npm', ['run', 'build', '--silent']);
      expect(build.code, build.stderr).toBe(0);
      const root = await superAdminToken(api);
      [fresh, current] = await Promise.all([
        createTenant(api, root, uniqueSlug('mc')),
        createTenant(api, root, uniqueSlug('mc')),
      ]);
      baseRunner = await newRunner([]);
    });

    /** Takes the latest real migration back out of the tenant, as if it had been provisioned before it existed. */
    async function behind(tenant: TestTenant) {
      const [r] = await baseRunner.revertTenants({ only: [tenant.id] });
      expect(r).toMatchObject({ status: 'reverted', migrations: [LAST] });
    }

    it('shows the pending migration, applies it, and the tenant works again', async () => {
      await behind(fresh);

      const status = await cli('migrate:status', `--tenants=${fresh.slug}`);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/^platform: \d+ applied, 0 pending$/m);
      expect(status.stdout).toContain(`  ${fresh.slug.padEnd(30)} pending: ${LAST}\n`);
      expect(status.stdout).toMatch(/^tenants: 1 \| up to date 0 \| pending 1$/m);

      const migrate = await cli('migrate', `--tenants=${fresh.slug}`);
      expect(migrate.code, migrate.stderr + migrate.stdout).toBe(0);
      expect(migrate.stdout).toMatch(/^platform: up to date$/m);
      expect(migrate.stdout).toMatch(new RegExp(`^  migrated  ${fresh.slug}\\s+${LAST} \\(\\d+ ms\\)$`, 'm'));
      expect(migrate.stdout).toMatch(/^tenants: 1 \| migrated 1 \| reverted 0 \| up to date 0 \| failed 0$/m);

      // The recreated tables are usable by the tenant (grants included).
      const created = await api.call('POST', '/api/v1/projects', { token: fresh.token, body: { name: 'after the CLI' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const after = await cli('migrate:status', `--tenants=${fresh.slug}`);
      expect(after.code).toBe(0);
      expect(after.stdout).toMatch(/^tenants: 1 \| up to date 1 \| pending 0$/m);
      const again = await cli('migrate', `--tenants=${fresh.slug}`);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^tenants: 1 \| migrated 0 \| reverted 0 \| up to date 1 \| failed 0$/m);
    });

    it('reports progress over the tenants it migrates, never past the total', async () => {
      await behind(fresh);
      const migrate = await cli('migrate', `--tenants=${current.slug},${fresh.slug}`);
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stdout).toMatch(/^tenants: 2 \| migrated 1 \| reverted 0 \| up to date 1 \| failed 0$/m);
      const progress = [...migrate.stdout.matchAll(/^tenants: (\d+)\/(\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(progress.length).toBeGreaterThan(0);
      for (const [done, total] of progress) expect(done, migrate.stdout).toBeLessThanOrEqual(total);
    });

    /** The latest migration each of these tenants has applied, read from the ledger. */
    const latest = async (...tenants: TestTenant[]) =>
      (await baseRunner.tenantStatus(tenants.map((t) => t.id))).map((s) => s.applied[s.applied.length - 1]);

    it('refuses a mistyped flag, an unknown tenant and a revert nobody confirmed, reverting nothing', async () => {
      const before = await latest(fresh, current);
      expect(before).toEqual([LAST, LAST]);
      // `--tenant` for `--tenants`: it once reverted every tenant.
      const typo = await cli('migrate:revert', `--tenant=${fresh.slug}`);
      expect(typo.code, typo.stdout).toBe(2);
      expect(typo.stderr).toMatch(/Unknown option '--tenant'/);
      expect(typo.stderr).toContain('usage: npm run migrate:revert');
      const unknown = await cli('migrate:revert', '--tenants=no-such-tenant', '--yes');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no such tenant: no-such-tenant');
      const unconfirmed = await cli('migrate:revert', `--tenants=${fresh.slug}`);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stdout).toContain(`would revert ${LAST}`);
      expect(unconfirmed.stderr).toContain('without --yes');
      const dry = await cli('migrate:revert', `--tenants=${fresh.slug}`, '--dry-run');
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('would revert the latest migration of 1 tenant');
      for (const command of ['migrate', 'migrate:status']) {
        const wrong = await cli(command, '--tenants=no-such-tenant');
        expect(wrong.code, command).toBe(2);
      }
      const stray = await cli('migrate', 'acme');
      expect(stray.code).toBe(2);
      expect(await latest(fresh, current)).toEqual(before);

      // Confirmed, it does what it showed.
      const confirmed = await cli('migrate:revert', `--tenants=${fresh.slug}`, '--yes');
      expect(confirmed.code, confirmed.stderr).toBe(0);
      expect(await latest(fresh, current)).not.toEqual(before);
      expect((await cli('migrate', `--tenants=${fresh.slug}`)).code).toBe(0);
      expect(await latest(fresh, current)).toEqual(before);
    });

    it('finds the database of a running `npm start`, or of a .env, in its directory when no DATABASE_URL is given', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'stratum-cli-'));
      mkdirSync(join(dir, '.data'));
      const file = join(dir, '.data', 'local-services.json');
      const status = (env: Record<string, string> = {}) =>
        run(
          process.execPath,
          [join(ROOT, 'dist/apps/cli/src/main.js'), 'migrate:status'],
          { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
          dir,
        );
      try {
        const none = await status();
        expect(none.code).toBe(1);
        expect(none.stderr).toContain('DATABASE_URL');
        // As `npm start` leaves it while it runs (this test process stands in for it).
        writeFileSync(file, JSON.stringify({ DATABASE_URL: inject('databaseUrl'), pid: process.pid }));
        const found = await status();
        expect(found.code, found.stderr).toBe(0);
        expect(found.stdout).toMatch(/^platform: \d+ applied, 0 pending$/m);
        // A start that has stopped is not used.
        writeFileSync(file, JSON.stringify({ DATABASE_URL: inject('databaseUrl'), pid: 2 ** 22 + 1 }));
        expect((await status()).code).toBe(1);
        // A .env in the directory is read, and the environment wins over it.
        writeFileSync(join(dir, '.env'), `# local settings\nDATABASE_URL=${inject('databaseUrl')}\n`);
        const fromFile = await status();
        expect(fromFile.code, fromFile.stderr).toBe(0);
        const overridden = await status({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
        expect(overridden.code).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('answers --help for every command, and names the commands when none is given', async () => {
      for (const command of ['migrate', 'migrate:status', 'migrate:revert', 'keys:reencrypt', 'start']) {
        const help = await cli(command, '--help');
        expect(help.code, command).toBe(0);
        expect(help.stdout, command).toContain(`usage: npm run ${command} -- [options]`);
        expect(help.stdout, command).toContain('--help');
      }
      expect((await cli('migrate:revert', '--help')).stdout).toContain('--yes');
      const none = await cli();
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('migrate:revert');
      expect((await cli('--help')).code).toBe(0);
    });
  });
});
