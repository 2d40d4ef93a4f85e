import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import { CTX_PROBLEM, DomainError, ErrorCode, ErrorDialect, toProblem } from '@stratum/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SCIM_PATH } from '../tokens/directory-tokens.service';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** RFC 7644 §3.12 `scimType` values this service answers. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A domain error as SCIM names it: the product's code for audit and logs, and its scimType. */
export function scimError(code: ErrorCode, detail: string, scimType?: ScimType): DomainError {
  return new DomainError(code, detail, scimType ? { scimType } : {});
}

/** The scimType of product codes that have one whatever raised them (a malformed body is `invalidSyntax`). */
const SCIM_TYPES: Partial<Record<ErrorCode, ScimType>> = {
  BAD_REQUEST: 'invalidSyntax',
  CONFLICT: 'uniqueness',
  VALIDATION_FAILED: 'invalidValue',
};

/** The SCIM error document (RFC 7644 §3.12) for anything thrown; `status` is a string there. */
export function toScimError(err: unknown): { status: number; body: Record<string, unknown> } {
  const { problem } = toProblem(err);
  const scimType =
    (err instanceof DomainError && typeof err.extensions.scimType === 'string' ? err.extensions.scimType : undefined) ??
    SCIM_TYPES[problem.code];
  const detail = problem.errors?.length ? problem.errors.map((e) => e.message).join('; ') : problem.detail;
  return {
    status: problem.status,
    body: { schemas: [SCIM_ERROR_SCHEMA], status: String(problem.status), ...(scimType ? { scimType } : {}), detail },
  };
}

/**
 * Answers errors of the SCIM service in the SCIM error schema (identity providers read nothing
 * else), as `application/scim+json`. The product's code is still recorded for the audit trail.
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(private readonly cls: ClsService) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { problem } = toProblem(err);
    if (this.cls.isActive()) this.cls.set(CTX_PROBLEM, { code: problem.code, status: problem.status });
    if (res.headersSent || res.destroyed) {
      if (!res.destroyed) res.end();
      return;
    }
    const retryAfter = problem['retryAfter'];
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    answerScimError(err, res);
  }
}

function answerScimError(err: unknown, res: Response): void {
  const { status, body } = toScimError(err);
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).type(SCIM_MEDIA_TYPE).send(JSON.stringify(body));
}

/**
 * The SCIM service's errors that never reach its controllers (a malformed or non-JSON body, an
 * unknown route under /scim/v2): the global filter records them, then answers them in SCIM too.
 */
@Injectable()
export class ScimErrorDialect extends ErrorDialect {
  private readonly base = `/${SCIM_PATH}`.toLowerCase();

  speaks(req: Request): boolean {
    const path = req.originalUrl.split('?')[0].toLowerCase();
    return path === this.base || path.startsWith(`${this.base}/`);
  }

  answer(err: unknown, res: Response): void {
    answerScimError(err, res);
  }
}
