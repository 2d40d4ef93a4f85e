import { Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { QUEUES } from '@stratum/database';
import { continueTrace } from '@stratum/tracing';
import { deliveryBackoff, DeliveryJob, RetryDelivery, WebhookDeliveries } from '@stratum/webhooks';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { GracefulWorkerHost, jobAttributes } from '../graceful-worker-host';

/**
 * Delivers webhooks, WEBHOOK_CONCURRENCY at a time. A failed attempt is retried by BullMQ after
 * the delay the delivery decided (the backoff strategy reads it); a dead-lettered one ends with
 * UnrecoverableError. A job whose endpoint has all its slots taken waits a moment in the delayed
 * set without using an attempt, and frees the worker for other endpoints meanwhile; so does a job
 * whose delivery is still claimed by an attempt (one of a dead worker, until its lease runs out).
 */
@Processor(QUEUES.webhooks, {
  concurrency: 8,
  settings: { backoffStrategy: deliveryBackoff },
  // A worker that dies (SIGKILL, OOM) stops renewing its jobs' locks: they are found stalled and
  // run elsewhere within lockDuration + stalledInterval (9 s), not BullMQ's default minute. A
  // delivery is at least once and its row decides, so a job stalled a few times is still run.
  lockDuration: 6_000,
  stalledInterval: 3_000,
  maxStalledCount: 10,
})
export class WebhookDeliveryProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly config: WebhookSettings,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WEBHOOK_CONCURRENCY;
    // Connection trouble and jobs that stalled while Redis was away: logged, nothing to act on.
    this.worker.on('error', (err) => this.logger.warn(`webhook worker: ${err.message}`));
  }

  process(job: Job<DeliveryJob>, token?: string): Promise<{ outcome: string }> {
    return continueTrace(job.data.traceContext, 'webhook deliver', jobAttributes(QUEUES.webhooks, job), () =>
      this.deliver(job, token),
    );
  }

  private async deliver(job: Job<DeliveryJob>, token?: string): Promise<{ outcome: string }> {
    const result = await this.deliveries.attempt(job.data);
    switch (result.kind) {
      case 'busy':
        await job.moveToDelayed(Date.now() + result.waitMs, token);
        throw new DelayedError();
      case 'retry':
        throw new RetryDelivery(result.delayMs, result.reason);
      case 'dead':
        this.logger.warn(`webhook delivery ${job.data.deliveryId} dead-lettered: ${result.reason}`);
        throw new UnrecoverableError(result.reason);
      case 'skipped':
        return { outcome: `skipped: ${result.reason}` };
      default:
        return { outcome: result.kind };
    }
  }
}
