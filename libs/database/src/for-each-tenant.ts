export interface ForEachTenantOptions<T, R> {
  /** How many items run at once (at least 1, at most the number of items). */
  concurrency: number;
  /** The result of an item whose work threw: one tenant's failure never stops the others. */
  failed: (item: T, error: Error, ms: number) => R;
  /** Called as each result lands, with how many are done out of how many. */
  onResult?: (result: R, done: number, total: number) => void;
}

/**
 * Runs `work` over `items` (tenants, usually) with bounded parallelism, each failure turned into
 * that item's result; answers the results in the order of `items`.
 */
export async function forEachTenant<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  options: ForEachTenantOptions<T, R>,
): Promise<R[]> {
  const lanes = Math.max(1, Math.min(options.concurrency, items.length || 1));
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      const started = Date.now();
      let result: R;
      try {
        result = await work(items[i]);
      } catch (err) {
        result = options.failed(items[i], err as Error, Date.now() - started);
      }
      results[i] = result;
      done += 1;
      options.onResult?.(result, done, items.length);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
