import { AffinityPool, PoolMonitor, withConnectionAffinity } from '@stratum/database';
import type { Pool, PoolClient } from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';

/** Tenant-affine connections against the real PostgreSQL: which backend serves which tenant. */
describe('AffinityPool', () => {
  const pools: AffinityPool[] = [];
  const open = (options: Record<string, unknown> = {}) => {
    const pool = new AffinityPool({ connectionString: inject('databaseUrl'), max: 4, ...options });
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };

  afterEach(async () => {
    for (const pool of pools.splice(0)) if (!pool.ending) await pool.end();
  });

  const take = (pool: AffinityPool, key?: string): Promise<PoolClient> =>
    key === undefined ? pool.connect() : withConnectionAffinity(key, () => pool.connect());

  const pidOf = async (client: PoolClient): Promise<number> => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;

  /** The backend that serves `key` when nothing else is running. */
  const servedBy = async (pool: AffinityPool, key: string | undefined): Promise<number> => {
    const client = await take(pool, key);
    try {
      return await pidOf(client);
    } finally {
      client.release();
    }
  };

  it('serves a tenant from the same backend every time, and spreads tenants over the backends', async () => {
    const pool = open();
    const keys = Array.from({ length: 40 }, (_, i) => `tenant:${i}`);
    const first = new Map<string, number>();
    for (const key of keys) first.set(key, await servedBy(pool, key));
    for (const key of keys) expect(await servedBy(pool, key)).toBe(first.get(key));
    const homes = new Set(keys.map((k) => pool.homeOf(k)));
    expect(homes.size).toBe(4);
    // One backend per home lane.
    expect(new Set(first.values()).size).toBe(4);
    expect(pool.totalCount).toBe(4);
  });

  /** Two keys homed on different lanes of `pool`. */
  const twoHomes = (pool: AffinityPool): [string, string] => {
    const a = 'tenant:a';
    for (let i = 0; ; i++) if (pool.homeOf(`tenant:b${i}`) !== pool.homeOf(a)) return [a, `tenant:b${i}`];
  };

  /** Another key homed on the same lane as `key`. */
  const neighbour = (pool: AffinityPool, key: string): string => {
    for (let i = 0; ; i++) if (pool.homeOf(`tenant:n${i}`) === pool.homeOf(key)) return `tenant:n${i}`;
  };

  it('waits for its own connection, busy with another tenant, while it may; then takes any free one', async () => {
    const patient = open({ max: 2, spillAfterMs: 60_000 });
    const [a] = twoHomes(patient);
    const held = await take(patient, neighbour(patient, a));
    const home = await pidOf(held);
    const second = take(patient, a);
    await new Promise((r) => setTimeout(r, 100));
    // The other connection is free, but the tenant's own will be soon: it waits.
    expect(patient.waitingCount).toBe(1);
    held.release();
    const got = await second;
    expect(await pidOf(got)).toBe(home);
    got.release();

    const hasty = open({ max: 2, spillAfterMs: 20 });
    const first = await take(hasty, neighbour(hasty, a));
    const started = Date.now();
    const spilled = await take(hasty, a);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(await pidOf(spilled)).not.toBe(await pidOf(first));
    expect(hasty.waitingCount).toBe(0);
    spilled.release();
    first.release();
  });

  it('does not serialise a tenant on its connection: more of its work takes any free one at once', async () => {
    const pool = open({ max: 3, spillAfterMs: 60_000 });
    const first = await take(pool, 'tenant:busy');
    const started = Date.now();
    const [second, third] = [await take(pool, 'tenant:busy'), await take(pool, 'tenant:busy')];
    expect(Date.now() - started).toBeLessThan(1000);
    const pids = new Set([await pidOf(first), await pidOf(second), await pidOf(third)]);
    expect(pids.size).toBe(3);
    expect(pool.affinity).toEqual({ home: 1, elsewhere: 2 });
    for (const c of [first, second, third]) c.release();
  });

  it('gives a connection that comes free to the work homed there before older work homed elsewhere', async () => {
    const pool = open({ max: 2, spillAfterMs: 60_000 });
    const [a, b] = twoHomes(pool);
    const [heldA, heldB] = [await take(pool, a), await take(pool, b)];
    const [pidA, pidB] = [await pidOf(heldA), await pidOf(heldB)];
    const order: string[] = [];
    const nextA = take(pool, a).then((c) => (order.push('a'), c));
    const nextB = take(pool, b).then((c) => (order.push('b'), c));
    heldB.release();
    const gotB = await nextB;
    expect(await pidOf(gotB)).toBe(pidB);
    expect(order).toEqual(['b']);
    heldA.release();
    const gotA = await nextA;
    expect(await pidOf(gotA)).toBe(pidA);
    gotA.release();
    gotB.release();
  });

  it('gives work without a tenant any free connection at once', async () => {
    const pool = open({ max: 2, spillAfterMs: 60_000 });
    const [a] = twoHomes(pool);
    const held = await take(pool, a);
    const other = await take(pool, undefined);
    expect(await pidOf(other)).not.toBe(await pidOf(held));
    other.release();
    held.release();
  });

  it('queues beyond max connections, hands a released connection to the first waiter, and times out', async () => {
    const pool = open({ connectionTimeoutMillis: 300 });
    const held = await Promise.all(['a', 'b', 'c', 'd'].map((k) => take(pool, `tenant:${k}`)));
    expect(pool.totalCount).toBe(4);
    const waiting = take(pool, 'tenant:e');
    expect(pool.waitingCount).toBe(1);
    held[2].release();
    const served = await waiting;
    expect(pool.totalCount).toBe(4);
    await expect(take(pool, 'tenant:f')).rejects.toThrow(/timeout/);
    served.release();
    for (const client of [held[0], held[1], held[3]]) client.release();
    expect(pool.waitingCount).toBe(0);
  });

  it('closes a connection once it has served maxKeysPerConnection tenants, and counts it', async () => {
    const pool = open({ max: 1, maxKeysPerConnection: 3 });
    const monitor = PoolMonitor.of(pool as unknown as Pool);
    const pid = await servedBy(pool, 'tenant:1');
    expect(await servedBy(pool, 'tenant:1')).toBe(pid);
    expect(await servedBy(pool, 'tenant:2')).toBe(pid);
    // Work without a tenant does not count.
    expect(await servedBy(pool, undefined)).toBe(pid);
    expect(await servedBy(pool, 'tenant:3')).toBe(pid);
    // The third tenant retired it.
    const next = await servedBy(pool, 'tenant:1');
    expect(next).not.toBe(pid);
    await expect.poll(() => monitor.closed.max_tenants).toBe(1);
    expect(monitor.recycled).toBe(1);
  });

  it('refuses waiters and new work once ended', async () => {
    const pool = open({ max: 1 });
    const held = await take(pool, 'tenant:x');
    const waiting = take(pool, 'tenant:y');
    held.release();
    (await waiting).release();
    const again = await take(pool);
    const late = take(pool);
    const ending = pool.end();
    await expect(late).rejects.toThrow(/end/);
    again.release();
    await ending;
    await expect(take(pool)).rejects.toThrow(/end/);
  });
});
