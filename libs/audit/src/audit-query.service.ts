import { Injectable } from '@nestjs/common';
import { DomainError } from '@stratum/common';
import { KeySettings } from '@stratum/config';
import type { EntityManager } from 'typeorm';
import { AuditEventsRepository, AuditRow, ChainHead } from './audit-events.repository';
import type { AuditScope } from './audit-writer.service';
import { chainHash } from './chain';
import { AuditEventDto, AuditFilterDto, VerifyResultDto } from './dto/audit.dto';

export type { AuditRow } from './audit-events.repository';

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

/** Reads a trail (the tenant's in its transaction, or the platform's): search, export, verify. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly config: KeySettings,
    private readonly events: AuditEventsRepository,
  ) {}

  async list(em: EntityManager, scope: AuditScope, f: AuditFilterDto, limit: number, cursor?: string) {
    const rows = await this.events.page(em, scope, f, limit + 1, cursor);
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toEventDto);
    return { items, nextCursor: more ? String(items[items.length - 1].seq) : null };
  }

  async get(em: EntityManager, scope: AuditScope, id: string): Promise<AuditEventDto> {
    const row = await this.events.findById(em, scope, id);
    if (!row) throw DomainError.notFound('Audit event');
    return toEventDto(row);
  }

  /**
   * Yields matching events newest first, a batch at a time (keyset on seq), so an export of any
   * size holds one batch in memory. Events appended meanwhile are not included.
   */
  async *stream(em: EntityManager, scope: AuditScope, f: AuditFilterDto, batch = 1000): AsyncGenerator<AuditEventDto[]> {
    let below = (await this.events.topSeq(em, scope)) + 1;
    for (;;) {
      const rows = await this.events.batchBelow(em, scope, f, below, batch);
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
      const head = await this.events.chainHead(em, scope);
      const result = await this.walk(em, scope, head);
      if (result.valid || attempt === 3) return result;
      const now = await this.events.chainHead(em, scope);
      if (String(now.anchor_seq) === String(head.anchor_seq)) return result;
    }
  }

  private async walk(em: EntityManager, scope: AuditScope, head: ChainHead): Promise<VerifyResultDto> {
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
      const rows = await this.events.range(em, scope, expectedSeq, headSeq);
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
    const last = await this.events.lastAfter(em, scope, headSeq);
    if (last) {
      const now = await this.events.chainHead(em, scope);
      if (Number(last.seq) > Number(now.last_seq)) {
        return fail(last.id, `event ${last.seq} lies beyond the chain head (${now.last_seq})`);
      }
    }
    return { valid: true, checked, firstInvalidId: null, headSeq };
  }
}
