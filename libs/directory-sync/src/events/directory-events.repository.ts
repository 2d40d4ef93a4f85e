import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@stratum/tenancy';
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
  constructor(private readonly db: TenantDatabase) {}

  async insert(event: DirectoryEvent, em?: EntityManager): Promise<void> {
    await (em ?? (await this.db.manager())).query(
      `INSERT INTO directory_events (type, outcome, token_id, user_id, group_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [event.type, event.outcome, event.tokenId, event.userId ?? null, event.groupId ?? null, event.detail],
    );
  }

  async list(limit: number, before?: Date): Promise<DirectoryEventRow[]> {
    const em = await this.db.manager();
    return em.query(
      `SELECT id, occurred_at AS "occurredAt", type, outcome, token_id AS "tokenId", user_id AS "userId",
              group_id AS "groupId", detail
         FROM directory_events WHERE ($2::timestamptz IS NULL OR occurred_at < $2)
        ORDER BY occurred_at DESC, id DESC LIMIT $1`,
      [limit, before ?? null],
    );
  }
}
