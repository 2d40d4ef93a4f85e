import { Injectable, Logger } from '@nestjs/common';
import { AuditRecorder, DirectAuditEvent } from '@stratum/common';
import { TenancySettings } from '@stratum/config';
import { Tenant, TenantProvisioner, TenantRegistry } from '@stratum/tenancy';

/** Drops the schema and role of deleted tenants: after TENANT_PURGE_GRACE_DAYS, or at once on request. */
@Injectable()
export class TenantPurgeService {
  private readonly logger = new Logger(TenantPurgeService.name);

  constructor(
    private readonly provisioner: TenantProvisioner,
    private readonly config: TenancySettings,
    private readonly audit: AuditRecorder,
    private readonly registry: TenantRegistry,
  ) {}

  async purgeExpired(now = new Date()): Promise<string[]> {
    const cutoff = new Date(now.getTime() - this.config.TENANT_PURGE_GRACE_DAYS * 86_400_000);
    const due = await this.registry.live({ status: ['deleted'], deletedBefore: cutoff });
    const purged: string[] = [];
    for (const tenant of due) {
      try {
        await this.purge(tenant, { type: 'system', id: null }, 'grace period over');
        purged.push(tenant.id);
      } catch (err) {
        this.logger.error(`could not purge tenant ${tenant.slug}: ${(err as Error).message}`);
      }
    }
    return purged;
  }

  /** Purges one deleted tenant; the platform audit log records it in the same transaction. */
  async purge(tenant: Tenant, actor: NonNullable<DirectAuditEvent['actor']>, why: string): Promise<void> {
    await this.provisioner.purge(tenant, (em) =>
      this.audit.record(em, 'platform', {
        action: 'tenant.purged',
        actor,
        resource: { type: 'tenant', id: tenant.id },
        metadata: { slug: tenant.slug, schema: tenant.schemaName, deletedAt: tenant.deletedAt?.toISOString() ?? null, why },
        tenantId: tenant.id,
      }),
    );
  }
}
