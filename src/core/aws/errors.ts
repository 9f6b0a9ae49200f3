/**
 * Typed errors and the classification of AWS failures into what a person can act on. Core throws
 * `RootGuardError`s with a stable `code`; SDK errors are described, not wrapped, where a per-account result
 * needs them (see root/auditMany.ts).
 */

/** An error RootGuard raises on purpose, with a stable machine-readable code. */
export class RootGuardError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RootGuardError';
  }
}

/**
 * An AWS call that failed, named by its operation so a result can say which step broke (AssumeRoot or a read
 * inside the session). `code` is the AWS error code; the SDK error stays available as `cause`.
 */
export class AwsCallError extends RootGuardError {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(awsErrorCode(cause), `${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AwsCallError';
  }
}

/**
 * A field every AWS answer to `operation` holds (DescribeOrganization's organization id). Without it the
 * endpoint is not the AWS service: a wrong URL or a proxy that answers 200 with an empty body. Read on, such an
 * answer would pass for an empty organization, and a report of nothing for a clean one.
 */
export function answered<T>(value: T | undefined | null, operation: string, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new RootGuardError('UnexpectedResponse', `${operation} answered without ${field}: the endpoint does not answer as AWS does (a wrong URL, or a proxy answering for it)`);
  }
  return value;
}

/**
 * For an error answer that holds no AWS error code (an empty 404, an HTML page), what to say instead of the
 * SDK's `UnknownError`: the endpoint is not answering as AWS does.
 */
export function answeredWithoutAwsError(err: unknown): string | undefined {
  const cause = err instanceof AwsCallError ? err.cause : err;
  const status = (cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  // The SDK names such an error by its HTTP status (`NotFound`) or `Unknown`, and its message is `Unknown`.
  const said = [awsErrorCode(cause), (cause as Error | undefined)?.message];
  if (status === undefined || !said.some((text) => text === 'UnknownError' || text === 'Unknown')) return undefined;
  const operation = err instanceof AwsCallError ? `${err.operation}: ` : '';
  return `${operation}the endpoint answered HTTP ${status} without an AWS error: it does not answer as AWS does (a wrong URL, or a proxy answering for it)`;
}

/** Awaits one AWS call and tags its failure with the operation; an abort passes through untouched. */
export async function tagged<T>(operation: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (isAbortError(err) || err instanceof RootGuardError) throw err;
    throw new AwsCallError(operation, err);
  }
}

/**
 * The AWS error code of an SDK error with the `Exception` suffix normalised away, so `NoSuchEntity` and
 * `NoSuchEntityException` compare equal; IAM's organization-feature errors arrive in either form
 * (aws-root-access-api.md 3.1). Non-AWS errors give their `code` (ECONNREFUSED …) or name.
 */
export function awsErrorCode(err: unknown): string {
  if (err instanceof RootGuardError) return err.code;
  const e = err as { name?: string; Code?: string; code?: string } | undefined;
  const raw = e?.code && /^E[A-Z]+$/.test(e.code) ? e.code : (e?.Code ?? e?.name ?? 'Unknown');
  const stem = raw.endsWith('Exception') ? raw.slice(0, -'Exception'.length) : undefined;
  // `AccessDeniedException` is `AccessDenied` as IAM writes it; `ServiceException` is no `Service`.
  return stem && !GENERIC_STEMS.has(stem) ? stem : raw;
}

/** Stems that say nothing without their `Exception`: Organizations' `ServiceException`, `InternalException`. */
const GENERIC_STEMS = new Set(['', 'Service', 'Internal', 'Client', 'Server']);

/** True for the abort the caller asked for (an AbortSignal fired), which is never shown as an error. */
export function isAbortError(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'AbortError' || (err instanceof RootGuardError && err.code === 'Aborted');
}

/** Throws the standard abort error when the signal has fired; call between steps that do not send. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

// The SDK's own throttling list (aws-root-access-api.md 7.3), normalised by awsErrorCode. IAM's
// `LimitExceeded` is an entity quota, not throttling, so `LimitExceededException` is left out too.
const THROTTLING_CODES = new Set([
  'Throttling',
  'TooManyRequests',
  'RequestThrottled',
  'SlowDown',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceeded',
  'Throttled',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** True when the error is AWS throttling (after the SDK has already spent its retries on it). */
export function isThrottlingError(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return THROTTLING_CODES.has(awsErrorCode(err)) || status === 429;
}

/** A failure as a result carries it: no stack, no request data, nothing secret. */
export interface FailureInfo {
  code: string;
  message: string;
  /** The most likely reason, in words a person can act on; absent when there is no good guess. */
  likelyCause?: string;
}

/** The calls that read or change one bucket's or queue's policy, and which of the two each is about. */
const RESOURCE_OF_OPERATION: Record<string, 'bucket' | 'queue'> = {
  GetBucketPolicy: 'bucket',
  DeleteBucketPolicy: 'bucket',
  PutBucketPolicy: 'bucket',
  GetQueueUrl: 'queue',
  GetQueueAttributes: 'queue',
  SetQueueAttributes: 'queue',
};

/**
 * A root session's AccessDenied that names no SCP or RCP. AWS names the policy type that denied in the message
 * ("because no resource-based policy allows", "with an explicit deny in a session policy"), and for a bucket or
 * queue of another account (a mistyped account id) it is the resource's policy, or the task policy's
 * own-account condition: pointing at SCPs would send the user to fix the wrong thing.
 */
function likelyCauseOfRootSessionDenial(message: string, operation: string | undefined): string {
  const resource = RESOURCE_OF_OPERATION[operation ?? ''];
  const deniedBy = /(?:because no|with an explicit deny in an?) ([a-z -]+?(?:policy|boundary))\b/i.exec(message)?.[1];
  if (resource && deniedBy && /resource-based|session/i.test(deniedBy)) {
    return `the ${resource} may not be in this account: a root session reads and changes only its own account's ${resource}s, and AWS names the ${deniedBy} as what denied it, not an SCP; check the account id and the ${resource}`;
  }
  if (deniedBy) return `denied by the ${deniedBy}, as AWS's message says, not by an SCP`;
  // S3 answers a bucket of another account (ExpectedBucketOwner) with a bare "Access Denied", as it does an SCP.
  const otherAccount = resource ? `, or the ${resource} is not in this account` : '';
  return `the root session was denied; an SCP on the account or its OUs is the usual cause${otherAccount}`;
}

