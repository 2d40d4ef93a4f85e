import { Client } from 'pg';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';
import { RedisHandle, startLocalRedis } from './redis-server';

export interface LocalServices {
  /** Server-level URL (maintenance database); use `databaseUrl(name)` for a database. */
  postgresUrl: string;
  redisUrl: string;
  embeddedPostgres: boolean;
  localRedis: boolean;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  dataDir: string;
  /** False for a throwaway cluster whose files are removed when it stops (test runs). */
  persistent?: boolean;
  databaseUrl?: string;
  redisUrl?: string;
  log?: (line: string) => void;
}

/**
 * PostgreSQL and Redis for running or testing the product on one machine: the ones named by
 * DATABASE_URL/REDIS_URL when given, else an embedded PostgreSQL and a local redis-server.
 */
export async function ensureLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const log = options.log ?? (() => undefined);
  let pg: EmbeddedPostgresHandle | null = null;
  let redis: RedisHandle | null = null;
  try {
    if (!options.databaseUrl) pg = await startEmbeddedPostgres(options.dataDir, log, { persistent: options.persistent });
    if (!options.redisUrl) redis = await startLocalRedis(log);
  } catch (err) {
    await pg?.stop();
    throw err;
  }
  return {
    postgresUrl: options.databaseUrl ?? pg!.url,
    redisUrl: options.redisUrl ?? redis!.url,
    embeddedPostgres: !!pg,
    localRedis: !!redis,
    async stop() {
      await redis?.stop();
      await pg?.stop();
    },
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Drops a database and the tenant roles it created (roles outlive databases in PostgreSQL). */
export async function dropDatabaseAndTenantRoles(serverUrl: string, database: string): Promise<void> {
  const db = new Client({ connectionString: withDatabase(serverUrl, database) });
  let roles: string[] = [];
  try {
    await db.connect();
    const exists = await db.query(`SELECT to_regclass('platform.tenants') IS NOT NULL AS ok`);
    if (exists.rows[0].ok)
      roles = (await db.query('SELECT role_name FROM platform.tenants')).rows.map((r) => r.role_name as string);
  } catch {
    // database missing: nothing to collect
  } finally {
    await db.end().catch(() => undefined);
  }
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
  } finally {
    await admin.end();
  }
}
