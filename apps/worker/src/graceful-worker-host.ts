import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';

/**
 * A BullMQ processor that, on shutdown, stops taking jobs and waits for the ones it is running
 * before the database pool and Redis close (those close in the later onApplicationShutdown).
 */
export abstract class GracefulWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
