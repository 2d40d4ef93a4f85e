import { ERROR_CODES, ErrorCode } from './error-codes';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error with a stable code. Services throw these; the global filter turns them into
 * RFC 9457 problem+json. `extensions` become extra members of the problem body
 * (e.g. `{ limit: 'seats' }` for PLAN_LIMIT).
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly errors?: FieldError[],
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
  }

  static notFound(what = 'Resource'): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }
}
