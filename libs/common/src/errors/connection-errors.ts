/**
 * Failures of the connection to PostgreSQL or Redis rather than of the statement: the request
 * did nothing wrong and may succeed if retried, so the client is told 503 and when to retry.
 */

/** SQLSTATEs of a lost or refused PostgreSQL connection (class 08 is matched by prefix). */
const PG_CONNECTION_STATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
]);

/** Socket errors (Node's `code`) of a peer that went away or never answered. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Messages (and error names) of the drivers for the same situations. */
const MESSAGES: RegExp[] = [
  /^Connection terminated/, // pg: the server or network closed the socket
  /timeout exceeded when trying to connect/, // pg-pool: connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/, // pg
  /^Connection is closed\.?$/, // ioredis
  /^Command timed out$/, // ioredis commandTimeout
  /^Stream isn't writeable and enableOfflineQueue options is false$/, // ioredis
  /Redis did not accept the jobs in time/, // the webhook queue's bound on adding jobs
];
const NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError', // TypeORM: the connection was dropped after an error
  'MaxRetriesPerRequestError',
  'ConnectionIsNotSetError',
]);

/** How many seconds a client is asked to wait (Retry-After) after a connection failure. */
export const CONNECTION_FAILURE_RETRY_AFTER_SECONDS = 1;

/**
 * Whether `err`, or an error it wraps (`cause`, TypeORM's `driverError`, an AggregateError's
 * `errors`), is a lost or refused connection to PostgreSQL or Redis.
 */
export function isConnectionFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 8) return false;
  const e = err as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string') {
    if (e.code.length === 5 && (e.code.startsWith('08') || PG_CONNECTION_STATES.has(e.code))) return true;
    if (SOCKET_CODES.has(e.code)) return true;
  }
  if (typeof e.name === 'string' && NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (isConnectionFailure(e.driverError, depth + 1) || isConnectionFailure(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isConnectionFailure(inner, depth + 1));
}
