import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@stratum/common';
import { GenerateSql, rows, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';
import { sampleEndpoint } from '../delivery/webhook-deliveries.repository';

/** A delivery to hand to the queue. */
export interface DeliveryToQueue {
  id: string;
  endpoint_id: string;
  run: number;
}

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
    { params: [SAMPLE.uuid, 'project.created', ['project.created', 'project.*', '*'], { id: SAMPLE.uuid2 }] },
    {
      name: 'in another schema',
      role: 'app',
      params: ({ schema }) => [
        SAMPLE.uuid,
        'project.created',
        ['project.created', 'project.*', '*'],
        { id: SAMPLE.uuid2 },
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
    schema?: string,
  ): Promise<boolean> {
    const p = schema ? `${quoteIdent(schema)}.` : '';
    const written: unknown[] = await em.query(
      `
      WITH subscribed AS (
        SELECT id FROM ${p}webhook_endpoints WHERE enabled AND event_types && $3::text[]
      ), message AS (
        INSERT INTO ${p}webhook_messages (id, event_type, data)
        SELECT $1::uuid, $2::text, $4::jsonb WHERE EXISTS (SELECT 1 FROM subscribed)
        RETURNING id
      )
      INSERT INTO ${p}webhook_deliveries (message_id, endpoint_id)
      SELECT message.id, subscribed.id FROM message CROSS JOIN subscribed
      RETURNING 1`,
      [id, type, selectors, JSON.stringify(data)],
    );
    return written.length > 0;
  }

  /** Writes a message for exactly these endpoints, whatever they subscribe to (the test event). */
  @GenerateSql({
    params: async ({ em }) => {
      const endpoint = await sampleEndpoint(em);
      return [SAMPLE.uuid, [endpoint], 'webhook.test', { endpointId: endpoint }];
    },
  })
  async writeTo(
    em: EntityManager,
    id: string,
    endpointIds: string[],
    type: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await em.query(`INSERT INTO webhook_messages (id, event_type, data) VALUES ($1, $2, $3)`, [id, type, JSON.stringify(data)]);
    await em.query(`INSERT INTO webhook_deliveries (message_id, endpoint_id) SELECT $1, unnest($2::uuid[])`, [id, endpointIds]);
  }

  /** Open deliveries not yet handed to the queue, oldest first. */
  @GenerateSql({ params: [500] })
  unqueued(em: EntityManager, limit: number): Promise<DeliveryToQueue[]> {
    return rows<DeliveryToQueue>(
      em,
      `
      SELECT id, endpoint_id, run FROM webhook_deliveries
       WHERE enqueued_at IS NULL AND status IN ('pending', 'retrying')
       ORDER BY created_at LIMIT $1`,
      [limit],
    );
  }

  /** Open deliveries overdue by more than `afterSeconds` (their signal or their job was lost), most overdue first. */
  @GenerateSql({ params: [60, 1000] })
  overdue(em: EntityManager, afterSeconds: number, limit: number): Promise<DeliveryToQueue[]> {
    return rows<DeliveryToQueue>(
      em,
      `
      SELECT id, endpoint_id, run FROM webhook_deliveries
       WHERE ${OVERDUE('')}
       ORDER BY next_attempt_at LIMIT $2`,
      [afterSeconds, limit],
    );
  }
}
