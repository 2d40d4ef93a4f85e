import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@stratum/config';

/** BullMQ queue names; every job is idempotent (stable ids) because delivery is at least once. */
export const QUEUES = {
  email: 'email',
  maintenance: 'maintenance',
} as const;

/** The BullMQ connection shared by producers (API) and consumers (worker). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL },
        prefix: `${config.REDIS_KEY_PREFIX}:bull`,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
