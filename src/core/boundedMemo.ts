/**
 * Memos of pure work keyed by what a policy writes (a pattern compiled, an action name judged): a run names
 * the same patterns in file after file. Each is bounded, and emptied whole when full, since the editor may
 * be shown ever new text. Every memo is registered, so that a benchmark can measure the work itself rather
 * than what its previous run left behind (clearMemos).
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    memos.add(this);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers `value` for `key`, and returns it. */
  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const memos = new Set<BoundedMemo<unknown, unknown>>();

/** Empties every memo: the next run does all its work again, as a fresh process's first run would. */
export function clearMemos(): void {
  for (const memo of memos) memo.clear();
}
