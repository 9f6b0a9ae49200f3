/**
 * The shape every privileged task shares: a plan read fresh inside the task's own root session, then the
 * plan's changes applied one by one. A dry run is the plan alone. Plain data only, so plans and results can be
 * shown, logged to the audit log and written to reports as they are; nothing here ever holds a secret.
 */
import type { AwsClients } from '../aws/clients';
import { AwsCallError, awsErrorCode } from '../aws/errors';
import type { RootSession } from './session';
import type { TaskPolicyName } from './taskPolicies';

/** The tasks that change something (auditing is `auditAccount`). */
export type RootTaskKind =
  | 'deleteRootCredentials'
  | 'allowPasswordRecovery'
  | 'unlockS3BucketPolicy'
  | 'unlockSqsQueuePolicy'
  | 'restoreS3BucketPolicy'
  | 'restoreSqsQueuePolicy';

/** One change a task would make, as a dry run lists it and the audit log records it. */
export interface PlannedChange {
  /** The API call that makes it: `DeleteAccessKey`, `DeleteBucketPolicy`, ... */
  operation: string;
  /** What it acts on: an access key id, an MFA serial number, a bucket name, a queue URL. Never a secret. */
  target: string;
  /** One line for people. */
  description: string;
}

/**
 * A change that ran. `changed`: the call answered that it made the change. `already-done`: the account was
 * already so before anything was sent. `verified`: the call's response was lost (the connection dropped, a
 * server error, or a retry found the change already made), and a read afterwards showed the change in place:
 * done, though no answer said so. Nothing is ever done twice.
 */
export interface AppliedChange extends PlannedChange {
  result: 'changed' | 'already-done' | 'verified';
}

/** What a task found in the account and would change there. */
export interface TaskPlan {
  /** In the order they will be applied; empty when the account is already as asked. */
  changes: PlannedChange[];
  /** Why nothing needs to change, or what happens next; for people. */
  note?: string;
  /** A document to show before confirming (the current bucket or queue policy). Not written to the audit log. */
  preview?: { title: string; content: string };
  /** The policy the changes remove or replace, exactly as read; the intent record keeps it so it can be put back. */
  keptPolicy?: KeptPolicy;
}

/**
 * A bucket or queue policy as it was before an unlock removed it (or a restore with overwrite replaced it). A
 * policy is not a secret, and AWS keeps no copy once it is gone, so the audit intent of the change holds its text.
 */
export interface KeptPolicy {
  resource: 'bucket' | 'queue';
  /** The bucket name, or the queue URL. */
  target: string;
  /** The policy text exactly as GetBucketPolicy or GetQueueAttributes returned it. */
  policy: string;
}

/**
 * One privileged task with its parameters fixed (which credential kinds, which bucket, which queue).
 * `plan` only reads; `applyChange` makes exactly one planned change and nothing else.
 */
export interface RootTask {
  readonly kind: RootTaskKind;
  readonly taskPolicy: TaskPolicyName;
  /** A short title naming the task and its parameters, for confirmations and summaries. */
  readonly title: string;
  /** The task's parameters as the audit log records them (never a secret). */
  readonly parameters: Record<string, string | string[]>;
  /**
   * The plan is about a document's content (a policy deleted and kept, or put back), which can change under
   * the same target while the user reads it: a confirmed plan is read again before anything changes.
   */
  readonly rereadAfterConfirmation?: true;
  /**
   * Throws when a parameter does not fit the connection (a queue URL that is not on its SQS endpoint), so
   * the run stops before any session opens rather than in each account.
   */
  checkConnection?(clients: AwsClients): void;
  /** Reads, inside the session, what would change. The signal aborts the reads. */
  plan(session: RootSession, signal?: AbortSignal): Promise<TaskPlan>;
  /** Makes one planned change. A "not found" answer is `already-done`, not a failure. */
  applyChange(session: RootSession, change: PlannedChange): Promise<AppliedChange['result']>;
}

/**
 * How `fresh` differs from the plan `shown` to the user, for people; undefined when they are the same plan.
 * A kept policy is compared to the byte: the intent must keep exactly the text the change removes.
 */
export function planDifference(shown: TaskPlan, fresh: TaskPlan): string | undefined {
  const kept = shown.keptPolicy;
  if (kept && fresh.keptPolicy?.policy !== kept.policy) {
    return `the policy of ${kept.resource} ${kept.target} changed since it was shown${fresh.keptPolicy ? '' : ' (it has none now)'}`;
  }
  const lines = (plan: TaskPlan) => plan.changes.map((c) => `${c.operation} ${c.target} ${c.description}`).join('\n');
  if (lines(shown) === lines(fresh) && (kept === undefined) === (fresh.keptPolicy === undefined)) return undefined;
  const now = fresh.changes.map((c) => c.description).join('; ') || fresh.note || 'nothing to change';
  return `the account changed since its plan was shown; the plan is now: ${now}`;
}

/**
 * The result of a call that failed because the change is already in place (a "not found" to a delete, an
 * "already exists" to a create). On the first attempt it was so before we asked (`already-done`); on a retry,
 * our earlier attempt made the change and its response was lost (`verified`).
 */
export function alreadyInPlace(err: unknown): 'already-done' | 'verified' {
  const sdkError = err instanceof AwsCallError ? err.cause : err;
  const attempts = (sdkError as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts ?? 1;
  return attempts > 1 ? 'verified' : 'already-done';
}

/** Runs a delete-like call; the AWS "not found" codes given mean the thing is gone (see `alreadyInPlace`). */
export async function deleteIdempotently(call: () => Promise<unknown>, notFoundCodes: readonly string[]): Promise<AppliedChange['result']> {
  try {
    await call();
    return 'changed';
  } catch (err) {
    if (!notFoundCodes.includes(awsErrorCode(err))) throw err;
    return alreadyInPlace(err);
  }
}

/** True when a change may have been made although its call failed: the connection dropped, or the server failed. */
export function responseMayBeLost(err: unknown): boolean {
  if (err instanceof AwsCallError) return responseMayBeLost(err.cause);
  const e = err as { name?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (e?.name === 'TimeoutError' || (e?.code && /^E[A-Z]+$/.test(e.code))) return true;
  return e?.$fault === 'server' || (e?.$metadata?.httpStatusCode ?? 0) >= 500;
}
