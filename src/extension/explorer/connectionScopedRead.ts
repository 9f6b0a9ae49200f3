/**
 * Something the explorer reads on demand and keeps for the active connection only (who can open root
 * sessions, the root session history): later callers share the read in flight; a connection change or a
 * refresh aborts that read and drops what was read; a read that a reset overtook is never kept; a failed
 * read is tried again by the next `load`. Free of VS Code so the rules are unit-tested; the states that use
 * it fire their own events from `onChange`.
 */
export interface ConnectionScopedReadOptions<T> {
  /** Reads the value for the connection active now; `signal` aborts on reset and dispose. */
  read(signal: AbortSignal): Promise<T>;
  /** Called when a value was kept, and on every reset (a view showing a failed read asks again). */
  onChange(): void;
}

export class ConnectionScopedRead<T> {
  private value: T | undefined;
  private loading: Promise<T> | undefined;
  private controller = new AbortController();

  constructor(private readonly options: ConnectionScopedReadOptions<T>) {}

  get current(): T | undefined {
    return this.value;
  }

  /** The value, read once per connection (or refresh): callers during a read share it. */
  load(): Promise<T> {
    if (!this.loading) {
      const loading: Promise<T> = this.options.read(this.controller.signal).then(
        (value) => {
          if (this.loading === loading) {
            this.value = value;
            this.options.onChange();
          }
          return value;
        },
        (err: unknown) => {
          if (this.loading === loading) this.loading = undefined;
          throw err;
        },
      );
      this.loading = loading;
    }
    return this.loading;
  }

  /** Aborts a read in flight and drops what was read; the next `load` reads again. */
  reset(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.loading = undefined;
    this.value = undefined;
    this.options.onChange();
  }

  dispose(): void {
    this.controller.abort();
  }
}
