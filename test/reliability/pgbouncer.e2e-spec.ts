import { freePort } from '@stratum/devenv';
import { TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { createTenant, eventually, superAdminToken, TestTenant } from '../support/fixtures';
import { requireProgram } from '../support/processes';

const SERVER_CONNECTIONS = 3;
const TENANTS = 12;

/**
 * The API behind a real PgBouncer in transaction pooling mode, many tenants' requests interleaved
 * on three server connections: every answer holds the caller's rows only, and a tenant's
 * transaction still cannot reach another tenant's schema. Nothing of a tenant may survive on a
 * server connection from one transaction to the next, which is what this pooling relies on.
 */
describe('tenant isolation through PgBouncer (transaction pooling)', () => {
  let dir: string;
  let bouncer: ChildProcess;
  let bouncerLog = '';
  let port: number;
  let api: TestApi;
  const tenants: TestTenant[] = [];

  beforeAll(async () => {
    const bin = requireProgram('pgbouncer', 'apt-get install pgbouncer');
    const server = new URL(inject('databaseUrl'));
    const database = server.pathname.slice(1);
    const user = decodeURIComponent(server.username) || 'postgres';
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'stratum-pgbouncer-'));
    // PgBouncer refuses to run as root: it then runs as `nobody`, which must read its files.
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(server.password)}"\n`);
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `${database} = host=${server.hostname} port=${server.port || 5432} dbname=${database}`,
        '[pgbouncer]',
        `listen_addr = 127.0.0.1`,
        `listen_port = ${port}`,
        `unix_socket_dir =`,
        `auth_type = trust`,
        `auth_file = ${join(dir, 'users.txt')}`,
        `admin_users = ${user}`,
        `pool_mode = transaction`,
        `default_pool_size = ${SERVER_CONNECTIONS}`,
        `min_pool_size = 0`,
        `reserve_pool_size = 0`,
        `max_client_conn = 500`,
        `ignore_startup_parameters = extra_float_digits,options`,
        '',
      ].join('\n'),
    );
    for (const f of ['users.txt', 'pgbouncer.ini']) chmodSync(join(dir, f), 0o644);
    const asRoot = userInfo().uid === 0 ? ['-u', 'nobody'] : [];
    bouncer = spawn(bin, [...asRoot, join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
    bouncer.stdout?.on('data', (c: Buffer) => (bouncerLog += c.toString()));
    bouncer.stderr?.on('data', (c: Buffer) => (bouncerLog += c.toString()));
    process.once('exit', () => bouncer.kill('SIGKILL'));
    const viaBouncer = new URL(inject('databaseUrl'));
    viaBouncer.hostname = '127.0.0.1';
    viaBouncer.port = String(port);
    await eventually(
      async () => {
        if (bouncer.exitCode !== null) throw new Error(`pgbouncer exited:\n${bouncerLog}`);
        const probe = new Client({ connectionString: viaBouncer.toString() });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          await probe.query('SELECT 1');
          return true;
        } catch {
          return false;
        } finally {
          await probe.end().catch(() => undefined);
        }
      },
      15_000,
      100,
    );
    // Behind PgBouncer the pool's tenant affinity cannot reach PostgreSQL's backends (README).
    api = await startApi({ DATABASE_URL: viaBouncer.toString(), DATABASE_POOL_AFFINITY: 'false', DATABASE_POOL_SIZE: '20' });
    const root = await superAdminToken(api);
    for (let i = 0; i < TENANTS; i++) tenants.push(await createTenant(api, root));
    await Promise.all(
      tenants.map(async (t) => {
        for (let i = 0; i < 3; i++) {
          const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `${t.slug}-${i}` } });
          expect(res.status).toBe(201);
        }
      }),
    );
  });

  afterAll(async () => {
    await api?.close();
    bouncer?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** PgBouncer's own figures: server connections to PostgreSQL, and transactions it has passed on. */
  async function bouncerFigures(): Promise<{ servers: number; transactions: number }> {
    const admin = new Client({ host: '127.0.0.1', port, database: 'pgbouncer', user: new URL(inject('databaseUrl')).username });
    await admin.connect();
    try {
      const servers = (await admin.query('SHOW SERVERS')).rows.length;
      const stats = (await admin.query('SHOW STATS')).rows as { database: string; total_xact_count: string }[];
      return { servers, transactions: stats.reduce((n, r) => n + Number(r.total_xact_count), 0) };
    } finally {
      await admin.end();
    }
  }

  it("answers hundreds of interleaved requests of many tenants on a few server connections with the caller's rows only", async () => {
    const before = await bouncerFigures();
    const leaks: string[] = [];
    let requests = 0;
    await Promise.all(
      Array.from({ length: 24 }, async (_, w) => {
        for (let i = 0; i < 15; i++) {
          const t = tenants[(w + i * 5) % tenants.length];
          if (i % 4 === 0) {
            const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `${t.slug}-w${w}-${i}` } });
            expect(res.status).toBe(201);
          }
          const res = await api.call('GET', '/api/v1/projects?limit=100', { token: t.token });
          expect(res.status).toBe(200);
          requests += 1;
          for (const p of res.body.items as { name: string }[]) {
            if (!p.name.startsWith(`${t.slug}-`)) leaks.push(`${t.slug} saw ${p.name}`);
          }
        }
      }),
    );
    const after = await bouncerFigures();
    expect(requests).toBe(24 * 15);
    expect(leaks).toEqual([]);
    expect(after.servers).toBeLessThanOrEqual(SERVER_CONNECTIONS);
    expect(after.transactions - before.transactions).toBeGreaterThan(requests);
  });

  it("refuses, inside PostgreSQL, another tenant's schema from a tenant's transaction", async () => {
    const db = api.app.get(TenantDatabase);
    const registry = api.app.get(TenantRegistry);
    const [a, b] = [(await registry.find(tenants[0].id))!, (await registry.find(tenants[1].id))!];
    // Repeated, so that the transactions land on each of the few server connections.
    for (let i = 0; i < 10; i++) {
      await expect(db.run(a, (em) => em.query(`SELECT * FROM "${b.schemaName}".projects`))).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
      const [inside] = await db.run(b, (em) => em.query(`SELECT current_user AS "user", current_setting('search_path') AS path`));
      expect(inside).toEqual({ user: b.roleName, path: b.schemaName });
    }
  });
});
