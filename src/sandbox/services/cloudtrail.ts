/**
 * CloudTrail (awsJson 1.1, `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.*`): LookupEvents over the
 * caller account's Event history in the request's region. Newest first; at most one lookup attribute;
 * `StartTime`/`EndTime` in epoch seconds (default: the last 90 days); `MaxResults` 1-50 (default 50); a
 * `NextToken` is valid only with the parameters of the call that returned it, as the API reference says.
 */
import { createHash } from 'node:crypto';
import type { Access } from '../authz';
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';
import type { CloudTrailStore, TrailEvent } from '../trail';

export const CLOUDTRAIL_OPERATIONS = ['LookupEvents'] as const;
/**
 * The JavaScript SDK sends `X-Amz-Target: CloudTrail_20131101.LookupEvents`; botocore and the service model's
 * fully qualified name use `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents`. Both are served.
 */
const TARGET_PREFIXES = ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101', 'CloudTrail_20131101'];

/** The prefix of a CloudTrail `X-Amz-Target`, or undefined when the target is not CloudTrail's. */
export function cloudTrailTargetPrefix(target: string): string | undefined {
  return TARGET_PREFIXES.find((p) => target.startsWith(`${p}.`));
}

const MAX_RESULTS = 50;
const RETENTION_MS = 90 * 86_400_000;

const ATTRIBUTES: Record<string, (e: TrailEvent) => string[]> = {
  EventId: (e) => [e.eventId],
  EventName: (e) => [e.eventName],
  ReadOnly: (e) => [String(e.readOnly)],
  Username: (e) => [e.username],
  ResourceType: (e) => e.resources.map((r) => r.ResourceType),
  ResourceName: (e) => e.resources.map((r) => r.ResourceName),
  EventSource: (e) => [e.eventSource],
  AccessKeyId: (e) => [e.accessKeyId],
};

export function cloudTrailAccess(operation: string): Access {
  return { action: `cloudtrail:${operation}`, resourceArn: '*' };
}

function invalid(code: string, message: string): SandboxError {
  return new SandboxError(code, 400, message);
}

/** Epoch seconds (the JSON protocol's timestamp form) as milliseconds; undefined when absent. */
function timeMs(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SandboxError('SerializationException', 400, `${key} must be a timestamp in epoch seconds`);
  return value * 1000;
}

function readFilter(input: Record<string, unknown>): ((e: TrailEvent) => boolean) | undefined {
  const raw = input.LookupAttributes;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new SandboxError('SerializationException', 400, 'LookupAttributes must be a list');
  if (raw.length === 0) return undefined;
  if (raw.length > 1) throw invalid('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  const { AttributeKey: key, AttributeValue: value } = raw[0] as Record<string, unknown>;
  const values = typeof key === 'string' ? ATTRIBUTES[key] : undefined;
  if (!values) throw invalid('InvalidLookupAttributesException', `Invalid AttributeKey ${String(key)}.`);
  if (typeof value !== 'string' || value.length === 0) throw invalid('InvalidLookupAttributesException', 'AttributeValue must not be empty.');
  return (e) => values(e).includes(value);
}

function paramsDigest(input: Record<string, unknown>): string {
  const { NextToken: _token, MaxResults: _max, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 16);
}

/** Where a page starts, and the instant the first page was read at (later events stay off later pages). */
function readToken(token: string | undefined, digest: string): { offset: number; asOfMs?: number } {
  if (token === undefined) return { offset: 0 };
  const match = /^(\d+)\.(\d+)\.([\w-]+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match || match[3] !== digest) throw invalid('InvalidNextTokenException', 'Invalid NextToken.');
  return { offset: Number(match[1]), asOfMs: Number(match[2]) };
}

function wireEvent(e: TrailEvent) {
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: String(e.readOnly),
    AccessKeyId: e.accessKeyId,
    EventTime: e.eventTime.getTime() / 1000,
    EventSource: e.eventSource,
    Username: e.username,
    Resources: e.resources,
    CloudTrailEvent: JSON.stringify(e.record),
  };
}

export function handleCloudTrail(ctx: CallContext, store: CloudTrailStore, input: Record<string, unknown>): unknown {
  const now = ctx.clock.nowMs();
  const end = timeMs(input, 'EndTime') ?? now;
  const start = timeMs(input, 'StartTime') ?? now - RETENTION_MS;
  if (start > end) throw invalid('InvalidTimeRangeException', 'Start time must be earlier than end time.');
  const rawMax = input.MaxResults;
  if (rawMax !== undefined && (typeof rawMax !== 'number' || !Number.isInteger(rawMax) || rawMax < 1 || rawMax > MAX_RESULTS)) {
    throw invalid('InvalidMaxResultsException', `MaxResults must be between 1 and ${MAX_RESULTS}.`);
  }
  const max = (rawMax as number | undefined) ?? MAX_RESULTS;
  const filter = readFilter(input);
  const digest = paramsDigest(input);
  const { offset, asOfMs = now } = readToken(str(input, 'NextToken'), digest);
  const latest = Math.min(end, asOfMs);
  // Older than 90 days is gone from Event history, whatever StartTime asks for.
  const oldest = Math.max(start, asOfMs - RETENTION_MS);
  const matching = store
    .events(ctx.caller.accountId, ctx.region)
    .filter((e) => e.eventTime.getTime() >= oldest && e.eventTime.getTime() <= latest && (!filter || filter(e)));
  const page = matching.slice(offset, offset + max);
  const result: Record<string, unknown> = { Events: page.map(wireEvent) };
  if (offset + max < matching.length) result.NextToken = Buffer.from(`${offset + max}.${asOfMs}.${digest}`).toString('base64url');
  return result;
}
