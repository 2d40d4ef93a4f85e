import { DatabaseClusters } from '@stratum/database';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { asAppRole } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

/**
 * The API runs here as the login role of deploy/postgres/app-role.sql, not as a superuser (which
 * PostgreSQL lets past every privilege check): the refusals below are PostgreSQL's own.
 */
describe('tenant isolation', () => {
  let api: TestApi;
  let root: string;
  let a: TestTenant;
  let b: TestTenant;
  let projectOfA: string;
  /** A connection of our own as the app's login role, behind the API's back. */
  let pg: Client;

  const sqlState = (sql: string, params: unknown[] = []) =>
    pg.query(sql, params).then(
      () => 'ok',
      (err: { code?: string }) => err.code ?? String(err),
    );

  beforeAll(async () => {
    api = await startApi({ TENANT_BASE_DOMAIN: 'stratum.test', ...asAppRole() });
    root = await superAdminToken(api);
    [a, b] = await Promise.all([createTenant(api, root), createTenant(api, root)]);
    const created = await api.call('POST', '/api/v1/projects', { token: a.token, body: { name: 'Secret plans of A' } });
    expect(created.status).toBe(201);
    projectOfA = created.body.id;
    pg = new Client({ connectionString: inject('appDatabaseUrl') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
  });

  it('shows each tenant only its own projects', async () => {
    const ofA = await api.call('GET', '/api/v1/projects', { token: a.token });
    const ofB = await api.call('GET', '/api/v1/projects', { token: b.token });
    expect(ofA.body.items.map((p: { id: string }) => p.id)).toEqual([projectOfA]);
    expect(ofB.body.items).toEqual([]);
  });

  it("answers 404 for another tenant's project id, on read, update and delete", async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'hijacked' }], ['DELETE']] as const) {
      const res = await api.call(method, `/api/v1/projects/${projectOfA}`, { token: b.token, body });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const still = await api.call('GET', `/api/v1/projects/${projectOfA}`, { token: a.token });
    expect(still.body.name).toBe('Secret plans of A');
  });

  it('refuses a token of tenant A with X-Tenant naming tenant B (slug or id)', async () => {
    for (const named of [b.slug, b.id]) {
      const res = await api.call('GET', '/api/v1/projects', { token: a.token, tenant: named });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TENANT_MISMATCH');
    }
    const same = await api.call('GET', '/api/v1/projects', { token: a.token, tenant: a.slug });
    expect(same.status).toBe(200);
  });

  it('refuses a subdomain naming another tenant than the token', async () => {
    const res = await api.call('GET', '/api/v1/projects', { token: a.token, headers: { host: `${b.slug}.stratum.test` } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TENANT_MISMATCH');
  });

  it('resolves the tenant of a public route from X-Tenant (slug or id) or the subdomain', async () => {
    const body = { email: a.admin.email, password: a.admin.password };
    expect((await api.call('POST', '/api/v1/auth/login', { tenant: a.slug, body })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/login', { tenant: a.id, body })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/login', { headers: { host: `${a.slug}.stratum.test` }, body })).status).toBe(
      200,
    );
    // A's admin does not exist in B.
    const wrong = await api.call('POST', '/api/v1/auth/login', { tenant: b.slug, body });
    expect(wrong.status).toBe(401);
  });

  it('answers TENANT_NOT_FOUND for unknown tenants and TENANT_REQUIRED without one', async () => {
    const body = { email: 'x@y.test', password: 'whatever-password' };
    for (const named of [
      'no-such-tenant',
      '00000000-0000-4000-8000-000000000000',
      "'; DROP SCHEMA platform; --",
      'x'.repeat(300),
    ]) {
      const res = await api.call('POST', '/api/v1/auth/login', { tenant: named, body });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    }
    const none = await api.call('POST', '/api/v1/auth/login', { body });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('TENANT_REQUIRED');
  });

  describe('inside PostgreSQL', () => {
    it("refuses a query from tenant A's transaction that names tenant B's schema", async () => {
      const db = api.app.get(TenantDatabase);
      const registry = api.app.get(TenantRegistry);
      const [ta, tb] = [await registry.find(a.id), await registry.find(b.id)];
      await expect(db.run(ta!, (em) => em.query(`SELECT * FROM "${tb!.schemaName}".projects`))).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
      await expect(
        db.run(ta!, (em) => em.query(`INSERT INTO "${tb!.schemaName}".projects (name) VALUES ('x')`)),
      ).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    });

    it("refuses the platform schema from a tenant's transaction", async () => {
      const db = api.app.get(TenantDatabase);
      const ta = await api.app.get(TenantRegistry).find(a.id);
      await expect(db.run(ta!, (em) => em.query('SELECT * FROM platform.tenants'))).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    });

    it("runs as the tenant's role with its schema only, and leaves nothing on the connection", async () => {
      const db = api.app.get(TenantDatabase);
      const ta = (await api.app.get(TenantRegistry).find(a.id))!;
      const inside = await db.run(ta, (em) => em.query(`SELECT current_user AS "user", current_setting('search_path') AS path`));
      expect(inside[0]).toEqual({ user: ta.roleName, path: ta.schemaName });
      // Every pooled connection is back to the login role and default search_path.
      const dataSource = api.app.get(DataSource);
      const results = await Promise.all(
        Array.from({ length: api.config.DATABASE_POOL_SIZE }, () =>
          dataSource.query(`SELECT current_user AS "user", current_setting('search_path') AS path`),
        ),
      );
      for (const [row] of results) {
        expect(row.user).not.toMatch(/^t_/);
        expect(row.path).not.toContain('t_');
      }
    });
  });

  describe('the database role', () => {
    const tenantRole = /^t_[0-9a-f]{32}$/;

    it('is the login role of deploy/postgres/app-role.sql: CREATEROLE, and no superuser, CREATEDB, replication or BYPASSRLS', async () => {
      const [row] = await api.app
        .get(DataSource)
        .query(
          `SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
        );
      expect(row).toEqual({
        name: inject('appRole'),
        rolsuper: false,
        rolcreaterole: true,
        rolcreatedb: false,
        rolreplication: false,
        rolbypassrls: false,
      });
      // Member of the tenant roles it created, and of nothing else (no predefined pg_* role).
      const { rows } = await pg.query(
        `SELECT r.rolname AS name FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
          WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
      );
      const names = rows.map((r) => r.name as string);
      expect(names.filter((name) => !tenantRole.test(name))).toEqual([]);
      const [ta, tb] = [await api.app.get(TenantRegistry).find(a.id), await api.app.get(TenantRegistry).find(b.id)];
      expect(names).toEqual(expect.arrayContaining([ta!.roleName, tb!.roleName]));
      // Nothing to warn about at start.
      expect(api.app.get(DatabaseClusters).superuser).toEqual([]);
    });

    it('owns the platform schema and every schema, table and sequence it made for a tenant; the tenant role owns nothing', async () => {
      const ta = (await api.app.get(TenantRegistry).find(a.id))!;
      const { rows } = await pg.query(
        `SELECT n.nspname AS schema, pg_get_userbyid(n.nspowner) AS schema_owner, c.relname AS name, pg_get_userbyid(c.relowner) AS owner
           FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'S', 'i')
          WHERE n.nspname IN ('platform', $1)`,
        [ta.schemaName],
      );
      expect(rows.filter((r) => r.schema === 'platform').length).toBeGreaterThan(10);
      expect(rows.filter((r) => r.schema === ta.schemaName).length).toBeGreaterThan(10);
      for (const r of rows) {
        expect(r.schema_owner, r.schema).toBe(inject('appRole'));
        expect(r.owner, `${r.schema}.${r.name}`).toBe(inject('appRole'));
      }
      const owned = await pg.query(
        `SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
        [ta.roleName],
      );
      expect(owned.rows[0].n).toBe(0);
    });

    it('is refused what only a superuser may do', async () => {
      const refused = {
        'ALTER ROLE CURRENT_USER SUPERUSER': '42501',
        'ALTER ROLE CURRENT_USER BYPASSRLS': '42501',
        'SELECT rolpassword FROM pg_authid': '42501',
        'CREATE DATABASE stratum_not_allowed': '42501',
        "COPY (SELECT 1) TO PROGRAM 'true'": '42501',
        "ALTER SYSTEM SET work_mem = '64MB'": '42501',
        // What a superuser would use to slip past the append-only audit trigger.
        'SET session_replication_role = replica': '42501',
      };
      const seen: Record<string, string> = {};
      for (const sql of Object.keys(refused)) seen[sql] = await sqlState(sql);
      expect(seen).toEqual(refused);
    });

    it("refuses, as tenant A's role on the app's own connection, another tenant's schema and the platform schema", async () => {
      const registry = api.app.get(TenantRegistry);
      const [ta, tb] = [(await registry.find(a.id))!, (await registry.find(b.id))!];
      const asTenant = async (tenant: Tenant, sql: string) => {
        await pg.query(`BEGIN; SET LOCAL ROLE "${tenant.roleName}"; SET LOCAL search_path TO "${tenant.schemaName}"`);
        try {
          return await sqlState(sql);
        } finally {
          await pg.query('ROLLBACK');
        }
      };
      expect(await asTenant(ta, 'SELECT count(*) FROM projects')).toBe('ok');
      expect(await asTenant(ta, `SELECT * FROM "${tb.schemaName}".projects`)).toBe('42501');
      expect(await asTenant(ta, `UPDATE "${tb.schemaName}".users SET name = 'x'`)).toBe('42501');
      expect(await asTenant(ta, 'SELECT * FROM platform.tenants')).toBe('42501');
      expect(await asTenant(ta, `CREATE TABLE "${ta.schemaName}".mine (id int)`)).toBe('42501');
      expect(await asTenant(ta, 'CREATE TABLE public.mine (id int)')).toBe('42501');
      expect(await asTenant(ta, 'DROP TABLE projects')).toBe('42501');
      // The app's own connection, back from the tenant's transaction, is the app role again.
      expect((await pg.query('SELECT current_user AS u')).rows[0].u).toBe(inject('appRole'));
    });

    it('provisions a tenant (role, schema, grants) and purges it (schema and role dropped) without superuser rights', async () => {
      const c = await createTenant(api, root);
      const tc = (await api.app.get(TenantRegistry).find(c.id))!;
      const exists = async () => ({
        schema: (await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [tc.schemaName])).rowCount === 1,
        role: (await pg.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [tc.roleName])).rowCount === 1,
      });
      expect(await exists()).toEqual({ schema: true, role: true });
      const [role] = (
        await pg.query(
          'SELECT rolcanlogin, rolinherit, pg_has_role(current_user, oid, $2) AS usable FROM pg_roles WHERE rolname = $1',
          [tc.roleName, 'USAGE'],
        )
      ).rows;
      expect(role).toEqual({ rolcanlogin: false, rolinherit: false, usable: true });
      expect((await api.call('POST', '/api/v1/projects', { token: c.token, body: { name: 'Short-lived' } })).status).toBe(201);

      const res = await api.call('DELETE', `/api/v1/platform/tenants/${c.id}?purge=true&confirm=${c.slug}`, { token: root });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'deleted' });
      expect(await exists()).toEqual({ schema: false, role: false });
      const row = await pg.query('SELECT status, purged_at IS NOT NULL AS purged FROM platform.tenants WHERE id = $1', [c.id]);
      expect(row.rows).toEqual([{ status: 'deleted', purged: true }]);
      // The other tenants are untouched.
      expect((await api.call('GET', `/api/v1/projects/${projectOfA}`, { token: a.token })).status).toBe(200);
    });
  });
});
