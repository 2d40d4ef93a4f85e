import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseSettings } from '@stratum/config';
import { DataSource } from 'typeorm';
import { DatabaseClusters } from './database-clusters';
import { dataSourceOptions } from './data-source-options';
import { HealthProbe } from './health-probe.service';
import { RedisService } from './redis.service';

class CloseClusters implements OnApplicationShutdown {
  constructor(@Inject(DatabaseClusters) private readonly clusters: DatabaseClusters) {}
  async onApplicationShutdown(): Promise<void> {
    await this.clusters.close();
  }
}

/**
 * The PostgreSQL pools and the Redis connection. One bounded pool per database cluster serves
 * every tenant on it: connections never grow with the number of tenants.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseSettings],
      useFactory: (config: DatabaseSettings) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
    }),
  ],
  providers: [
    RedisService,
    HealthProbe,
    {
      provide: DatabaseClusters,
      inject: [getDataSourceToken(), DatabaseSettings],
      useFactory: (main: DataSource, config: DatabaseSettings) => DatabaseClusters.open(main, config),
    },
    CloseClusters,
  ],
  exports: [TypeOrmModule, RedisService, HealthProbe, DatabaseClusters],
})
export class DatabaseModule {}
