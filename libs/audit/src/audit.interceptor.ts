import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AuditedRoute, AuditNotes } from '@stratum/common';
import { PlatformDatabase, TenantContext, TenantDatabase, UnitOfWork } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuditWriter } from './audit-writer.service';
import { auditedAction, CTX_AUDIT_ROUTE, CTX_AUDIT_WRITTEN, RouteInfo, scopeOf } from './audited-request';

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
    const append = await this.writer.sealed(
      await db.manager(),
      scope,
      this.writer.requestDrafts(audited, 'success', null, result),
    );
    await (append ? db.commitWith(append) : db.commit());
    this.cls.set(CTX_AUDIT_WRITTEN, true);
  }
}
