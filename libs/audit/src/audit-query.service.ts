import { Injectable } from '@nestjs/common';
import { containsPattern, DomainError } from '@stratum/common';
import { KeySettings } from '@stratum/config';
import type { EntityManager } from 'typeorm';
import type { AuditScope } from './audit-writer.service';
import { chainHash } from './chain';
import { AuditEventDto, AuditFilterDto, VerifyResultDto } from './dto/audit.dto';

const COLUMNS = `id, seq, occurred_at, actor_type, actor_id, actor_email, impersonator, action, category, severity,
  resource_type, resource_id, changes, metadata, outcome, error_code, ip, user_agent, request_id, tenant_id, hash, previous_hash`;

export interface AuditRow {
  id: string;
  seq: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  impersonator: Record<string, unknown> | null;
  action: string;
  category: string;
  severity: string;
  resource_type: string | null;
  resource_id: string | null;
  changes: Record<string, unknown> | null;
  metadata: Record<string, unknown> | null;
  outcome: string;
  error_code: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  tenant_id: string | null;
  hash: string;
  previous_hash: string;
}

export function toEventDto(r: AuditRow): AuditEventDto {
  return {
    id: r.id,
    seq: Number(r.seq),
    occurredAt: r.occurred_at.toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, email: r.actor_email },
    impersonator: r.impersonator,
    action: r.action,
    category: r.category,
    severity: r.severity,
    resource: { type: r.resource_type, id: r.resource_id },
    changes: r.changes,
    metadata: r.metadata,
    outcome: r.outcome,
    errorCode: r.error_code,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    hash: r.hash,
    previousHash: r.previous_hash,
  };
}

const table = (scope: AuditScope) => (scope === 'platform' ? 'platform.audit_events' : 'audit_events');
const chain = (scope: AuditScope) => (scope === 'platform' ? 'platform.audit_chain' : 'audit_chain');

