import { Injectable } from '@nestjs/common';
import { CTX_PRINCIPAL, Principal } from '@stratum/common';
import { ClsService } from 'nestjs-cls';
import type { Permission } from '../catalogue/permissions';
import { PermissionResolver } from '../permissions/permission-resolver.service';

/** What the caller may see, for services that filter lists by per-resource grants. */
@Injectable()
export class AccessService {
  constructor(
    private readonly cls: ClsService,
    private readonly permissions: PermissionResolver,
  ) {}

  /** Null when the caller may see every resource of the type; otherwise the ids granted to them. */
  async visibleIds(type: string, permission: Permission): Promise<string[] | null> {
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    // A directory acts on users and groups only, never on the tenant's resources.
    if (!principal || principal.kind === 'platform_user' || principal.kind === 'directory') return [];
    if (principal.kind === 'api_key') return this.permissions.forApiKey(principal.scopes).has(permission) ? null : [];
    const held = await this.permissions.forUser(principal.userId);
    if (held?.has(permission)) return null;
    return this.permissions.grantedIds(principal.userId, type, permission);
  }

  /** Whether the caller holds `permission` tenant-wide (through roles or key scopes). */
  async holdsWide(permission: Permission): Promise<boolean> {
    return (await this.visibleIds('-', permission)) === null;
  }
}
