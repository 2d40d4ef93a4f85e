import { AppConfig, loadConfig } from '@stratum/config';
import { dataSourceOptions } from '@stratum/database';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationRunner, MigrationSet } from '@stratum/tenancy';
import { DataSource } from 'typeorm';

/** A database connection and a migration runner, without the rest of the app (no Redis needed). */
export async function openMigrationContext(
  config: AppConfig = loadConfig(process.env, ['DATABASE_URL']),
  migrations: MigrationSet = MIGRATIONS,
): Promise<{ runner: MigrationRunner; dataSource: DataSource; close: () => Promise<void> }> {
  const pool = Math.max(config.MIGRATE_CONCURRENCY + 1, 2);
  const dataSource = new DataSource({
    ...dataSourceOptions(config),
    extra: { max: pool, application_name: `${config.DATABASE_APPLICATION_NAME}-migrate` },
  });
  await dataSource.initialize();
  const runner = new MigrationRunner(dataSource, migrations, config);
  return { runner, dataSource, close: () => dataSource.destroy() };
}
