import { AppConfig, loadConfig } from '@stratum/config';
import { DatabaseClusters, dataSourceOptions } from '@stratum/database';
import { MIGRATIONS } from '@stratum/migrations';
import { MigrationRunner, MigrationSet } from '@stratum/tenancy';
import { DataSource } from 'typeorm';
import { withLocalServices } from './local-services';

/**
 * Connections to every database cluster and a migration runner, without the rest of the app (no
 * Redis needed). Each cluster's pool has a connection per parallel tenant, and one more.
 */
export async function openMigrationContext(
  config: AppConfig = loadConfig(withLocalServices(), ['DATABASE_URL']),
  migrations: MigrationSet = MIGRATIONS,
): Promise<{ runner: MigrationRunner; dataSource: DataSource; clusters: DatabaseClusters; close: () => Promise<void> }> {
  const extra = {
    max: Math.max(config.MIGRATE_CONCURRENCY + 1, 2),
    application_name: `${config.DATABASE_APPLICATION_NAME}-migrate`,
  };
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra });
  await dataSource.initialize();
  const clusters = await DatabaseClusters.open(dataSource, config, extra).catch(async (err) => {
    await dataSource.destroy();
    throw err;
  });
  const runner = new MigrationRunner(clusters, migrations, config);
  return {
    runner,
    dataSource,
    clusters,
    close: async () => {
      await clusters.close();
      await dataSource.destroy();
    },
  };
}
