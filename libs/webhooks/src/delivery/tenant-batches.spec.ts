import type { Tenant } from '@stratum/tenancy';
import { describe, expect, it } from 'vitest';
import { TenantBatches } from './tenant-batches';

const tenant = (id: string) => ({ id }) as Tenant;

/** A flush that records each batch and answers when `open()` is called. */
function gate() {
  const batches: { tenant: string; items: number[] }[] = [];
  const pending: (() => void)[] = [];
  const flush = (t: Tenant, items: number[]) => {
    batches.push({ tenant: t.id, items });
    return new Promise<number[]>((resolve) => pending.push(() => resolve(items.map((i) => i * 10))));
  };
  const open = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, flush, open };
}

describe('group commit per tenant', () => {
  it('sends the first call at once, and what comes while it is in flight together next, each caller its own answer', async () => {
    const { batches, flush, open } = gate();
    const batcher = new TenantBatches(flush, 100);
    const first = batcher.submit(tenant('a'), 1);
    const rest = [2, 3, 4].map((i) => batcher.submit(tenant('a'), i));
    expect(batches).toEqual([{ tenant: 'a', items: [1] }]);
    await open();
    expect(batches).toEqual([
      { tenant: 'a', items: [1] },
      { tenant: 'a', items: [2, 3, 4] },
    ]);
    await open();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps tenants apart: one tenant never waits for another', async () => {
    const { batches, flush, open } = gate();
    const batcher = new TenantBatches(flush, 100);
    const a = batcher.submit(tenant('a'), 1);
    const b = batcher.submit(tenant('b'), 2);
    expect(batches).toEqual([
      { tenant: 'a', items: [1] },
      { tenant: 'b', items: [2] },
    ]);
    await open();
    expect([await a, await b]).toEqual([10, 20]);
  });

  it('bounds a batch, and fails every caller of a batch that failed (and only those)', async () => {
    let calls = 0;
    const batcher = new TenantBatches(async (_t: Tenant, items: number[]) => {
      calls++;
      if (items.includes(3)) throw new Error('the database went away');
      return items;
    }, 2);
    const answers = [1, 2, 3, 4, 5].map((i) => batcher.submit(tenant('a'), i).then(String, (err: Error) => err.message));
    expect(await Promise.all(answers)).toEqual(['1', 'the database went away', 'the database went away', '4', '5']);
    // 1 alone, then [2, 3] and [4, 5]: at most two at once.
    expect(calls).toBe(3);
  });
});
