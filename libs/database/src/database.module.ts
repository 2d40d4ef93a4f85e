import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@stratum/config';
import { dataSourceOptions } from './data-source-options';
import { HealthProbe } from './health-probe.service';
import { RedisService } from './redis.service';

/**
 * The single PostgreSQL pool and the Redis connection. One bounded pool serves every tenant:
 * connections never grow with the number of tenants.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
    }),
  ],
  providers: [RedisService, HealthProbe],
  exports: [TypeOrmModule, RedisService, HealthProbe],
})
export class DatabaseModule {}
