import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { AuditNotes, CTX_PROBLEM } from '@stratum/common';
import { PlatformDatabase, TenantContext, TenantDatabase, UnitOfWork } from '@stratum/tenancy';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AsyncResource } from 'node:async_hooks';
import { AuditDraft, AuditWriter } from './audit-writer.service';
import { auditedAction, CTX_AUDIT_ROUTE, CTX_AUDIT_WRITTEN, DENIALS, RouteInfo, scopeOf } from './audited-request';

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
