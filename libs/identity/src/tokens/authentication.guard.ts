import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CTX_PRINCIPAL, DomainError, Principal } from '@stratum/common';
import { routePolicy } from '@stratum/rbac';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';

/**
 * Authenticates the bearer token of every non-public route and stores the Principal in the
 * request context. Public routes ignore credentials altogether. Every failure gives the same
 * 401, whatever was wrong with the token.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const policy = routePolicy(this.reflector, ctx);
    // Public routes need nothing; routes without a policy are refused later by the PolicyGuard.
    if (!policy || policy.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      throw new DomainError('UNAUTHENTICATED', 'Send a bearer token in the Authorization header');
    }
    await super.canActivate(ctx);
    return true;
  }

  override handleRequest<TUser = Principal>(err: unknown, user: unknown): TUser {
    if (err || !user) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid, expired or revoked');
    this.cls.set(CTX_PRINCIPAL, user as Principal);
    return user as TUser;
  }
}
