import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvents, pgErrorCode, PG_UNIQUE_VIOLATION } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import { isPermission, Permission } from '../catalogue/permissions';
import { isSystemRole, SYSTEM_ROLES, SystemRoleKey } from '../catalogue/system-roles';
import { AuthorityService } from '../authority/authority.service';
import { Role } from './role.entity';

export interface RoleView {
  role: Role;
  permissions: Permission[];
  userCount: number;
}

export interface RoleInput {
  key?: string;
  name?: string;
  description?: string;
  permissions?: string[];
}

/** A role as domain events describe it. */
const eventRole = (role: Role, permissions: readonly string[]) => ({
  id: role.id,
  key: role.key,
  name: role.name,
  permissions: [...permissions],
});

/** The tenant's roles: the five system roles (fixed) and custom roles (a plan feature). */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlanEnforcer,
    private readonly authority: AuthorityService,
    private readonly events: DomainEvents,
  ) {}

  async list(): Promise<RoleView[]> {
    const em = await this.db.manager();
    const roles = await em.getRepository(Role).find({ order: { isSystem: 'DESC', key: 'ASC' } });
    const counts: { role_id: string; n: string }[] = await em.query(
      `SELECT role_id, count(*) AS n FROM user_roles WHERE expires_at IS NULL OR expires_at > now() GROUP BY role_id`,
    );
    const byRole = new Map(counts.map((c) => [c.role_id, Number(c.n)]));
    return roles.map((role) => ({ role, permissions: this.permissionsOf(role), userCount: byRole.get(role.id) ?? 0 }));
  }

  async get(ref: string): Promise<RoleView> {
    const em = await this.db.manager();
    const role = await this.find(ref);
    const [{ n }] = await em.query(
      `SELECT count(*) AS n FROM user_roles WHERE role_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
      [role.id],
    );
    return { role, permissions: this.permissionsOf(role), userCount: Number(n) };
  }

  async create(input: Required<Pick<RoleInput, 'key' | 'name' | 'permissions'>> & RoleInput): Promise<RoleView> {
    this.plans.requireFeature('custom_roles');
    if (isSystemRole(input.key)) throw new DomainError('CONFLICT', `${input.key} is a system role`);
    await this.authority.assertHolds(this.validPermissions(input.permissions));
    const repo = (await this.db.manager()).getRepository(Role);
    const role = repo.create({
      key: input.key,
      name: input.name,
      description: input.description ?? '',
      permissions: this.validPermissions(input.permissions),
      isSystem: false,
    });
    try {
      await repo.insert(role);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
        throw new DomainError('CONFLICT', `A role with key ${input.key} already exists`);
      throw err;
    }
    await this.events.emit('role.created', eventRole(role, role.permissions));
    return this.get(role.id);
  }

  async update(ref: string, input: RoleInput): Promise<RoleView> {
    this.plans.requireFeature('custom_roles');
    const role = await this.find(ref);
    if (role.isSystem) throw new DomainError('INVALID_STATE', 'System roles cannot be changed');
    await this.authority.assertMayChangeRole(
      { key: role.key, permissions: this.permissionsOf(role) },
      input.permissions !== undefined ? this.validPermissions(input.permissions) : undefined,
    );
    await (await this.db.manager()).getRepository(Role).update(
      { id: role.id },
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.permissions !== undefined ? { permissions: this.validPermissions(input.permissions) } : {}),
      },
    );
    const updated = await this.get(role.id);
    await this.events.emit('role.updated', eventRole(updated.role, updated.permissions));
    return updated;
  }

  /** Deletes a custom role; its assignments go with it. */
  async remove(ref: string): Promise<void> {
    const role = await this.find(ref);
    if (role.isSystem) throw new DomainError('INVALID_STATE', 'System roles cannot be deleted');
    await this.authority.assertMayChangeRole({ key: role.key, permissions: this.permissionsOf(role) });
    await (await this.db.manager()).getRepository(Role).delete({ id: role.id });
    await this.events.emit('role.deleted', eventRole(role, this.permissionsOf(role)));
  }

  /** A role by id or key. */
  async find(ref: string): Promise<Role> {
    const repo = (await this.db.manager()).getRepository(Role);
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    const role = await repo.findOneBy(byId ? { id: ref } : { key: ref });
    if (!role) throw DomainError.notFound('Role');
    return role;
  }

  permissionsOf(role: Role): Permission[] {
    if (role.isSystem && isSystemRole(role.key)) return [...SYSTEM_ROLES[role.key]];
    return role.permissions.filter(isPermission);
  }

  /** The roles a new or invited user is given: only roles within the actor's permissions. */
  async assertActorMayGive(systemRoles: readonly SystemRoleKey[]): Promise<void> {
    await this.authority.assertMayGive([...new Set(systemRoles)].map((key) => ({ key, permissions: SYSTEM_ROLES[key] })));
  }

  private validPermissions(permissions: readonly string[]): Permission[] {
    const unknown = permissions.filter((p) => !isPermission(p));
    if (unknown.length) {
      throw new DomainError('VALIDATION_FAILED', `Unknown permissions: ${unknown.join(', ')}`, {}, [
        { field: 'permissions', message: `unknown permissions: ${unknown.join(', ')}` },
      ]);
    }
    return [...new Set(permissions as Permission[])];
  }
}
