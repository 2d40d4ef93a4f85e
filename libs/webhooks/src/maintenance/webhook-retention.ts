import { Injectable, Logger } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { TenantDatabase } from '@stratum/tenancy';
import { TenantScan } from './tenant-scan';
import { TenantScanRepository } from './tenant-scan.repository';
import { WebhookRetentionRepository } from './webhook-retention.repository';

/**
 * Keeps WEBHOOK_RETENTION_DAYS of delivery history: older attempts go, and older messages once
 * none of their deliveries is still open (their deliveries go with them). Run daily by the
 * worker's maintenance schedule.
 */
@Injectable()
export class WebhookRetention {
  private readonly logger = new Logger(WebhookRetention.name);

  constructor(
    private readonly config: WebhookSettings,
    private readonly scan: TenantScan,
    private readonly db: TenantDatabase,
    private readonly history: WebhookRetentionRepository,
    private readonly schemas: TenantScanRepository,
  ) {}

  async purgeAll(now = new Date()): Promise<{ tenantId: string; attempts: number; messages: number }[]> {
    const before = new Date(now.getTime() - this.config.WEBHOOK_RETENTION_DAYS * 86_400_000);
    const tenants = await this.scan.tenantsWhere((em, schemas) => this.schemas.withHistoryBefore(em, schemas, before));
    const results: { tenantId: string; attempts: number; messages: number }[] = [];
    for (const tenant of tenants) {
      try {
        const removed = await this.db.run(tenant, async (em) => {
          const attempts = await this.history.deleteAttemptsBefore(em, before);
          const messages = await this.history.deleteMessagesBefore(em, before);
          return { tenantId: tenant.id, attempts, messages };
        });
        if (removed.attempts || removed.messages) results.push(removed);
      } catch (err) {
        this.logger.error(`webhook retention failed for ${tenant.slug}: ${(err as Error).message}`);
      }
    }
    return results;
  }
}
