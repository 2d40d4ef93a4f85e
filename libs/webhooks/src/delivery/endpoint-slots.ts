import { Injectable } from '@nestjs/common';
import { WebhookSettings } from '@stratum/config';
import { RedisService } from '@stratum/database';
import { randomUUID } from 'node:crypto';

/**
 * Takes a slot of the endpoint if fewer than the limit are held: a sorted set of holders scored
 * by lease expiry (Redis time), so a worker that dies mid-attempt frees its slot when the lease
 * runs out (live holders renew theirs). Answers 1 when taken.
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

/** Extends the holder's lease (only while it still holds the slot); answers 1 when it did. */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
  if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1])) end
  return 1
end
return 0`;

/**
 * How long a slot (and the claim on a delivery row) lasts without being renewed. A live attempt
 * renews it every third of that (DELIVERY_LEASE_RENEW_MS), however long the attempt takes, so a
 * worker that dies mid-attempt holds its endpoint's slot and its delivery no longer than this.
 */
export const DELIVERY_LEASE_MS = 8_000;
export const DELIVERY_LEASE_RENEW_MS = Math.floor(DELIVERY_LEASE_MS / 3);

interface SlotCommands {
  webhookSlotAcquire(key: string, limit: number, leaseMs: number, holder: string): Promise<number>;
  webhookSlotRenew(key: string, leaseMs: number, holder: string): Promise<number>;
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
  private readonly leaseMs = DELIVERY_LEASE_MS;

  constructor(
    private readonly redis: RedisService,
    private readonly config: WebhookSettings,
  ) {
    // Sent once, then called by their hashes.
    if (!('webhookSlotAcquire' in redis.client)) {
      redis.client.defineCommand('webhookSlotAcquire', { numberOfKeys: 1, lua: ACQUIRE });
      redis.client.defineCommand('webhookSlotRenew', { numberOfKeys: 1, lua: RENEW });
    }
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

  /** Renews the slot's lease; false when it had already run out (and the slot may be someone else's). */
  async renew(slot: Slot): Promise<boolean> {
    return (await (this.redis.client as unknown as SlotCommands).webhookSlotRenew(slot.key, this.leaseMs, slot.holder)) === 1;
  }

  async release(slot: Slot): Promise<void> {
    await this.redis.client.zrem(slot.key, slot.holder);
  }
}
