import { Injectable } from '@nestjs/common';
import { affected, GenerateSql, rows, SAMPLE } from '@stratum/database';
import type { EntityManager } from 'typeorm';

/** A delivery claimed for an attempt, with its endpoint and message. */
export interface ClaimedDelivery {
  id: string;
  run: number;
  attempts: number;
  message_id: string;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  event_type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/** One attempt as the log records it. */
export interface AttemptRecord {
  deliveryId: string;
  run: number;
  attempt: number;
  attemptedAt: Date;
  outcome: 'succeeded' | 'failed' | 'refused';
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

const SAMPLE_ATTEMPT: AttemptRecord = {
  deliveryId: SAMPLE.uuid,
  run: 1,
  attempt: 1,
  attemptedAt: SAMPLE.date,
  outcome: 'failed',
  statusCode: 500,
  latencyMs: 12,
  error: 'HTTP 500',
  responseExcerpt: 'oops',
};

const LOG_ATTEMPT = `INSERT INTO webhook_attempts (delivery_id, run, attempt, attempted_at, outcome, status_code, latency_ms, error, response_excerpt)
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/**
 * The deliveries ($1 ids, $2 runs) locked in the order of their ids. Statements that change many
 * deliveries at once (a batch of claims, of successes, the relay marking rows queued) lock them
 * in one order, so two of them never wait for each other in a circle (a deadlock, which would fail
 * a whole batch).
 */
const LOCK_IN_ORDER = `
        SELECT d.id, d.run FROM webhook_deliveries d JOIN unnest($1::uuid[], $2::int[]) AS w(id, run) ON d.id = w.id AND d.run = w.run
         ORDER BY d.id FOR UPDATE OF d`;

const attemptParams = (a: AttemptRecord, endpointId: string) => [
  a.deliveryId,
  a.run,
  a.attempt,
  a.attemptedAt,
  a.outcome,
  a.statusCode,
  a.latencyMs,
  a.error,
  a.responseExcerpt,
  endpointId,
];

/** The tenant's webhook deliveries (one row per message and endpoint, `run` counting manual retries) and their attempt log. */
@Injectable()
export class WebhookDeliveriesRepository {
  /**
   * Claims open deliveries for an attempt each under a lease (`locked_until`), counting the
   * attempt, in one statement for a batch of concurrent attempts; answers the rows claimed (a
   * delivery not due, settled, or held by another attempt is left out).
   */
  @GenerateSql({ params: [[{ id: SAMPLE.uuid, run: 1 }], 8] })
  claim(em: EntityManager, deliveries: { id: string; run: number }[], leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return rows<ClaimedDelivery>(
      em,
      `
      WITH q AS (${LOCK_IN_ORDER})
      UPDATE webhook_deliveries d
         SET locked_until = now() + make_interval(secs => $3), attempts = d.attempts + 1, last_attempt_at = now()
        FROM q, webhook_endpoints e, webhook_messages m
       WHERE d.id = q.id AND d.run = q.run AND d.status IN ('pending', 'retrying')
         AND (d.locked_until IS NULL OR d.locked_until < now())
         AND e.id = d.endpoint_id AND m.id = d.message_id
      RETURNING d.id, d.run, d.attempts, d.message_id, d.endpoint_id, e.url, e.enabled, e.secret, e.previous_secret,
                e.previous_secret_expires_at, m.event_type, m.data, m.occurred_at`,
      [deliveries.map((d) => d.id), deliveries.map((d) => d.run), leaseSeconds],
    );
  }

  /** Milliseconds until the open delivery's claim runs out, or null when it is not claimed (or not open). */
  @GenerateSql({ params: [SAMPLE.uuid, 1] })
  async lockedFor(em: EntityManager, id: string, run: number): Promise<number | null> {
    const [row] = await rows<{ ms: number }>(
      em,
      `
      SELECT ceil(extract(epoch FROM locked_until - now()) * 1000)::int AS ms FROM webhook_deliveries
       WHERE id = $1 AND run = $2 AND status IN ('pending', 'retrying') AND locked_until > now()`,
      [id, run],
    );
    return row ? Math.max(0, row.ms) : null;
  }

  /** Extends the claim of an attempt still running. */
  @GenerateSql({ params: [SAMPLE.uuid, 1, 8] })
  async renewClaim(em: EntityManager, id: string, run: number, leaseSeconds: number): Promise<void> {
    await em.query(
      `
      UPDATE webhook_deliveries SET locked_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND run = $2 AND locked_until IS NOT NULL`,
      [id, run, leaseSeconds],
    );
  }

  /**
   * One round trip for a batch of successful attempts: each attempt logged, its delivery closed,
   * and its endpoint's run of failures ended.
   */
  @GenerateSql({
    params: async ({ em }) => [
      [
        {
          attempt: {
            ...SAMPLE_ATTEMPT,
            deliveryId: await sampleDelivery(em),
            outcome: 'succeeded',
            statusCode: 200,
            error: null,
          },
          endpointId: SAMPLE.uuid2,
        },
      ],
    ],
  })
  async succeeded(em: EntityManager, attempts: { attempt: AttemptRecord; endpointId: string }[]): Promise<void> {
    const column = <T>(f: (a: AttemptRecord) => T) => attempts.map((a) => f(a.attempt));
    await em.query(
      `
      WITH q AS (
             SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::uuid[])
                 AS q(delivery_id, run, attempt, attempted_at, status_code, latency_ms, response_excerpt, endpoint_id)),
           locked AS (SELECT d.id FROM webhook_deliveries d JOIN q ON d.id = q.delivery_id AND d.run = q.run ORDER BY d.id FOR UPDATE OF d),
           attempt AS (
             INSERT INTO webhook_attempts (delivery_id, run, attempt, attempted_at, outcome, status_code, latency_ms, error, response_excerpt)
             SELECT delivery_id, run, attempt, attempted_at, 'succeeded', status_code, latency_ms, NULL, response_excerpt FROM q),
           delivery AS (
             UPDATE webhook_deliveries d
                SET status = 'succeeded', completed_at = now(), locked_until = NULL, last_error = NULL, last_status_code = q.status_code
               FROM q JOIN locked ON locked.id = q.delivery_id
              WHERE d.id = q.delivery_id AND d.run = q.run)
      UPDATE webhook_endpoints SET failing_since = NULL WHERE id IN (SELECT endpoint_id FROM q) AND failing_since IS NOT NULL`,
      [
        column((a) => a.deliveryId),
        column((a) => a.run),
        column((a) => a.attempt),
        column((a) => a.attemptedAt),
        column((a) => a.statusCode),
        column((a) => a.latencyMs),
        column((a) => a.responseExcerpt),
        attempts.map((a) => a.endpointId),
      ],
    );
  }

  /** Logs a failed attempt and answers since when the endpoint has been failing (undefined when it is gone). */
  @GenerateSql({ params: async ({ em }) => [{ ...SAMPLE_ATTEMPT, deliveryId: await sampleDelivery(em) }, SAMPLE.uuid2] })
  async failed(em: EntityManager, attempt: AttemptRecord, endpointId: string): Promise<Date | undefined> {
    const [endpoint] = await rows<{ failing_since: Date }>(
      em,
      `
      WITH attempt AS (${LOG_ATTEMPT})
      UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $4) WHERE id = $10 RETURNING failing_since`,
      attemptParams(attempt, endpointId),
    );
    return endpoint?.failing_since;
  }

  /** Schedules the next attempt `delaySeconds` from now and releases the claim. */
  @GenerateSql({ params: [SAMPLE.uuid, 1, 30, 500, 'HTTP 500'] })
  async retryLater(
    em: EntityManager,
    id: string,
    run: number,
    delaySeconds: number,
    statusCode: number | null,
    error: string,
  ): Promise<void> {
    await em.query(
      `
      UPDATE webhook_deliveries
         SET status = 'retrying', next_attempt_at = now() + make_interval(secs => $3), locked_until = NULL,
             last_status_code = $4, last_error = $5
       WHERE id = $1 AND run = $2`,
      [id, run, delaySeconds, statusCode, error],
    );
  }

  /** Ends the delivery (this run of it). */
  @GenerateSql({ params: [SAMPLE.uuid, 1, 'dead', 'HTTP 500', 500] })
  async close(
    em: EntityManager,
    id: string,
    run: number,
    status: 'succeeded' | 'dead',
    error: string | null,
    statusCode: number | null,
  ): Promise<void> {
    await em.query(
      `
      UPDATE webhook_deliveries
         SET status = $3, completed_at = now(), locked_until = NULL, last_error = $4, last_status_code = coalesce($5, last_status_code)
       WHERE id = $1 AND run = $2`,
      [id, run, status, error, statusCode],
    );
  }

  /** Gives a claimed delivery back after an unexpected error, uncounted. */
  @GenerateSql({ params: [SAMPLE.uuid, 1] })
  async unlock(em: EntityManager, id: string, run: number): Promise<void> {
    await em.query(`UPDATE webhook_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1 AND run = $2`, [
      id,
      run,
    ]);
  }

  /** Dead-letters the open deliveries of a disabled endpoint (recoverable once it is enabled again). */
  @GenerateSql({ params: [SAMPLE.uuid, 'the endpoint was disabled by a user'] })
  async closeOpenOfEndpoint(em: EntityManager, endpointId: string, reason: string): Promise<void> {
    await em.query(
      `
      UPDATE webhook_deliveries SET status = 'dead', completed_at = now(), locked_until = NULL, last_error = $2
       WHERE endpoint_id = $1 AND status IN ('pending', 'retrying')`,
      [endpointId, reason],
    );
  }

  /** Marks the deliveries (this run of each) as handed to the queue. */
  @GenerateSql({ params: [[{ id: SAMPLE.uuid, run: 1 }]] })
  async markEnqueued(em: EntityManager, deliveries: { id: string; run: number }[]): Promise<void> {
    await em.query(
      `
      WITH q AS (${LOCK_IN_ORDER})
      UPDATE webhook_deliveries d SET enqueued_at = now() FROM q WHERE d.id = q.id AND d.run = q.run`,
      [deliveries.map((d) => d.id), deliveries.map((d) => d.run)],
    );
  }

  /** Starts a new run of every delivery dead-lettered at the endpoint since `since`; answers how many. */
  @GenerateSql({ params: [SAMPLE.uuid, SAMPLE.date] })
  restartDeadOfEndpoint(em: EntityManager, endpointId: string, since: Date): Promise<number> {
    return affected(
      em,
      `
      UPDATE webhook_deliveries
         SET status = 'pending', run = run + 1, attempts = 0, next_attempt_at = now(), enqueued_at = NULL,
             locked_until = NULL, completed_at = NULL, last_error = NULL
       WHERE endpoint_id = $1 AND status = 'dead' AND created_at >= $2`,
      [endpointId, since],
    );
  }

  /** Starts a new run of each delivery, with the full schedule. */
  @GenerateSql({ params: [[SAMPLE.uuid]] })
  async restart(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(
      `
      UPDATE webhook_deliveries
         SET status = 'pending', run = run + 1, attempts = 0, next_attempt_at = now(), enqueued_at = NULL,
             locked_until = NULL, completed_at = NULL, last_error = NULL
       WHERE id = ANY($1)`,
      [ids],
    );
  }
}

/** An endpoint for samples that need one (its row lives only in the sample's transaction). */
export async function sampleEndpoint(em: EntityManager): Promise<string> {
  await em.query(
    `INSERT INTO webhook_endpoints (id, url, event_types, secret) VALUES ($1, 'https://example.com/hook', '{*}', 'sealed')`,
    [SAMPLE.uuid2],
  );
  return SAMPLE.uuid2;
}

/** A message delivered to the sample endpoint, for samples that need a delivery; answers the delivery's id. */
export async function sampleDelivery(em: EntityManager): Promise<string> {
  const endpoint = await sampleEndpoint(em);
  await em.query(`INSERT INTO webhook_messages (id, event_type, data) VALUES ($1, 'webhook.test', '{}')`, [SAMPLE.uuid]);
  await em.query(`INSERT INTO webhook_deliveries (id, message_id, endpoint_id) VALUES ($1, $1, $2)`, [SAMPLE.uuid, endpoint]);
  return SAMPLE.uuid;
}
