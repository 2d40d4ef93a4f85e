import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RedisService } from '@stratum/database';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import type Redis from 'ioredis';
import { DeliveryQueue } from '../delivery/delivery-queue';
import { OutboxRepository, toQueued } from './outbox.repository';
import { OutboxSignal } from './outbox-signal';

const BATCH = 500;
const TENANTS_AT_ONCE = 16;
const BLOCK_SECONDS = 1;
/**
 * A relay that took a tenant's signal and died (SIGKILL, out of memory) before queueing its
 * deliveries would lose the signal until the sweeper's next look: a taken signal is recorded
 * with this lease, and any relay puts it back once the lease has run out.
 */
const TAKEN_LEASE_MS = 5_000;
const RECLAIM_EVERY_MS = 1_000;
const RECLAIM = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, id in ipairs(expired) do
  redis.call('ZADD', KEYS[2], 'NX', ARGV[1], id)
  redis.call('ZREM', KEYS[1], id)
end
return #expired`;

interface ReclaimCommand {
  webhookRelayReclaim(taken: string, due: string, now: number): Promise<number>;
}

/**
 * Moves committed outbox rows to the `webhooks` queue (worker only). It waits on the signal set
 * for tenants with new rows, reads their deliveries not yet queued, adds one job per delivery
 * (stable job ids: adding twice is harmless) and marks them queued. Redis being down stops it,
 * and nothing is lost: the rows stay unqueued until it, or the sweeper, gets to them. A worker
 * that dies while relaying leaves its taken signals to be made due again by another worker.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private blocking?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private reclaimTimer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisService,
    private readonly signal: OutboxSignal,
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly queue: DeliveryQueue,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    // Sent once, then called by its hash.
    if (!('webhookRelayReclaim' in this.redis.client))
      this.redis.client.defineCommand('webhookRelayReclaim', { numberOfKeys: 2, lua: RECLAIM });
    // No command timeout on this connection: a pop whose answer came too late would have taken the
    // signal out of Redis all the same, and the signal would be lost with the answer.
    this.blocking = this.redis.client.duplicate({ commandTimeout: undefined });
    this.blocking.on('error', (err) => this.logger.warn(`Redis (relay): ${err.message}`));
    this.loop = this.run();
    this.reclaimTimer = setInterval(() => void this.reclaim(), RECLAIM_EVERY_MS);
    this.reclaimTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.reclaimTimer);
    this.blocking?.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const first = await this.blocking!.bzpopmin(this.signal.key, BLOCK_SECONDS);
        if (!first) continue;
        const more = await this.blocking!.zpopmin(this.signal.key, TENANTS_AT_ONCE - 1);
        const tenants = [first[1], ...more.filter((_, i) => i % 2 === 0)];
        const until = Date.now() + TAKEN_LEASE_MS;
        await this.redis.client.zadd(this.signal.takenKey, ...tenants.flatMap((id) => [until, id]));
        await Promise.all(
          tenants.map(async (id) => {
            await this.relaySignalled(id);
            await this.redis.client.zrem(this.signal.takenKey, id);
          }),
        );
      } catch (err) {
        if (!this.running) break;
        this.logger.warn(`webhook relay: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Signals taken by a relay that has not finished within its lease (it died) become due again. */
  private async reclaim(): Promise<void> {
    try {
      const client = this.redis.client as unknown as ReclaimCommand;
      const back = await client.webhookRelayReclaim(this.signal.takenKey, this.signal.key, Date.now());
      if (back) this.logger.warn(`${back} webhook relay signal(s) taken by a relay that stopped were made due again`);
    } catch (err) {
      this.logger.warn(`webhook relay: ${(err as Error).message}`);
    }
  }

  private async relaySignalled(tenantId: string): Promise<void> {
    try {
      const tenant = await this.registry.find(tenantId);
      if (tenant?.status === 'active') await this.relay(tenant);
    } catch (err) {
      this.logger.warn(`relaying webhooks of tenant ${tenantId} failed: ${(err as Error).message}`);
      // Try again later; should that fail too, the sweeper finds the rows.
      setTimeout(() => this.signal.notify(tenantId), 1000).unref();
    }
  }

  /** Queues every delivery of the tenant not yet queued; answers how many. */
  async relay(tenant: Tenant): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.run(tenant, (em) => this.outbox.unqueued(em, BATCH));
      if (!rows.length) break;
      const deliveries = rows.map(toQueued);
      await this.queue.enqueue(tenant, deliveries);
      total += rows.length;
      if (rows.length < BATCH) break;
    }
    return total;
  }
}
