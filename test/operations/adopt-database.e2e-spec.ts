import { dataSourceOptions } from '@stratum/database';
import {
  adoptDatabase,
  createAppRole,
  dropAppRole,
  dropDatabaseAndTenantRoles,
  ensureAppRole,
  ensureDatabase,
  withDatabase,
} from '@stratum/devenv';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationRunner, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, TestApi } from '../support/api';
import { testConfig } from '../support/config';
import { createTenant, login, superAdminToken, TestTenant } from '../support/fixtures';

/** A tenant migration landing after the switch: its table must reach tenants provisioned before it. */
class AddNotes9999999999401 implements MigrationInterface {
  name = 'AddNotes9999999999401';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL)');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE notes');
  }
}

/**
 * A deployment that ran as a superuser moves to the app's own role: deploy/postgres/app-role.sql
 * creates the role, deploy/postgres/adopt.sql hands it the database, and everything keeps working
 * as that role, tenants made before the switch included (login, data, new migrations, purge).
 */
describe('handing a database made as a superuser over to the app role (deploy/postgres/adopt.sql)', () => {
  const database = `stratum_adopt_${randomBytes(5).toString('hex')}`;
  const role = `stratum_app_adopt_${randomBytes(5).toString('hex')}`;
  let superuserUrl: string;
  let appUrl: string;
  let api: TestApi;
  let before: TestTenant;
  let projectBefore: string;
  let pg: Client;

  beforeAll(async () => {
    await ensureDatabase(inject('postgresUrl'), database);
    superuserUrl = withDatabase(inject('postgresUrl'), database);
    // Before: migrated and used as the superuser, with a tenant and some data.
    const config = testConfig({ DATABASE_URL: superuserUrl });
    const ds = new DataSource(dataSourceOptions(config));
    await ds.initialize();
    await new MigrationRunner(ds, MIGRATIONS, config).migratePlatform();
    await ds.destroy();
    const old = await startApi({ DATABASE_URL: superuserUrl });
    try {
      before = await createTenant(old, await superAdminToken(old));
      const p = await old.call('POST', '/api/v1/projects', { token: before.token, body: { name: 'Made before the switch' } });
      expect(p.status).toBe(201);
      projectBefore = p.body.id;
    } finally {
      await old.close();
    }

    // The switch, as the README tells an operator: create the role, hand the database over.
    appUrl = await createAppRole(inject('postgresUrl'), { role, password: randomBytes(12).toString('hex'), database });
    await adoptDatabase(inject('postgresUrl'), database, role);
    await adoptDatabase(inject('postgresUrl'), database, role); // again: harmless
    api = await startApi({ DATABASE_URL: appUrl });
    pg = new Client({ connectionString: superuserUrl });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await api?.close();
    await dropDatabaseAndTenantRoles(inject('postgresUrl'), database);
    await dropAppRole(inject('postgresUrl'), role);
  });

  it('leaves nothing of the app owned by another role', async () => {
    const { rows } = await pg.query(
      `SELECT n.nspname AS schema, c.relname AS name, pg_get_userbyid(coalesce(c.relowner, n.nspowner)) AS owner
         FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
        WHERE n.nspname = 'platform' OR n.nspname ~ '^t_'
       UNION ALL
       SELECT n.nspname, p.proname, pg_get_userbyid(p.proowner)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'platform' OR n.nspname ~ '^t_'`,
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.owner !== role)).toEqual([]);
  });

  it('serves a tenant made before the switch: login, its data, writes', async () => {
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(row).toEqual({ name: role, rolsuper: false });
    const token = await login(api, before.slug, before.admin.email, before.admin.password);
    expect((await api.call('GET', `/api/v1/projects/${projectBefore}`, { token })).body.name).toBe('Made before the switch');
    expect((await api.call('POST', '/api/v1/projects', { token, body: { name: 'Made after' } })).status).toBe(201);
  });

  it('applies a new tenant migration as the app role to an old tenant, whose role then reaches the new table', async () => {
    const ds = new DataSource(dataSourceOptions(testConfig({ DATABASE_URL: appUrl })));
    await ds.initialize();
    try {
      const runner = new MigrationRunner(
        ds,
        { platform: MIGRATIONS.platform, tenant: [...MIGRATIONS.tenant, AddNotes9999999999401] },
        testConfig(),
      );
      const [result] = await runner.migrateTenants({ only: [before.id] });
      expect(result).toMatchObject({ status: 'migrated', migrations: ['AddNotes9999999999401'] });
      const tenant = (await api.app.get(TenantRegistry).find(before.id))!;
      const written = await api.app
        .get(TenantDatabase)
        .run(tenant, (em) => em.query(`INSERT INTO notes (body) VALUES ('after the switch') RETURNING current_user AS who`));
      expect(written).toEqual([{ who: tenant.roleName }]);
      expect((await runner.revertTenants({ only: [before.id] }))[0]).toMatchObject({ status: 'reverted' });
    } finally {
      await ds.destroy();
    }
  });

  it('provisions new tenants, and purges one made before the switch (schema and role)', async () => {
    const root = await superAdminToken(api);
    const after = await createTenant(api, root);
    expect((await api.call('GET', '/api/v1/projects', { token: after.token })).status).toBe(200);
    const res = await api.call('DELETE', `/api/v1/platform/tenants/${before.id}?purge=true&confirm=${before.slug}`, {
      token: root,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const schema = `t_${before.id.replace(/-/g, '')}`;
    expect((await pg.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);
    expect((await pg.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [schema])).rowCount).toBe(0);
  });
});

/** `npm start` on its embedded PostgreSQL runs the app as its own role too, kept across restarts. */
describe('the development server app role (ensureAppRole)', () => {
  const database = `stratum_dev_${randomBytes(5).toString('hex')}`;
  const role = `stratum_app_dev_${randomBytes(5).toString('hex')}`;

  afterAll(async () => {
    await dropDatabaseAndTenantRoles(inject('postgresUrl'), database);
    await dropAppRole(inject('postgresUrl'), role);
  });

  it('creates the role on first start, and on the next start sets the password it is given', async () => {
    await ensureDatabase(inject('postgresUrl'), database);
    const whoAmI = async (url: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query('SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0];
      } finally {
        await client.end();
      }
    };
    // The stored password (a SCRAM verifier; the server may trust local connections without it).
    const verifier = async () => {
      const admin = new Client({ connectionString: withDatabase(inject('postgresUrl'), database) });
      await admin.connect();
      try {
        return (await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0].rolpassword as string;
      } finally {
        await admin.end();
      }
    };
    const first = await ensureAppRole(inject('postgresUrl'), { role, password: 'first-password-1234', database });
    expect(await whoAmI(first)).toEqual({ name: role, rolsuper: false });
    const firstVerifier = await verifier();
    expect(firstVerifier).toMatch(/^SCRAM-SHA-256\$/);
    const second = await ensureAppRole(inject('postgresUrl'), { role, password: 'second-password-5678', database });
    expect(new URL(second).password).toBe('second-password-5678');
    expect(await whoAmI(second)).toEqual({ name: role, rolsuper: false });
    expect(await verifier()).not.toBe(firstVerifier);
  });
});
