import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { PermissionResolver } from '../permissions/permission-resolver.service';
import { isUuid } from '@stratum/tenancy';
import type { Permission } from '../catalogue/permissions';
import { GRANTABLE, VISIBILITY } from '../grants/grants.service';
import { ALLOW_MFA_SETUP, ALLOW_WHILE_IMPERSONATING, NOT_WHILE_IMPERSONATING, ResourceScope } from './policy.decorators';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
import { routePolicy } from './route-policy';

/**
 * Enforces the route's declared policy. Runs after authentication and tenant resolution.
 * A route that declares no policy is refused: forgetting to declare one fails closed.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger(PolicyGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
    private readonly permissions: PermissionResolver,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const policy = routePolicy(this.reflector, ctx);
    if (!policy) {
      const req = ctx.switchToHttp().getRequest<Request>();
      this.logger.error(`Refused ${req.method} ${req.path}: the route declares no access policy`);
      throw new DomainError('FORBIDDEN', 'This route declares no access policy and is refused');
    }
    if (policy.kind === 'public') return true;
    const principal = this.cls.get<Principal | undefined>(CTX_PRINCIPAL);
    if (!principal) throw new DomainError('UNAUTHENTICATED');
    if (principal.kind === 'tenant_user' && principal.impersonator) this.impersonationAllows(ctx, principal.impersonator.mode);
    if (policy.kind === 'directory' || principal.kind === 'directory') {
      // Directory tokens open the SCIM service and nothing else; nothing else opens it.
      if (policy.kind !== 'directory' || principal.kind !== 'directory') throw new DomainError('UNAUTHENTICATED');
      return true;
    }
    if (principal.kind !== 'api_key' && principal.mfaSetupRequired) {
      const allowed = this.reflector.getAllAndOverride<boolean>(ALLOW_MFA_SETUP, [ctx.getHandler(), ctx.getClass()]);
      if (!allowed) throw new DomainError('MFA_SETUP_REQUIRED');
    }

    switch (policy.kind) {
      case 'authenticated':
        if (principal.kind === 'tenant_user') await this.activeUserPermissions(principal.userId);
        return true;
      case 'platform':
        if (principal.kind !== 'platform_user' || !principal.roles.some((r) => policy.roles.includes(r))) {
          throw new DomainError('FORBIDDEN', `Requires platform role ${policy.roles.join(' or ')}`);
        }
        return true;
      case 'permissions': {
        if (principal.kind === 'platform_user') {
          throw new DomainError(
            'FORBIDDEN',
            'Tenant routes need a tenant user\u2019s token or an API key; platform staff use /api/v1/platform',
          );
        }
        const held =
          principal.kind === 'api_key'
            ? this.permissions.forApiKey(principal.scopes)
            : await this.activeUserPermissions(principal.userId);
        const missing = policy.permissions.filter((p) => !held.has(p));
        if (!missing.length) return true;
        if (policy.resource && principal.kind === 'tenant_user') {
          const req = ctx.switchToHttp().getRequest<Request>();
          await this.viaGrants(policy.resource, principal.userId, held, missing, req);
          return true;
        }
        throw new DomainError('FORBIDDEN', `Missing permission ${missing.join(', ')}`, { missing });
      }
    }
  }

  /**
   * Impersonation is deny-by-default for writes: reads are open (and audited) unless the route
   * refuses them too; a write needs a `write` impersonation and a route marked for it.
   */
  private impersonationAllows(ctx: ExecutionContext, mode: 'read' | 'write'): void {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(NOT_WHILE_IMPERSONATING, targets)) {
      throw new DomainError('IMPERSONATION_FORBIDDEN', 'Not allowed while impersonating a user');
    }
    if (READS.has(ctx.switchToHttp().getRequest<Request>().method)) return;
    if (mode !== 'write') throw new DomainError('IMPERSONATION_FORBIDDEN', 'This impersonation is read-only');
    if (!this.reflector.getAllAndOverride<boolean>(ALLOW_WHILE_IMPERSONATING, targets)) {
      throw new DomainError('IMPERSONATION_FORBIDDEN', 'This change is not open to platform staff acting as a user');
    }
  }

  /**
   * Grants on the resource named by the route make up for missing role permissions. A resource
   * the caller cannot even see answers 404, as if it did not exist; one they can see, 403.
   */
  private async viaGrants(
    scope: ResourceScope,
    userId: string,
    held: ReadonlySet<Permission>,
    missing: Permission[],
    req: Request,
  ) {
    const families = new Set((GRANTABLE[scope.on] ?? []).map((p) => p.split(':')[0]));
    if (!scope.param) {
      // A list: open to callers who work with this kind of resource at all; the service filters.
      const works = [...held].some((p) => families.has(p.split(':')[0]));
      if (works || (await this.permissions.grantedIds(userId, scope.on, missing[0])).length) return;
      throw new DomainError('FORBIDDEN', `Missing permission ${missing.join(', ')}`, { missing });
    }
    const id = req.params[scope.param];
    if (typeof id !== 'string' || !isUuid(id)) {
      throw new DomainError('VALIDATION_FAILED', `${scope.param} must be a UUID`, {}, [
        { field: scope.param, message: `${scope.param} must be a UUID` },
      ]);
    }
    const granted = await this.permissions.onResource(userId, scope.on, id);
    // Invisible to the caller (no grant on it, no tenant-wide right to read it): as if absent.
    if (!granted.size && !held.has(VISIBILITY[scope.on]))
      throw DomainError.notFound(scope.on[0].toUpperCase() + scope.on.slice(1));
    const stillMissing = missing.filter((p) => !granted.has(p));
    if (stillMissing.length) {
      throw new DomainError('FORBIDDEN', `Missing permission ${stillMissing.join(', ')}`, { missing: stillMissing });
    }
  }

  private async activeUserPermissions(userId: string) {
    const held = await this.permissions.forUser(userId);
    // The token outlived the account (deleted or deactivated user).
    if (!held) throw new DomainError('UNAUTHENTICATED');
    return held;
  }
}
