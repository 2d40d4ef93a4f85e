import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvents } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { EntityManager } from 'typeorm';
import { AuthorityService } from '../authority/authority.service';
import type { SystemRoleKey } from '../catalogue/system-roles';
import { Role, UserRole } from './role.entity';
import { RolesService } from './roles.service';

export interface Assignment {
  role: Role;
  expiresAt: Date | null;
  grantedBy: string | null;
  createdAt: Date;
}

/**
 * Role assignments. Expired assignments stop granting at once (every permission check filters
 * on `expires_at`). A tenant always keeps at least one active user holding tenant_admin without
 * an expiry: changes that would break that are refused with LAST_ADMIN, serialized by a lock on
 * the tenant_admin role row so two concurrent changes cannot both pass the check.
 */
@Injectable()
export class RoleAssignments {
  constructor(
    private readonly db: TenantDatabase,
    private readonly roles: RolesService,
    private readonly events: DomainEvents,
    private readonly authority: AuthorityService,
  ) {}

  /** Used while provisioning and inviting, inside the caller's transaction. */
  async assignSystemRole(em: EntityManager, userId: string, key: SystemRoleKey, expiresAt?: Date): Promise<void> {
    const inserted = await em.query(
      `INSERT INTO user_roles (user_id, role_id, expires_at)
       SELECT $1, id, $3 FROM roles WHERE key = $2 AND is_system
       ON CONFLICT (user_id, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
       RETURNING role_id`,
      [userId, key, expiresAt ?? null],
    );
    if (!inserted.length) throw new Error(`system role ${key} is missing from the tenant schema`);
  }

  async roleKeysOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows: { key: string }[] = await em.query(
      `SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
        WHERE ur.user_id = $1 AND (ur.expires_at IS NULL OR ur.expires_at > now()) ORDER BY r.key`,
      [userId],
    );
    return rows.map((r) => r.key);
  }

  async listFor(userId: string): Promise<Assignment[]> {
    const em = await this.db.manager();
    await this.requireUser(em, userId);
    const rows = await em
      .getRepository(UserRole)
      .createQueryBuilder('ur')
      .innerJoinAndMapOne('ur.role', Role, 'r', 'r.id = ur.role_id')
      .where('ur.user_id = :userId AND (ur.expires_at IS NULL OR ur.expires_at > now())', { userId })
      .orderBy('r.key')
      .getMany();
    return rows.map((ur) => {
      const r = ur as UserRole & { role: Role };
      return { role: r.role, expiresAt: r.expiresAt, grantedBy: r.grantedBy, createdAt: r.createdAt };
    });
  }

  /** Gives a user a role (optionally until `expiresAt`); assigning again updates the expiry. */
  async assign(userId: string, roleRef: string, expiresAt: Date | null, grantedBy: string): Promise<Assignment> {
    if (expiresAt && expiresAt <= new Date()) {
      throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future', {}, [
        { field: 'expiresAt', message: 'expiresAt must be in the future' },
      ]);
    }
    const em = await this.db.manager();
    const user = await this.requireUser(em, userId);
    if (user.status === 'deactivated') throw new DomainError('INVALID_STATE', 'Reactivate the user before assigning roles');
    const role = await this.roles.find(roleRef);
    if (role.key === 'tenant_admin') await this.lockAdmins(em);
    const current = await em.getRepository(UserRole).findOneBy({ userId, roleId: role.id });
    const active = current && (!current.expiresAt || current.expiresAt > new Date()) ? current : null;
    await this.authority.assertMayAssign(
      userId,
      { key: role.key, permissions: this.roles.permissionsOf(role) },
      expiresAt,
      active,
    );
    if (role.key === 'tenant_admin' && expiresAt && current && !current.expiresAt) {
      // Turning a permanent admin into a temporary one must leave another permanent admin.
      await this.assertAdminRemains(em, userId);
    }
    await em.query(
      `INSERT INTO user_roles (user_id, role_id, expires_at, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, role_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, granted_by = EXCLUDED.granted_by`,
      [userId, role.id, expiresAt, grantedBy],
    );
    const saved = await em.getRepository(UserRole).findOneByOrFail({ userId, roleId: role.id });
    await this.events.emit('role.assigned', { userId, role: role.key, roleId: role.id, expiresAt: saved.expiresAt });
    return { role, expiresAt: saved.expiresAt, grantedBy: saved.grantedBy, createdAt: saved.createdAt };
  }

  async unassign(userId: string, roleRef: string): Promise<void> {
    const em = await this.db.manager();
    await this.requireUser(em, userId);
    const role = await this.roles.find(roleRef);
    await this.authority.assertMayUnassign(userId, { key: role.key, permissions: this.roles.permissionsOf(role) });
    if (role.key === 'tenant_admin') {
      await this.lockAdmins(em);
      await this.assertAdminRemains(em, userId);
    }
    const result = await em.getRepository(UserRole).delete({ userId, roleId: role.id });
    if (!result.affected) throw DomainError.notFound('Role assignment');
    await this.events.emit('role.unassigned', { userId, role: role.key, roleId: role.id });
  }

  /**
   * Refuses (LAST_ADMIN) when no active user other than `leaving` holds tenant_admin without an
   * expiry. Call inside the change, after `lockAdmins`.
   */
  async assertAdminRemains(em: EntityManager, leaving: string): Promise<void> {
    const [{ n }] = await em.query(
      `SELECT count(*) AS n FROM user_roles ur
         JOIN roles r ON r.id = ur.role_id AND r.key = 'tenant_admin'
         JOIN users u ON u.id = ur.user_id AND u.status = 'active'
        WHERE ur.expires_at IS NULL AND ur.user_id <> $1`,
      [leaving],
    );
    if (Number(n) === 0) throw new DomainError('LAST_ADMIN', 'This would leave the tenant without an active tenant_admin');
  }

  /** Serializes changes that could remove the last tenant admin. */
  async lockAdmins(em: EntityManager): Promise<void> {
    await em.query(`SELECT id FROM roles WHERE key = 'tenant_admin' FOR UPDATE`);
  }

  async isPermanentAdmin(em: EntityManager, userId: string): Promise<boolean> {
    const rows = await em.query(
      `SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.key = 'tenant_admin' WHERE ur.user_id = $1 AND ur.expires_at IS NULL`,
      [userId],
    );
    return rows.length > 0;
  }

  private async requireUser(em: EntityManager, userId: string): Promise<{ status: string }> {
    const [user] = await em.query('SELECT status FROM users WHERE id = $1', [userId]);
    if (!user) throw DomainError.notFound('User');
    return user;
  }
}
