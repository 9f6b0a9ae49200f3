import assert from 'node:assert/strict';
import { TASK_CALLS, TASK_POLICY_NAMES, type TaskPolicyName, rootSessionDenials } from '../../../../src/core/policy';
import { policy } from './helpers';

/**
 * What a root session's requests carry in its member account, as the answers to "which calls does this Deny
 * refuse a root session" read it: the keys the session fixes are decided, never enumerated as free.
 */
const ROOT_ARN = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } };
const taskArn = (name: TaskPolicyName) => `arn:aws:iam::aws:policy/root-task/${name}`;
const allCalls = (task: TaskPolicyName) => TASK_CALLS[task].map((c) => c.action);

interface Expected {
  task: TaskPolicyName;
  calls: string[];
  certain: boolean;
  dependsOn: string[];
}

interface Row {
  name: string;
  statement: object;
  expected: Expected[];
}

const everyTaskCertainly: Expected[] = TASK_POLICY_NAMES.map((task) => ({ task, calls: allCalls(task), certain: true, dependsOn: [] }));

const ROWS: Row[] = [
  {
    name: 'StringNotEquals sts:TaskPolicyArn (audit): the session\'s calls carry no STS key, so it blocks every task, audit included, certainly',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, StringNotEquals: { 'sts:TaskPolicyArn': taskArn('IAMAuditRootUserCredentials') } } },
    expected: everyTaskCertainly,
  },
  {
    name: 'StringEquals sts:TaskPolicyArn (password recovery) never applies to a root session\'s calls',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, StringEquals: { 'sts:TaskPolicyArn': taskArn('IAMCreateRootUserPassword') } } },
    expected: [],
  },
  {
    name: 'any sts: key, in any case, is absent: Null sts:RoleSessionName true holds',
    statement: { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ...ROOT_ARN, Null: { 'STS:RoleSessionName': 'true' } } },
    expected: everyTaskCertainly.slice(0, 3),
  },
];

describe('policy engine: what a root session\'s requests carry (rootSessionDenials)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const denials = rootSessionDenials(policy([row.statement], 'scp'), 'scp');
      assert.deepEqual(
        denials.map((d) => ({ task: d.task, calls: d.actions, certain: d.certain, dependsOn: d.dependsOn })),
        row.expected,
      );
    });
  }
});
