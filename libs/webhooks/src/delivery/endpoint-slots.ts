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

/**
 * A slot a finishing attempt holds may go straight to an attempt of the same endpoint waiting in
 * this process, without a round trip to Redis, while its lease was renewed less than this long
 * ago: the next holder renews it within DELIVERY_LEASE_RENEW_MS, well before it runs out, and the
 * slot goes back to Redis (where other workers compete for it) at least this often.
 */
const HANDOFF_WITHIN_MS = Math.floor(DELIVERY_LEASE_MS / 4);

interface SlotCommands {
  webhookSlotAcquire(key: string, limit: number, leaseMs: number, holder: string): Promise<number>;
  webhookSlotRenew(key: string, leaseMs: number, holder: string): Promise<number>;
}

export interface Slot {
  key: string;
  holder: string;
  endpointId: string;
  /** When its lease was last taken or renewed (Date.now()). */
  leasedAt: number;
}

/** This process's attempts of one endpoint: slots held, and attempts waiting for one, first come first served. */
interface Local {
  held: number;
  waiting: ((slot: Slot | null) => void)[];
  /** When one of its slots last came free here (Date.now()). */
  freedAt: number;
}

/**
 * Bounds the deliveries in flight to one endpoint across every worker (BullMQ has no group
 * limiter in its open-source edition): a slow or dead endpoint holds at most
 * WEBHOOK_ENDPOINT_CONCURRENCY of the workers' capacity, and every other endpoint proceeds.
 *
 * Within a process, attempts of an endpoint queue for its slots in order, and one that finishes
 * wakes the next (handing over its slot while the lease is fresh): no polling, no Redis round
 * trip between two attempts. Only when other workers hold the endpoint's slots does an attempt
 * ask Redis again until its wait runs out.
 */
@Injectable()
export class EndpointSlots {
  private readonly leaseMs = DELIVERY_LEASE_MS;
  private readonly local = new Map<string, Local>();

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
    const deadline = Date.now() + waitMs;
    const local = this.localOf(endpointId);
    if (local.held < this.config.WEBHOOK_ENDPOINT_CONCURRENCY) local.held++;
    else {
      // Woken with a slot handed over, or with the turn of one given back (counted as held already).
      const handed = await this.waitTurn(local, deadline);
      if (handed === undefined) return null;
      if (handed) return handed;
    }
    const slot: Slot = { key: this.redis.key('webhooks', 'slots', endpointId), holder: randomUUID(), endpointId, leasedAt: 0 };
    try {
      for (;;) {
        slot.leasedAt = Date.now();
        const taken = await (this.redis.client as unknown as SlotCommands).webhookSlotAcquire(
          slot.key,
          this.config.WEBHOOK_ENDPOINT_CONCURRENCY,
          this.leaseMs,
          slot.holder,
        );
        if (taken === 1) return slot;
        if (Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 15));
      }
    } catch (err) {
      this.giveBack(endpointId);
      throw err;
    }
    this.giveBack(endpointId);
    return null;
  }

  /**
   * Whether a job for the endpoint had better step aside at once rather than claim its delivery
   * and wait: this process holds all of the endpoint's slots and none has come free for `withinMs`
   * (a slow endpoint), or twice as many attempts as it has slots already wait for one.
   */
  crowded(endpointId: string, withinMs: number): boolean {
    const local = this.local.get(endpointId);
    const limit = this.config.WEBHOOK_ENDPOINT_CONCURRENCY;
    if (!local || local.held < limit) return false;
    return local.waiting.length >= 2 * limit || Date.now() - local.freedAt > withinMs;
  }

  /** Renews the slot's lease; false when it had already run out (and the slot may be someone else's). */
  async renew(slot: Slot): Promise<boolean> {
    const at = Date.now();
    const renewed =
      (await (this.redis.client as unknown as SlotCommands).webhookSlotRenew(slot.key, this.leaseMs, slot.holder)) === 1;
    if (renewed) slot.leasedAt = at;
    return renewed;
  }

  async release(slot: Slot): Promise<void> {
    const local = this.local.get(slot.endpointId);
    if (local) local.freedAt = Date.now();
    if (local?.waiting.length && Date.now() - slot.leasedAt < HANDOFF_WITHIN_MS) {
      local.waiting.shift()!(slot);
      return;
    }
    this.giveBack(slot.endpointId);
    await this.redis.client.zrem(slot.key, slot.holder);
  }

  private localOf(endpointId: string): Local {
    let local = this.local.get(endpointId);
    if (!local) {
      local = { held: 0, waiting: [], freedAt: Date.now() };
      this.local.set(endpointId, local);
    }
    return local;
  }

  /**
   * Waits for this process's turn at the endpoint: a slot handed over, null (the turn of one given
   * back: ask Redis), or undefined when the wait ran out.
   */
  private waitTurn(local: Local, deadline: number): Promise<Slot | null | undefined> {
    return new Promise((resolve) => {
      const wake = (slot: Slot | null) => {
        clearTimeout(timer);
        resolve(slot);
      };
      const timer = setTimeout(
        () => {
          local.waiting.splice(local.waiting.indexOf(wake), 1);
          resolve(undefined);
        },
        Math.max(0, deadline - Date.now()),
      );
      local.waiting.push(wake);
    });
  }

  /** One of this process's slots of the endpoint is no longer held: its turn passes to the next waiting attempt, which asks Redis. */
  private giveBack(endpointId: string): void {
    const local = this.local.get(endpointId);
    if (!local) return;
    const next = local.waiting.shift();
    if (next) return next(null);
    local.held--;
    if (local.held <= 0) this.local.delete(endpointId);
  }
}
