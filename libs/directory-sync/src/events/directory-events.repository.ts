import { Injectable } from '@nestjs/common';
import { GenerateSql, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';

export interface DirectoryEvent {
  type: string;
  outcome: 'success' | 'failure';
  tokenId: string | null;
  userId?: string | null;
  groupId?: string | null;
  detail: string;
}

export interface DirectoryEventRow extends Required<DirectoryEvent> {
  id: string;
  occurredAt: Date;
}

/** The log of what the directory changed (and what it was refused), in the tenant schema. */
@Injectable()
export class DirectoryEventsRepository {
  @GenerateSql({
    params: [{ type: 'user.provisioned', outcome: 'success', tokenId: SAMPLE.uuid, userId: SAMPLE.uuid2, detail: 'Created' }],
  })
  async insert(em: EntityManager, event: DirectoryEvent): Promise<void> {
    await em.query(
      `INSERT INTO directory_events (type, outcome, token_id, user_id, group_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [event.type, event.outcome, event.tokenId, event.userId ?? null, event.groupId ?? null, event.detail],
    );
  }

  /** The newest events first, those before `before` when given. */
  @GenerateSql({ params: [50, SAMPLE.date] })
  async list(em: EntityManager, limit: number, before?: Date): Promise<DirectoryEventRow[]> {
    return em.query(
      `SELECT id, occurred_at AS "occurredAt", type, outcome, token_id AS "tokenId", user_id AS "userId",
              group_id AS "groupId", detail
         FROM directory_events WHERE ($2::timestamptz IS NULL OR occurred_at < $2)
        ORDER BY occurred_at DESC, id DESC LIMIT $1`,
      [limit, before ?? null],
    );
  }
}
