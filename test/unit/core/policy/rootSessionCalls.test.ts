import assert from 'node:assert/strict';
import { type CallDenial, rootSessionDenials } from '../../../../src/core/policy';
import { policy } from './helpers';

/**
 * A Deny certain for a task (it refuses one call whatever the keys hold) may refuse its other calls only
 * for some values: each call says which it is (`RootSessionDenial.calls`), so that no call is listed as
 * blocked for certain on the strength of another.
 */
const ROOT_ARN = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } };
const certainly = (action: string): CallDenial => ({ action, certain: true, dependsOn: [] });
const depending = (action: string, ...dependsOn: string[]): CallDenial => ({ action, certain: false, dependsOn });

interface Row {
  name: string;
  kind?: 'scp' | 'rcp';
  statement: object;
  expected: { task: string; certain: boolean; calls: CallDenial[] }[];
}

const ROWS: Row[] = [
  {
    name: 'a Deny of every bucket but some: the listing (on *) for certain, the calls on the bucket depending on which bucket',
    statement: { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::keep-*', Condition: ROOT_ARN },
    expected: [
      {
        task: 'S3UnlockBucketPolicy',
        certain: true,
        calls: [depending('s3:DeleteBucketPolicy', 'which bucket'), depending('s3:PutBucketPolicy', 'which bucket'), depending('s3:GetBucketPolicy', 'which bucket'), certainly('s3:ListAllMyBuckets')],
      },
    ],
  },
  {
    // The listing acts on no resource: whether it carries aws:ResourceOrgID (the session's own) is not documented.
    name: "a Deny of buckets outside one organization: the account's own bucket depending on its organization, the listing on aws:ResourceOrgID too (not certain)",
    statement: { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { ...ROOT_ARN, StringNotEqualsIfExists: { 'aws:ResourceOrgID': 'o-exampleorg1' } } },
    expected: [
      {
        task: 'S3UnlockBucketPolicy',
        certain: false,
        calls: [
          depending('s3:DeleteBucketPolicy', 'aws:ResourceOrgID'),
          depending('s3:PutBucketPolicy', 'aws:ResourceOrgID'),
          depending('s3:GetBucketPolicy', 'aws:ResourceOrgID'),
          depending('s3:ListAllMyBuckets', 'aws:ResourceOrgID'),
        ],
      },
    ],
  },
  {
    name: 'a Deny of requests carrying an aws:ResourceAccount (Null false): the calls on the root user for certain, the one on no resource depending on it',
    statement: { Effect: 'Deny', Action: ['iam:GetAccountSummary', 'iam:GetUser'], Resource: '*', Condition: { Null: { 'aws:ResourceAccount': 'false' } } },
    expected: [
      { task: 'IAMAuditRootUserCredentials', certain: true, calls: [depending('iam:GetAccountSummary', 'aws:ResourceAccount'), certainly('iam:GetUser')] },
      { task: 'IAMDeleteRootUserCredentials', certain: true, calls: [certainly('iam:GetUser')] },
    ],
  },
  {
    name: "a Deny of every queue but eu-west-1's: the listing for certain, the calls on the queue depending on the Region",
    statement: { Effect: 'Deny', Action: 'sqs:*', NotResource: 'arn:aws:sqs:eu-west-1:*:*', Condition: ROOT_ARN },
    expected: [
      {
        task: 'SQSUnlockQueuePolicy',
        certain: true,
        calls: [
          depending('sqs:SetQueueAttributes', 'aws:RequestedRegion'),
          depending('sqs:GetQueueAttributes', 'aws:RequestedRegion'),
          certainly('sqs:ListQueues'),
          depending('sqs:GetQueueUrl', 'aws:RequestedRegion'),
        ],
      },
    ],
  },
  {
    name: 'a Deny certain for every call says so for each',
    statement: { Effect: 'Deny', Action: ['iam:CreateLoginProfile', 'iam:GetLoginProfile'], Resource: '*', Condition: ROOT_ARN },
    expected: [
      { task: 'IAMAuditRootUserCredentials', certain: true, calls: [certainly('iam:GetLoginProfile')] },
      { task: 'IAMCreateRootUserPassword', certain: true, calls: [certainly('iam:CreateLoginProfile'), certainly('iam:GetLoginProfile')] },
      { task: 'IAMDeleteRootUserCredentials', certain: true, calls: [certainly('iam:GetLoginProfile')] },
    ],
  },
  {
    name: 'a Deny certain for no call: each depends on the keys of the task',
    statement: { Effect: 'Deny', Action: 's3:PutBucketPolicy', Resource: '*', Condition: { ...ROOT_ARN, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    expected: [{ task: 'S3UnlockBucketPolicy', certain: false, calls: [depending('s3:PutBucketPolicy', 'aws:RequestedRegion')] }],
  },
  // The root user cannot be tagged: a call on it carries no aws:ResourceTag/ or iam:ResourceTag/ key. Its MFA
  // device may be tagged, and a bucket may: their calls keep the key.
  {
    name: 'a Deny of untagged resources (Null aws:ResourceTag/owner true): every call on the root user for certain, the MFA device depending on its tag',
    statement: { Effect: 'Deny', Action: ['iam:DeleteLoginProfile', 'iam:DeleteVirtualMFADevice'], Resource: '*', Condition: { Null: { 'aws:ResourceTag/owner': 'true' } } },
    expected: [{ task: 'IAMDeleteRootUserCredentials', certain: true, calls: [certainly('iam:DeleteLoginProfile'), depending('iam:DeleteVirtualMFADevice', 'aws:ResourceTag/owner')] }],
  },
  {
    name: 'a Deny of resources tagged locked (StringEquals aws:ResourceTag/locked): never the root user, the MFA device depending on its tag',
    statement: { Effect: 'Deny', Action: ['iam:CreateLoginProfile', 'iam:DeleteVirtualMFADevice'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } } },
    expected: [{ task: 'IAMDeleteRootUserCredentials', certain: false, calls: [depending('iam:DeleteVirtualMFADevice', 'aws:ResourceTag/locked')] }],
  },
  {
    name: 'a Deny unless the IAM resource is tagged team=admin (StringNotEquals iam:ResourceTag/team): the root user\'s calls for certain',
    statement: { Effect: 'Deny', Action: 'iam:GetLoginProfile', Resource: '*', Condition: { StringNotEquals: { 'iam:ResourceTag/team': 'admin' } } },
    expected: [
      { task: 'IAMAuditRootUserCredentials', certain: true, calls: [certainly('iam:GetLoginProfile')] },
      { task: 'IAMCreateRootUserPassword', certain: true, calls: [certainly('iam:GetLoginProfile')] },
      { task: 'IAMDeleteRootUserCredentials', certain: true, calls: [certainly('iam:GetLoginProfile')] },
    ],
  },
  // s3:GetBucketPolicy supports the access point keys, s3:DeleteBucketPolicy does not: one call lacks the key
  // the other may carry, so their answers differ however alike the statement matches their actions.
  {
    name: 'a Deny unless through an access point of one account (StringNotEqualsIfExists s3:DataAccessPointAccount): the calls lacking the key for certain, GetBucketPolicy depending on it',
    statement: { Effect: 'Deny', Action: ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy'], Resource: '*', Condition: { StringNotEqualsIfExists: { 's3:DataAccessPointAccount': '111122223333' } } },
    expected: [{ task: 'S3UnlockBucketPolicy', certain: true, calls: [certainly('s3:DeleteBucketPolicy'), depending('s3:GetBucketPolicy', 's3:DataAccessPointAccount')] }],
  },
];

describe('policy engine: which calls of a task a root-session Deny refuses for certain (rootSessionDenials)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const kind = row.kind ?? 'scp';
      const denials = rootSessionDenials(policy([row.statement], kind), kind);
      assert.deepEqual(
        denials.map((d) => ({ task: d.task, certain: d.certain, calls: d.calls })),
        row.expected,
      );
    });
  }
});
