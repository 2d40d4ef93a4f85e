import { Injectable, Logger } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { TenantDatabase } from '@stratum/tenancy';
import { affected } from '../sql';
import { TenantScan } from './tenant-scan';

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
  ) {}

  async purgeAll(now = new Date()): Promise<{ tenantId: string; attempts: number; messages: number }[]> {
    const before = new Date(now.getTime() - this.config.WEBHOOK_RETENTION_DAYS * 86_400_000);
    const tenants = await this.scan.tenantsWhere(
      (schema) =>
        `(EXISTS (SELECT 1 FROM ${schema}.webhook_attempts WHERE attempted_at < $1)
          OR EXISTS (SELECT 1 FROM ${schema}.webhook_messages WHERE occurred_at < $1))`,
      [before],
    );
    const results: { tenantId: string; attempts: number; messages: number }[] = [];
    for (const tenant of tenants) {
      try {
        const removed = await this.db.run(tenant, async (em) => {
          const attempts = await affected(em, `DELETE FROM webhook_attempts WHERE attempted_at < $1`, [before]);
          const messages = await affected(
            em,
            `DELETE FROM webhook_messages m WHERE m.occurred_at < $1
                AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status IN ('pending', 'retrying'))`,
            [before],
          );
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
