import { Injectable, Logger } from '@nestjs/common';
import { AuditNotes, AuditRecorder, DomainError, Page, paginate, PlatformUserPrincipal, quoteIdent } from '@stratum/common';
import { SessionRevocations, TokenService } from '@stratum/identity';
import { MailService } from '@stratum/mail';
import { isLiveTenant, PlatformDatabase, Tenant } from '@stratum/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Impersonation } from './impersonation.entity';
import {
  ImpersonationDto,
  ListImpersonationsQueryDto,
  StartedImpersonationDto,
  StartImpersonationDto,
} from './impersonation.dto';

const DEFAULT_MINUTES = 15;

/**
 * Platform staff acting as a tenant user, within the tenant's `supportAccess` policy: a
 * short-lived access token naming both (RFC 8693 `act`), no refresh token, recorded in the
 * platform log and the tenant's own log in one transaction, and the tenant's admins emailed.
 */
@Injectable()
export class ImpersonationService {
  private readonly logger = new Logger(ImpersonationService.name);

  constructor(
    private readonly db: PlatformDatabase,
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
    private readonly audit: AuditRecorder,
    private readonly mail: MailService,
    private readonly notes: AuditNotes,
  ) {}

  async start(staff: PlatformUserPrincipal, dto: StartImpersonationDto): Promise<StartedImpersonationDto> {
    const mode = dto.mode ?? 'read';
    if (mode === 'write' && !staff.roles.includes('super_admin')) {
      throw new DomainError('FORBIDDEN', 'Support staff may start read-only impersonations only (mode: read)');
    }
    const em = await this.db.manager();
    const tenant = await em.getRepository(Tenant).findOneBy({ id: dto.tenantId });
    if (!tenant || !isLiveTenant(tenant) || tenant.status === 'deleted') {
      throw new DomainError('TENANT_NOT_FOUND');
    }
    if (tenant.status === 'suspended') throw new DomainError('TENANT_SUSPENDED');
    const schema = quoteIdent(tenant.schemaName);
    // The tenant's schema, on its own cluster (this transaction itself when that is main).
    const tem = await this.db.tenantManager(tenant);
    const policy = tenant.settings.supportAccess ?? 'consent';
    let until = Date.now() + (dto.durationMinutes ?? DEFAULT_MINUTES) * 60_000;
    if (policy === 'never') {
      throw new DomainError('IMPERSONATION_FORBIDDEN', `${tenant.name} does not allow platform support to act as its users`);
    }
    if (policy === 'consent') {
      const [window] = await tem.query(
        `SELECT max(expires_at) AS expires_at FROM ${schema}.support_access_windows WHERE revoked_at IS NULL AND expires_at > now()`,
      );
      if (!window?.expires_at) {
        throw new DomainError(
          'IMPERSONATION_FORBIDDEN',
          `${tenant.name} has not granted support access: a tenant admin must open a window first (POST /api/v1/tenant/support-access)`,
        );
      }
      // Never beyond the window the tenant granted.
      until = Math.min(until, new Date(window.expires_at).getTime());
    }
    const [user] = await tem.query(`SELECT id, email, status FROM ${schema}.users WHERE id = $1`, [dto.userId]);
    if (!user) throw DomainError.notFound('User');
    if (user.status !== 'active')
      throw new DomainError('INVALID_STATE', `The user is ${user.status}; only active users can be impersonated`);
    const [{ email: staffEmail }] = await em.query(`SELECT email FROM platform.platform_users WHERE id = $1`, [staff.userId]);

    const row = em.getRepository(Impersonation).create({
      id: randomUUID(),
      platformUserId: staff.userId,
      tenantId: tenant.id,
      userId: user.id,
      userEmail: user.email,
      reason: dto.reason,
      mode,
      startedAt: new Date(),
      expiresAt: new Date(Math.floor(until / 1000) * 1000),
      endedAt: null,
      endedBy: null,
    });
    await em.getRepository(Impersonation).insert(row);
    const expiresIn = Math.max(1, Math.floor((row.expiresAt.getTime() - Date.now()) / 1000));
    const accessToken = await this.tokens.impersonationToken(
      {
        sub: user.id,
        tid: tenant.id,
        sid: row.id,
        email: user.email,
        act: { sub: staff.userId, email: staffEmail },
        imp: row.id,
        imp_mode: mode,
      },
      row.expiresAt,
    );

    const details = { impersonationId: row.id, mode, reason: row.reason, expiresAt: row.expiresAt.toISOString(), policy };
    this.notes.describe({
      resource: { type: 'impersonation', id: row.id },
      metadata: { ...details, tenantId: tenant.id, tenantSlug: tenant.slug, userId: user.id, userEmail: user.email },
    });
    await this.audit.recordInTenant(tem, tenant.schemaName, {
      action: 'impersonation.started',
      actor: { type: 'platform_user', id: staff.userId, email: staffEmail },
      impersonator: { type: 'platform_user', id: staff.userId, email: staffEmail, impersonationId: row.id, mode },
      resource: { type: 'user', id: user.id },
      metadata: details,
      tenantId: tenant.id,
    });
    const admins: { id: string; email: string }[] = await tem.query(
      `SELECT DISTINCT u.id, u.email FROM ${schema}.users u
         JOIN ${schema}.user_roles ur ON ur.user_id = u.id
         JOIN ${schema}.roles r ON r.id = ur.role_id
        WHERE r.key = 'tenant_admin' AND u.status = 'active' AND (ur.expires_at IS NULL OR ur.expires_at > now())`,
    );
    this.db.afterCommit(() =>
      Promise.all(
        admins.map((admin) =>
          this.mail.send(`impersonation:${row.id}:${admin.id}`, {
            template: 'impersonation-started',
            to: admin.email,
            tenantName: tenant.name,
            data: {
              staffEmail,
              userEmail: user.email,
              reason: row.reason,
              mode,
              startedAt: row.startedAt.toISOString(),
              expiresAt: row.expiresAt.toISOString(),
            },
          }),
        ),
      ).catch((err: Error) => this.logger.error(`could not queue the impersonation notice for ${tenant.slug}: ${err.message}`)),
    );
    return { ...toDto(row), accessToken, tokenType: 'Bearer', expiresIn };
  }

