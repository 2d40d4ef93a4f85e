import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  auditActionDef,
  AuditChange,
  AuditNote,
  AuditNotes,
  AuditedRoute,
  CTX_PRINCIPAL,
  CTX_REQUEST,
  Principal,
  RequestMeta,
} from '@stratum/common';
import { KeySettings } from '@stratum/config';
import type { Statement } from '@stratum/database';
import { TenantContext } from '@stratum/tenancy';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendStatement, AuditEventsRepository } from './audit-events.repository';
import { chainHash, ChainedFields } from './chain';

export type AuditScope = 'tenant' | 'platform';

export interface AuditDraft {
  action: AuditAction;
  actor: {
    type: 'user' | 'api_key' | 'directory' | 'platform_user' | 'system' | 'anonymous';
    id: string | null;
    email: string | null;
  };
  impersonator?: Record<string, unknown> | null;
  resource?: { type: string | null; id: string | null };
  changes?: AuditChange | null;
  metadata?: Record<string, unknown> | null;
  outcome: 'success' | 'failure';
  errorCode?: string | null;
  severity?: 'info' | 'warning' | 'critical';
  tenantId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/**
 * Appends events to a hash chain: the tenant's (in the tenant's unit of work) or the platform's.
 * The chain head row is locked for the append, so concurrent writers of one tenant line up and
 * the chain never forks; the lock is held only until the transaction commits, since events are
 * appended last, just before the commit.
 */
@Injectable()
export class AuditWriter {
  constructor(
    private readonly config: KeySettings,
    private readonly cls: ClsService,
    private readonly notes: AuditNotes,
    private readonly tenant: TenantContext,
    private readonly events: AuditEventsRepository,
  ) {}

  async append(em: EntityManager, scope: AuditScope, drafts: AuditDraft[]): Promise<void> {
    const statement = await this.sealed(em, scope, drafts);
    if (statement) await em.query(statement.sql, statement.params);
  }

  /**
   * Locks the chain head and answers the statement that appends `drafts` after it (null when
   * there are none), for a caller that sends it as the last statement of its transaction
   * (UnitOfWork.commitWith): the head stays locked until the commit, and the append and the
   * commit then go out back to back.
   */
  async sealed(em: EntityManager, scope: AuditScope, drafts: AuditDraft[]): Promise<Statement | null> {
    if (!drafts.length) return null;
    const head = await this.events.lockHead(em, scope);
    let seq = Number(head.last_seq);
    let previousHash: string = head.last_hash;
    const rows: unknown[][] = [];
    const occurredAt = new Date().toISOString();
    for (const d of drafts) {
      const def = auditActionDef(d.action);
      seq += 1;
      const fields: ChainedFields = {
        id: randomUUID(),
        seq,
        occurredAt,
        actor: d.actor,
        impersonator: d.impersonator ?? null,
        action: d.action,
        category: def.category,
        severity: d.severity ?? (d.outcome === 'failure' && def.severity === 'info' ? 'warning' : def.severity),
        resource: { type: d.resource?.type ?? null, id: d.resource?.id ?? null },
        changes: d.changes ?? null,
        metadata: d.metadata ?? null,
        outcome: d.outcome,
        errorCode: d.errorCode ?? null,
        ip: d.ip ?? null,
        userAgent: d.userAgent?.slice(0, 512) ?? null,
        requestId: d.requestId ?? null,
        tenantId: d.tenantId ?? null,
        previousHash,
      };
      const hash = chainHash(this.config.AUDIT_HMAC_SECRET, fields);
      rows.push([
        fields.id,
        fields.seq,
        fields.occurredAt,
        fields.actor.type,
        fields.actor.id,
        fields.actor.email,
        json(fields.impersonator),
        fields.action,
        fields.category,
        fields.severity,
        fields.resource.type,
        fields.resource.id,
        json(fields.changes),
        json(fields.metadata),
        fields.outcome,
        fields.errorCode,
        fields.ip,
        fields.userAgent,
        fields.requestId,
        fields.tenantId,
        hash,
        previousHash,
      ]);
      previousHash = hash;
    }
    return appendStatement(scope, rows, seq, previousHash);
  }

