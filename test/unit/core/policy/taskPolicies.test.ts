import assert from 'node:assert/strict';
import { TASK_CALLS, TASK_POLICY_NAMES, type TaskPolicyName, evaluate, rootSessionRequest, taskPolicyDocument } from '../../../../src/core/policy';
import { TASK_POLICY_ALLOWED_ACTIONS } from '../../../../src/core/root/taskPolicies';

const TARGET = { partition: 'aws', account: '111122223333' };

describe('policy engine: the five task policies, each evaluated for each of its calls', () => {
  for (const name of TASK_POLICY_NAMES) {
    for (const call of TASK_CALLS[name]) {
      // Read literally, the NotResource of IAMDeleteRootUserCredentials denies the mfa resource that
      // DeleteVirtualMFADevice acts on (AWS documents the flow as working: see TASK_CALLS).
      const literalDeny = call.action === 'iam:DeleteVirtualMFADevice';
      it(`${name}: ${call.action} is ${literalDeny ? 'denied by the literal NotResource' : 'allowed'} in a root session`, () => {
        const decision = evaluate(rootSessionRequest(call, TARGET), { taskPolicy: taskPolicyDocument(name) });
        if (literalDeny) {
          assert.deepEqual(
            decision.deciding.map((d) => [d.statement, d.sid, d.line]),
            [[1, 'DenyDeletingRootUserCredentialsOnNonRootUserResource', 4]],
          );
          assert.equal(decision.decision, 'explicitDeny');
        } else {
          assert.deepEqual([decision.decision, decision.deciding, decision.dependsOn], ['allowed', [], []]);
        }
      });
    }
  }

  it("the calls are the actions each task policy leaves to the root session", () => {
    for (const name of TASK_POLICY_NAMES) {
      assert.deepEqual(new Set(TASK_CALLS[name].map((c) => c.action)), new Set(TASK_POLICY_ALLOWED_ACTIONS[name]), name);
    }
  });

  // The line is the statement's first line in the task policy's document as taskPolicies.ts holds it.
  const otherCalls: [TaskPolicyName, string, string, number, string, number][] = [
    ['IAMAuditRootUserCredentials', 'iam:DeleteLoginProfile', 'arn:aws:iam::111122223333:root', 0, 'DenyAllOtherActionsOnAnyResource', 2],
    ['IAMAuditRootUserCredentials', 'iam:GetUser', 'arn:aws:iam::111122223333:user/bob', 1, 'DenyAuditingCredentialsOnNonRootUserResource', 4],
    ['IAMCreateRootUserPassword', 'iam:GetAccountSummary', '*', 0, 'DenyAllOtherActionsOnAnyResource', 2],
    ['IAMCreateRootUserPassword', 'iam:CreateLoginProfile', 'arn:aws:iam::111122223333:user/bob', 1, 'DenyCreatingPasswordOnNonRootUserResource', 3],
    ['S3UnlockBucketPolicy', 's3:GetObject', 'arn:aws:s3:::b/k', 0, 'DenyAllOtherActionsOnAnyResource', 2],
    ['SQSUnlockQueuePolicy', 'sqs:DeleteQueue', 'arn:aws:sqs:us-east-1:111122223333:q', 0, 'DenyAllOtherActionsOnAnyResource', 2],
  ];
  for (const [name, action, resource, index, sid, line] of otherCalls) {
    it(`${name} denies ${action} on ${resource} (statement ${index})`, () => {
      const request = rootSessionRequest({ action, target: 'none' }, TARGET);
      const decision = evaluate({ ...request, resource }, { taskPolicy: taskPolicyDocument(name) });
      assert.equal(decision.decision, 'explicitDeny');
      assert.deepEqual(decision.deciding.map((d) => [d.policy, d.statement, d.sid, d.line]), [[name, index, sid, line]]);
    });
  }

  it('SQSUnlockQueuePolicy denies reading attributes of a queue of another account', () => {
    const call = TASK_CALLS.SQSUnlockQueuePolicy.find((c) => c.action === 'sqs:GetQueueAttributes')!;
    const request = rootSessionRequest(call, TARGET);
    const decision = evaluate({ ...request, context: { ...request.context, 'aws:ResourceAccount': '444455556666' } }, { taskPolicy: taskPolicyDocument('SQSUnlockQueuePolicy') });
    assert.deepEqual(decision.deciding.map((d) => [d.sid, d.line]), [['DenyGettingQueueAttributesOnNonOwnQueue', 4]]);
  });

  it("SQSUnlockQueuePolicy lets the owner's root session read its own queue: the queue's ARN names its account", () => {
    const ownQueue = { action: 'sqs:GetQueueAttributes', resource: 'arn:aws:sqs:us-east-1:111122223333:q', principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:root' } };
    const session = { ...rootSessionRequest({ action: 'sqs:GetQueueAttributes', target: 'none' }, TARGET), ...ownQueue };
    const own = evaluate(session, { taskPolicy: taskPolicyDocument('SQSUnlockQueuePolicy') });
    assert.deepEqual([own.decision, own.deciding, own.dependsOn, own.uncertain], ['allowed', [], [], false]);
    const another = evaluate({ ...session, resource: 'arn:aws:sqs:us-east-1:444455556666:q' }, { taskPolicy: taskPolicyDocument('SQSUnlockQueuePolicy') });
    assert.deepEqual([another.decision, another.deciding.map((d) => d.sid), another.dependsOn], ['explicitDeny', ['DenyGettingQueueAttributesOnNonOwnQueue'], []]);
  });

  it('S3UnlockBucketPolicy denies the bucket calls to a principal that is not a root user', () => {
    const call = TASK_CALLS.S3UnlockBucketPolicy[0];
    const request = rootSessionRequest(call, TARGET);
    const asRole = { ...request, context: { ...request.context, 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin' } };
    const decision = evaluate(asRole, { taskPolicy: taskPolicyDocument('S3UnlockBucketPolicy') });
    assert.deepEqual(decision.deciding.map((d) => [d.sid, d.line]), [['DenyManagingBucketPolicyForNonRootCallers', 4]]);
  });

  it('SCPs still filter a root session', () => {
    const call = TASK_CALLS.IAMAuditRootUserCredentials[0];
    const decision = evaluate(rootSessionRequest(call, TARGET), { taskPolicy: taskPolicyDocument('IAMAuditRootUserCredentials'), scps: [[]] });
    assert.equal(decision.decision, 'implicitDeny');
  });
});
