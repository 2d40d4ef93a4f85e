import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { EmailProcessor } from '../email/email.processor';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor';
import { WebhookDeliveryProcessor } from '../webhooks/webhook-delivery.processor';

/**
 * Prometheus metrics of one worker process: its process metrics (CPU, memory, heap, event-loop
 * lag) and the jobs it ran, by queue and outcome. Queue depths and totals over every worker are
 * the API's /metrics (BullMQ's own counters in Redis).
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  readonly registry = new Registry();
  private readonly jobs = new Counter({
    name: 'stratum_worker_jobs_total',
    help: 'Jobs this worker process ran, by queue and outcome (completed, failed: an attempt that failed)',
    labelNames: ['queue', 'outcome'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'stratum_worker_job_duration_seconds',
    help: 'How long the jobs this worker process ran took, by queue',
    labelNames: ['queue'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(
    private readonly email: EmailProcessor,
    private readonly maintenance: MaintenanceProcessor,
    private readonly webhooks: WebhookDeliveryProcessor,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  onApplicationBootstrap(): void {
    for (const worker of [this.email.worker, this.maintenance.worker, this.webhooks.worker]) this.watch(worker);
  }

  private watch(worker: Worker): void {
    const record = (job: Job | undefined, outcome: 'completed' | 'failed') => {
      this.jobs.inc({ queue: worker.name, outcome });
      if (job?.processedOn && job.finishedOn)
        this.durations.observe({ queue: worker.name }, (job.finishedOn - job.processedOn) / 1000);
    };
    worker.on('completed', (job) => record(job, 'completed'));
    worker.on('failed', (job) => record(job, 'failed'));
  }
}
