/**
 * How a privileged task's failures are described: the generic classification (errors.ts) plus the likely
 * causes that belong to these tasks' own calls.
 */
import { type FailureInfo, describeFailure } from '../aws/errors';

/** Likely causes the generic classification cannot know, because they belong to these tasks. */
export function describeTaskFailure(err: unknown): FailureInfo {
  const failure = describeFailure(err);
  if (failure.likelyCause) return failure;
  if (failure.code === 'EntityTemporarilyUnmodifiable') {
    return { ...failure, likelyCause: 'the password was created moments ago; IAM refuses to delete it for a short while, so try again in a few minutes' };
  }
  if (failure.code === 'DeleteConflict') return { ...failure, likelyCause: 'the MFA device is still active; deactivate it before deleting it' };
  if (failure.code === 'AssumeRootResponseLost') {
    return { ...failure, likelyCause: 'the endpoint was reached, but the connection dropped before its answer; look for an AssumeRoot event for this account in CloudTrail' };
  }
  return failure;
}
