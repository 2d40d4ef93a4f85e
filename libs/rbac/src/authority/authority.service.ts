import { Injectable } from '@nestjs/common';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { ALL_PERMISSIONS, isPermission, Permission } from '../catalogue/permissions';
import { isSystemRole, SYSTEM_ROLES } from '../catalogue/system-roles';

/** Set in the request context once a change of authority passed the dominance check. */
export const CTX_AUTHORITY_CHECKED = 'authorityChecked';

/** What one account holds through its unexpired role assignments, whatever its status. */
export interface Authority {
  userId: string;
  status: string;
  locked: boolean;
  permissions: ReadonlySet<Permission>;
  roleKeys: ReadonlySet<string>;
  /** For each permission, until when it is held: null for as long as an assignment without expiry lasts. */
  until: ReadonlyMap<Permission, Date | null>;
}

/**
 * The acting principal's authority: a tenant user's, an API key's (its scopes within its owner's),
 * or a directory's (the authority of the admin who created its token).
 */
export interface ActorAuthority extends Authority {
  via: 'user' | 'api_key' | 'directory';
  isTenantAdmin: boolean;
}

/** A role as the dominance rule sees it. */
export interface RoleRef {
  key: string;
  permissions: readonly string[];
}

/** One assignment row of an account, as `authoritySelect` returns them. */
export interface AuthorityRow {
  status: string;
  locked: boolean;
  key: string | null;
  is_system: boolean | null;
  permissions: string[] | null;
  expires_at: Date | null;
}

/**
 * An account's unexpired assignments, whatever its status: one row per role (one with null role
 * fields for an account without roles). `userId` is an SQL expression: a parameter (`$1`) or a
 * column of an outer query (a key's `created_by`), never user input.
 */
export const authoritySelect = (userId: string) => `
  SELECT u.status, coalesce(u.locked_until > now(), false) AS locked,
         r.key, r.is_system, r.permissions, ur.expires_at
    FROM users u
    LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
    LEFT JOIN roles r ON r.id = ur.role_id
   WHERE u.id = ${userId}`;

const AUTHORITY_SQL = authoritySelect('$1');

/** The permissions a role row grants: system roles follow the catalogue, custom roles their column. */
export function permissionsOfRoleRow(key: string, isSystem: boolean, stored: readonly string[] | null): Permission[] {
  const granted = isSystem && isSystemRole(key) ? SYSTEM_ROLES[key] : (stored ?? []);
  return granted.filter(isPermission);
}

/** An account's authority from its assignment rows (as AUTHORITY_SQL returns them). */
export function authorityFromRows(userId: string, rows: AuthorityRow[]): Authority | null {
  if (!rows.length || !rows[0].status) return null;
  const permissions = new Set<Permission>();
  const roleKeys = new Set<string>();
  const until = new Map<Permission, Date | null>();
  for (const row of rows) {
    if (!row.key) continue;
    roleKeys.add(row.key);
    const expires = row.expires_at ? new Date(row.expires_at) : null;
    for (const p of permissionsOfRoleRow(row.key, !!row.is_system, row.permissions)) {
      permissions.add(p);
      const held = until.get(p);
      // The longest-lasting assignment decides; null (no expiry) outlasts every date.
      if (!until.has(p) || (held !== null && (expires === null || expires > held!))) until.set(p, expires);
    }
  }
  return { userId, status: rows[0].status, locked: !!rows[0].locked, permissions, roleKeys, until };
}

const forbidden = (message: string, missing?: readonly string[]) =>
  new DomainError('FORBIDDEN', message, missing?.length ? { missing: [...missing] } : {});

/**
 * The one decision point for changes to who may do what. An actor may grant, revoke, extend,
 * edit or delete a role, act on a user (deactivate, reactivate, edit, unlock, end sessions,
 * security flags) or hand out a credential only when its own current permissions include every
 * permission of the role, the user or the credential; anything touching a tenant_admin needs a
 * tenant_admin. Nobody widens, extends or re-grants their own authority (a time-boxed assignment
 * can be shortened by its holder, never lengthened), and nobody hands out authority that outlasts
 * their own. Every route marked `@ChangesAuthority()` must pass through here (enforced per request
 * and by a route sweep).
 */
