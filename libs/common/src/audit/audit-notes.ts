import { SetMetadata } from '@nestjs/common';
import type { ClsService } from 'nestjs-cls';

export const AUDITED = 'stratum:audited';
export const CTX_AUDIT_NOTES = 'auditNotes';

export interface AuditedRoute {
  /** A name from the audit action catalogue, e.g. `project.created`. */
  action: string;
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
export const Audited = (action: string, options: Omit<AuditedRoute, 'action'> = {}) =>
  SetMetadata(AUDITED, { action, ...options } satisfies AuditedRoute);

export interface AuditChange {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Something a service wants in the audit trail beyond the route's own event. */
export interface AuditNote {
  /** Extra event (a security event such as `auth.account.locked`), or details of the route's event. */
  action?: string;
  resource?: { type: string; id?: string | null };
  changes?: AuditChange;
  /** The account acted upon when nobody is signed in (a failed login, say). */
  subject?: { id?: string | null; email?: string | null; type?: 'user' | 'platform_user' };
  metadata?: Record<string, unknown>;
  outcome?: 'success' | 'failure';
  severity?: 'info' | 'warning' | 'critical';
}

/**
 * Adds a note to the current request's audit record. Notes without `action` describe the
 * route's event (its resource, the before/after of what changed); notes with one become events
 * of their own. Outside a request context this does nothing.
 */
export function auditNote(cls: ClsService, note: AuditNote): void {
  if (!cls.isActive()) return;
  const notes = cls.get<AuditNote[] | undefined>(CTX_AUDIT_NOTES) ?? [];
  notes.push(note);
  cls.set(CTX_AUDIT_NOTES, notes);
}

/** Fields that never enter the audit trail in clear. */
const SECRET = /(password|secret|token|hash|key|code)/i;

/** Before/after of the fields that differ, secrets redacted. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChange {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of keys) {
    const x = before?.[k];
    const y = after?.[k];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    b[k] = redact(k, x);
    a[k] = redact(k, y);
  }
  return { before: before ? b : null, after: after ? a : null };
}

export function redact(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return value ?? null;
  return SECRET.test(key) ? '[redacted]' : value;
}

/** An event written directly, outside a request's own audit record (jobs, usage flushes). */
export interface DirectAuditEvent {
  action: string;
  actor?: { type: 'user' | 'api_key' | 'directory' | 'platform_user' | 'system'; id: string | null; email?: string | null };
  resource?: { type: string; id: string | null };
  changes?: AuditChange | null;
  metadata?: Record<string, unknown> | null;
  outcome?: 'success' | 'failure';
  tenantId?: string | null;
  /** Platform staff acting as the actor (impersonation). */
  impersonator?: Record<string, unknown> | null;
}

/**
 * Writes audit events into a given transaction. Provided by the audit library; libraries below
 * it (identity, platform) depend on this abstraction only.
 */
export abstract class AuditRecorder {
  abstract record(em: import('typeorm').EntityManager, scope: 'tenant' | 'platform', event: DirectAuditEvent): Promise<void>;

  /**
   * Writes into a tenant's trail from a platform transaction (its schema named explicitly), so
   * a platform change that concerns a tenant is in both logs, committed together.
   */
  abstract recordInTenant(em: import('typeorm').EntityManager, schemaName: string, event: DirectAuditEvent): Promise<void>;
}
