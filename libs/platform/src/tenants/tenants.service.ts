import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@stratum/config';
import { auditNote, diff, DomainError, Page, paginate, parseSort } from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import { InvitationService, TenantUsersService } from '@stratum/identity';
import type { Issued } from '@stratum/identity';
import { Tenant, TenantProvisioner, TenantRegistry, TenantStatus } from '@stratum/tenancy';
import { DataSource } from 'typeorm';
import { CreateTenantDto, ListTenantsQueryDto, TenantDto, UpdateTenantDto } from './dto/tenant.dto';

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
    private readonly config: AppConfig,
    private readonly cls: ClsService,
  ) {}

  /**
   * Provisions a tenant with its first admin. Without an initial password the admin is invited:
   * the invitation is created in the provisioning transaction and emailed once it has committed.
   */
  async create(dto: CreateTenantDto): Promise<TenantDto> {
    let invitation: Issued | undefined;
    const tenant = await this.provisioner.provision(
      { slug: dto.slug, name: dto.name, plan: dto.plan, settings: { supportAccess: 'consent', ...dto.settings } },
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
      const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
    auditNote(this.cls, {
      changes: diff(
        { name: tenant.name, plan: tenant.plan, settings: tenant.settings, limitOverrides: tenant.limitOverrides },
        next,
      ),
    });
    await this.dataSource.getRepository(Tenant).update({ id }, next);
    return this.changed(tenant);
  }

  async suspend(id: string): Promise<TenantDto> {
    return this.transition(id, ['active'], 'suspended', { suspendedAt: new Date() });
  }

  async reactivate(id: string): Promise<TenantDto> {
    return this.transition(id, ['suspended'], 'active', { suspendedAt: null });
  }

  /** Suspends the tenant at once; its schema and role are purged after the grace period. */
  async remove(id: string): Promise<TenantDto> {
    return this.transition(id, ['active', 'suspended'], 'deleted', { deletedAt: new Date() });
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
