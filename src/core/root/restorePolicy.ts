/**
 * Puts back a bucket or queue policy that an unlock removed (or an overwriting restore replaced), from the
 * text its audit intent kept. It runs as an ordinary root task (same task policy as the unlock, which allows
 * `s3:PutBucketPolicy` and `sqs:SetQueueAttributes`), so it gets the run's guard rails, dry run and audit
 * records. It never overwrites: a bucket or queue that has a policy again is refused unless the caller asks to
 * overwrite it, and then the intent keeps the policy it replaces.
 */
import { GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { RootGuardError, awsErrorCode, tagged } from '../aws/errors';
import { queueUrlEndpointProblem } from '../aws/sqsEndpoints';
import { type AuditRecord, type OutcomeRecord, skippedLinesLabel } from './auditLog';
import { parseBucketName, parseQueueRef } from './resourceNames';
import type { RootSession } from './session';
import type { KeptPolicy, RootTask, TaskPlan } from './taskModel';
import { formatPolicy, policyFingerprint } from './unlockS3';

/** A policy an unlock removed or an overwriting restore replaced, with the intent that kept it. */
export interface KeptPolicyEntry {
  intentId: string;
  accountId: string;
  time: string;
  keptPolicy: KeptPolicy;
  /**
   * The policy may or may not have been removed: the intent has no outcome (`no-outcome`: the process stopped
   * between writing it and recording what happened), or its outcome is unknown (`unverified`: the response was
   * lost and the read that checks it failed). Restoring is still safe: the restore reads the bucket or queue
   * first, changes nothing when the policy is still there, and refuses when another one is.
   */
  outcomeUnknown?: 'no-outcome' | 'unverified';
}

/**
 * The policies real unlocks removed and overwriting restores replaced, or may have, in the log's order:
 * intents that kept a policy, unless their outcome says the change was not made (it failed). An intent
 * without an outcome (a crash after it was written) or with an unknown one is offered too, marked
 * `outcomeUnknown`: its policy may be gone, and the log holds the only copy.
 */
export function keptPolicies(records: readonly AuditRecord[]): KeptPolicyEntry[] {
  const outcomes = new Map(records.filter((r): r is OutcomeRecord => r.type === 'outcome').map((r) => [r.intentId, r]));
  return records.flatMap((r): KeptPolicyEntry[] => {
    if (r.type !== 'intent' || !r.keptPolicy) return [];
    const outcome = outcomes.get(r.id);
    const unknown = !outcome ? 'no-outcome' : outcome.outcome === 'unknown' ? 'unverified' : undefined;
    if (!unknown && outcome?.changed.length === 0) return [];
    return [{ intentId: r.id, accountId: r.accountId, time: r.time, keptPolicy: r.keptPolicy, ...(unknown ? { outcomeUnknown: unknown } : {}) }];
  });
}

/** When a kept policy left its bucket or queue, for a picker: unknown when the run stopped before saying. */
export function keptPolicyWhen(entry: KeptPolicyEntry): string {
  if (entry.outcomeUnknown === 'no-outcome') return `kept ${entry.time}; the run stopped before recording whether it was removed`;
  if (entry.outcomeUnknown === 'unverified') return `kept ${entry.time}; the run could not tell whether it was removed`;
  return `removed ${entry.time}`;
}

/**
 * The kept policy of the record `recordId` (the unlock's intent id, or its outcome's id). `skippedLines`: lines
 * of the log read as no whole record (`unreadableLines`); a record not found may be one of them, so it says how
 * many, as the restore picker does.
 */
export function findKeptPolicy(records: readonly AuditRecord[], recordId: string, skippedLines: number): KeptPolicyEntry {
  const outcome = records.find((r) => r.id === recordId && r.type === 'outcome');
  const intentId = outcome?.type === 'outcome' ? outcome.intentId : recordId;
  const found = keptPolicies(records).find((k) => k.intentId === intentId);
  if (found) return found;
  const record = records.find((r) => r.id === intentId);
  const keptOne = record?.type === 'intent' && record.keptPolicy !== undefined;
  // Only an intent whose outcome records no change gets here with a kept policy: the change is known to have failed.
  const why = !record ? `no such record in the audit log${skippedNote(skippedLines)}` : !keptOne ? 'that record kept no policy (only a real unlock, or a restore that overwrites, keeps one)' : 'its outcome says the change failed, so the policy was not removed';
  throw new RootGuardError('NoKeptPolicy', `Cannot restore from record ${recordId}: ${why}`);
}

/** `; 2 audit log lines skipped (not a whole record): it may be one of them`, or nothing when none was. */
function skippedNote(skippedLines: number): string {
  if (!skippedLines) return '';
  return `; ${skippedLinesLabel(skippedLines)} (not a whole record): it may be ${skippedLines === 1 ? 'that line' : 'one of them'}`;
}

/** The policy the bucket or queue has now, or undefined when it has none. */
async function currentPolicy(session: RootSession, kept: KeptPolicy, signal?: AbortSignal): Promise<string | undefined> {
  if (kept.resource === 'bucket') {
    const command = new GetBucketPolicyCommand({ Bucket: kept.target, ExpectedBucketOwner: session.accountId });
    try {
      return (await tagged('GetBucketPolicy', session.s3().send(command, { abortSignal: signal }))).Policy;
    } catch (err) {
      if (awsErrorCode(err) === 'NoSuchBucketPolicy') return undefined;
      throw err;
    }
  }
  const command = new GetQueueAttributesCommand({ QueueUrl: kept.target, AttributeNames: ['Policy'] });
  const { Attributes } = await tagged('GetQueueAttributes', session.sqs().send(command, { abortSignal: signal }));
  return Attributes?.Policy || undefined;
}

/** Same document, whatever its whitespace or key order as the service returns it. */
function samePolicy(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

export interface RestorePolicyOptions {
  /** Replace a policy the bucket or queue has again; without it such a restore fails with `PolicyPresent`. */
  overwrite?: boolean;
}

/**
 * A record's target is checked as typed input is: anyone who can append to the audit log could otherwise have
 * a restore name another account's queue, a host of their own, or a bucket name S3 would read otherwise.
 */
function checkKeptTarget(entry: KeptPolicyEntry): void {
  const { resource, target } = entry.keptPolicy;
  let problem: string | undefined;
  if (resource === 'bucket') {
    const parsed = parseBucketName(target);
    problem = !parsed.ok ? parsed.message : parsed.value !== target ? `"${target}" is not a bucket name` : undefined;
  } else {
    const parsed = parseQueueRef(target, entry.accountId);
    problem = !parsed.ok ? parsed.message : parsed.value.kind !== 'url' ? `"${target}" is not a queue URL` : undefined;
  }
  if (problem) throw new RootGuardError('InvalidKeptPolicy', `Cannot restore from record ${entry.intentId}: ${problem}`);
}

/** The task that puts `entry`'s policy back, in the account it was removed from (run it on that account only). */
export function restorePolicyTask(entry: KeptPolicyEntry, options: RestorePolicyOptions = {}): RootTask {
  const { keptPolicy: kept, accountId } = entry;
  const isBucket = kept.resource === 'bucket';
  checkKeptTarget(entry);
  const label = isBucket ? `bucket ${kept.target}` : `queue ${kept.target}`;
  const operation = isBucket ? 'PutBucketPolicy' : 'SetQueueAttributes';
  return {
    kind: isBucket ? 'restoreS3BucketPolicy' : 'restoreSqsQueuePolicy',
    taskPolicy: isBucket ? 'S3UnlockBucketPolicy' : 'SQSUnlockQueuePolicy',
    title: `Restore the policy of ${label}`,
    parameters: { [kept.resource]: kept.target, fromRecord: entry.intentId, ...(options.overwrite ? { overwrite: 'true' } : {}) },
    // A policy that appears while the user confirms is refused (or, to overwrite, must be the one shown).
    rereadAfterConfirmation: true,
    checkConnection(clients) {
      const problem = isBucket ? undefined : queueUrlEndpointProblem(kept.target, clients.sqsPlace);
      if (problem) throw new RootGuardError('InvalidKeptPolicy', `Cannot restore from record ${entry.intentId}: ${problem}`);
    },
    async plan(session, signal): Promise<TaskPlan> {
      if (session.accountId !== accountId) {
        throw new RootGuardError('WrongAccount', `The policy of ${label} was removed in ${accountId}, not ${session.accountId}`);
      }
      const now = await currentPolicy(session, kept, signal);
      if (now !== undefined && samePolicy(now, kept.policy)) return { changes: [], note: `The ${label} already has the kept policy` };
      if (now !== undefined && !options.overwrite) {
        throw new RootGuardError('PolicyPresent', `The ${label} has a policy again (${policyFingerprint(now)}); restoring would replace it, so nothing was changed (overwrite to replace it)`);
      }
      const replacing = now === undefined ? '' : `, replacing its current policy (${policyFingerprint(now)})`;
      return {
        changes: [{ operation, target: kept.target, description: `Put back the policy of ${label} (${policyFingerprint(kept.policy)})${replacing}` }],
        preview: { title: `Policy to put back on ${label} in ${accountId}`, content: formatPolicy(kept.policy) },
        // The policy overwritten is gone once this runs, as an unlocked one is: its intent keeps the text.
        ...(now === undefined ? {} : { keptPolicy: { resource: kept.resource, target: kept.target, policy: now } }),
      };
    },
    async applyChange(session, change) {
      if (change.operation !== operation || change.target !== kept.target) {
        throw new RootGuardError('UnknownChange', `Restore policy cannot apply ${change.operation} to ${change.target}`);
      }
      // Putting the same policy twice is harmless, so a retry needs no special case.
      if (isBucket) {
        const command = new PutBucketPolicyCommand({ Bucket: kept.target, Policy: kept.policy, ExpectedBucketOwner: session.accountId });
        await tagged('PutBucketPolicy', session.s3().send(command));
      } else {
        await tagged('SetQueueAttributes', session.sqs().send(new SetQueueAttributesCommand({ QueueUrl: kept.target, Attributes: { Policy: kept.policy } })));
      }
      return 'changed';
    },
  };
}
