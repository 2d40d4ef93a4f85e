/** PostgreSQL SQLSTATE codes the product reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_INSUFFICIENT_PRIVILEGE = '42501';

export function pgErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; driverError?: { code?: unknown } };
    if (typeof e.code === 'string') return e.code;
    if (e.driverError && typeof e.driverError.code === 'string') return e.driverError.code;
  }
  return undefined;
}

/** The constraint name of a PostgreSQL constraint violation, when present. */
export function pgConstraint(err: unknown): string | undefined {
  if (err && typeof err === 'object') {
    const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } };
    if (typeof e.constraint === 'string') return e.constraint;
    if (e.driverError && typeof e.driverError.constraint === 'string') return e.driverError.constraint;
  }
  return undefined;
}
