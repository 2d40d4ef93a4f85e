import { Injectable } from '@nestjs/common';
import {
  AuditNotes,
  containsPattern,
  diff,
  DomainError,
  DomainEvents,
  Page,
  paginate,
  parseSort,
  TenantUserPrincipal,
} from '@stratum/common';
import { AuthorityService, PermissionResolver, RoleAssignments, RolesService } from '@stratum/rbac';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { EntityManager } from 'typeorm';
import { InvitationService } from '../invitations/invitation.service';
import { TenantRealm } from '../realm/tenant-realm';
import { SessionService } from '../sessions/session.service';
import {
  BulkInviteResultDto,
  BulkInviteRowDto,
  CreateUserDto,
  ListUsersQueryDto,
  MeDto,
  UpdateUserDto,
  UserDto,
  UserStatsDto,
} from './dto/user.dto';
import { eventUser, TenantUsersService } from './tenant-users.service';
import { User } from './user.entity';
import { UserTokensService } from '../user-tokens/user-tokens.service';

const SORTABLE = { createdAt: 'created_at', email: 'email', name: 'name' };

/** Break-glass accounts a tenant may have. */
export const BREAK_GLASS_MAX = 3;

/** User management in the tenant in context. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly realm: TenantRealm,
    private readonly users: TenantUsersService,
    private readonly invitations: InvitationService,
    private readonly assignments: RoleAssignments,
    private readonly sessions: SessionService,
    private readonly permissions: PermissionResolver,
    private readonly plans: PlanEnforcer,
    private readonly notes: AuditNotes,
    private readonly roles: RolesService,
    private readonly events: DomainEvents,
    private readonly authority: AuthorityService,
    private readonly userTokens: UserTokensService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const em = await this.db.manager();
    const qb = em.getRepository(User).createQueryBuilder('u');
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.breakGlass !== undefined) qb.andWhere('u.is_break_glass = :breakGlass', { breakGlass: query.breakGlass });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(lower(u.email) LIKE :like OR lower(u.name) LIKE :like)', { like });
    }
    if (query.role) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                  WHERE ur.user_id = u.id AND r.key = :role AND (ur.expires_at IS NULL OR ur.expires_at > now()))`,
        { role: query.role },
      );
    }
    const page = await paginate(qb, parseSort<User>(query.sort, SORTABLE, '-createdAt'), query.limit ?? 20, query.cursor);
    return { items: await this.toDtos(em, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<UserDto> {
    const em = await this.db.manager();
    return (await this.toDtos(em, [await this.load(em, id)]))[0];
  }

  async me(principal: TenantUserPrincipal): Promise<MeDto> {
    const em = await this.db.manager();
    const [user] = await this.toDtos(em, [await this.load(em, principal.userId)]);
    const tenant = this.tenant.get();
    const permissions = [...((await this.permissions.forUser(principal.userId)) ?? [])].sort();
    const acting = principal.impersonator;
    return {
      ...user,
      permissions,
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      impersonatedBy: acting
        ? { platformUserId: acting.userId, email: acting.email ?? null, impersonationId: acting.impersonationId }
        : null,
    };
  }

  /** Changes a user's profile (and, for tenant admins, their break-glass flag). */
  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    const em = await this.db.manager();
    const user = await this.load(em, id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    if (changes.isBreakGlass !== undefined && changes.isBreakGlass !== user.isBreakGlass) {
      await this.setBreakGlass(em, user, changes.isBreakGlass as boolean);
    } else {
      await this.authority.assertDominatesUser(id, 'change');
    }
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (user as unknown as Record<string, unknown>)[k]]));
    this.notes.describe({ changes: diff(before, changes) });
    if (Object.keys(changes).length) {
      await em.getRepository(User).update({ id }, changes);
      await this.events.emit('user.updated', eventUser(await this.load(em, id)));
    }
    return this.get(id);
  }

  /**
   * Break-glass accounts may sign in with a password while the tenant enforces SSO: set by tenant
   * admins only, at most BREAK_GLASS_MAX per tenant, each change a critical audit event.
   */
  private async setBreakGlass(em: EntityManager, user: User, on: boolean): Promise<void> {
    await this.authority.assertMaySetBreakGlass(user.id);
    if (on) {
      // Serialized with other break-glass changes by the lock on the tenant_admin role row.
      await this.assignments.lockAdmins(em);
      const [{ n }] = await em.query(`SELECT count(*) AS n FROM users WHERE is_break_glass AND id <> $1`, [user.id]);
      if (Number(n) >= BREAK_GLASS_MAX) {
        throw new DomainError('BREAK_GLASS_LIMIT', `A tenant may have at most ${BREAK_GLASS_MAX} break-glass accounts`, {
          limit: 'breakGlassAccounts',
          max: BREAK_GLASS_MAX,
          current: Number(n),
        });
      }
    }
    this.notes.note(on ? 'user.break_glass.enabled' : 'user.break_glass.disabled', {
      resource: { type: 'user', id: user.id },
      subject: { id: user.id, email: user.email, type: 'user' },
      severity: 'critical',
    });
  }

  /** Creates a user with an initial password, or invites them by email when none is given. */
  async create(actorId: string, dto: CreateUserDto): Promise<UserDto> {
    const em = await this.db.manager();
    if (!dto.password) {
      const { user } = await this.invitations.invite(actorId, dto);
      return this.get(user.id);
    }
    const systemRoles = dto.roles ?? ['member'];
    await this.roles.assertActorMayGive(systemRoles);
    const user = await this.users.create(
      em,
      { email: dto.email, name: dto.name ?? '', password: dto.password, systemRoles },
      { seatsOf: this.tenant.get() },
    );
    return this.get(user.id);
  }

  /**
   * Deactivates a user: their sessions end at once (API keys they created keep working and are
   * flagged in the key list). The last permanent tenant_admin cannot be deactivated.
   */
  async deactivate(id: string): Promise<UserDto> {
    const em = await this.db.manager();
    const user = await this.load(em, id);
    await this.authority.assertDominatesUser(id, 'deactivate');
    if (user.status === 'deactivated') return this.get(id);
    if (await this.assignments.isPermanentAdmin(em, id)) {
      await this.assignments.lockAdmins(em);
      await this.assignments.assertAdminRemains(em, id);
    }
    await em.getRepository(User).update({ id }, { status: 'deactivated' });
    await this.sessions.revokeAll(this.realm, em, id, 'user_deactivated');
    // Their API keys stop at once and stay off after a reactivation until re-enabled one by one.
    await em.query(
      `UPDATE api_keys SET suspended_at = now() WHERE created_by = $1 AND revoked_at IS NULL AND suspended_at IS NULL`,
      [id],
    );
    await this.userTokens.revokeAllOutstanding(em, id);
    await this.events.emit('user.deactivated', eventUser(await this.load(em, id)));
    return this.get(id);
  }

  /** Reactivates a user (back to invited if they never set a password); takes a seat again. */
  async reactivate(id: string): Promise<UserDto> {
    const em = await this.db.manager();
    const user = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    if (!user) throw DomainError.notFound('User');
    await this.authority.assertDominatesUser(id, 'reactivate');
    if (user.status !== 'deactivated') throw new DomainError('INVALID_STATE', `The user is ${user.status}, not deactivated`);
    await this.users.requireSeat(em, this.tenant.get());
    await em
      .getRepository(User)
      .update({ id }, { status: user.passwordHash ? 'active' : 'invited', failedLoginCount: 0, lockedUntil: null });
    await this.events.emit('user.reactivated', eventUser(await this.load(em, id)));
    return this.get(id);
  }

  /** Invites up to 500 users; each row succeeds or fails on its own (a savepoint per row). */
  async bulkInvite(actorId: string, rows: BulkInviteRowDto[]): Promise<BulkInviteResultDto> {
    const em = await this.db.manager();
    const results: BulkInviteResultDto['results'] = [];
    for (const [index, row] of rows.entries()) {
      try {
        const { user } = await em.transaction(() => this.invitations.invite(actorId, row));
        results.push({ index, email: row.email, status: 'invited', userId: user.id });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ index, email: row.email, status: 'failed', error: { code: err.code, detail: err.message } });
      }
    }
    const invited = results.filter((r) => r.status === 'invited').length;
    return { invited, failed: results.length - invited, results };
  }

  async stats(): Promise<UserStatsDto> {
    const em = await this.db.manager();
    const [row] = await em.query(`
      SELECT count(*) AS total,
             count(*) FILTER (WHERE status = 'active') AS active,
             count(*) FILTER (WHERE status = 'invited') AS invited,
             count(*) FILTER (WHERE status = 'deactivated') AS deactivated,
             count(*) FILTER (WHERE locked_until > now()) AS locked,
             count(*) FILTER (WHERE mfa_enabled_at IS NOT NULL) AS mfa,
             count(*) FILTER (WHERE last_login_at > now() - interval '30 days') AS recent
        FROM users`);
    const roles: { key: string; n: string }[] = await em.query(`
      SELECT r.key, count(*) AS n FROM user_roles ur JOIN roles r ON r.id = ur.role_id JOIN users u ON u.id = ur.user_id
       WHERE (ur.expires_at IS NULL OR ur.expires_at > now()) AND u.status <> 'deactivated'
       GROUP BY r.key`);
    const used = Number(row.active) + Number(row.invited);
    return {
      total: Number(row.total),
      byStatus: { active: Number(row.active), invited: Number(row.invited), deactivated: Number(row.deactivated) },
      locked: Number(row.locked),
      mfaEnabled: Number(row.mfa),
      activeLast30Days: Number(row.recent),
      byRole: Object.fromEntries(roles.map((r) => [r.key, Number(r.n)])),
      seats: { used, limit: this.plans.limits().seats },
    };
  }

  private async load(em: EntityManager, id: string): Promise<User> {
    const user = await em.getRepository(User).findOneBy({ id });
    if (!user) throw DomainError.notFound('User');
    return user;
  }

  /** Users with their current role keys, in one query for the whole page. */
  private async toDtos(em: EntityManager, users: User[]): Promise<UserDto[]> {
    if (!users.length) return [];
    const rows: { user_id: string; key: string }[] = await em.query(
      `SELECT ur.user_id, r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
        WHERE ur.user_id = ANY($1) AND (ur.expires_at IS NULL OR ur.expires_at > now()) ORDER BY r.key`,
      [users.map((u) => u.id)],
    );
    const roles = new Map<string, string[]>();
    for (const r of rows) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.key]);
    const now = new Date();
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status,
      roles: roles.get(u.id) ?? [],
      emailVerified: !!u.emailVerifiedAt,
      mfaEnabled: !!u.mfaEnabledAt,
      locked: !!u.lockedUntil && u.lockedUntil > now,
      isBreakGlass: u.isBreakGlass,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    }));
  }
}
