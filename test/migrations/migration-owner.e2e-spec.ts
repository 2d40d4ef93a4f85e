import { withDatabase } from '@stratum/devenv';
import { MIGRATIONS } from '@stratum/migrations';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openMigrationContext } from '../../apps/cli/src/migration-context';
import { startApi, TestApi } from '../support/api';
import { asAppRole, testConfig } from '../support/config';
import { createTenant, superAdminToken, TestTenant } from '../support/fixtures';

/** A tenant migration only this file knows: a new table, which the tenant's role must reach. */
class AddNotes9999999999301 implements MigrationInterface {
  name = 'AddNotes9999999999301';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE notes');
  }
}

/** A platform migration only this file knows (reverted at the end: the database is shared with other files). */
class AddPlatformNotes9999999999302 implements MigrationInterface {
  name = 'AddPlatformNotes9999999999302';
  async up(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE platform.owner_test_notes (id serial PRIMARY KEY, body text NOT NULL)');
  }
  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE platform.owner_test_notes');
  }
}

/**
 * `npm run migrate` with a superuser's DATABASE_URL against a database the API and worker use as
 * the app's own role (deploy/postgres/app-role.sql): what the migrations create still belongs to
 * the app's role, and a tenant's new tables reach its tenant role, as if the app role had run them.
 */
describe('migrations run by a superuser in a database the app role owns', () => {
  let api: TestApi;
  let t: TestTenant;
  let tenant: Tenant;
  let context: Awaited<ReturnType<typeof openMigrationContext>>;
  let pg: Client;
  const ownerOf = async (schema: string, table: string) =>
    (
      await pg.query(
        `SELECT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = $2`,
        [schema, table],
      )
    ).rows[0]?.owner as string | undefined;

  beforeAll(async () => {
    api = await startApi(asAppRole());
    t = await createTenant(api, await superAdminToken(api));
    tenant = (await api.app.get(TenantRegistry).find(t.id))!;
    const superuserUrl = withDatabase(inject('postgresUrl'), new URL(inject('appDatabaseUrl')).pathname.slice(1));
    context = await openMigrationContext(testConfig({ DATABASE_URL: superuserUrl }), {
      platform: [...MIGRATIONS.platform, AddPlatformNotes9999999999302],
      tenant: [...MIGRATIONS.tenant, AddNotes9999999999301],
    });
    pg = new Client({ connectionString: superuserUrl });
    await pg.connect();
    expect((await pg.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0].rolsuper).toBe(true);
    // Which the process notices, and warns about, when it opens its connections.
    expect(context.clusters.superuser).toEqual(['main']);
  });

  afterAll(async () => {
    await pg?.end();
    await context?.close();
    await api?.close();
  });

  it("creates a tenant's new table as the app's role, with the tenant role's privileges, and reverts it", async () => {
    const [result] = await context.runner.migrateTenants({ only: [t.id] });
    expect(result).toMatchObject({ status: 'migrated', migrations: ['AddNotes9999999999301'] });
    expect(await ownerOf(tenant.schemaName, 'notes')).toBe(inject('appRole'));
    expect(await ownerOf(tenant.schemaName, 'notes_id_seq')).toBe(inject('appRole'));

    // The API's tenant transaction (SET LOCAL ROLE to the tenant's role) reads and writes it.
    const written = await api.app
      .get(TenantDatabase)
      .run(tenant, (em) => em.query(`INSERT INTO notes (body) VALUES ('hello') RETURNING current_user AS who, body`));
    expect(written).toEqual([{ who: tenant.roleName, body: 'hello' }]);

    const [reverted] = await context.runner.revertTenants({ only: [t.id] });
    expect(reverted).toMatchObject({ status: 'reverted', migrations: ['AddNotes9999999999301'] });
    expect(await ownerOf(tenant.schemaName, 'notes')).toBeUndefined();
  });

  it("creates a platform table as the platform schema's owner, which the API then uses, and reverts it", async () => {
    expect(await context.runner.migratePlatform()).toEqual(['AddPlatformNotes9999999999302']);
    try {
      expect(await ownerOf('platform', 'owner_test_notes')).toBe(inject('appRole'));
      const rows = await api.app
        .get(DataSource)
        .query(`INSERT INTO platform.owner_test_notes (body) VALUES ('hello') RETURNING current_user AS who`);
      expect(rows).toEqual([{ who: inject('appRole') }]);
    } finally {
      expect(await context.runner.revertPlatform()).toBe('AddPlatformNotes9999999999302');
    }
    expect(await ownerOf('platform', 'owner_test_notes')).toBeUndefined();
  });
});
