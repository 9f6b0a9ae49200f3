/**
 * Latency, throttling and fault injection. All randomness comes from one seeded PRNG per concern, so a run
 * with the same seed and the same request order repeats. Defaults: no latency, no throttling, no faults.
 * Tests change knobs at runtime through `SandboxHandle.setKnobs` (never over HTTP).
 */
import { Prng } from './random';

export interface LatencyKnob {
  /** Added to every response. */
  fixedMs?: number;
  /** Plus a uniform random 0..jitterMs. */
  jitterMs?: number;
}

export interface TokenBucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface ThrottleKnob {
  /** Fraction (0-1) of calls refused at random with the service's throttling error. */
  rate?: number;
  /** A token bucket per API (`service:Operation`), each of this size, like the real per-API buckets. */
  bucket?: TokenBucketSpec;
  /** Buckets for particular APIs, e.g. `{ 'sts:AssumeRoot': { capacity: 5, refillPerSecond: 2 } }`. */
  perApi?: Record<string, TokenBucketSpec>;
  /** APIs whose buckets are kept per region, like CloudTrail's LookupEvents limit (2 a second per account and region). */
  perRegion?: string[];
  /** Sends `x-amz-retry-after` (milliseconds) with throttling errors; the SDK waits at least its own backoff. */
  retryAfterMs?: number;
}

export type FaultKind = '5xx' | 'reset' | 'signature' | 'lost';

export interface FaultKnob {
  /** Fraction (0-1) of calls that fail with a fault. */
  rate?: number;
  /**
   * Which faults to draw from; default `5xx` and `reset`. `5xx` is the service's internal error, `reset` drops
   * the connection, `signature` answers SignatureDoesNotMatch echoing the canonical request as AWS does, `lost`
   * performs a successful call and then drops the connection (the change is made, the response never arrives).
   */
  kinds?: FaultKind[];
  /** Only these APIs (`service:Operation`, e.g. `iam:GetAccountSummary`) get faults; default every API. */
  apis?: string[];
  /** Organizations listings answer a page asked for with a NextToken with that same token again: a server stuck on one page marker. */
  repeatPageToken?: boolean;
}

/** CloudTrail's documented LookupEvents limit: two requests a second per account and region (here per region). */
export const LOOKUP_EVENTS_LIMIT: ThrottleKnob = {
  perApi: { 'cloudtrail:LookupEvents': { capacity: 2, refillPerSecond: 2 } },
  perRegion: ['cloudtrail:LookupEvents'],
};

export interface Knobs {
  latency?: LatencyKnob;
  throttling?: ThrottleKnob;
  faults?: FaultKnob;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class KnobState {
  private knobs: Knobs = {};
  private readonly latencyRng: Prng;
  private readonly throttleRng: Prng;
  private readonly faultRng: Prng;
  private readonly buckets = new Map<string, Bucket>();

  constructor(knobs: Knobs, seed: number, private readonly monotonicMs: () => number = () => performance.now()) {
    this.latencyRng = new Prng(seed ^ 0x1a7e);
    this.throttleRng = new Prng(seed ^ 0x7407);
    this.faultRng = new Prng(seed ^ 0xfa17);
    this.set(knobs);
  }

  /** Replaces the named knobs (a key set to undefined turns it off); token buckets start full again. */
  set(knobs: Knobs): void {
    this.knobs = { ...this.knobs, ...knobs };
    this.buckets.clear();
  }

  get current(): Knobs {
    return this.knobs;
  }

  delayMs(): number {
    const { fixedMs = 0, jitterMs = 0 } = this.knobs.latency ?? {};
    return fixedMs + (jitterMs > 0 ? this.latencyRng.next() * jitterMs : 0);
  }

  /** The fault for this call to `api` (`service:Operation`), if one is drawn. */
  fault(api: string): FaultKind | undefined {
    const { rate = 0, kinds = ['5xx', 'reset'], apis } = this.knobs.faults ?? {};
    if (apis && !apis.includes(api)) return undefined;
    if (rate <= 0 || kinds.length === 0 || !this.faultRng.chance(rate)) return undefined;
    return kinds[this.faultRng.int(kinds.length)];
  }

  /** Whether this call to `api` (`service:Operation`) in `region` is throttled; consumes a token when buckets are on. */
  throttle(api: string, region = ''): boolean {
    const knob = this.knobs.throttling;
    if (!knob) return false;
    if (knob.rate && this.throttleRng.chance(knob.rate)) return true;
    const spec = knob.perApi?.[api] ?? knob.bucket;
    return spec ? !this.take(knob.perRegion?.includes(api) ? `${api}@${region}` : api, spec) : false;
  }

  get retryAfterMs(): number | undefined {
    return this.knobs.throttling?.retryAfterMs;
  }

  private take(bucketKey: string, spec: TokenBucketSpec): boolean {
    const now = this.monotonicMs();
    const bucket = this.buckets.get(bucketKey) ?? { tokens: spec.capacity, updatedMs: now };
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((now - bucket.updatedMs) / 1000) * spec.refillPerSecond);
    bucket.updatedMs = now;
    this.buckets.set(bucketKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
