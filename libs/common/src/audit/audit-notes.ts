import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditSeverity } from './audit-actions';

const CTX_AUDIT_NOTES = 'auditNotes';

export interface AuditChange {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** What a service tells the trail about the resource it acted on. */
export interface AuditDetails {
  resource?: { type: string; id?: string | null };
  changes?: AuditChange;
  /** The account acted upon when nobody is signed in (a failed login, say). */
  subject?: { id?: string | null; email?: string | null; type?: 'user' | 'platform_user' };
  metadata?: Record<string, unknown>;
}

/** An event of its own, beside the route's. */
export interface AuditNoteEvent extends AuditDetails {
  outcome?: 'success' | 'failure';
  severity?: AuditSeverity;
}

/** A note of the current request: an event of its own (with `action`) or details of the route's event. */
export interface AuditNote extends AuditNoteEvent {
  action?: AuditAction;
}

/**
 * The one way a service adds to the audit trail during a request. The trail is written three ways,
 * each for one situation:
 * - `@Audited(action)` on a state-changing route: the route's own event, one per call, written by
 *   the audit interceptor in the request's transaction (and, when the request fails, afterwards).
 * - `AuditNotes`, injected into a service the request calls: `describe()` gives the route's event
 *   its resource, before/after or metadata; `note(action, …)` adds an event of its own (a lockout
 *   during a login) written with the request's, kept even when the request fails.
 * - `AuditRecorder.record` where there is no request to attach to (jobs, usage flushes) or the
 *   event belongs in another trail or transaction (a tenant's trail from a platform transaction):
 *   written at once into the given transaction, with its actor named explicitly.
 * Outside a request context notes are dropped: there is no request record to attach them to.
 */
@Injectable()
export class AuditNotes {
  constructor(private readonly cls: ClsService) {}

  /** Records `action` as an event of its own with the current request's. */
  note(action: AuditAction, event: AuditNoteEvent = {}): void {
    this.add({ ...event, action });
  }

  /** Describes the route's own event: its resource, before/after, subject or metadata. */
  describe(details: AuditDetails): void {
    this.add(details);
  }

  /** The current request's notes, in the order they were taken (read by the audit library). */
  current(): readonly AuditNote[] {
    return this.cls.isActive() ? (this.cls.get<AuditNote[] | undefined>(CTX_AUDIT_NOTES) ?? []) : [];
  }

  private add(note: AuditNote): void {
    if (!this.cls.isActive()) return;
    const notes = this.cls.get<AuditNote[] | undefined>(CTX_AUDIT_NOTES);
    if (notes) notes.push(note);
    else this.cls.set(CTX_AUDIT_NOTES, [note]);
  }
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
  action: AuditAction;
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
 * Writes audit events at once into a given transaction, for events with no request record to
 * join (jobs, usage flushes) or that belong in another trail (see AuditNotes for when to use
 * which). Provided by the audit library; libraries below it depend on this abstraction only.
 */
export abstract class AuditRecorder {
  abstract record(em: EntityManager, scope: 'tenant' | 'platform', event: DirectAuditEvent): Promise<void>;

  /**
   * Writes into a tenant's trail from a platform transaction (its schema named explicitly), so
   * a platform change that concerns a tenant is in both logs, committed together.
   */
  abstract recordInTenant(em: EntityManager, schemaName: string, event: DirectAuditEvent): Promise<void>;
}
