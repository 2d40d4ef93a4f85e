import { CallHandler, CanActivate, ExecutionContext, Injectable, Logger, NestInterceptor, NestMiddleware } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditedRoute, AUDITED, AuditNotes, CTX_PROBLEM, CTX_PRINCIPAL, Principal } from '@stratum/common';
import { PlatformDatabase, TenantContext, TenantDatabase, UnitOfWork } from '@stratum/tenancy';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AsyncResource } from 'node:async_hooks';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuditDraft, AuditScope, AuditWriter, CTX_ROUTE_PARAMS } from './audit-writer.service';

const CTX_AUDIT_ROUTE = 'auditRoute';
const CTX_AUDIT_WRITTEN = 'auditWritten';
const DENIALS = new Set(['FORBIDDEN', 'TENANT_MISMATCH', 'MFA_SETUP_REQUIRED', 'IMPERSONATION_FORBIDDEN']);

interface RouteInfo {
  audited?: AuditedRoute;
  method: string;
  path: string;
  platform: boolean;
}

/** Runs first on every route: remembers which audit action (if any) the route declares. */
@Injectable()
export class AuditRouteGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http' || !this.cls.isActive()) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const audited = this.reflector.getAllAndOverride<AuditedRoute | undefined>(AUDITED, [ctx.getHandler(), ctx.getClass()]);
    this.cls.set(CTX_AUDIT_ROUTE, {
      audited,
      method: req.method,
      path: req.path,
      platform: req.path.startsWith('/api/v1/platform/'),
    } satisfies RouteInfo);
    this.cls.set(CTX_ROUTE_PARAMS, req.params);
    return true;
  }
}

/**
 * The audit action of the current request: the route's own, else `impersonation.request` for
 * any request (reads included) made by platform staff acting as a user.
 */
function auditedAction(cls: ClsService, notes: AuditNotes, route?: RouteInfo): AuditedRoute | undefined {
  if (route?.audited) return route.audited;
  const principal = cls.get<Principal | undefined>(CTX_PRINCIPAL);
  if (principal?.kind !== 'tenant_user' || !principal.impersonator) return undefined;
  notes.describe({ metadata: { method: route?.method, path: route?.path } });
  return { action: 'impersonation.request' };
}

/** The scope a request's events belong to: its tenant's trail, else the platform's. */
function scopeOf(tenant: TenantContext, cls: ClsService, route?: RouteInfo): AuditScope | null {
  if (tenant.find()) return 'tenant';
  const principal = cls.get<Principal | undefined>(CTX_PRINCIPAL);
  if (principal?.kind === 'platform_user' || route?.platform) return 'platform';
  return null;
}

/**
 * Records the event of a successful audited request in the request's own transaction, then
 * commits it: the change and its event commit together or not at all. The event counts as
 * written only once that commit has succeeded, so a transaction failing at commit (a deferred
 * constraint, a lost connection) is still recorded, as a failure, by AuditFailureMiddleware.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly writer: AuditWriter,
    private readonly cls: ClsService,
    private readonly tenant: TenantContext,
    private readonly tenantDb: TenantDatabase,
    private readonly platformDb: PlatformDatabase,
    private readonly work: UnitOfWork,
    private readonly notes: AuditNotes,
  ) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.cls.get<RouteInfo | undefined>(CTX_AUDIT_ROUTE);
    const audited = auditedAction(this.cls, this.notes, route);
    if (!audited) return next.handle();
    return from(
      (async () => {
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (!this.cls.get<boolean>(CTX_AUDIT_WRITTEN)) await this.record(audited, route, result);
        return result;
      })(),
    );
  }

  /**
   * Records the current request's success event and commits, before the handler returns: for
   * routes that write their response themselves (a streamed export), whose response must not
   * complete before its event is committed. The interceptor then records nothing more. When the
   * client went away first, the request's transaction ended with its response, and the event is
   * written in a transaction of its own.
   */
  async recordNow(): Promise<void> {
    const route = this.cls.get<RouteInfo | undefined>(CTX_AUDIT_ROUTE);
    const audited = auditedAction(this.cls, this.notes, route);
    if (!audited) return;
    if (this.work.isOpen) return this.record(audited, route, undefined);
    const scope = scopeOf(this.tenant, this.cls, route);
    const tenant = this.tenant.find();
    if (!scope) return;
    const drafts = this.writer.requestDrafts(audited, 'success', null);
    if (scope === 'tenant' && tenant) await this.tenantDb.run(tenant, (em) => this.writer.append(em, 'tenant', drafts));
    else await this.platformDb.run((em) => this.writer.append(em, 'platform', drafts));
    this.cls.set(CTX_AUDIT_WRITTEN, true);
  }

  private async record(audited: AuditedRoute, route: RouteInfo | undefined, result: unknown): Promise<void> {
    const scope = scopeOf(this.tenant, this.cls, route);
    if (!scope) return;
    const db = scope === 'tenant' ? this.tenantDb : this.platformDb;
    await this.writer.append(await db.manager(), scope, this.writer.requestDrafts(audited, 'success', null, result));
    await db.commit();
    this.cls.set(CTX_AUDIT_WRITTEN, true);
  }
}

/**
 * When a request fails, its transaction is rolled back, so its event is written afterwards in
 * a transaction of its own: failed audited requests, refusals for lack of permission, and the
 * security events services noted on the way (a lockout, a stolen refresh token).
 */
@Injectable()
export class AuditFailureMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly writer: AuditWriter,
    private readonly cls: ClsService,
    private readonly tenant: TenantContext,
    private readonly work: UnitOfWork,
    private readonly tenantDb: TenantDatabase,
    private readonly platformDb: PlatformDatabase,
    private readonly notes: AuditNotes,
  ) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    res.once(
      'close',
      AsyncResource.bind(() => {
        void this.recordFailure().catch((err: Error) => this.logger.error(`could not record a failed request: ${err.message}`));
      }),
    );
    next();
  }

  private async recordFailure(): Promise<void> {
    const problem = this.cls.get<{ code: string; status: number } | undefined>(CTX_PROBLEM);
    if (!problem || this.cls.get<boolean>(CTX_AUDIT_WRITTEN)) return;
    const route = this.cls.get<RouteInfo | undefined>(CTX_AUDIT_ROUTE);
    const notes = this.notes.current();
    const denied = DENIALS.has(problem.code);
    const audited = auditedAction(this.cls, this.notes, route);
    if (!audited && !denied && !notes.some((n) => n.action)) return;
    const scope = scopeOf(this.tenant, this.cls, route);
    if (!scope) return;
    const drafts: AuditDraft[] = this.writer.requestDrafts(audited, 'failure', problem.code);
    if (denied) {
      drafts.push(this.writer.draft('access.denied', 'failure', problem.code, { method: route?.method, path: route?.path }));
    }
    const events = drafts.filter((d) => d.action);
    if (!events.length) return;
    // The failed request's own transaction must be over before the record is written.
    if (this.work.isOpen) await this.work.rollback();
    await this.work.settled();
    const tenant = this.tenant.find();
    if (scope === 'tenant' && tenant) await this.tenantDb.run(tenant, (em) => this.writer.append(em, 'tenant', events));
    else await this.platformDb.run((em) => this.writer.append(em, 'platform', events));
  }
}
