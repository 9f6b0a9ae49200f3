import assert from 'node:assert/strict';
import type { TaskPolicyName } from '../../../../src/core/policy';
import { type Preflight, type PredictionResult, type TaskPrediction, policyImpact, policyImpacts } from '../../../../src/core/preflight';

const statement = (policyId: string, index = 0, certain = true) => ({ policyId, policyName: policyId, kind: 'SERVICE_CONTROL_POLICY' as const, statement: index, line: 1, certain, calls: ['iam:GetUser'], dependingCalls: certain ? [] : ['iam:GetUser'], dependsOn: [] });

/** `policyIds`' statements block for certain in a blocked prediction; `uncertain` ones only may block some call. */
function prediction(accountId: string, task: TaskPolicyName, result: PredictionResult, policyIds: string[], uncertain: string[] = []): TaskPrediction {
  const statements = [...policyIds.map((id, i) => statement(id, i, result === 'blocked')), ...uncertain.map((id, i) => statement(id, policyIds.length + i, false))];
  return { accountId, task, result, blockedCalls: [], dependingCalls: [], dependsOn: [], statements, missingAllows: [], summary: '' };
}

function preflightOf(predictions: TaskPrediction[]): Preflight {
  const types = { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: 'ENABLED' } as const;
  return { organizationId: 'o-abc', region: 'us-east-1', partition: 'aws', types, callerAccountId: '000000000000', callerExempt: true, rootSessions: { state: 'available' }, predictions, notPredicted: [], unreadable: [], readAt: '' };
}

describe('policy impact: what each SCP and RCP does to root tasks, from the predictions', () => {
  it('counts the accounts each policy blocks per task, and those where a task depends on it', () => {
    const impacts = policyImpacts(
      preflightOf([
        prediction('111111111111', 'IAMAuditRootUserCredentials', 'blocked', ['p-denyroot', 'p-denyroot']),
        prediction('222222222222', 'IAMAuditRootUserCredentials', 'blocked', ['p-denyroot']),
        prediction('222222222222', 'IAMDeleteRootUserCredentials', 'blocked', ['p-denyroot', 'p-region']),
        prediction('333333333333', 'IAMDeleteRootUserCredentials', 'depends', ['p-sourceip']),
        // Blocked by p-denyroot; p-sourceip only may block another call: the task depends on it there.
        prediction('555555555555', 'IAMDeleteRootUserCredentials', 'blocked', ['p-denyroot'], ['p-sourceip']),
        prediction('444444444444', 'IAMAuditRootUserCredentials', 'works', []),
      ]),
    );
    assert.deepEqual(policyImpact(impacts, 'p-denyroot'), {
      blocked: [
        { task: 'IAMAuditRootUserCredentials', accountIds: ['111111111111', '222222222222'] },
        { task: 'IAMDeleteRootUserCredentials', accountIds: ['222222222222', '555555555555'] },
      ],
      depends: [],
    });
    assert.deepEqual(policyImpact(impacts, 'p-region').blocked, [{ task: 'IAMDeleteRootUserCredentials', accountIds: ['222222222222'] }]);
    assert.deepEqual(policyImpact(impacts, 'p-sourceip'), { blocked: [], depends: [{ task: 'IAMDeleteRootUserCredentials', accountIds: ['333333333333', '555555555555'] }] });
    assert.deepEqual(policyImpact(impacts, 'p-FullAWSAccess'), { blocked: [], depends: [] });
  });
});
