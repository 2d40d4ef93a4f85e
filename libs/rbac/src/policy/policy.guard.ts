import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { PermissionResolver } from '../permissions/permission-resolver.service';
import { ALLOW_MFA_SETUP } from './policy.decorators';
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
        if (missing.length) throw new DomainError('FORBIDDEN', `Missing permission ${missing.join(', ')}`, { missing });
        return true;
      }
    }
  }

  private async activeUserPermissions(userId: string) {
    const held = await this.permissions.forUser(userId);
    // The token outlived the account (deleted or deactivated user).
    if (!held) throw new DomainError('UNAUTHENTICATED');
    return held;
  }
}
