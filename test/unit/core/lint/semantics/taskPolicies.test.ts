import assert from 'node:assert/strict';
import { parseConditionOperator } from '../../../../../src/core/lint/conditions';
import {
  nearestTaskPolicyArn,
  permittedTaskPolicies,
  taskPoliciesMatchedBy,
} from '../../../../../src/core/lint/semantics/taskPolicies';
import { TASK_POLICY_NAMES } from '../../../../../src/core/root/taskPolicies';
import { assumeRootWith } from './statementOf';

const ARN = (name: string, partition = 'aws') => `arn:${partition}:iam::aws:policy/root-task/${name}`;
const ALL = [...TASK_POLICY_NAMES];
const AUDIT = 'IAMAuditRootUserCredentials';
const CREATE = 'IAMCreateRootUserPassword';
const DELETE = 'IAMDeleteRootUserCredentials';
const S3 = 'S3UnlockBucketPolicy';
const SQS = 'SQSUnlockQueuePolicy';

interface Row {
  name: string;
  condition?: object;
  policies: string[];
  future: boolean;
  unrestricted?: boolean;
}

const table: Row[] = [
  { name: 'no condition', policies: ALL, future: true, unrestricted: true },
  { name: 'condition on other keys only', condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, policies: ALL, future: true, unrestricted: true },
  { name: 'ArnEquals one ARN', condition: { ArnEquals: { 'sts:TaskPolicyArn': ARN(AUDIT) } }, policies: [AUDIT], future: false },
  { name: 'StringEquals, miscased key', condition: { StringEquals: { 'sts:TaskPolicyARN': ARN(S3) } }, policies: [S3], future: false },
  { name: 'an array means OR', condition: { ArnEquals: { 'sts:TaskPolicyArn': [ARN(AUDIT), ARN(DELETE)] } }, policies: [AUDIT, DELETE], future: false },
  { name: 'StringEquals is case-sensitive', condition: { StringEquals: { 'sts:TaskPolicyArn': ARN(AUDIT.toLowerCase()) } }, policies: [], future: false },
  {
    name: 'StringEqualsIgnoreCase is not',
    condition: { StringEqualsIgnoreCase: { 'sts:TaskPolicyArn': ARN(AUDIT.toLowerCase()) } },
    policies: [AUDIT],
    future: false,
  },
  { name: 'ArnLike root-task/*', condition: { ArnLike: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/*' } }, policies: ALL, future: true, unrestricted: true },
  { name: 'StringLike *Root*', condition: { StringLike: { 'sts:TaskPolicyArn': '*Root*' } }, policies: [AUDIT, CREATE, DELETE], future: false },
  { name: 'ArnLike IAM*', condition: { ArnLike: { 'sts:TaskPolicyArn': 'arn:*:iam::aws:policy/root-task/IAM*' } }, policies: [AUDIT, CREATE, DELETE], future: false },
  { name: 'ArnEquals globs per segment too', condition: { ArnEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/S*' } }, policies: [S3, SQS], future: false },
  { name: 'ArnLike * does not cross segments', condition: { ArnLike: { 'sts:TaskPolicyArn': 'arn:aws:iam::*Root*' } }, policies: [], future: false },
  {
    name: 'StringNotEquals lets every other one through, future ones included',
    condition: { StringNotEquals: { 'sts:TaskPolicyArn': ARN(CREATE) } },
    policies: [AUDIT, DELETE, S3, SQS],
    future: true,
  },
  { name: 'ArnNotLike IAM*', condition: { ArnNotLike: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAM*' } }, policies: [S3, SQS], future: true },
  { name: 'IfExists does not widen (the key is always present)', condition: { ArnEqualsIfExists: { 'sts:TaskPolicyArn': ARN(SQS) } }, policies: [SQS], future: false },
  { name: 'ForAnyValue on the single-valued key acts as the plain operator', condition: { 'ForAnyValue:ArnEquals': { 'sts:TaskPolicyArn': ARN(AUDIT) } }, policies: [AUDIT], future: false },
  {
    name: 'two entries are AND-ed',
    condition: { ArnLike: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAM*' }, ArnNotEquals: { 'sts:TaskPolicyArn': ARN(CREATE) } },
    policies: [AUDIT, DELETE],
    future: false,
  },
  { name: 'other partitions count', condition: { ArnEquals: { 'sts:TaskPolicyArn': ARN(AUDIT, 'aws-cn') } }, policies: [AUDIT], future: false },
  { name: 'a typo permits nothing', condition: { ArnEquals: { 'sts:TaskPolicyArn': ARN('IAMAuditRootUserCredential') } }, policies: [], future: false },
  { name: 'Null false restricts nothing', condition: { Null: { 'sts:TaskPolicyArn': 'false' } }, policies: ALL, future: true, unrestricted: true },
  { name: 'a numeric operator never matches an ARN', condition: { NumericEquals: { 'sts:TaskPolicyArn': '1' } }, policies: [], future: false },
  { name: 'an unknown operator is left to RG005', condition: { ArnEqualz: { 'sts:TaskPolicyArn': ARN(AUDIT) } }, policies: ALL, future: true, unrestricted: true },
];

describe('permittedTaskPolicies', () => {
  for (const row of table) {
    it(row.name, () => {
      const permission = permittedTaskPolicies(assumeRootWith(row.condition));
      assert.deepEqual(permission.policies, row.policies);
      assert.equal(permission.allowsFuture, row.future);
      assert.equal(permission.unrestricted, row.unrestricted ?? false);
    });
  }
});

describe('taskPoliciesMatchedBy', () => {
  it('lists what a pattern covers, before negation', () => {
    const notLike = parseConditionOperator('ArnNotLike')!;
    assert.deepEqual(taskPoliciesMatchedBy(notLike, 'arn:aws:iam::aws:policy/root-task/S*'), [S3, SQS]);
    assert.deepEqual(taskPoliciesMatchedBy(parseConditionOperator('StringEquals')!, ARN(CREATE)), [CREATE]);
    assert.deepEqual(taskPoliciesMatchedBy(parseConditionOperator('StringEquals')!, `arn=${ARN(CREATE)}`), []);
  });
});

describe('nearestTaskPolicyArn', () => {
  const cases: [string, string][] = [
    [`arn=${ARN(AUDIT)}`, ARN(AUDIT)],
    [ARN('IAMAuditRootUserCredential'), ARN(AUDIT)],
    [ARN('iamcreaterootuserpassword'), ARN(CREATE)],
    ['arn:aws:iam::aws:policy/S3UnlockBucketPolicy', ARN(S3)],
    ['arn:aws-us-gov:iam::aws:policy/root-task/SQSUnlockQueue', ARN(SQS, 'aws-us-gov')],
    ['IAMDeleteRootUserCreds', ARN(DELETE)],
  ];
  for (const [value, expected] of cases) {
    it(`${value} -> ${expected.split('/').pop()}`, () => assert.equal(nearestTaskPolicyArn(value), expected));
  }
});
