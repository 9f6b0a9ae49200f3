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
import { isPolicyDocument } from './auditLogShape';
import type { KeptPolicyEntry } from './keptPolicyLookup';
import { parseBucketName, parseQueueRef } from './resourceNames';
import { samePolicy } from './samePolicy';
import type { RootSession } from './session';
import type { KeptPolicy, RootTask, TaskPlan } from './taskModel';
import { formatPolicy, policyFingerprint } from './unlockS3';

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


export interface RestorePolicyOptions {
  /** Replace a policy the bucket or queue has again; without it such a restore fails with `PolicyPresent`. */
  overwrite?: boolean;
}

/**
 * A record's target is checked as typed input is: anyone who can append to the audit log could otherwise have
 * a restore name another account's queue, a host of their own, or a bucket name S3 would read otherwise. Its
 * policy must be a policy document: an empty one would have SQS delete the queue's policy, "restored".
 */
function checkKeptPolicy(entry: KeptPolicyEntry): void {
  const { resource, target, policy } = entry.keptPolicy;
  let problem: string | undefined;
  if (!isPolicyDocument(policy)) {
    problem = 'the kept policy is not a JSON policy document (an unlock keeps nothing else), so there is nothing to put back';
  } else if (resource === 'bucket') {
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
  checkKeptPolicy(entry);
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