function likelyCauseOf(code: string, message: string, operation: string | undefined): string | undefined {
  if (code === 'AccessDenied') {
    // AWS words an implicit deny "because no service control policy allows the <action> action", an explicit
    // one "with an explicit deny in a service control policy": the fixes differ.
    if (/no service control policy allows/i.test(message)) {
      return 'AccessDenied because no service control policy allows the call: every level of the account\'s path (the root, each OU, the account) must allow it, and one level\'s SCPs leave it out (rootguard preflight names the level)';
    }
    // AWS does not say which statement: a region guardrail, or one that means to stop root sessions, denies
    // in the same words as a "deny root" SCP that lacks the exemption, so the advice is for that case only.
    if (/service control policy/i.test(message)) {
      return 'AccessDenied with an explicit deny in a service control policy: rootguard preflight names the policy and statement; if it is a "deny root" guardrail, the exemption "Null": {"aws:AssumedRoot": "true"} lets root sessions through (lint rule RG107)';
    }
    if (/resource control policy/i.test(message)) return 'AccessDenied with an explicit deny in a resource control policy';
    if (operation === 'AssumeRoot') {
      return 'the caller may lack sts:AssumeRoot for this task policy, or RootSessions is not enabled for the organization';
    }
    return likelyCauseOfRootSessionDenial(message, operation);
  }
  if (THROTTLING_CODES.has(code)) return 'throttled past the SDK retries; lower the concurrency or raise the max attempts';
  if (code === 'ExpiredToken') return 'the session or the caller credentials expired';
  if (code === 'RegionDisabled') return 'STS is not activated in this region for the account';
  if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch' || code === 'UnrecognizedClient') {
    return 'the credentials were rejected (wrong keys, or wrong endpoint for them)';
  }
  if (code === 'InvalidAction') return 'AssumeRoot reached a global STS endpoint; it needs a regional one';
  if (NETWORK_CODES.has(code)) return 'the endpoint could not be reached';
  return undefined;
}

/** Describes any error for a per-account result; `operation` is the API call that failed, when known. */
export function describeFailure(err: unknown, operation?: string): FailureInfo {
  if (err instanceof AwsCallError) return describeFailure(err.cause, err.operation);
  const code = awsErrorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const where = operation ? `${operation}: ` : '';
  const likelyCause = likelyCauseOf(code, message, operation);
  return { code, message: `${where}${message}`, ...(likelyCause ? { likelyCause } : {}) };
}