/** Reads a trail (the tenant's in its transaction, or the platform's): search, export, verify. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly config: KeySettings) {}

  /** SQL conditions and parameters for a filter; parameters start at `$${offset + 1}`. */
  where(f: AuditFilterDto, offset = 0): { sql: string; params: unknown[] } {
    const conds: string[] = [];
    const params: unknown[] = [];
    const add = (cond: (n: string) => string, value: unknown) => {
      params.push(value);
      conds.push(cond(`$${offset + params.length}`));
    };
    if (f.actorId) add((n) => `actor_id = ${n}`, f.actorId);
    if (f.actorType) add((n) => `actor_type = ${n}`, f.actorType);
    if (f.action) {
      if (f.action.endsWith('.*')) add((n) => `action LIKE ${n}`, `${f.action.slice(0, -2)}.%`);
      else add((n) => `action = ${n}`, f.action);
    }
    if (f.category) add((n) => `category = ${n}`, f.category);
    if (f.resourceType) add((n) => `resource_type = ${n}`, f.resourceType);
    if (f.resourceId) add((n) => `resource_id = ${n}`, f.resourceId);
    if (f.outcome) add((n) => `outcome = ${n}`, f.outcome);
    if (f.from) add((n) => `occurred_at >= ${n}`, f.from);
    if (f.to) add((n) => `occurred_at < ${n}`, f.to);
    if (f.q) {
      const like = containsPattern(f.q);
      add(
        (n) =>
          `(lower(coalesce(actor_email, '')) LIKE ${n} OR action LIKE ${n} OR lower(coalesce(resource_id, '')) LIKE ${n}
            OR coalesce(ip, '') LIKE ${n} OR lower(coalesce(metadata::text, '')) LIKE ${n})`,
        like,
      );
    }
    return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
  }

  async list(em: EntityManager, scope: AuditScope, f: AuditFilterDto, limit: number, cursor?: string) {
    const w = this.where(f);
    const params = [...w.params];
    let sql = w.sql;
    if (cursor) {
      params.push(cursor);
      sql += `${sql ? ' AND' : 'WHERE'} seq < $${params.length}`;
    }
    params.push(limit + 1);
    const rows: AuditRow[] = await em.query(
      `SELECT ${COLUMNS} FROM ${table(scope)} ${sql} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toEventDto);
    return { items, nextCursor: more ? String(items[items.length - 1].seq) : null };
  }

  async get(em: EntityManager, scope: AuditScope, id: string): Promise<AuditEventDto> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM ${table(scope)} WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('Audit event');
    return toEventDto(row);
  }

  /**
   * Yields matching events newest first, a batch at a time (keyset on seq), so an export of any
   * size holds one batch in memory. Events appended meanwhile are not included.
   */
  async *stream(em: EntityManager, scope: AuditScope, f: AuditFilterDto, batch = 1000): AsyncGenerator<AuditEventDto[]> {
    const [{ top }] = await em.query(`SELECT coalesce(max(seq), 0) AS top FROM ${table(scope)}`);
    let below = Number(top) + 1;
    const w = this.where(f, 2);
    for (;;) {
      const rows: AuditRow[] = await em.query(
        `SELECT ${COLUMNS} FROM ${table(scope)} ${w.sql ? `${w.sql} AND` : 'WHERE'} seq < $1 ORDER BY seq DESC LIMIT $2`,
        [below, batch, ...w.params],
      );
      if (!rows.length) return;
      yield rows.map(toEventDto);
      below = Number(rows[rows.length - 1].seq);
    }
  }

  /**
   * Walks the chain from its anchor to the head: every event's hash must match its content and
   * the previous event's hash, positions must follow each other, and the last event must be the
   * chain head (so events deleted from the end are noticed too). Events appended while the walk
   * runs lie beyond the head it read and are left to the next verification; a purge that moves
   * the anchor meanwhile makes it start again from the new anchor.
   */
  async verify(em: EntityManager, scope: AuditScope): Promise<VerifyResultDto> {
    for (let attempt = 1; ; attempt++) {
      const [head] = await em.query(`SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM ${chain(scope)}`);
      const result = await this.walk(em, scope, head);
      if (result.valid || attempt === 3) return result;
      const [now] = await em.query(`SELECT anchor_seq FROM ${chain(scope)}`);
      if (String(now.anchor_seq) === String(head.anchor_seq)) return result;
    }
  }

  private async walk(
    em: EntityManager,
    scope: AuditScope,
    head: { last_seq: string; last_hash: string; anchor_seq: string; anchor_hash: string },
  ): Promise<VerifyResultDto> {
    let expectedSeq = Number(head.anchor_seq) + 1;
    let previousHash: string = head.anchor_hash;
    let checked = 0;
    const headSeq = Number(head.last_seq);
    const fail = (id: string | null, reason: string): VerifyResultDto => ({
      valid: false,
      checked,
      firstInvalidId: id,
      reason,
      headSeq,
    });
    for (;;) {
      const rows: AuditRow[] = await em.query(
        `SELECT ${COLUMNS} FROM ${table(scope)} WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT 1000`,
        [expectedSeq, headSeq],
      );
      if (!rows.length) break;
      for (const r of rows) {
        checked += 1;
        if (Number(r.seq) !== expectedSeq) return fail(r.id, `event ${expectedSeq} is missing`);
        if (r.previous_hash !== previousHash) return fail(r.id, 'previous hash does not match the event before');
        const hash = chainHash(this.config.AUDIT_HMAC_SECRET, {
          id: r.id,
          seq: Number(r.seq),
          occurredAt: r.occurred_at.toISOString(),
          actor: { type: r.actor_type, id: r.actor_id, email: r.actor_email },
          impersonator: r.impersonator,
          action: r.action,
          category: r.category,
          severity: r.severity,
          resource: { type: r.resource_type, id: r.resource_id },
          changes: r.changes,
          metadata: r.metadata,
          outcome: r.outcome,
          errorCode: r.error_code,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
          tenantId: r.tenant_id,
          previousHash: r.previous_hash,
        });
        if (hash !== r.hash) return fail(r.id, 'content does not match its hash');
        previousHash = r.hash;
        expectedSeq += 1;
      }
    }
    if (expectedSeq - 1 !== headSeq || previousHash !== head.last_hash) {
      return fail(null, `the chain head records event ${headSeq}, the trail ends at ${expectedSeq - 1}`);
    }
    // Writers move the head in the transaction that appends, so an event past the head as read
    // after it is one no writer appended.
    const [last] = await em.query(`SELECT id, seq FROM ${table(scope)} WHERE seq > $1 ORDER BY seq DESC LIMIT 1`, [headSeq]);
    if (last) {
      const [now] = await em.query(`SELECT last_seq FROM ${chain(scope)}`);
      if (Number(last.seq) > Number(now.last_seq)) {
        return fail(last.id, `event ${last.seq} lies beyond the chain head (${now.last_seq})`);
      }
    }
    return { valid: true, checked, firstInvalidId: null, headSeq };
  }
}
