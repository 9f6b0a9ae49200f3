import { setMaxListeners } from 'node:events';
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

/** Runs the calls given to it with at most `limit` of them in flight; the others wait their turn in order. */
export type Limiter = <R>(call: () => Promise<R>) => Promise<R>;

export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (call) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await call();
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * A signal of our own following the caller's, for work that has many calls in flight on one signal. The SDK
 * adds an abort listener per call in flight (its HTTP handler's; its retry loop's while it waits), so more
 * than ten calls at once pass Node's leak-warning threshold and `rootguard` printed a
 * MaxListenersExceededWarning (loading the organization at concurrency 32). Those listeners
 * go when their call ends: no leak to warn of, so our own signal has no limit, and the caller's keeps its own.
 * The caller's signal keeps one listener per follower until it aborts, so follow a signal made for one
 * operation (a command's, a progress notification's), not one that lives as long as the connection.
 */
export function followSignal(parent: AbortSignal | undefined): AbortSignal | undefined {
  if (!parent) return undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller.signal;
}
