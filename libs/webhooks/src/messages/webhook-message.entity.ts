// Tenant schema.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The outbox: one row per domain event some endpoint subscribed to, written in the transaction
 * of the change. Its id is the `webhook-id` every endpoint receives, the same on every attempt.
 */
@Entity({ name: 'webhook_messages' })
export class WebhookMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  eventType: string;

  @Column('jsonb')
  data: Record<string, unknown>;

  @Column('timestamptz')
  occurredAt: Date;
}

/** What a message's delivery to one endpoint has come to. */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The JSON body every endpoint receives for a message. */
export function messageBody(message: Pick<WebhookMessage, 'eventType' | 'data' | 'occurredAt'>): string {
  return JSON.stringify({ type: message.eventType, timestamp: message.occurredAt.toISOString(), data: message.data });
}
