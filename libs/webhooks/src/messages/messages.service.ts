import { Injectable } from '@nestjs/common';
import { AuditNotes, DomainError, Page, paginate } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { OutboxDomainEvents } from '../outbox/outbox-domain-events';
import { rows } from '../sql';
import { ListWebhookMessagesQueryDto, WebhookAttemptDto, WebhookDeliveryDto, WebhookMessageDto } from './dto/message.dto';
import { WebhookMessage } from './webhook-message.entity';

interface DeliveryRow {
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

const toDelivery = (d: DeliveryRow): WebhookDeliveryDto => ({
  endpointId: d.endpoint_id,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.next_attempt_at : null,
  lastAttemptAt: d.last_attempt_at,
  lastStatusCode: d.last_status_code,
  lastError: d.last_error,
  completedAt: d.completed_at,
});

/** The delivery log of the tenant in context: messages, their status per endpoint, attempts, and retries. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly outbox: OutboxDomainEvents,
    private readonly notes: AuditNotes,
  ) {}

  async list(query: ListWebhookMessagesQueryDto): Promise<Page<WebhookMessageDto>> {
    const em = await this.db.manager();
    const qb = em.getRepository(WebhookMessage).createQueryBuilder('m');
    if (query.eventType) qb.andWhere('m.event_type = :eventType', { eventType: query.eventType });
    if (query.endpointId || query.status) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id
                    ${query.endpointId ? 'AND d.endpoint_id = :endpointId' : ''} ${query.status ? 'AND d.status = :status' : ''})`,
        { endpointId: query.endpointId, status: query.status },
      );
    }
    const page = await paginate(
      qb,
      { property: 'occurredAt', column: 'occurred_at', direction: 'DESC' },
      query.limit ?? 20,
      query.cursor,
    );
    return { items: await this.withDeliveries(em, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<WebhookMessageDto> {
    const em = await this.db.manager();
    const message = await em.getRepository(WebhookMessage).findOneBy({ id });
    if (!message) throw DomainError.notFound('Webhook message');
    return (await this.withDeliveries(em, [message]))[0];
  }

  /** Every attempt to deliver the message, oldest first. */
  async attempts(id: string, endpointId?: string): Promise<WebhookAttemptDto[]> {
    const em = await this.db.manager();
    if (!(await em.getRepository(WebhookMessage).existsBy({ id }))) throw DomainError.notFound('Webhook message');
    const found = await rows<{
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
    }>(
      em,
      `SELECT a.id, d.endpoint_id, a.run, a.attempt, a.attempted_at, a.outcome, a.status_code, a.latency_ms, a.error, a.response_excerpt
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE d.message_id = $1 AND ($2::uuid IS NULL OR d.endpoint_id = $2)
        ORDER BY a.attempted_at, a.id LIMIT 1000`,
      [id, endpointId ?? null],
    );
    return found.map((a) => ({
      id: a.id,
      endpointId: a.endpoint_id,
      run: a.run,
      attempt: a.attempt,
      attemptedAt: a.attempted_at,
      outcome: a.outcome,
      statusCode: a.status_code,
      latencyMs: a.latency_ms,
      error: a.error,
      responseExcerpt: a.response_excerpt,
    }));
  }

  /**
   * Sends the message again: to `endpointId` whatever became of it there (unless an attempt is
   * still to come), else to every endpoint where it was dead-lettered. Each starts a new run
   * with the full schedule; `webhook-id` stays the same.
   */
  async retry(id: string, endpointId?: string): Promise<WebhookMessageDto> {
    const em = await this.db.manager();
    const deliveries = await this.deliveriesOf(em, [id]);
    if (!deliveries.length && !(await em.getRepository(WebhookMessage).existsBy({ id }))) {
      throw DomainError.notFound('Webhook message');
    }
    let chosen: DeliveryRow[];
    if (endpointId) {
      const one = deliveries.find((d) => d.endpoint_id === endpointId);
      if (!one) throw DomainError.notFound('Delivery of this message to that endpoint');
      if (one.status === 'pending' || one.status === 'retrying') {
        throw new DomainError('INVALID_STATE', 'An attempt to that endpoint is still to come');
      }
      if (!one.enabled) throw new DomainError('INVALID_STATE', 'The endpoint is disabled; enable it first');
      chosen = [one];
    } else {
      chosen = deliveries.filter((d) => d.status === 'dead' && d.enabled);
      if (!chosen.length) throw new DomainError('INVALID_STATE', 'No delivery of this message to an enabled endpoint failed');
    }
    await em.query(
      `UPDATE webhook_deliveries
          SET status = 'pending', run = run + 1, attempts = 0, next_attempt_at = now(), enqueued_at = NULL,
              locked_until = NULL, completed_at = NULL, last_error = NULL
        WHERE id = ANY($1)`,
      [chosen.map((d) => d.id)],
    );
    this.outbox.relayAfterCommit(em, this.tenant.get().id);
    this.notes.describe({ metadata: { endpointIds: chosen.map((d) => d.endpoint_id) } });
    return this.get(id);
  }

  private async withDeliveries(em: EntityManager, messages: WebhookMessage[]): Promise<WebhookMessageDto[]> {
    const deliveries = await this.deliveriesOf(
      em,
      messages.map((m) => m.id),
    );
    return messages.map((m) => ({
      id: m.id,
      eventType: m.eventType,
      occurredAt: m.occurredAt,
      data: m.data,
      deliveries: deliveries.filter((d) => d.message_id === m.id).map(toDelivery),
    }));
  }

  private deliveriesOf(em: EntityManager, messageIds: string[]): Promise<DeliveryRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return rows<DeliveryRow>(
      em,
      `SELECT d.id, d.message_id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at,
              d.last_status_code, d.last_error, d.completed_at, e.enabled
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.message_id = ANY($1) ORDER BY d.created_at, d.endpoint_id`,
      [messageIds],
    );
  }
}
