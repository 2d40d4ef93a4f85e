import { Injectable } from '@nestjs/common';
import { affected, GenerateSql, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';

/** What webhook retention removes from a tenant's delivery history. */
@Injectable()
export class WebhookRetentionRepository {
  @GenerateSql({ params: [SAMPLE.date] })
  deleteAttemptsBefore(em: EntityManager, before: Date): Promise<number> {
    return affected(em, `DELETE FROM webhook_attempts WHERE attempted_at < $1`, [before]);
  }

  /** Messages older than `before` none of whose deliveries is still open (their deliveries go with them). */
  @GenerateSql({ params: [SAMPLE.date] })
  deleteMessagesBefore(em: EntityManager, before: Date): Promise<number> {
    return affected(
      em,
      `
      DELETE FROM webhook_messages m WHERE m.occurred_at < $1
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status IN ('pending', 'retrying'))`,
      [before],
    );
  }
}
