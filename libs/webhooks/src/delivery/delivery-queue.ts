import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { QUEUES } from '@stratum/database';
import { Tenant, TenantDatabase } from '@stratum/tenancy';
import type { TraceCarrier } from '@stratum/tracing';
import { Queue } from 'bullmq';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** A delivery job: one attempt sequence of one message to one endpoint. It carries its tenant. */
export interface DeliveryJob {
  tenantId: string;
  deliveryId: string;
  endpointId: string;
  /** The delivery's run (a manual retry starts a new one); a job of an older run does nothing. */
  run: number;
  /** The trace of the change that wrote the message, which the delivery continues. */
  traceContext?: TraceCarrier;
}

export interface QueuedDelivery {
  id: string;
  endpointId: string;
  run: number;
  traceContext?: TraceCarrier;
}

/** A failed attempt to be retried after `delayMs` (the backoff strategy reads it). */
export class RetryDelivery extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryDelivery';
  }
}

/** After an error other than a failed attempt (the database was unreachable, say). */
const FALLBACK_DELAY_MS = 30_000;

/** The worker's backoff strategy: the delay the delivery decided (schedule, Retry-After). */
export function deliveryBackoff(_attemptsMade: number, _type?: string, err?: Error): number {
  return err instanceof RetryDelivery ? err.delayMs : FALLBACK_DELAY_MS;
}

/** Stable per delivery and run, so the relay and the sweeper can add a job twice harmlessly. */
export function deliveryJobId(deliveryId: string, run: number): string {
  return `${deliveryId}.${run}`;
}

const ADD_TIMEOUT_MS = 10_000;

/**
 * The `webhooks` queue. The delivery row, not BullMQ, counts attempts and decides when to stop
 * (UnrecoverableError), so a job lost with Redis and queued again by the sweeper carries on
 * where the row says. Jobs are removed when they end; the rows keep the record.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);

  constructor(
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue<DeliveryJob>,
    private readonly db: TenantDatabase,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {
    this.queue.on('error', (err) => this.logger.warn(`webhooks queue: ${err.message}`));
  }

  /** Adds a job per delivery, then marks the rows queued (each unit of work of its own). */
  async enqueue(tenant: Tenant, deliveries: QueuedDelivery[]): Promise<void> {
    if (!deliveries.length) return;
    await this.add(tenant.id, deliveries);
    await this.db.run(tenant, (em) => this.deliveries.markEnqueued(em, deliveries));
  }

  private async add(tenantId: string, deliveries: QueuedDelivery[]): Promise<void> {
    const adding = this.queue.addBulk(
      deliveries.map((d) => ({
        name: 'deliver',
        data: { tenantId, deliveryId: d.id, endpointId: d.endpointId, run: d.run, traceContext: d.traceContext },
        opts: {
          jobId: deliveryJobId(d.id, d.run),
          attempts: 1000,
          backoff: { type: 'webhook' },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
    adding.catch(() => undefined);
    // Redis unreachable: give up here (the rows stay unqueued and are picked up again later).
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not accept the jobs in time')), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
