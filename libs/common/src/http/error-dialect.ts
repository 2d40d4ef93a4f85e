import type { Request, Response } from 'express';

/**
 * The error format of a part of the API whose clients read something else than problem+json (the
 * SCIM service at /scim/v2 answers RFC 7644 errors). The library serving that part provides it;
 * ProblemDetailsFilter hands it the errors of that part's requests which reach the global filter
 * rather than the part's own (body parsing, the JSON-only middleware, unmatched routes), once it
 * has recorded and logged them as it does for any request.
 */
export abstract class ErrorDialect {
  /** Whether the request belongs to the part of the API that speaks this dialect. */
  abstract speaks(req: Request): boolean;
  /** Answers `err` in this dialect: status, content type and body (nothing has been sent yet). */
  abstract answer(err: unknown, res: Response): void;
}
