import { Injectable } from '@nestjs/common';
import { isUuid, TenantDatabase } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { isPermission, Permission } from '../catalogue/permissions';
import { isSystemRole, SYSTEM_ROLES } from '../catalogue/system-roles';

const CTX_PERMISSIONS = 'effectivePermissions';

interface Cached {
  userId: string;
  permissions: ReadonlySet<Permission> | null;
}

/**
 * A tenant user's effective permissions: the union of their unexpired role assignments.
 * Computed once per request (in the request's own transaction) and kept for that request
 * only, so a role change takes effect on the very next request. Null for a user who no
 * longer exists or is not active.
 */
@Injectable()
export class PermissionResolver {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService,
  ) {}

  /** An API key may do what its scopes name (its ceiling), nothing else. */
  forApiKey(scopes: string[]): ReadonlySet<Permission> {
    return new Set(scopes.filter(isPermission));
  }

  async forUser(userId: string): Promise<ReadonlySet<Permission> | null> {
    const cached = this.cls.get<Cached | undefined>(CTX_PERMISSIONS);
    if (cached && cached.userId === userId) return cached.permissions;
    // Usually the request's first query: sent with the start of its transaction, so the id is
    // inlined, as a literal of a checked UUID (anything else matches no user).
    const id = isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000';
    const rows = await this.db.query<{
      status: string;
      key: string | null;
      is_system: boolean | null;
      permissions: string[] | null;
    }>(
      `SELECT u.status, r.key, r.is_system, r.permissions
         FROM users u
         LEFT JOIN user_roles ur ON ur.user_id = u.id AND (ur.expires_at IS NULL OR ur.expires_at > now())
         LEFT JOIN roles r ON r.id = ur.role_id
        WHERE u.id = '${id}'::uuid`,
    );
    let permissions: Set<Permission> | null = null;
    if (rows.length && rows[0].status === 'active') {
      permissions = new Set();
      for (const row of rows) {
        if (!row.key) continue;
        const granted = row.is_system && isSystemRole(row.key) ? SYSTEM_ROLES[row.key] : (row.permissions ?? []);
        for (const p of granted) if (isPermission(p)) permissions.add(p);
      }
    }
    this.cls.set(CTX_PERMISSIONS, { userId, permissions } satisfies Cached);
    return permissions;
  }

  /** The permissions granted to a user on one resource (beyond their roles). */
  async onResource(userId: string, type: string, resourceId: string): Promise<ReadonlySet<Permission>> {
    const em = await this.db.manager();
    const rows: { permissions: string[] }[] = await em.query(
      'SELECT permissions FROM resource_grants WHERE resource_type = $1 AND resource_id = $2 AND user_id = $3',
      [type, resourceId, userId],
    );
    return new Set((rows[0]?.permissions ?? []).filter(isPermission));
  }

  /** The resources of a type on which a user was granted `permission`. */
  async grantedIds(userId: string, type: string, permission: Permission): Promise<string[]> {
    const em = await this.db.manager();
    const rows: { resource_id: string }[] = await em.query(
      'SELECT resource_id FROM resource_grants WHERE resource_type = $1 AND user_id = $2 AND $3 = ANY (permissions)',
      [type, userId, permission],
    );
    return rows.map((r) => r.resource_id);
  }
}
