import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from './audit-actions';

export const AUDITED = 'stratum:audited';

export interface AuditedRoute {
  /** A name from the audit action catalogue, e.g. `project.created`. */
  action: AuditAction;
  /** The kind of resource the route changes, e.g. `project`. */
  resource?: string;
  /** The path parameter holding the resource id (else the response's `idField`). */
  idParam?: string;
  /** The response field holding the id of the resource the route created or acted on (default `id`). */
  idField?: string;
}

/**
 * Declares the audit action of a state-changing route. The audit interceptor records one event
 * per call: on success in the request's own transaction, on failure in a transaction of its own.
 */
export const Audited = (action: AuditAction, options: Omit<AuditedRoute, 'action'> = {}) =>
  SetMetadata(AUDITED, { action, ...options } satisfies AuditedRoute);
