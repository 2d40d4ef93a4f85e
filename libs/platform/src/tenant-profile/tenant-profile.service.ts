import { Injectable } from '@nestjs/common';
import { AuditNotes, diff, DomainError, DomainEvents } from '@stratum/common';
import { Tenant, TenantContext, TenantDatabase, TenantRegistry, TenantSettings } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import type { EntityManager } from 'typeorm';
import type { TenantUsageDto } from '../tenants/dto/tenant-stats.dto';
import { TenantMetrics } from '../tenants/tenant-metrics.service';
import type { SupportAccessDto, SupportAccessWindowDto, TenantProfileDto, UpdateTenantProfileDto } from './tenant-profile.dto';

const MAX_WINDOW_DAYS = 30;

interface WindowRow {
  id: string;
  granted_by: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/** The tenant's own view of itself: profile, settings, usage and support access. */
@Injectable()
export class TenantProfileService {
  constructor(
    private readonly context: TenantContext,
    private readonly db: TenantDatabase,
    private readonly plans: PlanEnforcer,
    private readonly metrics: TenantMetrics,
    private readonly registry: TenantRegistry,
    private readonly notes: AuditNotes,
    private readonly events: DomainEvents,
  ) {}

  profile(tenant: Tenant = this.context.get()): TenantProfileDto {
    return {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenant.status,
      plan: tenant.plan,
      features: [...this.plans.features(tenant)],
      limits: this.plans.limits(tenant),
      settings: tenant.settings,
      createdAt: tenant.createdAt,
    };
  }

  /** Merges settings; SSO enforcement and IP allowlists need their plan features. */
  async updateSettings(dto: UpdateTenantProfileDto): Promise<TenantProfileDto> {
    const tenant = this.context.get();
    if (dto.settings.ssoEnforced) this.plans.requireFeature('sso', tenant);
    if (dto.settings.ipAllowlist?.length) this.plans.requireFeature('ip_allowlist', tenant);
    const settings: TenantSettings = { ...tenant.settings, ...dto.settings };
    this.notes.describe({ changes: diff({ settings: tenant.settings }, { settings }) });
    const updated = await this.db.withPlatformPrivileges(async (em) => {
      await em.query(`UPDATE platform.tenants SET settings = $2::jsonb, updated_at = now() WHERE id = $1`, [
        tenant.id,
        JSON.stringify(settings),
      ]);
      return em.getRepository(Tenant).findOneByOrFail({ id: tenant.id });
    });
    await this.events.emit('tenant.updated', { id: tenant.id, slug: tenant.slug, name: updated.name, plan: updated.plan });
    this.db.afterCommit(() => this.registry.changed(tenant));
    return this.profile(updated);
  }

  async usage(): Promise<TenantUsageDto> {
    return this.metrics.usageOf(await this.db.manager(), this.context.get());
  }

  async supportAccess(): Promise<SupportAccessDto> {
    const em = await this.db.manager();
    const rows: WindowRow[] = await em.query(
      `SELECT id, granted_by, created_at, expires_at, revoked_at FROM support_access_windows ORDER BY created_at DESC, id LIMIT 20`,
    );
    const windows = rows.map(toWindow);
    return {
      policy: this.context.get().settings.supportAccess ?? 'consent',
      current: windows.find((w) => w.active) ?? null,
      windows,
    };
  }

  /** Opens a window for support (policy `consent`); an open window is replaced by the new one. */
  async grantSupportAccess(actorId: string, expiresAt: Date): Promise<SupportAccessWindowDto> {
    const policy = this.context.get().settings.supportAccess ?? 'consent';
    if (policy !== 'consent') {
      throw new DomainError('INVALID_STATE', `Support access windows apply to the consent policy; this tenant's is ${policy}`);
    }
    const now = Date.now();
    if (expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_WINDOW_DAYS * 86_400_000) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `expiresAt must be in the future and at most ${MAX_WINDOW_DAYS} days ahead`,
        {},
        [{ field: 'expiresAt', message: `must be in the future and at most ${MAX_WINDOW_DAYS} days ahead` }],
      );
    }
    const em = await this.db.manager();
    await this.closeOpen(em, actorId);
    const [row]: WindowRow[] = await em.query(
      `INSERT INTO support_access_windows (granted_by, expires_at) VALUES ($1, $2)
       RETURNING id, granted_by, created_at, expires_at, revoked_at`,
      [actorId, expiresAt],
    );
    this.notes.describe({ resource: { type: 'support_access_window', id: row.id }, metadata: { expiresAt: row.expires_at } });
    return toWindow(row);
  }

  /** Closes the open window at once; impersonations already running end when their tokens do. */
  async revokeSupportAccess(actorId: string): Promise<void> {
    const closed = await this.closeOpen(await this.db.manager(), actorId);
    if (!closed.length) throw DomainError.notFound('Open support access window');
    this.notes.describe({ resource: { type: 'support_access_window', id: closed[0] } });
  }

  private async closeOpen(em: EntityManager, actorId: string): Promise<string[]> {
    // An UPDATE answers [rows, count].
    const [rows]: [{ id: string }[], number] = await em.query(
      `UPDATE support_access_windows SET revoked_at = now(), revoked_by = $1
        WHERE revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [actorId],
    );
    return rows.map((r) => r.id);
  }
}

function toWindow(r: WindowRow): SupportAccessWindowDto {
  const expiresAt = new Date(r.expires_at);
  return {
    id: r.id,
    grantedBy: r.granted_by,
    createdAt: new Date(r.created_at),
    expiresAt,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    active: !r.revoked_at && expiresAt.getTime() > Date.now(),
  };
}
