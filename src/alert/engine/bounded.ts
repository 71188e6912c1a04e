/** Runs `fn` over `items` with at most `limit` calls in flight; rejects with the first error once all have settled. */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}
