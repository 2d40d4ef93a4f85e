import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RedisService } from '@stratum/database';
import { Tenant, TenantDatabase, TenantRegistry } from '@stratum/tenancy';
import type Redis from 'ioredis';
import { DeliveryQueue, QueuedDelivery } from '../delivery/delivery-queue';
import { OutboxSignal } from './outbox-signal';

const BATCH = 500;
const TENANTS_AT_ONCE = 16;
const BLOCK_SECONDS = 1;

/**
 * Moves committed outbox rows to the `webhooks` queue (worker only). It waits on the signal set
 * for tenants with new rows, reads their deliveries not yet queued, adds one job per delivery
 * (stable job ids: adding twice is harmless) and marks them queued. Redis being down stops it,
 * and nothing is lost: the rows stay unqueued until it, or the sweeper, gets to them.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private blocking?: Redis;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly redis: RedisService,
    private readonly signal: OutboxSignal,
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly queue: DeliveryQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    // Its wait for a signal blocks up to a second: its commands may take that much longer.
    this.blocking = this.redis.client.duplicate({
      commandTimeout: BLOCK_SECONDS * 1000 + (this.redis.client.options.commandTimeout ?? 0),
    });
    this.blocking.on('error', (err) => this.logger.warn(`Redis (relay): ${err.message}`));
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
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
        await Promise.all(tenants.map((id) => this.relaySignalled(id)));
      } catch (err) {
        if (!this.running) break;
        this.logger.warn(`webhook relay: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
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
      const rows: { id: string; endpoint_id: string; run: number }[] = await this.db.run(tenant, (em) =>
        em.query(
          `SELECT id, endpoint_id, run FROM webhook_deliveries
            WHERE enqueued_at IS NULL AND status IN ('pending', 'retrying')
            ORDER BY created_at LIMIT $1`,
          [BATCH],
        ),
      );
      if (!rows.length) break;
      const deliveries: QueuedDelivery[] = rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id, run: r.run }));
      await this.queue.enqueue(tenant, deliveries);
      total += rows.length;
      if (rows.length < BATCH) break;
    }
    return total;
  }
}
