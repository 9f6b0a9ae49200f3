/**
 * Paces LookupEvents to CloudTrail's limit of two requests a second per account and region. Every attempt is
 * paced, the SDK's retries included: they come when the region is throttled already (other callers share the
 * limit), and a retry sent at the SDK's own pace, a few milliseconds after a throttled attempt, broke the limit
 * just then.
 */
import type { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';

/** Time as the pacing sees it: the process's own, or a test's. */
export interface PacingClock {
  nowMs(): number;
  /** Resolves after `ms` (at once for none), or rejects with an AbortError as soon as the signal fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Monotonic, so a change of the system time neither stalls the pacing nor lets two requests through at once. */
export const PROCESS_CLOCK: PacingClock = { nowMs: () => performance.now(), sleep: pause };

/** One region's pacing: the requests to a region go one at a time, each at least `intervalMs` after the last. */
export class RegionPacer {
  private lastSentAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: PacingClock,
  ) {}

  private waitMs(): number {
    return this.lastSentAt + this.intervalMs - this.clock.nowMs();
  }

  /**
   * Makes each attempt of `command` wait its turn. The wait is a step of the command's own middleware below the
   * SDK's retry step, so every attempt passes through it, the first and each retry alike.
   */
  pace(command: LookupEventsCommand, signal?: AbortSignal): LookupEventsCommand {
    command.middlewareStack.add(
      (next) => async (args) => {
        // Again until the time has come: a timer may fire a little before it by the clock read here.
        for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await this.clock.sleep(wait, signal);
        this.lastSentAt = this.clock.nowMs();
        return next(args);
      },
      { step: 'deserialize', priority: 'high', name: 'rootguardPaceLookupEvents' },
    );
    return command;
  }
}
