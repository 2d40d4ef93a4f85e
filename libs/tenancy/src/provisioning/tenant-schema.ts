import { quoteIdent } from '@stratum/common';

/**
 * The statements that create a tenant's role and schema, before its migrations: a NOLOGIN role
 * that may use its own schema and nothing else; tables are owned by the app's role (so the tenant
 * role cannot drop, alter or truncate them) and reached through default privileges. Ends with the
 * new schema as the transaction's search_path. `name` is the schema and role name (tenantDbName).
 *
 * They need CREATEROLE and CREATE on the database, not a superuser. The app's role grants itself
 * the new role so it may SET ROLE to it: on PostgreSQL 15 CREATEROLE allows that grant (and the
 * later DROP ROLE); on 16 and later the creator already holds ADMIN OPTION on the role (which DROP
 * ROLE needs) but, by default (createrole_self_grant), neither SET nor INHERIT, which this grant adds.
 */
export function tenantSchemaPreamble(name: string): string {
  const id = quoteIdent(name);
  return [
    `CREATE ROLE ${id} NOLOGIN NOINHERIT`,
    `GRANT ${id} TO CURRENT_USER`,
    `CREATE SCHEMA ${id}`,
    `REVOKE ALL ON SCHEMA ${id} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${id} TO ${id}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${id}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id} GRANT USAGE, SELECT ON SEQUENCES TO ${id}`,
    `SET LOCAL search_path TO ${id}`,
  ].join('; ');
}

/** Drops a tenant's schema (with everything in it) and its role, if they exist. */
export async function dropTenantSchema(
  qr: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  schemaName: string,
  roleName: string,
): Promise<void> {
  await qr.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemaName)} CASCADE`);
  const exists = (await qr.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName])) as unknown[];
  if (exists.length) await qr.query(`DROP OWNED BY ${quoteIdent(roleName)}; DROP ROLE ${quoteIdent(roleName)}`);
}
