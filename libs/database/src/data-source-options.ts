import type { DatabaseSettings } from '@stratum/config';
import * as pg from 'pg';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { AffinityPool } from './affinity-pool';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** The DataSource of one PostgreSQL cluster: `url` defaults to DATABASE_URL (the cluster `main`). */
export function dataSourceOptions(config: DatabaseSettings, url: string = config.DATABASE_URL): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as exceptions, logged once by the error filter when unexpected.
    logging: false,
    // Tenant-affine connections (see AffinityPool); otherwise pg's own pool.
    ...(config.DATABASE_POOL_AFFINITY ? { driver: { ...pg, Pool: AffinityPool } } : {}),
    // pg Pool settings: a hard ceiling on connections, whatever the tenant count.
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: config.DATABASE_APPLICATION_NAME,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      onConnect: keepErrorsFromCrashing,
      ...poolRecycling(config),
    },
  };
}

/**
 * A connection the server closes (pg_terminate_backend, failover) while it is checked out but
 * not running a query emits 'error' with nobody listening, which would end the process. The
 * query, the transaction or the pool sees the failure anyway (the connection is no longer
 * queryable and is discarded when released), so this listener only keeps the process alive.
 */
function keepErrorsFromCrashing(client: pg.PoolClient): void {
  client.on('error', () => undefined);
}

/**
 * pg Pool options that close a connection after DATABASE_POOL_MAX_TENANTS distinct tenants,
 * DATABASE_POOL_MAX_USES uses or DATABASE_POOL_MAX_LIFETIME_SECONDS: a PostgreSQL backend keeps
 * the catalogue entries of every schema it has touched until it exits, so recycling is what
 * bounds its memory at many tenants.
 */
export function poolRecycling(config: DatabaseSettings): {
  maxUses?: number;
  maxLifetimeSeconds?: number;
  maxKeysPerConnection?: number;
  spillAfterMs?: number;
} {
  return {
    ...(config.DATABASE_POOL_AFFINITY && config.DATABASE_POOL_MAX_TENANTS > 0
      ? { maxKeysPerConnection: config.DATABASE_POOL_MAX_TENANTS }
      : {}),
    ...(config.DATABASE_POOL_AFFINITY ? { spillAfterMs: config.DATABASE_POOL_AFFINITY_WAIT_MS } : {}),
    ...(config.DATABASE_POOL_MAX_USES > 0 ? { maxUses: config.DATABASE_POOL_MAX_USES } : {}),
    ...(config.DATABASE_POOL_MAX_LIFETIME_SECONDS > 0 ? { maxLifetimeSeconds: config.DATABASE_POOL_MAX_LIFETIME_SECONDS } : {}),
  };
}
