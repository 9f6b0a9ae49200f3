import { throwIfAborted } from './errors';

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the results in input order. Once the
 * signal fires no further item is started; the first rejection (the abort included) rejects the whole map
 * after the calls already running have settled, so nothing keeps running unobserved.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure && !signal?.aborted) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  throwIfAborted(signal);
  return results;
}
