import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisSettings } from '@stratum/config';

/** BullMQ queue names; every job is idempotent (stable ids) because delivery is at least once. */
export const QUEUES = {
  email: 'email',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
} as const;

/** Worker option that keeps BullMQ's per-queue counts of completed and failed jobs (a week of minutes), read by /metrics. */
export const WORKER_METRICS = { metrics: { maxDataPoints: 60 * 24 * 7 } } as const;

export interface QueuesOptions {
  /**
   * The process only adds jobs (the API): its commands are bounded by REDIS_COMMAND_TIMEOUT_MS,
   * so a request that queues a job fails fast while Redis is away. A process that consumes
   * (the worker) must not bound them: BullMQ's workers wait on blocking commands for seconds.
   */
  producerOnly: boolean;
}

/** The BullMQ connection of producers (API) and consumers (worker). */
@Global()
@Module({})
export class QueuesModule {
  static forRoot({ producerOnly }: QueuesOptions): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [RedisSettings],
          useFactory: (config: RedisSettings) => ({
            connection: {
              url: config.REDIS_URL,
              ...(producerOnly ? { commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS } : {}),
            },
            prefix: `${config.REDIS_KEY_PREFIX}:bull`,
          }),
        }),
      ],
      exports: [BullModule],
    };
  }
}
