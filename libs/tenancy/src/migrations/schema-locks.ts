import { quoteIdent } from '@stratum/common';
import type { QueryRunner } from 'typeorm';

type Sql = Pick<QueryRunner, 'query'>;

/** The advisory lock every tenant-wide change (migrate, revert, move, purge) holds on `main`. */
export const tenantLockKey = (tenantId: string) => `stratum:migrate:${tenantId}`;

/**
 * Waits for the transaction-scoped advisory lock `key` (released when the transaction ends), then
 * bounds how long the DDL that follows may wait for table locks.
 */
export async function lockForChange(qr: Sql, key: string): Promise<void> {
  await qr.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  await qr.query("SET LOCAL lock_timeout = '15s'");
}

/** Takes the tenant's advisory lock in the transaction of `qr` (released when it ends). */
export function lockTenant(qr: Sql, tenantId: string): Promise<void> {
  return lockForChange(qr, tenantLockKey(tenantId));
}

/**
 * Makes the rest of the transaction of `qr` act as the owner of `schema` (the app's role) when it
 * runs as another role, such as a superuser running `npm run migrate`: what a migration creates
 * must belong to the role the API and worker connect as, and only tables that role creates get a
 * tenant role's privileges (its schema's default privileges are the app role's). When `schema`
 * does not exist yet, the role `otherwise` is taken if it exists on that server. Answers the role
 * the transaction now acts as.
 */
export async function actAsOwnerOf(qr: Sql, schema: string, otherwise?: string): Promise<string> {
  const [row]: { me: string; owner: string | null }[] = await qr.query(
    `SELECT current_user AS me,
            coalesce((SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1),
                     (SELECT rolname FROM pg_roles WHERE rolname = $2)) AS owner`,
    [schema, otherwise ?? null],
  );
  if (!row.owner || row.owner === row.me) return row.me;
  try {
    await qr.query(`SET LOCAL ROLE ${quoteIdent(row.owner)}`);
    return row.owner;
  } catch (err) {
    throw new Error(
      `the ${schema} schema belongs to ${row.owner}: run migrations as ${row.owner} (connected as ${row.me}, which may not act as it): ${(err as Error).message}`,
      { cause: err },
    );
  }
}
