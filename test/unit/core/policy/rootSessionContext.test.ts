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
  {
    name: 'every call carries aws:RequestedRegion (S3 and SQS are regional): a Deny for requests without one (Null true) never applies',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, Null: { 'aws:RequestedRegion': 'true' } } },
    expected: [],
  },
  {
    name: 'a Deny for requests with a Region (Null false) blocks every task certainly, not depending on the Region',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, Null: { 'AWS:RequestedRegion': 'false' } } },
    expected: everyTaskCertainly,
  },
  {
    name: 'StringEqualsIfExists on the Region: the S3 and SQS tasks depend on the Region requested, never on its absence',
    statement: { Effect: 'Deny', Action: ['s3:*', 'sqs:*'], Resource: '*', Condition: { ...ROOT_ARN, StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } },
    expected: [
      { task: 'S3UnlockBucketPolicy', calls: allCalls('S3UnlockBucketPolicy'), certain: false, dependsOn: ['aws:RequestedRegion'] },
      { task: 'SQSUnlockQueuePolicy', calls: allCalls('SQSUnlockQueuePolicy'), certain: false, dependsOn: ['aws:RequestedRegion'] },
    ],
  },
  {
    name: 'a Deny of eu-west-1\'s queues blocks the SQS unlock depending on the Region the session requests, its queue\'s',
    statement: { Effect: 'Deny', Action: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'], Resource: 'arn:aws:sqs:eu-west-1:*:*', Condition: ROOT_ARN },
    expected: [{ task: 'SQSUnlockQueuePolicy', calls: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'], certain: false, dependsOn: ['aws:RequestedRegion'] }],
  },
  {
    name: 'a Deny of us-east-1\'s queues: depending on the Region too, not certain',
    statement: { Effect: 'Deny', Action: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'], Resource: 'arn:aws:sqs:us-east-1:*:*', Condition: ROOT_ARN },
    expected: [{ task: 'SQSUnlockQueuePolicy', calls: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'], certain: false, dependsOn: ['aws:RequestedRegion'] }],
  },
  {
    name: 'a Deny of every queue but Europe\'s (NotResource, a pattern of Regions): depending on the Region',
    statement: { Effect: 'Deny', Action: ['sqs:SetQueueAttributes', 'sqs:GetQueueUrl'], NotResource: 'arn:aws:sqs:eu-*:*:*', Condition: ROOT_ARN },
    expected: [{ task: 'SQSUnlockQueuePolicy', calls: ['sqs:SetQueueAttributes', 'sqs:GetQueueUrl'], certain: false, dependsOn: ['aws:RequestedRegion'] }],
  },
  {
    name: 'us-east-1\'s queues asked for from eu-west-1: a request that cannot be, nothing blocked',
    statement: { Effect: 'Deny', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:*:*', Condition: { ...ROOT_ARN, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    expected: [],
  },
  ...[
    { StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
    { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
    { StringNotEquals: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' } },
  ].map((perimeter) => ({
    name: `the resource perimeter ${JSON.stringify(perimeter)} spares the account's own bucket and queue: only the listings, depending on aws:ResourceOrgID (absent or the session's own there)`,
    statement: { Effect: 'Deny', Action: ['s3:*', 'sqs:*'], Resource: '*', Condition: { ...ROOT_ARN, ...perimeter } },
    expected: [
      { task: 'S3UnlockBucketPolicy' as const, calls: ['s3:ListAllMyBuckets'], certain: false, dependsOn: ['aws:ResourceOrgID'] },
      { task: 'SQSUnlockQueuePolicy' as const, calls: ['sqs:ListQueues'], certain: false, dependsOn: ['aws:ResourceOrgID'] },
    ],
  })),
  {
    name: 'the perimeter beside an organization written as a literal id: the listings, depending on aws:PrincipalOrgID and aws:ResourceOrgID',
    statement: {
      Effect: 'Deny',
      Action: ['s3:*', 'sqs:*'],
      Resource: '*',
      Condition: { ...ROOT_ARN, StringNotEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' }, StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
    },
    expected: [
      { task: 'S3UnlockBucketPolicy', calls: ['s3:ListAllMyBuckets'], certain: false, dependsOn: ['aws:PrincipalOrgID', 'aws:ResourceOrgID'] },
      { task: 'SQSUnlockQueuePolicy', calls: ['sqs:ListQueues'], certain: false, dependsOn: ['aws:PrincipalOrgID', 'aws:ResourceOrgID'] },
    ],
  },
  {
    name: 'a root session is always in an organization: a Deny for callers outside any (Null aws:PrincipalOrgID) never applies',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, Null: { 'aws:PrincipalOrgID': 'true' } } },
    expected: [],
  },
  {
    name: 'the account\'s own bucket is in its organization: a Deny of buckets outside any (Null aws:ResourceOrgID) spares it',
    statement: { Effect: 'Deny', Action: ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy'], Resource: '*', Condition: { ...ROOT_ARN, Null: { 'aws:ResourceOrgID': 'true' } } },
    expected: [],
  },
  // A call on no resource carries aws:ResourceOrgID and aws:ResourceAccount, or not: AWS does not document it.
  // If it does, they are the session's own organization and account (AWS's resource perimeter SCP would
  // otherwise refuse every listing in the organization): both are tried, neither is certain.
  {
    name: "AWS's resource perimeter SCP (StringNotEqualsIfExists aws:ResourceOrgID, its organization): every call depends on aws:ResourceOrgID, the listings too (not certain)",
    statement: {
      Effect: 'Deny',
      Action: '*',
      NotResource: ['arn:aws:iam::aws:policy/*', 'arn:aws:s3:::redshift-downloads/*'],
      Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': 'o-exampleorg1', 'ec2:Owner': 'amazon', 'aws:PrincipalTag/dp:exclude:resource': 'true' } },
    },
    expected: TASK_POLICY_NAMES.map((task) => ({ task, calls: allCalls(task), certain: false, dependsOn: ['aws:ResourceOrgID'] })),
  },
  {
    name: 'a Deny of resources outside the caller\'s account (StringNotEqualsIfExists aws:ResourceAccount ${aws:PrincipalAccount}): the own resources spared, the calls on no resource depending on aws:ResourceAccount',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } },
    expected: [
      { task: 'IAMAuditRootUserCredentials', calls: ['iam:GetAccountSummary'], certain: false, dependsOn: ['aws:ResourceAccount'] },
      { task: 'S3UnlockBucketPolicy', calls: ['s3:ListAllMyBuckets'], certain: false, dependsOn: ['aws:ResourceAccount'] },
      { task: 'SQSUnlockQueuePolicy', calls: ['sqs:ListQueues'], certain: false, dependsOn: ['aws:ResourceAccount'] },
    ],
  },
  {
    name: 'a Deny of resources outside any organization (Null aws:ResourceOrgID true): the own resources spared, the calls on no resource depending on aws:ResourceOrgID',
    statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:ResourceOrgID': 'true' } } },
    expected: [
      { task: 'IAMAuditRootUserCredentials', calls: ['iam:GetAccountSummary'], certain: false, dependsOn: ['aws:ResourceOrgID'] },
      { task: 'S3UnlockBucketPolicy', calls: ['s3:ListAllMyBuckets'], certain: false, dependsOn: ['aws:ResourceOrgID'] },
      { task: 'SQSUnlockQueuePolicy', calls: ['sqs:ListQueues'], certain: false, dependsOn: ['aws:ResourceOrgID'] },
    ],
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
