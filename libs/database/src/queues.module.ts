import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@stratum/config';

/** BullMQ queue names; every job is idempotent (stable ids) because delivery is at least once. */
export const QUEUES = {
  email: 'email',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
} as const;

/** Worker option that keeps BullMQ's per-queue counts of completed and failed jobs (a week of minutes), read by /metrics. */
export const WORKER_METRICS = { metrics: { maxDataPoints: 60 * 24 * 7 } } as const;

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
