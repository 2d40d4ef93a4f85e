import { ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CTX_PRINCIPAL, DirectoryAuthenticator, DomainError, Principal, isConnectionFailure } from '@stratum/common';
import { routePolicy } from '@stratum/rbac';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { ApiKeysService } from '../api-keys/api-keys.service';

/**
 * Authenticates every non-public route and stores the Principal in the request context: a
 * bearer access token (JWT), or an API key (`X-API-Key: sk_live_…` or `Authorization: Bearer
 * sk_live_…`); on the SCIM service, a directory-sync token (`Authorization: Bearer scim_…`) and
 * nothing else. Public routes ignore credentials altogether. Every failure gives the same 401,
 * whatever was wrong with the credential.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
    private readonly apiKeys: ApiKeysService,
    @Optional() private readonly directory?: DirectoryAuthenticator,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const policy = routePolicy(this.reflector, ctx);
    // Public routes need nothing; routes without a policy are refused later by the PolicyGuard.
    if (!policy || policy.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    if (policy.kind === 'directory') {
      const token = /^Bearer\s+(scim_\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const principal = token && this.directory ? await this.directory.authenticate(token) : null;
      if (!principal) throw new DomainError('UNAUTHENTICATED', 'The directory token is invalid, expired or revoked');
      this.cls.set(CTX_PRINCIPAL, principal);
      return true;
    }
    const apiKey = this.presentedApiKey(req);
    if (apiKey) {
      const principal = await this.apiKeys.authenticate(apiKey);
      if (!principal) throw new DomainError('UNAUTHENTICATED', 'The API key is invalid, expired or revoked');
      this.cls.set(CTX_PRINCIPAL, principal);
      return true;
    }
    if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      throw new DomainError('UNAUTHENTICATED', 'Send a bearer token in the Authorization header');
    }
    await super.canActivate(ctx);
    return true;
  }

  private presentedApiKey(req: Request): string | undefined {
    const header = req.headers['x-api-key'];
    if (typeof header === 'string' && header) return header.trim();
    const bearer = /^Bearer\s+(sk_live_\S+)$/i.exec(req.headers.authorization ?? '');
    return bearer?.[1];
  }

  override handleRequest<TUser = Principal>(err: unknown, user: unknown): TUser {
    // Revocation could not be checked (Redis away): the token is not known to be bad, retry later.
    if (isConnectionFailure(err)) throw err;
    if (err || !user) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid, expired or revoked');
    this.cls.set(CTX_PRINCIPAL, user as Principal);
    return user as TUser;
  }
}
