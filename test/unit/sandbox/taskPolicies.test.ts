import assert from 'node:assert/strict';
import * as core from '../../../src/core/root/taskPolicies';
import * as sandbox from '../../../src/sandbox/taskPolicies';

// The sandbox states AWS's task policies itself so that it can catch the core's mistakes; this test is the one
// place both are read, so a fact that drifts in either shows up here instead of passing against itself.
describe('sandbox task policies', () => {
  const sorted = (actions: readonly string[]) => [...actions].sort();

  it('name the same five policies as the core', () => {
    assert.deepEqual([...sandbox.TASK_POLICY_NAMES].sort(), [...core.TASK_POLICY_NAMES].sort());
  });

  it('leave each policy the same actions as the core says it allows', () => {
    for (const name of sandbox.TASK_POLICY_NAMES) {
      assert.deepEqual(sorted(sandbox.TASK_POLICY_ALLOWED_ACTIONS[name]), sorted(core.TASK_POLICY_ALLOWED_ACTIONS[name]), name);
    }
  });

  it('issue root sessions no longer than the core asks for', () => {
    assert.equal(sandbox.MAX_ROOT_SESSION_SECONDS, core.MAX_ROOT_SESSION_SECONDS);
  });

  it('accept every ARN the core builds in the commercial partition, and nothing near it', () => {
    for (const name of core.TASK_POLICY_NAMES) assert.deepEqual(sandbox.parseTaskPolicyArn(core.taskPolicyArn(name)), { name });
    for (const arn of [
      'arn:aws:iam::aws:policy/IAMAuditRootUserCredentials',
      'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredential',
      'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentialsX',
      'arn:aws:iam::123456789012:policy/root-task/IAMAuditRootUserCredentials',
      'arn:aws-cn:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
    ]) {
      assert.equal(sandbox.parseTaskPolicyArn(arn), undefined, arn);
    }
  });
});