  /** The drafts of the current request: the route's own event, then the notes that are events. */
  requestDrafts(
    route: AuditedRoute | undefined,
    outcome: 'success' | 'failure',
    errorCode: string | null,
    result?: unknown,
  ): AuditDraft[] {
    const notes = this.notes.current();
    const base = this.requestContext();
    const details = notes.filter((n) => !n.action);
    const subject = notes.find((n) => n.subject)?.subject;
    const drafts: AuditDraft[] = [];
    if (route) {
      const described = details.find((n) => n.resource);
      const idField = route.idField ?? 'id';
      const resultId =
        result && typeof result === 'object' && typeof (result as Record<string, unknown>)[idField] === 'string'
          ? ((result as Record<string, unknown>)[idField] as string)
          : null;
      const paramId = route.idParam ? this.param(route.idParam) : null;
      drafts.push({
        ...base,
        actor: this.actor(subject),
        action: route.action,
        resource: described?.resource
          ? { type: described.resource.type, id: described.resource.id ?? paramId ?? resultId }
          : { type: route.resource ?? null, id: paramId ?? resultId },
        changes: details.find((n) => n.changes)?.changes ?? null,
        metadata: mergeMetadata(details),
        outcome,
        errorCode,
      });
    }
    for (const n of notes.filter((n) => n.action)) {
      drafts.push({
        ...base,
        actor: this.actor(n.subject ?? subject),
        action: n.action!,
        resource: { type: n.resource?.type ?? null, id: n.resource?.id ?? null },
        changes: n.changes ?? null,
        metadata: n.metadata ?? null,
        outcome: n.outcome ?? 'success',
        severity: n.severity,
      });
    }
    return drafts;
  }

  /** An event about the current request, by its caller. */
  draft(
    action: AuditAction,
    outcome: 'success' | 'failure',
    errorCode: string | null,
    metadata: Record<string, unknown> | null,
  ): AuditDraft {
    return {
      ...this.requestContext(),
      actor: this.actor(),
      action,
      outcome,
      errorCode,
      metadata,
      resource: { type: null, id: null },
    };
  }

  /** Who acted: the signed-in principal, else the account a notes names (a failed login), else anonymous. */
  actor(subject?: AuditNote['subject']): AuditDraft['actor'] {
    const principal = this.cls.isActive() ? this.cls.get<Principal | undefined>(CTX_PRINCIPAL) : undefined;
    if (principal?.kind === 'tenant_user') return { type: 'user', id: principal.userId, email: principal.email ?? null };
    if (principal?.kind === 'platform_user')
      return { type: 'platform_user', id: principal.userId, email: principal.email ?? null };
    if (principal?.kind === 'api_key') return { type: 'api_key', id: principal.keyId, email: null };
    if (principal?.kind === 'directory') return { type: 'directory', id: principal.tokenId, email: null };
    if (subject) return { type: subject.type ?? 'user', id: subject.id ?? null, email: subject.email ?? null };
    return { type: 'anonymous', id: null, email: null };
  }

  /** The current request's IP, user agent and id (empty outside a request). */
  requestMeta(): Pick<AuditDraft, 'ip' | 'userAgent' | 'requestId'> {
    if (!this.cls.isActive()) return {};
    const meta = this.cls.get<RequestMeta | undefined>(CTX_REQUEST);
    return { ip: meta?.ip ?? null, userAgent: meta?.userAgent ?? null, requestId: this.cls.getId() ?? null };
  }

  /** Platform staff acting as the signed-in user, as recorded on each of the request's events. */
  impersonator(): AuditDraft['impersonator'] {
    const principal = this.cls.isActive() ? this.cls.get<Principal | undefined>(CTX_PRINCIPAL) : undefined;
    if (principal?.kind !== 'tenant_user' || !principal.impersonator) return null;
    const { userId, email, impersonationId, mode } = principal.impersonator;
    return { type: 'platform_user', id: userId, email: email ?? null, impersonationId, mode };
  }

  private requestContext(): Pick<AuditDraft, 'ip' | 'userAgent' | 'requestId' | 'tenantId' | 'impersonator'> {
    if (!this.cls.isActive()) return {};
    return { ...this.requestMeta(), tenantId: this.tenant.find()?.id ?? null, impersonator: this.impersonator() };
  }

  private param(name: string): string | null {
    const value = this.cls.get<Record<string, string> | undefined>(CTX_ROUTE_PARAMS)?.[name];
    return typeof value === 'string' ? value : null;
  }
}

/** Path parameters of the current request (set when its route is known). */
export const CTX_ROUTE_PARAMS = 'routeParams';

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function mergeMetadata(notes: readonly AuditNote[]): Record<string, unknown> | null {
  const merged = Object.assign({}, ...notes.map((n) => n.metadata ?? {}));
  return Object.keys(merged).length ? merged : null;
}
