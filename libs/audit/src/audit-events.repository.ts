import { Injectable } from '@nestjs/common';
import { containsPattern } from '@stratum/common';
import { GenerateSql, SAMPLE, type Statement } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import type { AuditScope } from './audit-writer.service';
import { AuditFilterDto } from './dto/audit.dto';

const COLUMNS = `id, seq, occurred_at, actor_type, actor_id, actor_email, impersonator, action, category, severity,
             resource_type, resource_id, changes, metadata, outcome, error_code, ip, user_agent, request_id, tenant_id, hash, previous_hash`;

/** An event as stored; `seq` is a bigint, which pg answers as a string. */
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

/** The chain's head (its last event) and anchor (where a purge left its start). */
export interface ChainHead {
  last_seq: string;
  last_hash: string;
  anchor_seq: string;
  anchor_hash: string;
}

const table = (scope: AuditScope) => (scope === 'platform' ? 'platform.audit_events' : 'audit_events');
const chain = (scope: AuditScope) => (scope === 'platform' ? 'platform.audit_chain' : 'audit_chain');

/** SQL conditions and parameters for a filter; parameters start at `$${offset + 1}`. */
function where(f: AuditFilterDto, offset = 0): { sql: string; params: unknown[] } {
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

/** Every filter at once, for the samples. */
const FULL_FILTER: AuditFilterDto = {
  actorId: SAMPLE.uuid,
  actorType: 'user',
  action: 'project.*',
  category: 'data',
  resourceType: 'project',
  resourceId: SAMPLE.uuid2,
  outcome: 'success',
  from: SAMPLE.date,
  to: SAMPLE.date,
  q: 'acme',
};

/** Far past any real event, so a sample append never meets one. */
const SAMPLE_SEQ = 1_000_000_000_000;

const PLATFORM = { name: 'platform', role: 'app' } as const;

/** The statement of AuditEventsRepository.append, for a caller that sends it itself (UnitOfWork.commitWith). */
export function appendStatement(scope: AuditScope, rows: unknown[][], seq: number, hash: string): Statement {
  const width = rows[0].length;
  const values = rows
    .map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`)
    .join(', ');
  const n = rows.length * width;
  const p = scope === 'platform' ? 'platform.' : '';
  return {
    sql: `
    WITH appended AS (
      INSERT INTO ${p}audit_events (id, seq, occurred_at, actor_type, actor_id, actor_email, impersonator, action, category, severity,
        resource_type, resource_id, changes, metadata, outcome, error_code, ip, user_agent, request_id, tenant_id, hash, previous_hash)
      VALUES ${values})
    UPDATE ${p}audit_chain SET last_seq = $${n + 1}, last_hash = $${n + 2}, updated_at = now()`,
    params: [...rows.flat(), seq, hash],
  };
}

/**
 * A hash-chained audit trail: the tenant's (`audit_events`, `audit_chain` in its schema) or the
 * platform's (`platform.audit_events`, `platform.audit_chain`).
 */
@Injectable()
export class AuditEventsRepository {
  /** The chain head, locked until the transaction ends: appends to one chain line up here. */
  @GenerateSql({ params: ['tenant'] }, { ...PLATFORM, params: ['platform'] })
  async lockHead(em: EntityManager, scope: AuditScope): Promise<{ last_seq: string; last_hash: string }> {
    const [head] = await em.query(`SELECT last_seq, last_hash FROM ${chain(scope)} FOR UPDATE`);
    return head;
  }

  /**
   * Appends events (rows of the 22 columns in their order) and moves the chain head to `seq` and
   * `hash` in one statement: the head stays locked until the commit, so every round trip saved
   * here is time other writers of this chain do not wait.
   */
  @GenerateSql(
    { params: ['tenant', [sampleEvent(SAMPLE_SEQ)], SAMPLE_SEQ, 'hash'] },
    { ...PLATFORM, params: ['platform', [sampleEvent(SAMPLE_SEQ)], SAMPLE_SEQ, 'hash'] },
  )
  async append(em: EntityManager, scope: AuditScope, rows: unknown[][], seq: number, hash: string): Promise<void> {
    const { sql, params } = appendStatement(scope, rows, seq, hash);
    await em.query(sql, params);
  }

  /** Matching events newest first, `limit` of them below `cursor` (a seq). */
  @GenerateSql(
    { params: ['tenant', {}, 51] },
    { name: 'every filter', params: ['tenant', FULL_FILTER, 51, '100'] },
    { ...PLATFORM, params: ['platform', {}, 51] },
  )
  page(em: EntityManager, scope: AuditScope, f: AuditFilterDto, limit: number, cursor?: string): Promise<AuditRow[]> {
    const w = where(f);
    const params = [...w.params];
    let sql = w.sql;
    if (cursor) {
      params.push(cursor);
      sql += `${sql ? ' AND' : 'WHERE'} seq < $${params.length}`;
    }
    params.push(limit);
    return em.query(
      `
      SELECT ${COLUMNS}
        FROM ${table(scope)} ${sql} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  @GenerateSql({ params: ['tenant', SAMPLE.uuid] }, { ...PLATFORM, params: ['platform', SAMPLE.uuid] })
  async findById(em: EntityManager, scope: AuditScope, id: string): Promise<AuditRow | undefined> {
    const [row] = await em.query(
      `
      SELECT ${COLUMNS}
        FROM ${table(scope)} WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** The highest seq in the trail (0 when it is empty). */
  @GenerateSql({ params: ['tenant'] }, { ...PLATFORM, params: ['platform'] })
  async topSeq(em: EntityManager, scope: AuditScope): Promise<number> {
    const [{ top }] = await em.query(`SELECT coalesce(max(seq), 0) AS top FROM ${table(scope)}`);
    return Number(top);
  }

  /** Matching events below `below` (a seq), newest first, `batch` of them: a keyset step of an export. */
  @GenerateSql({ params: ['tenant', {}, 100, 1000] }, { name: 'every filter', params: ['tenant', FULL_FILTER, 100, 1000] })
  batchBelow(em: EntityManager, scope: AuditScope, f: AuditFilterDto, below: number, batch: number): Promise<AuditRow[]> {
    const w = where(f, 2);
    return em.query(
      `
      SELECT ${COLUMNS}
        FROM ${table(scope)} ${w.sql ? `${w.sql} AND` : 'WHERE'} seq < $1 ORDER BY seq DESC LIMIT $2`,
      [below, batch, ...w.params],
    );
  }

  /** Events from seq `from` to `to`, in order, 1000 at most: a step of a verification. */
  @GenerateSql({ params: ['tenant', 1, 100] })
  range(em: EntityManager, scope: AuditScope, from: number, to: number): Promise<AuditRow[]> {
    return em.query(
      `
      SELECT ${COLUMNS}
        FROM ${table(scope)} WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT 1000`,
      [from, to],
    );
  }

  @GenerateSql({ params: ['tenant'] }, { ...PLATFORM, params: ['platform'] })
  async chainHead(em: EntityManager, scope: AuditScope): Promise<ChainHead> {
    const [head] = await em.query(`SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM ${chain(scope)}`);
    return head;
  }

  /** The last event past `seq`, if any. */
  @GenerateSql({ params: ['tenant', 100] })
  async lastAfter(em: EntityManager, scope: AuditScope, seq: number): Promise<{ id: string; seq: string } | undefined> {
    const [last] = await em.query(`SELECT id, seq FROM ${table(scope)} WHERE seq > $1 ORDER BY seq DESC LIMIT 1`, [seq]);
    return last;
  }

  /**
   * The search path of the transaction, and a new one for the rest of it (`set_config(…, true)`),
   * to append to another tenant's trail from a transaction that is not that tenant's.
   */
  @GenerateSql({ params: [] })
  async searchPath(em: EntityManager): Promise<string> {
    const [{ previous }] = await em.query(`SELECT current_setting('search_path') AS previous`);
    return previous;
  }

  @GenerateSql({ params: ({ schema }) => [schema] })
  async setSearchPath(em: EntityManager, path: string): Promise<void> {
    await em.query(`SELECT set_config('search_path', $1, true)`, [path]);
  }
}

/** One event's 22 column values, for the samples. */
function sampleEvent(seq: number): unknown[] {
  return [
    SAMPLE.uuid,
    seq,
    SAMPLE.date.toISOString(),
    'system',
    null,
    null,
    null,
    'audit.purged',
    'admin',
    'info',
    null,
    null,
    null,
    null,
    'success',
    null,
    null,
    null,
    null,
    null,
    'hash',
    'genesis',
  ];
}
