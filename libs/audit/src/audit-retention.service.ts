import { Injectable, Logger } from '@nestjs/common';
import { DatabaseClusters } from '@stratum/database';
import { Tenant, TenantRegistry } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { AuditRetentionRepository } from './audit-retention.repository';
import { AuditWriter } from './audit-writer.service';

/**
 * Removes events older than each tenant's plan retention (audit_purge, which only the app's own
 * role may run) and records the purge in the same trail, in the same transaction.
 */
@Injectable()
export class AuditRetentionService {
  private readonly logger = new Logger(AuditRetentionService.name);

  constructor(
    private readonly plans: PlanEnforcer,
    private readonly writer: AuditWriter,
    private readonly clusters: DatabaseClusters,
    private readonly retention: AuditRetentionRepository,
    private readonly registry: TenantRegistry,
  ) {}

  async purgeAll(now = new Date()): Promise<{ tenantId: string; removed: number }[]> {
    const tenants = await this.registry.live({ status: ['active', 'suspended'] });
    const results: { tenantId: string; removed: number }[] = [];
    for (const tenant of tenants) {
      try {
        const removed = await this.purgeTenant(tenant, now);
        if (removed) results.push({ tenantId: tenant.id, removed });
      } catch (err) {
        this.logger.error(`audit retention failed for ${tenant.slug}: ${(err as Error).message}`);
      }
    }
    return results;
  }

  async purgeTenant(tenant: Tenant, now = new Date()): Promise<number> {
    const days = this.plans.limits(tenant).auditRetentionDays;
    const before = new Date(now.getTime() - days * 86_400_000);
    return this.clusters.dataSource(tenant.cluster).transaction(async (em) => {
      await this.retention.useSchema(em, tenant.schemaName);
      const n = await this.retention.purgeBefore(em, before);
      if (n) {
        await this.writer.append(em, 'tenant', [
          {
            action: 'audit.purged',
            actor: { type: 'system', id: null, email: null },
            outcome: 'success',
            tenantId: tenant.id,
            metadata: { removed: n, before: before.toISOString(), retentionDays: days },
          },
        ]);
      }
      return n;
    });
  }
}
