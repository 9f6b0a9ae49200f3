import assert from 'node:assert/strict';
import { parseTaskPolicyArn, taskPolicyArn, taskPolicyChoice, TASK_POLICY_NAMES } from '../../../../src/core/root/taskPolicies';

describe('task policies', () => {
  it('round-trips every ARN in every partition', () => {
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
      for (const name of TASK_POLICY_NAMES) {
        assert.deepEqual(parseTaskPolicyArn(taskPolicyArn(name, partition)), { partition, name });
      }
    }
  });

  it('rejects near misses', () => {
    assert.equal(parseTaskPolicyArn('arn:aws:iam::aws:policy/IAMAuditRootUserCredentials'), undefined);
    assert.equal(parseTaskPolicyArn('arn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials'), undefined);
    assert.equal(parseTaskPolicyArn('arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredential'), undefined);
  });

  it('takes a choice passed to a command only as a list of task policy names', () => {
    assert.deepEqual(taskPolicyChoice(['IAMAuditRootUserCredentials', 'S3UnlockBucketPolicy']), ['IAMAuditRootUserCredentials', 'S3UnlockBucketPolicy']);
    for (const value of [[], ['IAMAuditRootUserCredentials', 'AdministratorAccess'], [taskPolicyArn('IAMAuditRootUserCredentials')], 'IAMAuditRootUserCredentials', [['IAMAuditRootUserCredentials']], undefined, null]) {
      assert.equal(taskPolicyChoice(value), undefined, JSON.stringify(value));
    }
  });
});
