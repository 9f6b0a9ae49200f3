import assert from 'node:assert/strict';
import { parseTaskPolicyArn, taskPolicyArn, TASK_POLICY_NAMES } from '../../../../src/core/root/taskPolicies';

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
});
