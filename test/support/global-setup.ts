import {
  createAppRole,
  dropAppRole,
  dropDatabaseAndTenantRoles,
  ensureDatabase,
  ensureLocalServices,
  withDatabase,
} from '@stratum/devenv';
import { loadConfig } from '@stratum/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@stratum/database';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationRunner } from '@stratum/tenancy';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    postgresUrl: string;
    redisUrl: string;
    redisPrefix: string;
    /** A database of its own where the app connects as a role that is not a superuser (deploy/postgres/app-role.sql). */
    appDatabaseUrl: string;
    /** That role's name. */
    appRole: string;
  }
}

/**
 * One fresh database and one Redis key prefix per test run, on the PostgreSQL and Redis named by
 * DATABASE_URL/REDIS_URL, else on an embedded PostgreSQL and a local redis-server. Dropped after.
 * A second fresh database belongs to a login role of this run created by the operator's script
 * (not a superuser), which applies the platform migrations there itself: the files that prove
 * isolation run the app as that role.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => process.stdout.write(`[test-setup] ${line}\n`);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  // A run without DATABASE_URL gets a throwaway embedded cluster of its own.
  const dataDir = join(tmpdir(), `stratum-test-${runId}`);
  const services = await ensureLocalServices({
    dataDir,
    persistent: false,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    log,
  });
  const database = `stratum_test_${runId}`;
  await ensureDatabase(services.postgresUrl, database);
  const databaseUrl = withDatabase(services.postgresUrl, database);
  const redisPrefix = `stratum-test-${runId}`;
  log(
    `database ${database} on ${services.embeddedPostgres ? 'embedded PostgreSQL' : 'DATABASE_URL'}; Redis ${services.localRedis ? 'local redis-server' : 'REDIS_URL'} prefix ${redisPrefix}`,
  );

  const appDatabase = `${database}_app`;
  const appRole = `stratum_app_${runId}`;
  await ensureDatabase(services.postgresUrl, appDatabase);
  const appDatabaseUrl = await createAppRole(services.postgresUrl, {
    role: appRole,
    password: randomBytes(18).toString('base64url'),
    database: appDatabase,
  });

  for (const url of [databaseUrl, appDatabaseUrl]) {
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test' }, ['DATABASE_URL']);
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    await new MigrationRunner(dataSource, MIGRATIONS, config).migratePlatform();
    await dataSource.destroy();
  }

  project.provide('databaseUrl', databaseUrl);
  project.provide('postgresUrl', services.postgresUrl);
  project.provide('redisUrl', services.redisUrl);
  project.provide('redisPrefix', redisPrefix);
  project.provide('appDatabaseUrl', appDatabaseUrl);
  project.provide('appRole', appRole);

  return async () => {
    await dropDatabaseAndTenantRoles(services.postgresUrl, database).catch((err) => log(`cleanup: ${err.message}`));
    await dropDatabaseAndTenantRoles(services.postgresUrl, appDatabase)
      .then(() => dropAppRole(services.postgresUrl, appRole))
      .catch((err) => log(`cleanup: ${err.message}`));
    const redis = new Redis(services.redisUrl);
    const stream = redis.scanStream({ match: `${redisPrefix}*`, count: 500 });
    for await (const keys of stream) if ((keys as string[]).length) await redis.del(...(keys as string[]));
    await redis.quit();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
