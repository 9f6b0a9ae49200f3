/**
 * Reads AssumeRoot events from CloudTrail's Event history, region by region (root session events are regional:
 * they land in the region of the STS endpoint called). Regions are read at once, each paced to LookupEvents'
 * limit of two requests a second per account and region, every attempt (pacing.ts), so a history read never
 * meets throttling of its own making; the SDK's retries, paced too, handle throttling from other callers
 * sharing the limit.
 */
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../aws/clients';
import { describeFailure, isAbortError, throwIfAborted } from '../aws/errors';
import type { RegionRead, RootSessionEvent } from './model';
import { type PacingClock, PROCESS_CLOCK, RegionPacer } from './pacing';
import { eventKey, parseAssumeRootEvent } from './parseEvent';

/** CloudTrail's Event history keeps 90 days. */
export const MAX_HISTORY_DAYS = 90;
/**
 * LookupEvents allows two requests a second per account and region: one per 500 ms, and a margin, as requests
 * sent exactly 500 ms apart may arrive a little closer than that.
 */
export const LOOKUP_EVENTS_INTERVAL_MS = 525;
const PAGE_SIZE = 50;

export interface LookupProgress {
  region: string;
  pages: number;
  events: number;
  /** True with the region's last page: before it, the counts are so far. */
  done: boolean;
}

export interface LookupOptions {
  regions: readonly string[];
  start: Date;
  end: Date;
  signal?: AbortSignal;
  onProgress?(progress: LookupProgress): void;
  /** Least time between two requests to one region, retries included. Default LOOKUP_EVENTS_INTERVAL_MS. */
  intervalMs?: number;
  /** The time the pacing keeps; default the process's. */
  clock?: PacingClock;
}

export interface LookupResult {
  events: RootSessionEvent[];
  regions: RegionRead[];
}

async function readRegion(clients: AwsClients, region: string, options: LookupOptions, into: RootSessionEvent[]): Promise<RegionRead> {
  const read: RegionRead = { region, pages: 0, events: 0 };
  const pacer = new RegionPacer(options.intervalMs ?? LOOKUP_EVENTS_INTERVAL_MS, options.clock ?? PROCESS_CLOCK);
  const sent = new Set<string>();
  // An event returned twice (on one page or two) is counted once, as the history's totals count it.
  const seen = new Set<string>();
  let token: string | undefined;
  try {
    do {
      throwIfAborted(options.signal);
      // One lookup attribute only: EventName keeps the pages to AssumeRoot; the parser checks the event source.
      const command = new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRoot' }],
        StartTime: options.start,
        EndTime: options.end,
        MaxResults: PAGE_SIZE,
        NextToken: token,
      });
      const page = await clients.cloudTrail(region).send(pacer.pace(command, options.signal), { abortSignal: options.signal });
      read.pages++;
      for (const event of page.Events ?? []) {
        const parsed = parseAssumeRootEvent(event, region);
        if (parsed && !seen.has(eventKey(parsed))) {
          seen.add(eventKey(parsed));
          into.push(parsed);
          read.events++;
        }
      }
      token = page.NextToken || undefined;
      options.onProgress?.({ region, pages: read.pages, events: read.events, done: token === undefined });
      if (token && sent.has(token)) throw Object.assign(new Error('LookupEvents sent a page token it had already sent; stopped rather than loop'), { name: 'PagingLoop' });
      if (token) sent.add(token);
    } while (token);
  } catch (err) {
    if (isAbortError(err)) throw err;
    const { code, message } = describeFailure(err, 'LookupEvents');
    read.error = { code, message };
  }
  return read;
}

/** Every AssumeRoot event between `start` and `end` in each region; a region that fails is reported, not thrown. */
export async function lookupAssumeRootEvents(clients: AwsClients, options: LookupOptions): Promise<LookupResult> {
  const events: RootSessionEvent[] = [];
  const regions = await Promise.all([...new Set(options.regions)].map((region) => readRegion(clients, region, options, events)));
  return { events, regions };
}

/** The window of the last `days` days before `now`; CloudTrail keeps no more than 90. */
export function historyWindow(days: number, now: Date): { start: Date; end: Date } {
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) throw new RangeError(`days must be a whole number from 1 to ${MAX_HISTORY_DAYS}`);
  return { start: new Date(now.getTime() - days * 86_400_000), end: now };
}
