import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { TenantDatabase } from '@stratum/tenancy';
import { AuthorityService } from '../authority/authority.service';
import { isPermission, Permission } from '../catalogue/permissions';
import { ResourceGrant } from './resource-grant.entity';

/** Which permissions a grant on each resource type may carry. */
export const GRANTABLE: Record<string, readonly Permission[]> = {
  project: [
    'projects:read',
    'projects:update',
    'projects:delete',
    'documents:read',
    'documents:create',
    'documents:update',
    'documents:delete',
  ],
};

/** The permission that makes every resource of a type visible tenant-wide. */
export const VISIBILITY: Record<string, Permission> = { project: 'projects:read' };

/** Per-resource grants in the tenant in context. */
@Injectable()
export class GrantsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly authority: AuthorityService,
  ) {}

  /** Sets (replaces) a user's permissions on a resource: only permissions the actor holds, widely or on it. */
  async grant(
    type: string,
    resourceId: string,
    userId: string,
    permissions: string[],
    grantedBy: string | null,
  ): Promise<ResourceGrant> {
    const unique = this.grantable(type, permissions);
    const em = await this.db.manager();
    const exists = await em.query('SELECT 1 FROM users WHERE id = $1', [userId]);
    if (!exists.length) throw DomainError.notFound('User');
    const [current] = await em.query(
      'SELECT permissions FROM resource_grants WHERE resource_type = $1 AND resource_id = $2 AND user_id = $3',
      [type, resourceId, userId],
    );
    // Replacing a grant also takes away what it held: the actor must hold both.
    await this.authority.assertHoldsOn(type, resourceId, [...unique, ...((current?.permissions as string[]) ?? [])]);
    return this.write(type, resourceId, userId, unique, grantedBy);
  }

  /** The creator's grant on a resource they just made (nothing beyond that resource). */
  async grantCreator(type: string, resourceId: string, userId: string, permissions: string[]): Promise<ResourceGrant> {
    return this.write(type, resourceId, userId, this.grantable(type, permissions), userId);
  }

  private grantable(type: string, permissions: string[]): string[] {
    const allowed = GRANTABLE[type] ?? [];
    const bad = permissions.filter((p) => !isPermission(p) || !allowed.includes(p));
    if (bad.length) {
      throw new DomainError('VALIDATION_FAILED', `Not grantable on a ${type}: ${bad.join(', ')}`, {}, [
        { field: 'permissions', message: `grantable on a ${type}: ${allowed.join(', ')}` },
      ]);
    }
    return [...new Set(permissions)];
  }

  private async write(
    type: string,
    resourceId: string,
    userId: string,
    permissions: string[],
    grantedBy: string | null,
  ): Promise<ResourceGrant> {
    const em = await this.db.manager();
    const [row]: GrantRow[] = await em.query(
      `INSERT INTO resource_grants (resource_type, resource_id, user_id, permissions, granted_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (resource_type, resource_id, user_id)
       DO UPDATE SET permissions = EXCLUDED.permissions, granted_by = EXCLUDED.granted_by, updated_at = now()
       RETURNING resource_type, resource_id, user_id, permissions, granted_by, created_at, updated_at`,
      [type, resourceId, userId, permissions, grantedBy],
    );
    return em.getRepository(ResourceGrant).create({
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      userId: row.user_id,
      permissions: row.permissions,
      grantedBy: row.granted_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  async list(type: string, resourceId: string): Promise<ResourceGrant[]> {
    return (await this.db.manager())
      .getRepository(ResourceGrant)
      .find({ where: { resourceType: type, resourceId }, order: { createdAt: 'ASC' } });
  }

  /** Removes a user's grant on a resource: only one whose permissions the actor holds, widely or on it. */
  async revoke(type: string, resourceId: string, userId: string): Promise<void> {
    const repo = (await this.db.manager()).getRepository(ResourceGrant);
    const grant = await repo.findOneBy({ resourceType: type, resourceId, userId });
    if (!grant) throw DomainError.notFound('Grant');
    await this.authority.assertHoldsOn(type, resourceId, grant.permissions);
    await repo.delete({ resourceType: type, resourceId, userId });
  }

  /** Removes every grant on a resource (its owner calls this when deleting it). */
  async removeAll(type: string, resourceId: string): Promise<void> {
    await (await this.db.manager()).getRepository(ResourceGrant).delete({ resourceType: type, resourceId });
  }
}

interface GrantRow {
  resource_type: string;
  resource_id: string;
  user_id: string;
  permissions: string[];
  granted_by: string | null;
  created_at: Date;
  updated_at: Date;
}
