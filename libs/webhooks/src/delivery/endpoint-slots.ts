import { Injectable } from '@nestjs/common';
import { AppConfig } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { randomUUID } from 'node:crypto';

/**
 * Takes a slot of the endpoint if fewer than the limit are held: a sorted set of holders scored
 * by lease expiry (Redis time), so a worker that dies mid-attempt frees its slot when the lease
 * runs out. Answers 1 when taken.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0`;

interface SlotCommands {
  webhookSlotAcquire(key: string, limit: number, leaseMs: number, holder: string): Promise<number>;
}

export interface Slot {
  key: string;
  holder: string;
}

/**
 * Bounds the deliveries in flight to one endpoint across every worker (BullMQ has no group
 * limiter in its open-source edition): a slow or dead endpoint holds at most
 * WEBHOOK_ENDPOINT_CONCURRENCY of the workers' capacity, and every other endpoint proceeds.
 */
@Injectable()
export class EndpointSlots {
  private readonly leaseMs: number;

  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {
    // Longer than any attempt can take, so a live holder never loses its slot.
    this.leaseMs = config.WEBHOOK_TIMEOUT_MS + 30_000;
    // Sent once, then called by its hash.
    if (!('webhookSlotAcquire' in redis.client))
      redis.client.defineCommand('webhookSlotAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  }

  /**
   * Takes a slot, waiting up to `waitMs` for one to free (a fast endpoint frees one within
   * milliseconds); null when none did, and the caller should try again later.
   */
  async acquire(endpointId: string, waitMs = 0): Promise<Slot | null> {
    const slot = { key: this.redis.key('webhooks', 'slots', endpointId), holder: randomUUID() };
    const deadline = Date.now() + waitMs;
    for (;;) {
      const taken = await (this.redis.client as unknown as SlotCommands).webhookSlotAcquire(
        slot.key,
        this.config.WEBHOOK_ENDPOINT_CONCURRENCY,
        this.leaseMs,
        slot.holder,
      );
      if (taken === 1) return slot;
      if (Date.now() >= deadline) return null;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 15));
    }
  }

  async release(slot: Slot): Promise<void> {
    await this.redis.client.zrem(slot.key, slot.holder);
  }
}
