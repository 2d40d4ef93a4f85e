import { Injectable } from '@nestjs/common';
import { AuditNotes, DomainError, Page } from '@stratum/common';
import { TenantContext, TenantDatabase } from '@stratum/tenancy';
import type { EntityManager } from 'typeorm';
import { WebhookDeliveriesRepository } from '../delivery/webhook-deliveries.repository';
import { OutboxDomainEvents } from '../outbox/outbox-domain-events';
import { ListWebhookMessagesQueryDto, WebhookAttemptDto, WebhookDeliveryDto, WebhookMessageDto } from './dto/message.dto';
import { DeliveryRow, MessagesRepository } from './messages.repository';
import { WebhookMessage } from './webhook-message.entity';

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
    private readonly messages: MessagesRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async list(query: ListWebhookMessagesQueryDto): Promise<Page<WebhookMessageDto>> {
    const em = await this.db.manager();
    const page = await this.messages.page(
      em,
      { eventType: query.eventType, endpointId: query.endpointId, status: query.status },
      query.limit ?? 20,
      query.cursor,
    );
    return { items: await this.withDeliveries(em, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<WebhookMessageDto> {
    const em = await this.db.manager();
    const message = await this.messages.findById(em, id);
    if (!message) throw DomainError.notFound('Webhook message');
    return (await this.withDeliveries(em, [message]))[0];
  }

  /** Every attempt to deliver the message, oldest first. */
  async attempts(id: string, endpointId?: string): Promise<WebhookAttemptDto[]> {
    const em = await this.db.manager();
    if (!(await this.messages.exists(em, id))) throw DomainError.notFound('Webhook message');
    const found = await this.messages.attempts(em, id, endpointId ?? null);
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
    const deliveries = await this.messages.deliveriesOf(em, [id]);
    if (!deliveries.length && !(await this.messages.exists(em, id))) {
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
    await this.deliveries.restart(
      em,
      chosen.map((d) => d.id),
    );
    this.outbox.relayAfterCommit(em, this.tenant.get().id);
    this.notes.describe({ metadata: { endpointIds: chosen.map((d) => d.endpoint_id) } });
    return this.get(id);
  }

  private async withDeliveries(em: EntityManager, messages: WebhookMessage[]): Promise<WebhookMessageDto[]> {
    const deliveries = await this.messages.deliveriesOf(
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
}