@Injectable()
export class AuthorityService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService,
  ) {}

  /** An account's authority whatever its status (a deactivated admin is still an admin to reactivate); null if no such user. */
  async of(userId: string): Promise<Authority | null> {
    const em = await this.db.manager();
    return authorityFromRows(userId, await em.query(AUTHORITY_SQL, [userId]));
  }

  /**
   * The calling principal's authority. Platform staff and anonymous callers hold none here.
   * Marks the request as having consulted the decision point (whatever the decision).
   */
  async actor(): Promise<ActorAuthority> {
    if (this.cls.isActive()) this.cls.set(CTX_AUTHORITY_CHECKED, true);
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    if (!principal || principal.kind === 'platform_user')
      throw forbidden('Only tenant users and API keys act on tenant authority');
    // Authority changes of one tenant take turns (the lock on the tenant_admin role row, the same
    // one the last-admin rule takes): the actor's authority is read after any change in flight
    // has committed, so an actor demoted a moment ago cannot finish a change it no longer may make.
    await (await this.db.manager()).query(`SELECT 1 FROM roles WHERE key = 'tenant_admin' FOR UPDATE`);
    const ownerId = principal.kind === 'tenant_user' ? principal.userId : principal.createdBy;
    const owner = ownerId ? await this.of(ownerId) : null;
    if (!owner || owner.status !== 'active' || owner.locked) throw new DomainError('UNAUTHENTICATED');
    if (principal.kind === 'tenant_user') {
      return { ...owner, via: 'user', isTenantAdmin: owner.roleKeys.has('tenant_admin') };
    }
    if (principal.kind === 'directory') {
      return { ...owner, via: 'directory', isTenantAdmin: owner.roleKeys.has('tenant_admin') };
    }
    const scopes = new Set(principal.scopes.filter(isPermission));
    const permissions = new Set([...owner.permissions].filter((p) => scopes.has(p)));
    const until = new Map([...owner.until].filter(([p]) => permissions.has(p)));
    const whole = ALL_PERMISSIONS.every((p) => permissions.has(p));
    return { ...owner, permissions, until, via: 'api_key', isTenantAdmin: owner.roleKeys.has('tenant_admin') && whole };
  }

  /** The actor holds every one of `permissions` (creating a role or a credential with them). */
  async assertHolds(permissions: readonly string[], what = 'grant'): Promise<ActorAuthority> {
    const actor = await this.actor();
    this.requireAll(actor, permissions, `You cannot ${what} permissions you do not hold`);
    return actor;
  }

  /** Handing out roles to a new or invited user: each within the actor's permissions. */
  async assertMayGive(roles: readonly RoleRef[]): Promise<void> {
    const actor = await this.actor();
    for (const role of roles) this.requireRole(actor, role, 'give');
  }

  /** Handing out permissions on one resource: held tenant-wide or granted on that resource. */
  async assertHoldsOn(type: string, resourceId: string, permissions: readonly string[]): Promise<void> {
    const actor = await this.actor();
    const em = await this.db.manager();
    const rows: { permissions: string[] }[] =
      actor.via === 'user'
        ? await em.query(
            'SELECT permissions FROM resource_grants WHERE resource_type = $1 AND resource_id = $2 AND user_id = $3',
            [type, resourceId, actor.userId],
          )
        : [];
    const onResource = new Set(rows[0]?.permissions ?? []);
    const missing = [...new Set(permissions)].filter((p) => !actor.permissions.has(p as Permission) && !onResource.has(p));
    if (missing.length) throw forbidden(`You cannot grant what you do not hold: ${missing.join(', ')}`, missing);
  }

  /**
   * Giving `role` to a user, or changing the expiry of their assignment (`current`: the
   * assignment as it is now, if any).
   */
  async assertMayAssign(
    targetUserId: string,
    role: RoleRef,
    expiresAt: Date | null,
    current: { expiresAt: Date | null } | null,
  ): Promise<void> {
    const actor = await this.actor();
    if (actor.userId === targetUserId && actor.via !== 'directory') {
      const shortens = !!current && !!expiresAt && (current.expiresAt === null || expiresAt <= current.expiresAt);
      if (!shortens) {
        throw forbidden('You cannot grant, re-grant or extend your own roles; you may only shorten a time-boxed one');
      }
      return;
    }
    this.requireRole(actor, role, 'assign');
    await this.requireUser(actor, targetUserId, 'change the roles of');
    const horizon = this.horizon(actor, role.permissions);
    if (horizon && (!expiresAt || expiresAt > horizon)) {
      throw new DomainError(
        'FORBIDDEN',
        `Your own authority for this role ends at ${horizon.toISOString()}: grant it until then at the latest`,
        { holdsUntil: horizon.toISOString() },
      );
    }
  }

  /** Taking `role` from a user; holders may always give up their own roles. */
  async assertMayUnassign(targetUserId: string, role: RoleRef): Promise<void> {
    const actor = await this.actor();
    if (actor.userId !== targetUserId || actor.via === 'directory') {
      this.requireRole(actor, role, 'take away');
      await this.requireUser(actor, targetUserId, 'change the roles of');
    }
  }

  /**
   * Editing or deleting a custom role: the actor holds all it grants now and all it would grant.
   * Added permissions reach every holder at once and have no expiry, so the actor must hold them
   * without one.
   */
  async assertMayChangeRole(role: RoleRef, newPermissions?: readonly string[]): Promise<void> {
    const actor = await this.actor();
    this.requireRole(actor, role, newPermissions ? 'change' : 'delete');
    if (newPermissions) {
      this.requireAll(actor, newPermissions, 'You cannot grant permissions you do not hold');
      const added = newPermissions.filter((p) => !role.permissions.includes(p));
      const horizon = this.horizon(actor, added);
      if (horizon) {
        throw new DomainError(
          'FORBIDDEN',
          `You hold some of the added permissions only until ${horizon.toISOString()}; a role grants them without end`,
          { holdsUntil: horizon.toISOString() },
        );
      }
    }
  }

  /**
   * Acting on another user's account (deactivate, reactivate, edit, unlock, end sessions,
   * invitations, their credentials): the actor holds everything the user holds. `self` says
   * whether acting on oneself is allowed for this action.
   */
  async assertDominatesUser(targetUserId: string, what: string, options: { self?: boolean } = {}): Promise<Authority> {
    const actor = await this.actor();
    if (actor.userId === targetUserId && options.self !== false && actor.via !== 'directory') return actor;
    return this.requireUser(actor, targetUserId, what);
  }

  /**
   * A credential that acts as the user who made it (an API key, a directory token): rotating,
   * revoking or switching it on needs authority over that user, or, when the user is gone, over
   * the permissions the credential may use.
   */
  async assertMayHandleCredential(createdBy: string | null, permissions: readonly string[], what: string): Promise<void> {
    if (createdBy && (await this.of(createdBy))) await this.assertDominatesUser(createdBy, what);
    else await this.assertHolds(permissions, what);
  }

  /** Break-glass accounts (password sign-in despite enforced SSO) are set by tenant admins only. */
  async assertMaySetBreakGlass(targetUserId: string): Promise<void> {
    const actor = await this.actor();
    if (!actor.isTenantAdmin) throw forbidden('Only a tenant_admin can make an account break-glass');
    await this.requireUser(actor, targetUserId, 'change the security flags of');
  }

  private requireRole(actor: ActorAuthority, role: RoleRef, what: string): void {
    this.requireAll(actor, role.permissions, `You cannot ${what} a role with permissions you do not hold`);
    if (role.key === 'tenant_admin' && !actor.isTenantAdmin) throw forbidden(`Only a tenant_admin can ${what} tenant_admin`);
  }

  private async requireUser(actor: ActorAuthority, targetUserId: string, what: string): Promise<Authority> {
    const target = await this.of(targetUserId);
    if (!target) throw DomainError.notFound('User');
    this.requireAll(actor, [...target.permissions], `You cannot ${what} a user with permissions you do not hold`);
    if (target.roleKeys.has('tenant_admin') && !actor.isTenantAdmin)
      throw forbidden(`Only a tenant_admin can ${what} a tenant_admin`);
    return target;
  }

  private requireAll(actor: ActorAuthority, permissions: readonly string[], message: string): void {
    const missing = [...new Set(permissions)].filter((p) => !actor.permissions.has(p as Permission));
    if (missing.length) throw forbidden(`${message}: ${missing.join(', ')}`, missing);
  }

  /** Until when the actor holds all of `permissions` (null: without end). */
  private horizon(actor: ActorAuthority, permissions: readonly string[]): Date | null {
    let horizon: Date | null = null;
    for (const p of permissions) {
      const until = actor.until.get(p as Permission);
      if (until && (!horizon || until < horizon)) horizon = until;
    }
    return horizon;
  }
}
