import { Injectable } from '@nestjs/common';
import { Page, paginate } from '@stratum/common';
import { GenerateSql, rows, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { WebhookMessage } from './webhook-message.entity';

/** A message's delivery to one endpoint, with whether that endpoint is enabled. */
export interface DeliveryRow {
  id: string;
  message_id: string;
  endpoint_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  completed_at: Date | null;
  enabled: boolean;
}

export interface AttemptRow {
  id: string;
  endpoint_id: string;
  run: number;
  attempt: number;
  attempted_at: Date;
  outcome: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export interface MessageFilter {
  eventType?: string;
  endpointId?: string;
  status?: string;
}

/** The tenant's delivery log: messages, their deliveries and attempts. */
@Injectable()
export class MessagesRepository {
  /** Messages newest first, a keyset page at a time. */
  @GenerateSql(
    { params: [{}, 20] },
    { name: 'filtered', params: [{ eventType: 'project.created', endpointId: SAMPLE.uuid, status: 'dead' }, 20] },
  )
  page(em: EntityManager, filter: MessageFilter, limit: number, cursor?: string): Promise<Page<WebhookMessage>> {
    const qb = em.getRepository(WebhookMessage).createQueryBuilder('m');
    if (filter.eventType) qb.andWhere('m.event_type = :eventType', { eventType: filter.eventType });
    if (filter.endpointId || filter.status) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id
                    ${filter.endpointId ? 'AND d.endpoint_id = :endpointId' : ''} ${filter.status ? 'AND d.status = :status' : ''})`,
        { endpointId: filter.endpointId, status: filter.status },
      );
    }
    return paginate(qb, { property: 'occurredAt', column: 'occurred_at', direction: 'DESC' }, limit, cursor);
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  findById(em: EntityManager, id: string): Promise<WebhookMessage | null> {
    return em.getRepository(WebhookMessage).findOneBy({ id });
  }

  @GenerateSql({ params: [SAMPLE.uuid] })
  exists(em: EntityManager, id: string): Promise<boolean> {
    return em.getRepository(WebhookMessage).existsBy({ id });
  }

  /** The deliveries of the messages, in the order they were made. */
  @GenerateSql({ params: [[SAMPLE.uuid]] })
  deliveriesOf(em: EntityManager, messageIds: string[]): Promise<DeliveryRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return rows<DeliveryRow>(
      em,
      `
      SELECT d.id, d.message_id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at,
             d.last_status_code, d.last_error, d.completed_at, e.enabled
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.message_id = ANY($1) ORDER BY d.created_at, d.endpoint_id`,
      [messageIds],
    );
  }

  /** Every attempt to deliver the message (to one endpoint, or to all when null), oldest first. */
  @GenerateSql({ params: [SAMPLE.uuid, null] })
  attempts(em: EntityManager, messageId: string, endpointId: string | null): Promise<AttemptRow[]> {
    return rows<AttemptRow>(
      em,
      `
      SELECT a.id, d.endpoint_id, a.run, a.attempt, a.attempted_at, a.outcome, a.status_code, a.latency_ms, a.error, a.response_excerpt
        FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
       WHERE d.message_id = $1 AND ($2::uuid IS NULL OR d.endpoint_id = $2)
       ORDER BY a.attempted_at, a.id LIMIT 1000`,
      [messageId, endpointId],
    );
  }
}
