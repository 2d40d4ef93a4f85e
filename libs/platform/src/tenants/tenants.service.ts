import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenancySettings, MAIN_CLUSTER } from '@stratum/config';
import {
  AuditNotes,
  containsPattern,
  CTX_PRINCIPAL,
  diff,
  DomainError,
  DomainEvents,
  Page,
  paginate,
  parseSort,
  Principal,
  quoteIdent,
} from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import { InvitationService, TenantUsersService } from '@stratum/identity';
import type { Issued } from '@stratum/identity';
import { DatabaseClusters } from '@stratum/database';
import {
  isLiveTenant,
  liveTenantLocations,
  STAYING_STATUSES,
  Tenant,
  TenantMover,
  TenantProvisioner,
  TenantRegistry,
  TenantStatus,
} from '@stratum/tenancy';
import { DataSource } from 'typeorm';
import { DashboardDto, TenantStatsDto } from './dto/tenant-stats.dto';
import { TenantMetrics } from './tenant-metrics.service';
import { TenantPurgeService } from './tenant-purge.service';
import { CreateTenantDto, ListTenantsQueryDto, TenantDto, TenantMoveDto, UpdateTenantDto } from './dto/tenant.dto';

const SORTABLE = { createdAt: 'created_at', name: 'name', slug: 'slug' };

/** The super admin's view of tenants: provisioning and lifecycle. Reads the platform schema. */
@Injectable()
export class TenantsService {
  private readonly logger = new Logger(TenantsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioner: TenantProvisioner,
    private readonly registry: TenantRegistry,
    private readonly users: TenantUsersService,
    private readonly invitations: InvitationService,
    private readonly config: TenancySettings,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
    private readonly metrics: TenantMetrics,
    private readonly purger: TenantPurgeService,
    private readonly events: DomainEvents,
    private readonly clusters: DatabaseClusters,
    private readonly mover: TenantMover,
  ) {}

  /**
   * Provisions a tenant with its first admin. Without an initial password the admin is invited:
   * the invitation is created in the provisioning transaction and emailed once it has committed.
   */
  async create(dto: CreateTenantDto): Promise<TenantDto> {
    let invitation: Issued | undefined;
    const tenant = await this.provisioner.provision(
      {
        slug: dto.slug,
        name: dto.name,
        plan: dto.plan,
        settings: { supportAccess: 'consent', ...dto.settings },
        cluster: dto.cluster,
      },
      async (em) => {
        const admin = await this.users.create(
          em,
          {
            email: dto.admin.email,
            name: dto.admin.name,
            password: dto.admin.password,
            systemRoles: ['tenant_admin'],
          },
          { passwordField: 'admin.password' },
        );
        if (!dto.admin.password) invitation = await this.invitations.issue(em, admin.id);
      },
    );
    if (invitation) {
      // The tenant exists now; a mail queue hiccup must not turn that into an error.
      await this.invitations
        .sendMail(tenant, dto.admin.email, invitation)
        .catch((err: Error) => this.logger.error(`could not queue the invitation of ${tenant.slug}'s admin: ${err.message}`));
    }
    return this.toDto(tenant);
  }

