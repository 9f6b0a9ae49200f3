/**
 * Unlock an S3 bucket policy (`S3UnlockBucketPolicy`): read the bucket's policy inside the session, show it,
 * then delete it. Used when a bucket policy locks everyone out, its owner's admins included; only the
 * account's root user can still change it.
 */
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { RootGuardError, awsErrorCode, tagged } from '../aws/errors';
import { parseBucketName } from './resourceNames';
import type { RootTask, TaskPlan } from './taskModel';

/** A policy's fingerprint for the audit log: enough to tell which document was removed, small, never bulky. */
export function policyFingerprint(policy: string): string {
  return `sha256:${createHash('sha256').update(policy, 'utf8').digest('hex')}, ${Buffer.byteLength(policy, 'utf8')} bytes`;
}

/** Pretty-prints a policy for reading; leaves text that is not JSON as it came. */
export function formatPolicy(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy), null, 2);
  } catch {
    return policy;
  }
}

/** The task that deletes the policy of `bucketInput` (a bucket name, `s3://` URI or bucket ARN). */
export function unlockS3BucketPolicyTask(bucketInput: string): RootTask {
  const parsed = parseBucketName(bucketInput);
  if (!parsed.ok) throw new RootGuardError('InvalidBucketName', parsed.message);
  const bucket = parsed.value;
  return {
    kind: 'unlockS3BucketPolicy',
    taskPolicy: 'S3UnlockBucketPolicy',
    title: `Unlock the policy of bucket ${bucket}`,
    parameters: { bucket },
    rereadAfterConfirmation: true,
    async plan(session, signal): Promise<TaskPlan> {
      // ExpectedBucketOwner turns a same-named bucket of another account into AccessDenied, never a change.
      const command = new GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: session.accountId });
      let policy: string | undefined;
      try {
        policy = (await tagged('GetBucketPolicy', session.s3().send(command, { abortSignal: signal }))).Policy;
      } catch (err) {
        if (awsErrorCode(err) !== 'NoSuchBucketPolicy') throw err;
      }
      if (policy === undefined) return { changes: [], note: `Bucket ${bucket} has no bucket policy` };
      return {
        changes: [{ operation: 'DeleteBucketPolicy', target: bucket, description: `Delete the policy of bucket ${bucket} (${policyFingerprint(policy)})` }],
        preview: { title: `Policy of s3://${bucket} in ${session.accountId}`, content: formatPolicy(policy) },
        keptPolicy: { resource: 'bucket', target: bucket, policy },
      };
    },
    async applyChange(session, change) {
      if (change.operation !== 'DeleteBucketPolicy' || change.target !== bucket) {
        throw new RootGuardError('UnknownChange', `Unlock S3 bucket policy cannot apply ${change.operation} to ${change.target}`);
      }
      // DeleteBucketPolicy of a bucket without a policy succeeds (204), so a retry needs no special case.
      await tagged('DeleteBucketPolicy', session.s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: session.accountId })));
      return 'changed';
    },
  };
}
