/**
 * The root user as a caller: every permission in its own account without an identity policy (SCPs, RCPs,
 * endpoint policies and resource-policy Denies still apply), a resource policy's grant needed across
 * accounts and from a KMS key policy, and S3's rule that a bucket policy never locks its owner's root user
 * out of managing it (SQS's alike for a queue's policy) ("Bucket owner root principals can only be blocked from performing these API actions by
 * VPC endpoint policies and AWS Organizations policies", S3 API Reference, DeleteBucketPolicy).
 */
import assert from 'node:assert/strict';
import { type Request, TASK_CALLS, evaluate, rootSessionRequest, taskPolicyDocument } from '../../../../src/core/policy';
import { ALLOW_ALL, decideSet, decisionTable, policy } from './helpers';

const OWNER = '111122223333';
const OTHER = '444455556666';
const rootOf = (account: string) => ({ type: 'AWS', id: `arn:aws:iam::${account}:root` });
const asRoot = (account: string, action: string, resource: string, context: Request['context'] = { 'aws:ResourceAccount': OWNER }): Request => ({ action, resource, principal: rootOf(account), context });

const BUCKET = 'arn:aws:s3:::locked-bucket';
const lockedBucket = policy([{ Sid: 'DenyEveryone', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }], 'bucket');
const fullAccess = policy([ALLOW_ALL], 'FullAWSAccess');

