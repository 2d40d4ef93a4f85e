import { Injectable, Logger } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { TenantDatabase } from '@stratum/tenancy';
import { DeliveryQueue, QueuedDelivery } from '../delivery/delivery-queue';
import { TenantScan } from '../maintenance/tenant-scan';

const BATCH = 1000;

/** Open deliveries overdue by more than $1 seconds and not being attempted right now. */
const OVERDUE = (p: string) =>
  `${p}status IN ('pending', 'retrying') AND ${p}next_attempt_at < now() - make_interval(secs => $1)
   AND (${p}locked_until IS NULL OR ${p}locked_until < now())`;

/**
 * Queues again what is overdue by WEBHOOK_STUCK_AFTER_MS: deliveries whose relay signal was lost
 * (Redis was down when the change committed) and jobs lost with Redis. Run by the worker's
 * maintenance schedule every WEBHOOK_SWEEP_INTERVAL_MS. Adding a job that still exists does
 * nothing (stable job ids), so a long queue is harmless.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger(OutboxSweeper.name);

  constructor(
    private readonly config: WebhookSettings,
    private readonly scan: TenantScan,
    private readonly db: TenantDatabase,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Answers how many deliveries were queued again, per tenant id. */
  async sweep(): Promise<Record<string, number>> {
    const afterSeconds = this.config.WEBHOOK_STUCK_AFTER_MS / 1000;
    const tenants = await this.scan.tenantsWhere(
      (schema) => `EXISTS (SELECT 1 FROM ${schema}.webhook_deliveries d WHERE ${OVERDUE('d.')})`,
      [afterSeconds],
    );
    const swept: Record<string, number> = {};
    for (const tenant of tenants) {
      try {
        const rows: { id: string; endpoint_id: string; run: number }[] = await this.db.run(tenant, (em) =>
          em.query(
            `SELECT id, endpoint_id, run FROM webhook_deliveries WHERE ${OVERDUE('')} ORDER BY next_attempt_at LIMIT ${BATCH}`,
            [afterSeconds],
          ),
        );
        const deliveries: QueuedDelivery[] = rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id, run: r.run }));
        await this.queue.enqueue(tenant, deliveries);
        if (deliveries.length) swept[tenant.id] = deliveries.length;
      } catch (err) {
        this.logger.warn(`sweeping webhooks of ${tenant.slug} failed: ${(err as Error).message}`);
      }
    }
    const total = Object.values(swept).reduce((a, b) => a + b, 0);
    if (total) this.logger.log(`webhook sweep queued ${total} overdue deliveries again`);
    return swept;
  }
}
