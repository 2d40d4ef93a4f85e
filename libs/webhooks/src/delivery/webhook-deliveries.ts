import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OutboundPolicy, resolveTarget, UrlRefused } from '@stratum/common';
import { WebhookSettings } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import { PlanEnforcer } from '@stratum/entitlements';
import type { EntityManager } from 'typeorm';
import { EndpointSecrets } from '../endpoints/endpoint-secrets';
import { messageBody } from '../messages/webhook-message.entity';
import type { DeliveryJob } from './delivery-queue';
import { EndpointDisabler } from './endpoint-disabler';
import { DELIVERY_LEASE_MS, DELIVERY_LEASE_RENEW_MS, EndpointSlots, Slot } from './endpoint-slots';
import { SendResult, USER_AGENT, WebhookSender } from './http-sender';
import { NextStep, nextStep } from './retry-policy';
import { TenantBatches } from './tenant-batches';
import { signatureHeader } from './signature';
import { AttemptRecord, ClaimedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** How long a job waits for a slot of its endpoint before it steps aside (back to the delayed set). */
const SLOT_WAIT_MS = 100;
/** How long a job whose endpoint has no slot for it waits in the delayed set before it tries again. */
const busyWait = () => 300 + Math.floor(Math.random() * 500);
/** The most claims, or successful attempts, one statement carries. */
const MAX_BATCH = 256;

/** What became of a delivery job; the processor turns it into BullMQ's terms. */
export type AttemptResult =
  | { kind: 'busy'; waitMs: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'succeeded' }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'dead'; reason: string };

interface Sent extends SendResult {
  attemptedAt: Date;
  outcome: 'succeeded' | 'failed' | 'refused';
}

/**
 * One delivery attempt: claim the delivery (its row is locked for the attempt by a lease, so two
 * jobs never send it at once), take a slot of the endpoint, check the target again (DNS
 * resolved now, every address public unless loopback is allowed, the connection made to the
 * checked address), POST the signed message, and record the attempt and what follows: success,
 * a retry after the scheduled delay (or Retry-After), dead-lettering after the last attempt, or
 * disabling the endpoint (410 Gone, or every attempt failing for WEBHOOK_DISABLE_AFTER_MS).
 */