  async list(query: ListImpersonationsQueryDto): Promise<Page<ImpersonationDto>> {
    const qb = (await this.db.manager()).getRepository(Impersonation).createQueryBuilder('i');
    if (query.tenantId) qb.andWhere('i.tenant_id = :tenantId', { tenantId: query.tenantId });
    if (query.active === true) qb.andWhere('i.ended_at IS NULL AND i.expires_at > now()');
    if (query.active === false) qb.andWhere('(i.ended_at IS NOT NULL OR i.expires_at <= now())');
    const page = await paginate(
      qb,
      { property: 'startedAt', column: 'started_at', direction: 'DESC' },
      query.limit ?? 20,
      query.cursor,
    );
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ImpersonationDto> {
    return toDto(await this.load(await this.db.manager(), id));
  }

  /** Ends a running impersonation: its token is refused from the next request on. */
  async end(staff: PlatformUserPrincipal, id: string): Promise<ImpersonationDto> {
    const em = await this.db.manager();
    const row = await this.load(em, id, true);
    if (!staff.roles.includes('super_admin') && row.platformUserId !== staff.userId) {
      throw new DomainError('FORBIDDEN', 'Support staff may end only their own impersonations');
    }
    if (row.endedAt || row.expiresAt.getTime() <= Date.now()) {
      throw new DomainError('INVALID_STATE', `The impersonation ${row.endedAt ? 'has ended' : 'has expired'} already`);
    }
    row.endedAt = new Date();
    row.endedBy = staff.userId;
    await em.getRepository(Impersonation).update({ id }, { endedAt: row.endedAt, endedBy: row.endedBy });
    const tenant = await em.getRepository(Tenant).findOneBy({ id: row.tenantId });
    const [{ email: staffEmail }] = await em.query(`SELECT email FROM platform.platform_users WHERE id = $1`, [staff.userId]);
    this.notes.describe({ metadata: { tenantId: row.tenantId, userId: row.userId, startedBy: row.platformUserId } });
    if (tenant && !tenant.purgedAt) {
      await this.audit.recordInTenant(await this.db.tenantManager(tenant), tenant.schemaName, {
        action: 'impersonation.ended',
        actor: { type: 'platform_user', id: staff.userId, email: staffEmail },
        impersonator: { type: 'platform_user', id: row.platformUserId, impersonationId: row.id, mode: row.mode },
        resource: { type: 'user', id: row.userId },
        metadata: { impersonationId: row.id },
        tenantId: row.tenantId,
      });
    }
    const remaining = (row.expiresAt.getTime() - Date.now()) / 1000;
    // Refused before the answer goes out: the caller may try the token again at once.
    await this.revocations.revoke(row.id, remaining);
    return toDto(row);
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<Impersonation> {
    const qb = em.getRepository(Impersonation).createQueryBuilder('i').where('i.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw DomainError.notFound('Impersonation');
    return row;
  }
}

function toDto(r: Impersonation): ImpersonationDto {
  return {
    id: r.id,
    platformUserId: r.platformUserId,
    tenantId: r.tenantId,
    userId: r.userId,
    userEmail: r.userEmail,
    reason: r.reason,
    mode: r.mode,
    startedAt: r.startedAt,
    expiresAt: r.expiresAt,
    endedAt: r.endedAt,
    endedBy: r.endedBy,
    active: !r.endedAt && r.expiresAt.getTime() > Date.now(),
  };
}
