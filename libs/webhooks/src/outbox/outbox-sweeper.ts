import { Injectable, Logger } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { TenantDatabase } from '@stratum/tenancy';
import { DeliveryQueue } from '../delivery/delivery-queue';
import { TenantScan } from '../maintenance/tenant-scan';
import { TenantScanRepository } from '../maintenance/tenant-scan.repository';
import { OutboxRepository, toQueued } from './outbox.repository';

const BATCH = 1000;

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
    private readonly outbox: OutboxRepository,
    private readonly schemas: TenantScanRepository,
  ) {}

  /** Answers how many deliveries were queued again, per tenant id. */
  async sweep(): Promise<Record<string, number>> {
    const afterSeconds = this.config.WEBHOOK_STUCK_AFTER_MS / 1000;
    const tenants = await this.scan.tenantsWhere((em, schemas) => this.schemas.withOverdueDeliveries(em, schemas, afterSeconds));
    const swept: Record<string, number> = {};
    for (const tenant of tenants) {
      try {
        const rows = await this.db.run(tenant, (em) => this.outbox.overdue(em, afterSeconds, BATCH));
        const deliveries = rows.map(toQueued);
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
