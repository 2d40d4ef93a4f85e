import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';
import type { Attributes } from '@opentelemetry/api';
import type { Job } from 'bullmq';

/**
 * A BullMQ processor that, on shutdown, stops taking jobs and waits for the ones it is running
 * before the database pool and Redis close (those close in the later onApplicationShutdown).
 */
export abstract class GracefulWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}

/** What a job's span says about it (OpenTelemetry messaging conventions); never its content. */
export function jobAttributes(queue: string, job: Job<object>): Attributes {
  const tenantId = (job.data as { tenantId?: unknown }).tenantId;
  return {
    'messaging.system': 'bullmq',
    'messaging.operation.type': 'process',
    'messaging.destination.name': queue,
    'messaging.message.id': job.id,
    'messaging.bullmq.attempt': job.attemptsMade + 1,
    ...(typeof tenantId === 'string' ? { 'stratum.tenant.id': tenantId } : {}),
  };
}
