import { MAIN_CLUSTER } from '@stratum/config';
import { DatabaseClusters, dataSourceOptions } from '@stratum/database';
import { MIGRATIONS } from '@stratum/migrations';
import { CLUSTER_LEDGER, MigrationRunner, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { TenantScan, TenantScanRepository } from '@stratum/webhooks';
import { createAppRole } from '@stratum/devenv';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { asAppRole, testConfig } from '../support/config';
import { login, superAdminToken, TestTenant, uniqueSlug } from '../support/fixtures';
import { SecondCluster, startSecondCluster } from '../support/second-cluster';

/** A tenant migration only this file knows, newer than every real one. */
class AddClusterFlag9999999999101 implements MigrationInterface {
  name = 'AddClusterFlag9999999999101';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects ADD COLUMN cluster_flag boolean');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE projects DROP COLUMN cluster_flag');
  }
}
const FLAG = 'AddClusterFlag9999999999101';

const dbName = (id: string) => `t_${id.replace(/-/g, '')}`;

describe('tenants on several PostgreSQL clusters', () => {
  let second: SecondCluster;
  let eu2Url: string;
  let eu3Url: string;
  let api: TestApi;
  let root: string;
  /** Direct connections, behind the API's back: the main database, and eu2 and eu3 on the second server. */
  let main: Client;
  let eu2: Client;
  let eu3: Client;
  const clients = () => ({ main, eu2, eu3 }) as Record<string, Client>;

  const schemaOn = async (pg: Client, schema: string) =>
    (await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
  const roleOn = async (pg: Client, role: string) =>
    (await pg.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
  const registered = async (id: string) =>
    (await main.query('SELECT cluster, status FROM platform.tenants WHERE id = $1', [id])).rows[0] as {
      cluster: string;
      status: string;
    };

  /** Provisions through the API on `cluster` (or wherever placement puts it) and logs the admin in. */
  async function tenantOn(cluster?: string): Promise<TestTenant & { cluster: string }> {
    const slug = uniqueSlug('cl');
    const admin = { email: `admin@${slug}.test`, password: `pw-${slug}-long-enough` };
    const res = await api.call('POST', '/api/v1/platform/tenants', {
      token: root,
      body: {
        name: `Tenant ${slug}`,
        slug,
        plan: 'professional',
        admin: { ...admin, name: 'Admin' },
        ...(cluster ? { cluster } : {}),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return {
      id: res.body.id,
      slug,
      admin,
      token: await login(api, slug, admin.email, admin.password),
      cluster: res.body.cluster,
    };
  }

  /** Live tenants per cluster, as placement counts them. */
  async function load(): Promise<Record<string, number>> {
    const { rows } = await main.query(
      `SELECT cluster, count(*)::int AS n FROM platform.tenants WHERE purged_at IS NULL AND status <> 'deleted' GROUP BY cluster`,
    );
    return { main: 0, eu2: 0, eu3: 0, ...Object.fromEntries(rows.map((r) => [r.cluster, r.n])) };
  }

  beforeAll(async () => {
    second = await startSecondCluster();
    // As in production, the app connects to every cluster as a role that is not a superuser, made
    // by deploy/postgres/app-role.sql (the second server is a newer PostgreSQL than most mains).
    const role = { role: 'stratum_app', password: randomBytes(12).toString('hex') };
    const [eu2Admin, eu3Admin] = [await second.database('stratum_eu2'), await second.database('stratum_eu3')];
    eu2Url = await createAppRole(second.url, { ...role, database: 'stratum_eu2' });
    eu3Url = await createAppRole(second.url, { ...role, database: 'stratum_eu3' }, { roleExists: true });
    api = await startApi({ ...asAppRole(), DATABASE_CLUSTERS: `eu2=${eu2Url},eu3=${eu3Url}`, WEBHOOKS_ALLOW_LOOPBACK: 'true' });
    root = await superAdminToken(api);
    main = new Client({ connectionString: inject('appDatabaseUrl') });
    eu2 = new Client({ connectionString: eu2Admin });
    eu3 = new Client({ connectionString: eu3Admin });
    await Promise.all([main.connect(), eu2.connect(), eu3.connect()]);
  });

  afterAll(async () => {
    await Promise.all([main?.end(), eu2?.end(), eu3?.end()]);
    await api?.close();
    await second?.stop();
  });

  it('connects to every cluster as a role that is not a superuser', async () => {
    const clusters = api.app.get(DatabaseClusters);
    for (const name of clusters.names) {
      const [row] = await clusters
        .dataSource(name)
        .query('SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user');
      expect(row, name).toEqual({ name: name === MAIN_CLUSTER ? inject('appRole') : 'stratum_app', rolsuper: false });
    }
  });

  describe('placement', () => {
    it('puts a tenant on the cluster it names, and only there', async () => {
      const t = await tenantOn('eu2');
      expect(t.cluster).toBe('eu2');
      expect(await registered(t.id)).toEqual({ cluster: 'eu2', status: 'active' });
      const name = dbName(t.id);
      expect(await schemaOn(eu2, name)).toBe(true);
      expect(await roleOn(eu2, name)).toBe(true);
      expect(await schemaOn(main, name)).toBe(false);
      expect(await roleOn(main, name)).toBe(false);
      expect(await schemaOn(eu3, name)).toBe(false);
      // Its migrations are recorded on its cluster and, for status, on main.
      const onEu2 = await eu2.query(`SELECT name FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1 ORDER BY name`, [t.id]);
      const onMain = await main.query('SELECT name FROM platform.tenant_migrations WHERE tenant_id = $1 ORDER BY name', [t.id]);
      const all = MIGRATIONS.tenant.map((Cls) => new Cls().name!).sort();
      expect(onEu2.rows.map((r) => r.name)).toEqual(all);
      expect(onMain.rows.map((r) => r.name)).toEqual(all);
    });

    it('refuses a cluster that is not configured with 400, creating nothing', async () => {
      const slug = uniqueSlug('cl');
      const res = await api.call('POST', '/api/v1/platform/tenants', {
        token: root,
        body: {
          name: 'Nowhere',
          slug,
          plan: 'free',
          admin: { email: `a@${slug}.test`, name: 'A', password: 'long-enough-password' },
          cluster: 'us9',
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cluster' })]);
      expect((await main.query('SELECT 1 FROM platform.tenants WHERE slug = $1', [slug])).rowCount).toBe(0);
    });

    it('puts a tenant without a named cluster on the one with the fewest live tenants', async () => {
      // Other test files add tenants to main only; eu2 and eu3 are this file's.
      await tenantOn('eu2');
      for (let i = 0; i < 3; i++) await tenantOn('main');
      let before = await load();
      expect(before.eu3).toBe(0);
      expect(before.eu2).toBe(2);
      expect(before.main).toBeGreaterThan(2);

      const first = await tenantOn();
      expect(first.cluster).toBe('eu3');
      expect((await tenantOn()).cluster).toBe('eu3');
      // eu2 and eu3 both hold 2: the first configured wins the tie (main holds more).
      expect((await tenantOn()).cluster).toBe('eu2');
      expect((await tenantOn()).cluster).toBe('eu3');
      before = await load();
      expect(before).toMatchObject({ eu2: 3, eu3: 3 });

      // A deleted tenant no longer counts.
      const del = await api.call('DELETE', `/api/v1/platform/tenants/${first.id}`, { token: root });
      expect(del.status, JSON.stringify(del.body)).toBe(200);
      expect((await tenantOn()).cluster).toBe('eu3');
    });
  });

  describe('routing and isolation', () => {
    let a: TestTenant & { cluster: string };
    let b: TestTenant & { cluster: string };
    let c: TestTenant & { cluster: string };

    beforeAll(async () => {
      a = await tenantOn('main');
      b = await tenantOn('eu2');
      c = await tenantOn('eu2');
    });

    it("writes each tenant's data on its own cluster only", async () => {
      for (const t of [a, b]) {
        const res = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: `Project of ${t.slug}` } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      const names = async (pg: Client, t: TestTenant) =>
        (await schemaOn(pg, dbName(t.id)))
          ? (await pg.query(`SELECT name FROM "${dbName(t.id)}".projects`)).rows.map((r) => r.name)
          : null;
      expect(await names(main, a)).toEqual([`Project of ${a.slug}`]);
      expect(await names(eu2, a)).toBeNull();
      expect(await names(eu2, b)).toEqual([`Project of ${b.slug}`]);
      expect(await names(main, b)).toBeNull();
      // And the API serves each tenant its own.
      for (const t of [a, b]) {
        const list = await api.call('GET', '/api/v1/projects', { token: t.token });
        expect(list.body.items.map((p: { name: string }) => p.name)).toEqual([`Project of ${t.slug}`]);
      }
      const other = await api.call('GET', '/api/v1/projects', { token: c.token });
      expect(other.body.items).toEqual([]);
    });

    it("answers 404 for another cluster's tenant's project, and the token of one tenant never reaches another", async () => {
      const pb = await api.call('POST', '/api/v1/projects', { token: b.token, body: { name: 'Secret of b' } });
      expect(pb.status).toBe(201);
      expect((await api.call('GET', `/api/v1/projects/${pb.body.id}`, { token: a.token })).status).toBe(404);
      expect((await api.call('GET', `/api/v1/projects/${pb.body.id}`, { token: c.token })).status).toBe(404);
      expect((await api.call('GET', '/api/v1/projects', { token: a.token, tenant: b.slug })).status).toBe(403);
    });

    it("runs a unit of work on the tenant's cluster, where other tenants' schemas are missing or refused", async () => {
      const db = api.app.get(TenantDatabase);
      const registry = api.app.get(TenantRegistry);
      const tb = (await registry.find(b.id))!;
      const where = await db.run(tb, async (em) => {
        const [row] = await em.query(`SELECT current_database() AS db, current_user AS role, current_schema() AS schema`);
        return row;
      });
      expect(where).toEqual({ db: 'stratum_eu2', role: dbName(b.id), schema: dbName(b.id) });
      // a's schema is on another cluster: it does not even exist here.
      await expect(db.run(tb, (em) => em.query(`SELECT * FROM "${dbName(a.id)}".projects`))).rejects.toThrow(/does not exist/);
      // c's schema is on the same cluster: its role refuses b.
      await expect(db.run(tb, (em) => em.query(`SELECT * FROM "${dbName(c.id)}".projects`))).rejects.toThrow(/permission denied/);
    });

    it('keeps one bounded pool per cluster, whatever the number of tenants on it', async () => {
      const size = api.config.DATABASE_POOL_SIZE;
      const tokens = [b.token, c.token];
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => api.call('GET', '/api/v1/projects', { token: tokens[i % tokens.length] })),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const clusters = api.app.get(DatabaseClusters);
      expect(clusters.names).toEqual(['main', 'eu2', 'eu3']);
      const { rows } = await eu2.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'stratum_eu2' AND application_name = $1`,
        [api.config.DATABASE_APPLICATION_NAME],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      expect(rows[0].n).toBeLessThanOrEqual(size);
    });

    it("finds tenants of every cluster when webhook maintenance looks through the tenants' schemas", async () => {
      const scan = api.app.get(TenantScan);
      const schemas = api.app.get(TenantScanRepository);
      const found = await scan.tenantsWhere((em, names) =>
        schemas.matching(em, names, (schema) => `EXISTS (SELECT 1 FROM ${schema}.projects WHERE name LIKE $1)`, ['Project of %']),
      );
      const ids = found.map((t) => t.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids).not.toContain(c.id);
    });
  });

  describe('platform work for a tenant on another cluster', () => {
    let t: TestTenant & { cluster: string };

    beforeAll(async () => {
      t = await tenantOn('eu2');
      await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'Counted' } });
    });

    it('lets the tenant change its settings: the platform row on main, the audit event on its cluster', async () => {
      const res = await api.call('PATCH', '/api/v1/tenant', { token: t.token, body: { settings: { lockoutThreshold: 7 } } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.settings.lockoutThreshold).toBe(7);
      const row = await main.query('SELECT settings FROM platform.tenants WHERE id = $1', [t.id]);
      expect(row.rows[0].settings.lockoutThreshold).toBe(7);
      const events = await eu2.query(
        `SELECT action FROM "${dbName(t.id)}".audit_events WHERE action = 'tenant.settings.updated'`,
      );
      expect(events.rowCount).toBe(1);
    });

    it('serves the super admin its update, statistics and the dashboard', async () => {
      const update = await api.call('PATCH', `/api/v1/platform/tenants/${t.id}`, {
        token: root,
        body: { name: 'Renamed on eu2' },
      });
      expect(update.status, JSON.stringify(update.body)).toBe(200);
      expect(update.body).toMatchObject({ name: 'Renamed on eu2', cluster: 'eu2' });
      const stats = await api.call('GET', `/api/v1/platform/tenants/${t.id}/stats`, { token: root });
      expect(stats.status, JSON.stringify(stats.body)).toBe(200);
      expect(stats.body).toMatchObject({ projects: 1, users: { total: 1 } });
      const dashboard = await api.call('GET', '/api/v1/platform/dashboard', { token: root });
      expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
      expect(dashboard.body.users).toBeGreaterThanOrEqual(1);
    });
  });

  describe('the migration runner', () => {
    let ds: DataSource;
    let clusters: DatabaseClusters;
    let runner: MigrationRunner;
    let onMain: TestTenant & { cluster: string };
    let onEu2: TestTenant & { cluster: string };
    let onEu3: TestTenant & { cluster: string };
    const columnOn = async (pg: Client, t: TestTenant) =>
      (
        await pg.query(
          `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'projects' AND column_name = 'cluster_flag'`,
          [dbName(t.id)],
        )
      ).rowCount === 1;
    const ledger = async (pg: Client, table: string, t: TestTenant) =>
      (await pg.query(`SELECT 1 FROM ${table} WHERE tenant_id = $1 AND name = $2`, [t.id, FLAG])).rowCount === 1;

    beforeAll(async () => {
      onMain = await tenantOn('main');
      onEu2 = await tenantOn('eu2');
      onEu3 = await tenantOn('eu3');
      const config = testConfig({ ...asAppRole(), DATABASE_CLUSTERS: `eu2=${eu2Url},eu3=${eu3Url}` });
      ds = new DataSource(dataSourceOptions(config));
      await ds.initialize();
      clusters = await DatabaseClusters.open(ds, config);
      runner = new MigrationRunner(
        clusters,
        { platform: MIGRATIONS.platform, tenant: [...MIGRATIONS.tenant, AddClusterFlag9999999999101] },
        config,
      );
    });

    afterAll(async () => {
      await clusters?.close();
      await ds?.destroy();
    });

    const only = () => [onMain.id, onEu2.id, onEu3.id];

    it('applies a new migration to each tenant on its own cluster, recording it there and on main', async () => {
      const status = await runner.tenantStatus(only());
      expect(status.map((s) => [s.cluster, s.pending])).toEqual([
        ['main', [FLAG]],
        ['eu2', [FLAG]],
        ['eu3', [FLAG]],
      ]);
      const results = await runner.migrateTenants({ only: only() });
      expect(results.map((r) => [r.cluster, r.status, r.migrations])).toEqual([
        ['main', 'migrated', [FLAG]],
        ['eu2', 'migrated', [FLAG]],
        ['eu3', 'migrated', [FLAG]],
      ]);
      for (const [t, pg] of [
        [onMain, main],
        [onEu2, eu2],
        [onEu3, eu3],
      ] as const) {
        expect(await columnOn(pg, t)).toBe(true);
        expect(await ledger(main, 'platform.tenant_migrations', t)).toBe(true);
      }
      expect(await columnOn(main, onEu2)).toBe(false);
      expect(await ledger(eu2, CLUSTER_LEDGER, onEu2)).toBe(true);
      expect(await ledger(eu3, CLUSTER_LEDGER, onEu3)).toBe(true);
      expect(await ledger(eu2, CLUSTER_LEDGER, onEu3)).toBe(false);
      // Nothing left: a second run changes nothing.
      const again = await runner.migrateTenants({ only: only() });
      expect(again.map((r) => r.status)).toEqual(['up-to-date', 'up-to-date', 'up-to-date']);
    });

    it("repairs main's record after a crash between the cluster's commit and main's, without applying twice", async () => {
      // As if the runner died after eu2 committed: main has not recorded the migration.
      await main.query('DELETE FROM platform.tenant_migrations WHERE tenant_id = $1 AND name = $2', [onEu2.id, FLAG]);
      expect((await runner.tenantStatus([onEu2.id]))[0].pending).toEqual([FLAG]);
      const [result] = await runner.migrateTenants({ only: [onEu2.id] });
      // Applying it again would fail (the column exists): the cluster's ledger says it is there.
      expect(result).toMatchObject({ status: 'up-to-date', migrations: [] });
      expect(await ledger(main, 'platform.tenant_migrations', onEu2)).toBe(true);
      expect((await runner.tenantStatus([onEu2.id]))[0].pending).toEqual([]);
    });

    it('migrates each tenant once when two runners work on the same tenants at the same time', async () => {
      const reverted = await runner.revertTenants({ only: only() });
      expect(reverted.map((r) => r.status)).toEqual(['reverted', 'reverted', 'reverted']);
      const twice = await Promise.all([runner.migrateTenants({ only: only() }), runner.migrateTenants({ only: only() })]);
      const migrated = twice.flat().filter((r) => r.status === 'migrated');
      expect(twice.flat().filter((r) => r.status === 'failed')).toEqual([]);
      expect(migrated.map((r) => r.tenantId).sort()).toEqual(only().sort());
    });

    it('reverts on every cluster, removing the record on main and on the cluster', async () => {
      const results = await runner.revertTenants({ only: only() });
      expect(results.map((r) => [r.cluster, r.status, r.migrations])).toEqual([
        ['main', 'reverted', [FLAG]],
        ['eu2', 'reverted', [FLAG]],
        ['eu3', 'reverted', [FLAG]],
      ]);
      for (const [t, pg] of [
        [onMain, main],
        [onEu2, eu2],
        [onEu3, eu3],
      ] as const) {
        expect(await columnOn(pg, t)).toBe(false);
        expect(await ledger(main, 'platform.tenant_migrations', t)).toBe(false);
      }
      expect(await ledger(eu2, CLUSTER_LEDGER, onEu2)).toBe(false);
      // The tenants still work through the API.
      for (const t of [onMain, onEu2, onEu3])
        expect((await api.call('GET', '/api/v1/projects', { token: t.token })).status).toBe(200);
    });
  });

  describe('moving a tenant between clusters', () => {
    let t: TestTenant;
    let counts: Record<string, number>;
    let project: string;
    const TABLES = [
      'users',
      'user_roles',
      'roles',
      'projects',
      'documents',
      'audit_events',
      'audit_chain',
      'sessions',
      'webhook_endpoints',
    ];

    /** Rows per table of the tenant's schema on `pg`. */
    async function rowCounts(pg: Client, id: string): Promise<Record<string, number>> {
      const schema = dbName(id);
      const { rows } = await pg.query(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`,
        [schema],
      );
      const out: Record<string, number> = {};
      for (const { name } of rows)
        out[name] = Number((await pg.query(`SELECT count(*) AS n FROM "${schema}"."${name}"`)).rows[0].n);
      return out;
    }

    const audit = (row: Record<string, unknown>) => [row.seq, row.hash, row.previous_hash, row.action];

    beforeAll(async () => {
      t = await tenantOn('main');
      for (let i = 0; i < 3; i++) {
        const u = await api.call('POST', '/api/v1/users', {
          token: t.token,
          body: { email: `user${i}@${t.slug}.test`, name: `User ${i}`, password: 'a-long-user-password' },
        });
        expect(u.status, JSON.stringify(u.body)).toBe(201);
      }
      for (let i = 0; i < 4; i++) {
        const p = await api.call('POST', '/api/v1/projects', {
          token: t.token,
          body: { name: `Project ${i}`, description: 'moves' },
        });
        expect(p.status).toBe(201);
        project = p.body.id;
        const d = await api.call('POST', `/api/v1/projects/${project}/documents`, {
          token: t.token,
          body: { title: `Doc ${i}`, body: 'x'.repeat(100) },
        });
        expect(d.status, JSON.stringify(d.body)).toBe(201);
      }
      const hook = await api.call('POST', '/api/v1/webhooks/endpoints', {
        token: t.token,
        body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['project.*'] },
      });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      counts = await rowCounts(main, t.id);
      for (const table of ['users', 'projects', 'documents', 'audit_events', 'webhook_endpoints'])
        expect(counts[table], table).toBeGreaterThan(0);
    });

    it('moves every row to the other cluster, drops the old schema and role, and reports the downtime', async () => {
      const eventsBefore = (await main.query(`SELECT * FROM "${dbName(t.id)}".audit_events ORDER BY seq`)).rows.map(audit);
      const chainBefore = (
        await main.query(`SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM "${dbName(t.id)}".audit_chain`)
      ).rows;
      const res = await api.call('POST', `/api/v1/platform/tenants/${t.id}/move`, { token: root, body: { cluster: 'eu2' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ from: 'main', to: 'eu2', tenant: { id: t.id, cluster: 'eu2', status: 'active' } });
      expect(res.body.downtimeMs).toBeGreaterThanOrEqual(0);
      expect(res.body.rows).toEqual(counts);

      expect(await registered(t.id)).toEqual({ cluster: 'eu2', status: 'active' });
      expect(await rowCounts(eu2, t.id)).toEqual(counts);
      for (const table of TABLES) expect(counts[table], table).toBeDefined();
      expect(await schemaOn(main, dbName(t.id))).toBe(false);
      expect(await roleOn(main, dbName(t.id))).toBe(false);
      expect(await roleOn(eu2, dbName(t.id))).toBe(true);
      // The audit trail moved as it was: same events, same hashes, same chain head.
      expect((await eu2.query(`SELECT * FROM "${dbName(t.id)}".audit_events ORDER BY seq`)).rows.map(audit)).toEqual(
        eventsBefore,
      );
      expect(
        (await eu2.query(`SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM "${dbName(t.id)}".audit_chain`)).rows,
      ).toEqual(chainBefore);
      // Its migration record lives with it now.
      expect((await eu2.query(`SELECT count(*)::int AS n FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1`, [t.id])).rows[0].n).toBe(
        MIGRATIONS.tenant.length,
      );

      const event = (
        await main.query(
          `SELECT metadata, changes FROM platform.audit_events WHERE action = 'tenant.moved' AND resource_id = $1`,
          [t.id],
        )
      ).rows;
      expect(event).toHaveLength(1);
      expect(event[0].metadata).toMatchObject({ from: 'main', to: 'eu2', downtimeMs: res.body.downtimeMs });
    });

    it('keeps tokens, the audit chain and every route working after the move', async () => {
      const verify = await api.call('GET', '/api/v1/audit-events/verify', { token: t.token });
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: true, checked: counts.audit_events });
      const list = await api.call('GET', '/api/v1/projects', { token: t.token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(4);
      const docs = await api.call('GET', `/api/v1/projects/${project}/documents`, { token: t.token });
      expect(docs.body.items).toHaveLength(1);
      // New writes land on eu2 and extend the chain.
      const p = await api.call('POST', '/api/v1/projects', { token: t.token, body: { name: 'After the move' } });
      expect(p.status).toBe(201);
      expect((await eu2.query(`SELECT 1 FROM "${dbName(t.id)}".projects WHERE id = $1`, [p.body.id])).rowCount).toBe(1);
      expect(await login(api, t.slug, 'user1@' + t.slug + '.test', 'a-long-user-password')).toEqual(expect.any(String));
      const after = await api.call('GET', '/api/v1/audit-events/verify', { token: t.token });
      expect(after.body).toMatchObject({ valid: true });
      expect(after.body.checked).toBeGreaterThan(counts.audit_events);
    });

    it('moves it back to main, with nothing lost and nothing left on eu2', async () => {
      const before = await rowCounts(eu2, t.id);
      const res = await api.call('POST', `/api/v1/platform/tenants/${t.id}/move`, { token: root, body: { cluster: 'main' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await rowCounts(main, t.id)).toEqual(before);
      expect(await schemaOn(eu2, dbName(t.id))).toBe(false);
      expect(await roleOn(eu2, dbName(t.id))).toBe(false);
      expect((await eu2.query(`SELECT count(*)::int AS n FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1`, [t.id])).rows[0].n).toBe(
        0,
      );
      expect((await api.call('GET', '/api/v1/audit-events/verify', { token: t.token })).body).toMatchObject({ valid: true });
      expect((await api.call('GET', '/api/v1/projects', { token: t.token })).body.items).toHaveLength(5);
    });

    it('keeps a suspended tenant suspended, and refuses its users during and after', async () => {
      const s = await tenantOn('eu3');
      expect((await api.call('POST', `/api/v1/platform/tenants/${s.id}/suspend`, { token: root })).status).toBe(200);
      const res = await api.call('POST', `/api/v1/platform/tenants/${s.id}/move`, { token: root, body: { cluster: 'main' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ downtimeMs: 0, tenant: { status: 'suspended', cluster: 'main' } });
      expect((await api.call('GET', '/api/v1/projects', { token: s.token })).body.code).toBe('TENANT_SUSPENDED');
    });

    it('refuses an unknown cluster, the current one, and callers who are not super admins', async () => {
      const unknown = await api.call('POST', `/api/v1/platform/tenants/${t.id}/move`, { token: root, body: { cluster: 'mars' } });
      expect(unknown.status).toBe(400);
      const same = await api.call('POST', `/api/v1/platform/tenants/${t.id}/move`, {
        token: root,
        body: { cluster: MAIN_CLUSTER },
      });
      expect(same.status).toBe(409);
      const asTenant = await api.call('POST', `/api/v1/platform/tenants/${t.id}/move`, {
        token: t.token,
        body: { cluster: 'eu2' },
      });
      expect(asTenant.status).toBe(403);
      expect(await registered(t.id)).toEqual({ cluster: 'main', status: 'active' });
    });

    it('refuses a move between two databases of one PostgreSQL server (they share roles), leaving the tenant as it was', async () => {
      const s = await tenantOn('eu3');
      await api.call('POST', '/api/v1/projects', { token: s.token, body: { name: 'Stays' } });
      const res = await api.call('POST', `/api/v1/platform/tenants/${s.id}/move`, { token: root, body: { cluster: 'eu2' } });
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe('INVALID_STATE');
      expect(await registered(s.id)).toEqual({ cluster: 'eu3', status: 'active' });
      expect(await schemaOn(eu2, dbName(s.id))).toBe(false);
      expect((await api.call('GET', '/api/v1/projects', { token: s.token })).body.items).toHaveLength(1);
    });

    it('lets clients read through a move and answers writes afterwards', async () => {
      const m = await tenantOn('eu3');
      for (let i = 0; i < 5; i++) await api.call('POST', '/api/v1/projects', { token: m.token, body: { name: `Busy ${i}` } });
      let stop = false;
      const statuses: number[] = [];
      const reader = (async () => {
        while (!stop) statuses.push((await api.call('GET', '/api/v1/projects', { token: m.token })).status);
      })();
      const res = await api.call('POST', `/api/v1/platform/tenants/${m.id}/move`, { token: root, body: { cluster: 'main' } });
      stop = true;
      await reader;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Only answers a client can act on: the data, or "suspended" while the move runs.
      expect(statuses.filter((s) => s !== 200 && s !== 403)).toEqual([]);
      expect((await api.call('GET', '/api/v1/projects', { token: m.token })).body.items).toHaveLength(5);
    });
  });

  it('removes a purged tenant from its cluster', async () => {
    const p = await tenantOn('eu2');
    const res = await api.call('DELETE', `/api/v1/platform/tenants/${p.id}?purge=true&confirm=${p.slug}`, { token: root });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await schemaOn(eu2, dbName(p.id))).toBe(false);
    expect(await roleOn(eu2, dbName(p.id))).toBe(false);
    expect((await eu2.query(`SELECT count(*)::int AS n FROM ${CLUSTER_LEDGER} WHERE tenant_id = $1`, [p.id])).rows[0].n).toBe(0);
    void clients;
  });
});
