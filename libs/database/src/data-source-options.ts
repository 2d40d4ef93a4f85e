import type { AppConfig } from '@stratum/config';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export function dataSourceOptions(config: AppConfig): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as exceptions, logged once by the error filter when unexpected.
    logging: false,
    // pg Pool settings: a hard ceiling on connections, whatever the tenant count.
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: config.DATABASE_APPLICATION_NAME,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    },
  };
}
