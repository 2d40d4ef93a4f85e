import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { METERED_LIMIT_KEYS, MeteredLimitKey, Tenant } from '@stratum/tenancy';
import { PlanEnforcer, TenantUsage } from '@stratum/entitlements';
import type { EntityManager } from 'typeorm';
import type { TenantStatsDto, TenantUsageDto } from './dto/tenant-stats.dto';

const MB = 1024 * 1024;

/**
 * Figures about one tenant, read with schema-qualified names so the same queries serve the
 * super admin (platform connection) and the tenant itself (its own role).
 */
@Injectable()
export class TenantMetrics {
  constructor(
    private readonly usage: TenantUsage,
    private readonly plans: PlanEnforcer,
  ) {}

  async stats(em: EntityManager, tenant: Tenant): Promise<TenantStatsDto> {
    const s = quoteIdent(tenant.schemaName);
    const [[row], storageBytes, apiCallsToday] = await Promise.all([
      em.query(`
        SELECT (SELECT count(*) FROM ${s}.users) AS total,
               (SELECT count(*) FROM ${s}.users WHERE status = 'active') AS active,
               (SELECT count(*) FROM ${s}.users WHERE status = 'invited') AS invited,
               (SELECT count(*) FROM ${s}.users WHERE status = 'deactivated') AS deactivated,
               (SELECT count(*) FROM ${s}.users WHERE last_login_at > now() - interval '30 days') AS recent,
               (SELECT count(*) FROM ${s}.projects) AS projects,
               (SELECT count(*) FROM ${s}.documents) AS documents,
               (SELECT count(*) FROM ${s}.webhook_endpoints) AS webhook_endpoints,
               greatest((SELECT max(last_login_at) FROM ${s}.users),
                        (SELECT max(occurred_at) FROM ${s}.audit_events)) AS last_activity`),
      this.usage.storageBytes(em, tenant),
      this.usage.callsToday(tenant.id),
    ]);
    return {
      tenantId: tenant.id,
      plan: tenant.plan,
      users: {
        total: Number(row.total),
        active: Number(row.active),
        invited: Number(row.invited),
        deactivated: Number(row.deactivated),
      },
      activeUsers30d: Number(row.recent),
      projects: Number(row.projects),
      documents: Number(row.documents),
      apiCallsToday,
      storageBytes,
      storageMb: Math.round((storageBytes / MB) * 100) / 100,
      webhookEndpoints: Number(row.webhook_endpoints),
      lastActivityAt: row.last_activity ? new Date(row.last_activity) : null,
      limits: this.plans.limits(tenant),
    };
  }

  /** Usage against each metered limit of the tenant's plan (with its overrides). */
  async usageOf(em: EntityManager, tenant: Tenant): Promise<TenantUsageDto> {
    const stats = await this.stats(em, tenant);
    const [{ oldest }] = await em.query(`SELECT min(occurred_at) AS oldest FROM ${quoteIdent(tenant.schemaName)}.audit_events`);
    const used: Record<MeteredLimitKey, number> = {
      seats: stats.users.active + stats.users.invited,
      apiCallsPerDay: stats.apiCallsToday,
      webhookEndpoints: stats.webhookEndpoints,
      auditRetentionDays: oldest ? Math.floor((Date.now() - new Date(oldest).getTime()) / 86_400_000) : 0,
      storageMb: stats.storageMb,
    };
    return {
      plan: tenant.plan,
      features: [...this.plans.features(tenant)],
      usage: METERED_LIMIT_KEYS.map((limit) => ({
        limit,
        used: used[limit],
        max: stats.limits[limit],
        remaining: Math.max(0, Math.round((stats.limits[limit] - used[limit]) * 100) / 100),
      })),
    };
  }
}
