/**
 * The sandbox's notion of "now" for session expiry and timestamps. It follows the wall clock plus an offset
 * that tests move forward with `advance()`, so a 15-minute root session can expire without sleeping.
 * Signature clock-skew checks deliberately use the real wall clock instead (the SDK signs with real time).
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  /** Moves sandbox time forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
