import { describe, expect, it } from 'vitest';
import { forEachTenant } from './for-each-tenant';

describe('forEachTenant', () => {
  it('never runs more than `concurrency` items at once, and answers results in the order of the items', async () => {
    let running = 0;
    let most = 0;
    const results = await forEachTenant(
      [5, 1, 4, 2, 3],
      async (n) => {
        running += 1;
        most = Math.max(most, running);
        // Items finish out of order: later ones overtake earlier, slower ones.
        for (let i = 0; i < n; i++) await Promise.resolve();
        running -= 1;
        return n * 10;
      },
      { concurrency: 2, failed: () => -1 },
    );
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it("turns an item's failure into its result and goes on with the others", async () => {
    const seen: string[] = [];
    const results = await forEachTenant(
      ['a', 'b', 'c'],
      async (t) => {
        if (t === 'b') throw new Error('b is broken');
        return `ok ${t}`;
      },
      {
        concurrency: 1,
        failed: (t, err) => `failed ${t}: ${err.message}`,
        onResult: (r, done, total) => seen.push(`${done}/${total} ${r}`),
      },
    );
    expect(results).toEqual(['ok a', 'failed b: b is broken', 'ok c']);
    expect(seen).toEqual(['1/3 ok a', '2/3 failed b: b is broken', '3/3 ok c']);
  });

  it('answers nothing for no items, whatever the concurrency', async () => {
    expect(await forEachTenant([], async () => 1, { concurrency: 0, failed: () => 0 })).toEqual([]);
  });
});
