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
  {
    name: 'a region fence without an IAM exemption blocks the IAM tasks certainly (their calls carry us-east-1), the S3 and SQS tasks depending on the Region',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } },
    expected: TASK_POLICY_NAMES.map((task) =>
      task.startsWith('IAM') ? { task, calls: allCalls(task), certain: true, dependsOn: [] } : { task, calls: allCalls(task), certain: false, dependsOn: ['aws:RequestedRegion'] },
    ),
  },
  {
    name: 'a region fence that lets us-east-1 through never blocks an IAM call in partition aws',
    statement: { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ...ROOT_ARN, StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
    expected: [],
  },
  {
    name: 'a Deny of IAM in one Region only: the IAM tasks certainly, in partition aws',
    statement: { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ...ROOT_ARN, StringEquals: { 'AWS:REQUESTEDREGION': 'us-east-1' } } },
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
