import { Catch } from '@nestjs/common';
import { ProblemDetails, ProblemDetailsFilter } from '@stratum/common';
import { TenantContext } from '@stratum/tenancy';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { isAccountPage, renderAccountPage } from './account-page';

/** Problems a user can fix on the same form (a weak password, going too fast): the form is shown again. */
const RETRYABLE = new Set(['VALIDATION_FAILED', 'RATE_LIMITED']);

/**
 * An account page's errors: the same problem (status, audit record, logs) as the API route it
 * stands for would answer, shown to a person as the page with the problem's message.
 */
@Catch()
export class AccountPageFilter extends ProblemDetailsFilter {
  constructor(
    cls: ClsService,
    private readonly tenant: TenantContext,
  ) {
    super(cls);
  }

  protected override respond(req: Request, res: Response, problem: ProblemDetails): void {
    if (!isAccountPage(req.path)) return super.respond(req, res, problem);
    const fields = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
    const text = (key: string) => (typeof fields?.[key] === 'string' ? (fields[key] as string) : '');
    const tenant = this.tenant.find();
    // A malformed link is no better the second time.
    const badLink = (problem.errors ?? []).some((e) => e.field === 'token' || e.field === 'tenant');
    const retry = tenant && RETRYABLE.has(problem.code) && !badLink && text('token') && text('tenant');
    res
      .status(problem.status)
      .type('html')
      .send(
        renderAccountPage({
          page: req.path,
          tenantName: tenant?.name,
          link: retry ? { tenant: text('tenant'), token: text('token') } : undefined,
          name: text('name'),
          error: problem.detail,
        }),
      );
  }
}
