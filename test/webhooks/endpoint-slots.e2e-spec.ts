import { RedisService } from '@stratum/database';
import { DELIVERY_LEASE_MS, EndpointSlots, Slot } from '@stratum/webhooks';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownQueues, testConfig } from '../support/config';

const LIMIT = 3;

/**
 * The per-endpoint bound on real Redis, with two EndpointSlots standing for two worker processes:
 * never more than the limit at once across both, attempts of one process served in order and
 * handed a slot as one finishes, a slot handed over only while its lease is fresh.
 */
describe('endpoint slots', () => {
  const config = testConfig({ ...ownQueues(), WEBHOOK_ENDPOINT_CONCURRENCY: String(LIMIT) });
  let redis: RedisService;
  let workers: EndpointSlots[];

  beforeAll(() => {
    redis = new RedisService(config);
    workers = [new EndpointSlots(redis, config), new EndpointSlots(redis, config)];
  });

  afterAll(async () => {
    await redis.client.quit();
  });

  it('never lets more than the limit in flight across two workers, and every attempt gets its turn', async () => {
    const endpoint = randomUUID();
    let inFlight = 0;
    let most = 0;
    let served = 0;
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        for (;;) {
          const slot = await workers[i % 2].acquire(endpoint, 200);
          if (!slot) continue;
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          served++;
          await workers[i % 2].release(slot);
          return;
        }
      }),
    );
    expect(served).toBe(40);
    expect(most).toBe(LIMIT);
    expect(await redis.client.zcard(redis.key('webhooks', 'slots', endpoint))).toBe(0);
  });

  it('hands a finishing attempt’s slot to the next waiting one of its process, or gives it back to Redis once its lease is old', async () => {
    const endpoint = randomUUID();
    const [one] = workers;
    const held = (await Promise.all(Array.from({ length: LIMIT }, () => one.acquire(endpoint)))) as Slot[];
    expect(held.every(Boolean)).toBe(true);
    expect(await one.acquire(endpoint, 0)).toBeNull();

    const waiting = one.acquire(endpoint, 1000);
    await one.release(held[0]);
    const handed = await waiting;
    expect(handed?.holder).toBe(held[0].holder);

    // A lease taken longer ago than a quarter of its length goes back to Redis; the next waiter takes a new one.
    handed!.leasedAt -= DELIVERY_LEASE_MS / 2;
    const next = one.acquire(endpoint, 1000);
    await one.release(handed!);
    const fresh = await next;
    expect(fresh?.holder).not.toBe(handed!.holder);
    const holders = await redis.client.zrange(redis.key('webhooks', 'slots', endpoint), 0, -1);
    expect(holders.sort()).toEqual([fresh!.holder, held[1].holder, held[2].holder].sort());

    // All slots held and none free within the wait: a job had better step aside.
    expect(one.crowded(endpoint, 10_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(one.crowded(endpoint, 20)).toBe(true);
    for (const slot of [fresh!, held[1], held[2]]) await one.release(slot);
    expect(one.crowded(endpoint, 20)).toBe(false);
    expect(await redis.client.zcard(redis.key('webhooks', 'slots', endpoint))).toBe(0);
  });
});
