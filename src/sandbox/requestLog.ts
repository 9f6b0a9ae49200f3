/**
 * The sandbox's request log: a ring buffer of the last `capacity` records. Recording one is a store and an
 * index step, whatever the size, so a long benchmark run costs nothing per request for its log; the ordered
 * copy is made only when someone reads it.
 */
export class RequestLog<T> {
  private readonly slots: T[] = [];
  /** Where the next record goes once the buffer is full (the oldest one's slot). */
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`maxRecords must be a positive whole number, not ${capacity}`);
  }

  add(record: T): void {
    if (this.slots.length < this.capacity) {
      this.slots.push(record);
      return;
    }
    this.slots[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The records kept, oldest first. */
  toArray(): T[] {
    return this.next === 0 ? this.slots.slice() : [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }

  clear(): void {
    this.slots.length = 0;
    this.next = 0;
  }
}