@Injectable()
export class WebhookDeliveries implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveries.name);
  private readonly sender = new WebhookSender();
  private readonly policy: OutboundPolicy;
  private readonly delays: number[];
  private readonly outcomes = new Map<string, number>();
  private flushTimer?: NodeJS.Timeout;
  /** Concurrent attempts of a tenant claim their deliveries together, and record their successes together. */
  private readonly claims: TenantBatches<{ id: string; run: number }, ClaimedDelivery | undefined>;
  private readonly successes: TenantBatches<{ attempt: AttemptRecord; endpointId: string }, undefined>;

  constructor(
    private readonly config: WebhookSettings,
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly plans: PlanEnforcer,
    private readonly slots: EndpointSlots,
    private readonly secrets: EndpointSecrets,
    private readonly disabler: EndpointDisabler,
    private readonly redis: RedisService,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {
    this.policy = { requireHttps: config.isProduction, allowLoopback: config.WEBHOOKS_ALLOW_LOOPBACK };
    this.delays = config.webhookRetryDelays;
    this.claims = new TenantBatches(
      (tenant, wanted) =>
        this.db.run(tenant, async (em) => {
          // A delivery asked for twice (a job run twice at once) is claimed once, for the first asker.
          const claimed = await this.deliveries.claim(em, wanted, DELIVERY_LEASE_MS / 1000);
          const byKey = new Map(claimed.map((d) => [`${d.id}.${d.run}`, d]));
          return wanted.map((w) => {
            const key = `${w.id}.${w.run}`;
            const d = byKey.get(key);
            byKey.delete(key);
            return d;
          });
        }),
      MAX_BATCH,
    );
    this.successes = new TenantBatches(async (tenant, attempts) => {
      await this.db.run(tenant, (em) => this.deliveries.succeeded(em, attempts));
      return attempts.map(() => undefined);
    }, MAX_BATCH);
  }

  async attempt(job: DeliveryJob): Promise<AttemptResult> {
    const tenant = await this.registry.find(job.tenantId);
    // A suspended tenant's deliveries wait; the sweeper queues them again once it is active.
    if (!tenant || tenant.status !== 'active') return { kind: 'skipped', reason: 'the tenant is not active' };
    // Enough attempts of this process already wait for the endpoint (a slow one): step aside at once, nothing claimed.
    if (this.slots.crowded(job.endpointId, SLOT_WAIT_MS)) return { kind: 'busy', waitMs: busyWait() };
    const claimed = await this.claims.submit(tenant, { id: job.deliveryId, run: job.run });
    if (!claimed) {
      // Held by another attempt (or by one whose worker died, until its lease runs out): look again then.
      const lockedForMs = await this.db.run(tenant, (em) => this.deliveries.lockedFor(em, job.deliveryId, job.run));
      if (lockedForMs !== null) return { kind: 'busy', waitMs: lockedForMs + 100 };
      return { kind: 'skipped', reason: 'not due, or already settled' };
    }
    if (!claimed.enabled || !this.plans.hasFeature('webhooks', tenant)) {
      const reason = claimed.enabled ? `the ${tenant.plan} plan does not include webhooks` : 'the endpoint is disabled';
      await this.db.run(tenant, (em) => this.close(em, claimed, 'dead', reason));
      return { kind: 'dead', reason };
    }
    // The slot is taken once the delivery is claimed, so it is held for the request alone.
    const slot = await this.slots.acquire(job.endpointId, SLOT_WAIT_MS).catch(async (err: Error) => {
      await this.db.run(tenant, (em) => this.unlock(em, claimed)).catch(() => undefined);
      throw err;
    });
    if (!slot) {
      await this.db.run(tenant, (em) => this.unlock(em, claimed));
      return { kind: 'busy', waitMs: busyWait() };
    }
    const heartbeat = this.keepLeases(tenant, claimed, slot);
    let sent: Sent;
    try {
      sent = await this.send(tenant, claimed).catch(async (err: Error) => {
        await this.db.run(tenant, (em) => this.unlock(em, claimed)).catch(() => undefined);
        throw err;
      });
    } finally {
      clearInterval(heartbeat);
      await this.slots.release(slot).catch((err: Error) => this.logger.warn(`could not release a slot: ${err.message}`));
    }
    return this.record(tenant, claimed, sent);
  }

  async onModuleDestroy(): Promise<void> {
    this.sender.close();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flushOutcomes();
  }

  /**
   * While the attempt runs, renews the endpoint slot's lease and the delivery's claim, so both can
   * be short: a worker that dies mid-attempt frees them within DELIVERY_LEASE_MS.
   */
  private keepLeases(tenant: Tenant, d: ClaimedDelivery, slot: Slot): NodeJS.Timeout {
    const timer = setInterval(() => {
      void this.slots.renew(slot).catch((err: Error) => this.logger.warn(`could not renew a slot: ${err.message}`));
      void this.db
        .run(tenant, (em) => this.deliveries.renewClaim(em, d.id, d.run, DELIVERY_LEASE_MS / 1000))
        .catch((err: Error) => this.logger.warn(`could not renew the claim on a delivery: ${err.message}`));
    }, DELIVERY_LEASE_RENEW_MS);
    timer.unref();
    return timer;
  }

  private async send(tenant: Tenant, d: ClaimedDelivery): Promise<Sent> {
    const attemptedAt = new Date();
    let target;
    try {
      target = await resolveTarget(d.url, this.policy);
    } catch (err) {
      if (!(err instanceof UrlRefused)) throw err;
      return {
        attemptedAt,
        outcome: 'refused',
        statusCode: null,
        latencyMs: 0,
        error: `refused: ${err.reason}`,
        responseExcerpt: null,
        retryAfterMs: null,
      };
    }
    const secrets = [this.secrets.open(tenant.id, d.endpoint_id, d.secret)];
    if (d.previous_secret && d.previous_secret_expires_at && d.previous_secret_expires_at > attemptedAt) {
      secrets.push(this.secrets.open(tenant.id, d.endpoint_id, d.previous_secret));
    }
    const body = messageBody({ eventType: d.event_type, data: d.data, occurredAt: d.occurred_at });
    // webhook-id stays the message's on every attempt; webhook-timestamp is this attempt's.
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await this.sender.post(
      target,
      {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': d.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, d.message_id, timestamp, body),
      },
      body,
      this.config.WEBHOOK_TIMEOUT_MS,
    );
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    return { ...result, attemptedAt, outcome: ok ? 'succeeded' : 'failed' };
  }

  /** Attempts by outcome across every worker, a Redis hash the API's /metrics reads; counted here, flushed each second. */
  private countOutcome(outcome: Sent['outcome']): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.flushTimer ??= setTimeout(() => void this.flushOutcomes(), 1000).unref();
  }

  private async flushOutcomes(): Promise<void> {
    this.flushTimer = undefined;
    const counts = [...this.outcomes];
    this.outcomes.clear();
    if (!counts.length) return;
    const multi = this.redis.client.multi();
    for (const [outcome, n] of counts) multi.hincrby(this.redis.key('metrics', 'webhook-deliveries'), outcome, n);
    await multi.exec().catch(() => undefined);
  }

  private async record(tenant: Tenant, d: ClaimedDelivery, sent: Sent): Promise<AttemptResult> {
    this.countOutcome(sent.outcome);
    const attempt: AttemptRecord = {
      deliveryId: d.id,
      run: d.run,
      attempt: d.attempts,
      attemptedAt: sent.attemptedAt,
      outcome: sent.outcome,
      statusCode: sent.statusCode,
      latencyMs: sent.latencyMs,
      error: sent.error,
      responseExcerpt: sent.responseExcerpt,
    };
    const step = nextStep(d.attempts, this.delays, sent);
    if (step.kind === 'succeeded') {
      await this.successes.submit(tenant, { attempt, endpointId: d.endpoint_id });
      return { kind: 'succeeded' };
    }
    return this.db.run(tenant, (em) => this.recordFailure(em, tenant, d, sent, attempt, step));
  }

  private async recordFailure(
    em: EntityManager,
    tenant: Tenant,
    d: ClaimedDelivery,
    sent: Sent,
    attempt: AttemptRecord,
    step: Exclude<NextStep, { kind: 'succeeded' }>,
  ): Promise<AttemptResult> {
    const error = sent.error ?? `HTTP ${sent.statusCode}`;
    const failingSince = await this.deliveries.failed(em, attempt, d.endpoint_id);
    const failingFor = failingSince ? Date.now() - failingSince.getTime() : 0;
    const disableReason =
      step.kind === 'gone'
        ? 'the receiver answered 410 Gone'
        : failingFor >= this.config.WEBHOOK_DISABLE_AFTER_MS
          ? `every attempt has failed since ${failingSince!.toISOString()}`
          : null;
    if (disableReason) {
      await this.close(em, d, 'dead', error, sent.statusCode);
      await this.disabler.disable(em, tenant, d.endpoint_id, disableReason);
      return { kind: 'dead', reason: disableReason };
    }
    if (step.kind === 'retry') {
      await this.deliveries.retryLater(em, d.id, d.run, step.delayMs / 1000, sent.statusCode, error);
      return { kind: 'retry', delayMs: step.delayMs, reason: error };
    }
    await this.close(em, d, 'dead', error, sent.statusCode);
    return { kind: 'dead', reason: step.kind === 'dead' ? `${error}; ${step.reason}` : error };
  }

  /** Ends the delivery (this run of it). */
  private async close(
    em: EntityManager,
    d: ClaimedDelivery,
    status: 'succeeded' | 'dead',
    error: string | null,
    statusCode: number | null = null,
  ): Promise<void> {
    await this.deliveries.close(em, d.id, d.run, status, error, statusCode);
  }

  /** Gives the claimed delivery back after an unexpected error, uncounted. */
  private async unlock(em: EntityManager, d: ClaimedDelivery): Promise<void> {
    await this.deliveries.unlock(em, d.id, d.run);
  }
}
