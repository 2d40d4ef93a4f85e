import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { GenerateSql, rows, SAMPLE } from '@stratum/database';
import type { TraceCarrier } from '@stratum/tracing';
import type { EntityManager } from 'typeorm';
import type { QueuedDelivery } from '../delivery/delivery-queue';
import { sampleEndpoint } from '../delivery/webhook-deliveries.repository';

/** A delivery to hand to the queue, with the trace its message was written in. */
export interface DeliveryToQueue {
  id: string;
  endpoint_id: string;
  run: number;
  trace_context: TraceCarrier | null;
}

export const toQueued = (r: DeliveryToQueue): QueuedDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  run: r.run,
  traceContext: r.trace_context ?? undefined,
});

const SAMPLE_TRACE: TraceCarrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

/** Open deliveries overdue by more than $1 seconds and not being attempted right now (`p`: a table alias with its dot). */
export const OVERDUE = (p: string) =>
  `${p}status IN ('pending', 'retrying') AND ${p}next_attempt_at < now() - make_interval(secs => $1)
       AND (${p}locked_until IS NULL OR ${p}locked_until < now())`;

/** The tenant's outbox: messages and their deliveries, written with the change and read by the relay and the sweeper. */
@Injectable()
export class OutboxRepository {
  /**
   * Writes a message and one delivery per enabled endpoint subscribed to any of `selectors`, in
   * one statement (nothing when no endpoint wants it); answers whether it wrote anything.
   * `schema` names the tenant's schema when the caller's transaction is not the tenant's own.
   */
  @GenerateSql(
    { params: [SAMPLE.uuid, 'project.created', ['project.created', 'project.*', '*'], { id: SAMPLE.uuid2 }, SAMPLE_TRACE] },
    {
      name: 'in another schema',
      role: 'app',
      params: ({ schema }) => [
        SAMPLE.uuid,
        'project.created',
        ['project.created', 'project.*', '*'],
        { id: SAMPLE.uuid2 },
        SAMPLE_TRACE,
        schema,
      ],
    },
  )
  async write(
    em: EntityManager,
    id: string,
    type: string,
    selectors: string[],
    data: Record<string, unknown>,
    traceContext: TraceCarrier | undefined,
    schema?: string,
  ): Promise<boolean> {
    const p = schema ? `${quoteIdent(schema)}.` : '';
    const written: unknown[] = await em.query(
      `
      WITH subscribed AS (
        SELECT id FROM ${p}webhook_endpoints WHERE enabled AND event_types && $3::text[]
      ), message AS (
        INSERT INTO ${p}webhook_messages (id, event_type, data, trace_context)
        SELECT $1::uuid, $2::text, $4::jsonb, $5::jsonb WHERE EXISTS (SELECT 1 FROM subscribed)
        RETURNING id
      )
      INSERT INTO ${p}webhook_deliveries (message_id, endpoint_id)
      SELECT message.id, subscribed.id FROM message CROSS JOIN subscribed
      RETURNING 1`,
      [id, type, selectors, JSON.stringify(data), traceContext ? JSON.stringify(traceContext) : null],
    );
    return written.length > 0;
  }

  /** Writes a message for exactly these endpoints, whatever they subscribe to (the test event). */
  @GenerateSql({
    params: async ({ em }) => {
      const endpoint = await sampleEndpoint(em);
      return [SAMPLE.uuid, [endpoint], 'webhook.test', { endpointId: endpoint }, SAMPLE_TRACE];
    },
  })
  async writeTo(
    em: EntityManager,
    id: string,
    endpointIds: string[],
    type: string,
    data: Record<string, unknown>,
    traceContext: TraceCarrier | undefined,
  ): Promise<void> {
    await em.query(`INSERT INTO webhook_messages (id, event_type, data, trace_context) VALUES ($1, $2, $3, $4)`, [
      id,
      type,
      JSON.stringify(data),
      traceContext ? JSON.stringify(traceContext) : null,
    ]);
    await em.query(`INSERT INTO webhook_deliveries (message_id, endpoint_id) SELECT $1, unnest($2::uuid[])`, [id, endpointIds]);
  }

  /** Open deliveries not yet handed to the queue, oldest first. */
  @GenerateSql({ params: [500] })
  unqueued(em: EntityManager, limit: number): Promise<DeliveryToQueue[]> {
    return rows<DeliveryToQueue>(
      em,
      `
      SELECT d.id, d.endpoint_id, d.run, m.trace_context
        FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
       WHERE d.enqueued_at IS NULL AND d.status IN ('pending', 'retrying')
       ORDER BY d.created_at LIMIT $1`,
      [limit],
    );
  }

  /** Open deliveries overdue by more than `afterSeconds` (their signal or their job was lost), most overdue first. */
  @GenerateSql({ params: [60, 1000] })
  overdue(em: EntityManager, afterSeconds: number, limit: number): Promise<DeliveryToQueue[]> {
    return rows<DeliveryToQueue>(
      em,
      `
      SELECT d.id, d.endpoint_id, d.run, m.trace_context
        FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
       WHERE ${OVERDUE('d.')}
       ORDER BY d.next_attempt_at LIMIT $2`,
      [afterSeconds, limit],
    );
  }
}