describe('policy engine: the root user as caller', () => {
  decisionTable([
    {
      name: 'in its own account the root user needs no identity policy',
      request: asRoot(OWNER, 'iam:CreateUser', `arn:aws:iam::${OWNER}:user/new`),
      set: { scps: [[fullAccess]] },
      decision: 'allowed',
      deciding: ['FullAWSAccess#0 line 4'],
      reason: /root user may do in its own account what no policy denies/,
    },
    {
      name: 'the root user cannot open root sessions: AWS takes only IAM users and roles for sts:AssumeRoot',
      request: { action: 'sts:AssumeRoot', resource: `arn:aws:iam::${OTHER}:root`, principal: rootOf(OWNER), context: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } },
      set: { identity: [policy([ALLOW_ALL], 'id')] },
      decision: 'implicitDeny',
      deciding: [],
      reason: /the root user cannot call sts:AssumeRoot/,
    },
    {
      name: 'the root user cannot assume a role, whatever its trust policy says',
      request: asRoot(OWNER, 'sts:AssumeRole', `arn:aws:iam::${OWNER}:role/Admin`, {}),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'sts:AssumeRole' }], 'trust') },
      decision: 'implicitDeny',
      deciding: [],
      reason: /the root user cannot call sts:AssumeRole/,
    },
    {
      name: "an SCP's Deny stops a member account's root user",
      request: asRoot(OWNER, 'iam:CreateUser', `arn:aws:iam::${OWNER}:user/new`),
      set: { scps: [[fullAccess], [policy([{ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }], 'deny-root')]] },
      decision: 'explicitDeny',
      deciding: ['deny-root#0 line 4'],
    },
    {
      name: 'an SCP level without an Allow stops it too',
      request: asRoot(OWNER, 'iam:CreateUser', `arn:aws:iam::${OWNER}:user/new`),
      set: { scps: [[fullAccess], [policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'ou-s3-only')]] },
      decision: 'implicitDeny',
      deciding: [],
      reason: /no SCP at level 2/,
    },
    {
      name: "across accounts the resource policy must grant: another account's root user is not let in by default",
      request: asRoot(OTHER, 's3:GetObject', `${BUCKET}/report.csv`),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }], 'bucket') },
      decision: 'implicitDeny',
      deciding: [],
    },
    {
      name: "across accounts a resource policy naming the caller's account lets its root user in",
      request: asRoot(OTHER, 's3:GetObject', 'arn:aws:s3:::shared/report.csv'),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }], 'bucket') },
      decision: 'allowed',
      deciding: ['bucket#0 line 4'],
      reason: /resource policy allows another account's root user/,
    },
    {
      name: 'a KMS key policy that does not name the account stops its root user too',
      request: asRoot(OWNER, 'kms:Decrypt', `arn:aws:kms:us-east-1:${OWNER}:key/k1`, {}),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:role/App` }, Action: 'kms:Decrypt', Resource: '*' }], 'key') },
      decision: 'implicitDeny',
      deciding: [],
    },
    {
      name: 'a KMS key policy naming the account lets its root user use the key',
      request: asRoot(OWNER, 'kms:Decrypt', `arn:aws:kms:us-east-1:${OWNER}:key/k1`, {}),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'kms:*', Resource: '*' }], 'key') },
      decision: 'allowed',
      deciding: ['key#0 line 4'],
    },
  ]);
});

describe('policy engine: a bucket policy never locks out its owner\'s root user', () => {
  decisionTable([
    {
      name: "the owner's root user deletes a bucket policy that denies everyone",
      request: asRoot(OWNER, 's3:DeleteBucketPolicy', BUCKET),
      set: { resource: lockedBucket },
      decision: 'allowed',
      deciding: [],
    },
    {
      name: 'the exemption covers the policy only: the same policy still denies the root user reading an object',
      request: asRoot(OWNER, 's3:GetObject', `${BUCKET}/report.csv`),
      set: { resource: lockedBucket },
      decision: 'explicitDeny',
      deciding: ['bucket#0 line 4'],
    },
    {
      name: "another account's root user gets no exemption",
      request: asRoot(OTHER, 's3:DeleteBucketPolicy', BUCKET),
      set: { resource: lockedBucket },
      decision: 'explicitDeny',
      deciding: ['bucket#0 line 4'],
    },
    {
      name: "an administrator of the owner's account gets none either",
      request: { action: 's3:PutBucketPolicy', resource: BUCKET, principal: { type: 'AWS', id: `arn:aws:iam::${OWNER}:role/Administrator` }, context: { 'aws:ResourceAccount': OWNER } },
      set: { identity: [policy([ALLOW_ALL], 'admin')], resource: lockedBucket },
      decision: 'explicitDeny',
      deciding: ['bucket#0 line 4'],
    },
    {
      name: "without aws:ResourceAccount the answer is the owner's, and depends on whose bucket it is",
      request: asRoot(OWNER, 's3:DeleteBucketPolicy', BUCKET, {}),
      set: { resource: lockedBucket },
      decision: 'allowed',
      deciding: [],
      dependsOn: ['aws:ResourceAccount'],
    },
  ]);

  // The S3UnlockBucketPolicy task relies on the exemption; Organizations policies and endpoint policies still apply.
  const deleteBucketPolicy = TASK_CALLS.S3UnlockBucketPolicy.find((call) => call.action === 's3:DeleteBucketPolicy')!;
  const unlock = rootSessionRequest(deleteBucketPolicy, { partition: 'aws', account: OWNER, bucket: 'locked-bucket' });
  const task = taskPolicyDocument('S3UnlockBucketPolicy');

  it('a root session of S3UnlockBucketPolicy deletes a bucket policy that denies everyone', () => {
    assert.deepEqual(decideSet(unlock, { taskPolicy: task, resource: lockedBucket }), { decision: 'allowed', deciding: [], dependsOn: [] });
  });

  it("a root session acts in its own account: another account's bucket needs that bucket's policy to grant", () => {
    const elsewhere = { ...unlock, context: { ...unlock.context, 'aws:ResourceAccount': OTHER } };
    assert.deepEqual(decideSet(elsewhere, { taskPolicy: task }), { decision: 'implicitDeny', deciding: [], dependsOn: [] });
    const granting = policy([{ Effect: 'Allow', Principal: { AWS: OWNER }, Action: 's3:DeleteBucketPolicy', Resource: BUCKET }], 'bucket');
    assert.deepEqual(decideSet(elsewhere, { taskPolicy: task, resource: granting }), { decision: 'allowed', deciding: ['bucket#0 line 4'], dependsOn: [] });
  });

  it('an RCP can still stop it', () => {
    const rcp = policy([{ Sid: 'NoPolicyChanges', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucketPolicy', Resource: '*' }], 'rcp');
    assert.deepEqual(decideSet(unlock, { taskPolicy: task, resource: lockedBucket, rcps: [[fullAccess, rcp]] }).deciding, ['rcp#0 line 4']);
  });

  it('so can the endpoint policy', () => {
    const endpoint = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }], 'endpoint');
    assert.equal(evaluate(unlock, { taskPolicy: task, resource: lockedBucket, endpointPolicy: endpoint }).reason, 'the VPC endpoint policy does not allow it');
  });

  it("SQS does the same for a queue's policy: a root session of SQSUnlockQueuePolicy sets the attributes of a queue whose policy denies everyone", () => {
    const setAttributes = TASK_CALLS.SQSUnlockQueuePolicy.find((call) => call.action === 'sqs:SetQueueAttributes')!;
    const request = rootSessionRequest(setAttributes, { partition: 'aws', account: OWNER, queue: 'locked' });
    const queue = policy([{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*' }], 'queue');
    const sqsTask = taskPolicyDocument('SQSUnlockQueuePolicy');
    assert.deepEqual(decideSet(request, { taskPolicy: sqsTask, resource: queue }), { decision: 'allowed', deciding: [], dependsOn: [] });
    const receive = { ...request, action: 'sqs:ReceiveMessage' };
    assert.deepEqual(decideSet(receive, { resource: queue }).deciding, ['queue#0 line 4']);
    const elsewhere = { ...request, context: { ...request.context, 'aws:ResourceAccount': OTHER } };
    assert.deepEqual(decideSet(elsewhere, { taskPolicy: sqsTask, resource: queue }).deciding, ['queue#0 line 4']);
  });
});