  async list(query: ListTenantsQueryDto): Promise<Page<TenantDto>> {
    const qb = this.dataSource.getRepository(Tenant).createQueryBuilder('t');
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.plan) qb.andWhere('t.plan = :plan', { plan: query.plan });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(lower(t.name) LIKE :like OR t.slug LIKE :like)', { like });
    }
    const page = await paginate(qb, parseSort<Tenant>(query.sort, SORTABLE, '-createdAt'), query.limit ?? 20, query.cursor);
    return { items: page.items.map((t) => this.toDto(t)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<TenantDto> {
    return this.toDto(await this.load(id));
  }

  async update(id: string, dto: UpdateTenantDto): Promise<TenantDto> {
    const tenant = await this.load(id);
    if (tenant.status === 'deleted') throw new DomainError('INVALID_STATE', 'A deleted tenant cannot be changed');
    const limitOverrides = { ...tenant.limitOverrides };
    for (const [key, value] of Object.entries(dto.limitOverrides ?? {})) {
      if (value === null) delete limitOverrides[key];
      else limitOverrides[key] = value;
    }
    const next = {
      name: dto.name ?? tenant.name,
      plan: dto.plan ?? tenant.plan,
      settings: { ...tenant.settings, ...dto.settings },
      limitOverrides,
    };
    this.notes.describe({
      changes: diff(
        { name: tenant.name, plan: tenant.plan, settings: tenant.settings, limitOverrides: tenant.limitOverrides },
        next,
      ),
    });
    // The change and its event (into the tenant's own outbox) commit together.
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(Tenant).update({ id }, next);
      const emit = (tenantEm: typeof em) =>
        this.events.emit('tenant.updated', { id, slug: tenant.slug, name: next.name, plan: next.plan }, { em: tenantEm, tenant });
      // The outbox lives in the tenant's schema: on another cluster, its own transaction there (committed first).
      if (tenant.cluster === MAIN_CLUSTER) await emit(em);
      else await this.clusters.dataSource(tenant.cluster).transaction(emit);
    });
    return this.changed(tenant);
  }

  async suspend(id: string): Promise<TenantDto> {
    return this.transition(id, ['active'], 'suspended', { suspendedAt: new Date() });
  }

  async reactivate(id: string): Promise<TenantDto> {
    return this.transition(id, ['suspended'], 'active', { suspendedAt: null });
  }

  /**
   * Suspends the tenant at once; its schema and role are purged after the grace period, or now
   * with `purge` (then `confirm` must repeat the slug).
   */
  async remove(id: string, options: { purge?: boolean; confirm?: string } = {}): Promise<TenantDto> {
    if (options.purge) {
      const tenant = await this.load(id);
      if (options.confirm !== tenant.slug) {
        throw new DomainError('VALIDATION_FAILED', 'To purge a tenant now, repeat its slug in `confirm`', {}, [
          { field: 'confirm', message: `must be the tenant's slug (${tenant.slug})` },
        ]);
      }
    }
    const deleted = await this.transition(id, ['active', 'suspended'], 'deleted', { deletedAt: new Date() });
    if (!options.purge || deleted.status !== 'deleted' || !deleted.purgeAfter) return deleted;
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    const actor =
      principal?.kind === 'platform_user'
        ? { type: 'platform_user' as const, id: principal.userId, email: principal.email ?? null }
        : { type: 'system' as const, id: null };
    await this.purger.purge(await this.load(id), actor, 'purged on request');
    this.notes.describe({ metadata: { purged: true } });
    return this.toDto(await this.load(id));
  }

  /**
   * Moves the tenant's schema to another database cluster (suspended meanwhile, then as before);
   * the downtime goes into the answer and the audit event.
   */
  async move(id: string, cluster: string): Promise<TenantMoveDto> {
    const result = await this.mover.move(id, cluster);
    this.notes.describe({
      changes: diff({ cluster: result.from }, { cluster: result.to }),
      metadata: { from: result.from, to: result.to, downtimeMs: result.downtimeMs, rows: result.rows },
    });
    return {
      tenant: this.toDto(await this.load(id)),
      from: result.from,
      to: result.to,
      downtimeMs: result.downtimeMs,
      rows: result.rows,
    };
  }

  async stats(id: string): Promise<TenantStatsDto> {
    const tenant = await this.load(id);
    if (!isLiveTenant(tenant)) throw new DomainError('TENANT_NOT_FOUND');
    return this.metrics.stats(this.clusters.dataSource(tenant.cluster).manager, tenant);
  }

  /** Tenants by status and plan, signups per week (12 weeks), users and active users of active tenants. */
  async dashboard(): Promise<DashboardDto> {
    const [byStatus, byPlan, weeks] = await Promise.all([
      this.dataSource.query(`SELECT status AS key, count(*)::int AS count FROM platform.tenants GROUP BY status ORDER BY status`),
      this.registry
        .countLive('plan', { status: STAYING_STATUSES })
        .then((counts) => [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => ({ key, count }))),
      this.dataSource.query(`
        SELECT to_char(w, 'YYYY-MM-DD') AS week, count(t.id)::int AS count
          FROM generate_series(date_trunc('week', now() AT TIME ZONE 'UTC') - interval '11 weeks',
                               date_trunc('week', now() AT TIME ZONE 'UTC'), interval '1 week') AS w
          LEFT JOIN platform.tenants t
            ON t.created_at AT TIME ZONE 'UTC' >= w AND t.created_at AT TIME ZONE 'UTC' < w + interval '1 week'
         GROUP BY w ORDER BY w`),
    ]);
    const all = await liveTenantLocations(this.dataSource, { status: ['active'] });
    let users = 0;
    let activeUsers30d = 0;
    // One statement per 200 tenants of a cluster keeps the query small and the round trips few.
    const chunks: { cluster: string; schemas: string[] }[] = [];
    for (const cluster of this.clusters.names) {
      const schemas = all.filter((t) => t.cluster === cluster).map((t) => t.schemaName);
      for (let i = 0; i < schemas.length; i += 200) chunks.push({ cluster, schemas: schemas.slice(i, i + 200) });
    }
    for (const chunk of chunks) {
      const parts = chunk.schemas.map(
        (schema_name) =>
          `SELECT count(*) AS users, count(*) FILTER (WHERE last_login_at > now() - interval '30 days') AS recent
               FROM ${quoteIdent(schema_name)}.users WHERE status <> 'deactivated'`,
      );
      const [row] = await this.clusters
        .dataSource(chunk.cluster)
        .query(
          `SELECT coalesce(sum(users), 0)::bigint AS users, coalesce(sum(recent), 0)::bigint AS recent FROM (${parts.join(' UNION ALL ')}) x`,
        );
      users += Number(row.users);
      activeUsers30d += Number(row.recent);
    }
    const count = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    return { tenants: count(byStatus), byStatus, byPlan, signupsPerWeek: weeks, users, activeUsers30d };
  }

  private async transition(
    id: string,
    from: TenantStatus[],
    to: TenantStatus,
    fields: Partial<Pick<Tenant, 'suspendedAt' | 'deletedAt'>>,
  ): Promise<TenantDto> {
    const tenant = await this.load(id);
    // Suspending or deleting twice is harmless; reactivating needs a suspended tenant.
    if (tenant.status === to && to !== 'active') return this.toDto(tenant);
    // Conditional update: a concurrent transition cannot be overwritten.
    const result = await this.dataSource
      .getRepository(Tenant)
      .createQueryBuilder()
      .update()
      .set({ status: to, ...fields })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    if (!result.affected) throw new DomainError('INVALID_STATE', `A ${tenant.status} tenant cannot become ${to}`);
    return this.changed(tenant);
  }

  private async changed(tenant: Tenant): Promise<TenantDto> {
    await this.registry.changed(tenant);
    return this.toDto(await this.load(tenant.id));
  }

  private async load(id: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id });
    if (!tenant) throw new DomainError('TENANT_NOT_FOUND');
    return tenant;
  }

  toDto(t: Tenant): TenantDto {
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      status: t.status,
      plan: t.plan,
      cluster: t.cluster,
      settings: t.settings,
      limitOverrides: t.limitOverrides,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      suspendedAt: t.suspendedAt,
      deletedAt: t.deletedAt,
      purgeAfter:
        t.deletedAt && !t.purgedAt ? new Date(t.deletedAt.getTime() + this.config.TENANT_PURGE_GRACE_DAYS * 86_400_000) : null,
    };
  }
}
