import assert from 'node:assert/strict';
import { type Policy, readPolicy } from '../../../../src/core/policy';
import { decideSet } from './helpers';

/** A documented policy, pretty-printed as the docs print it, so that each statement starts on a known line. */
const doc = (name: string, statements: object[]): Policy => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), name);

// IAM User Guide, "Policy evaluation for requests within a single account", section "Example
// identity-based and resource-based policy evaluation": the identity policy of the IAM user carlossalazar.
// Its statements start on lines 4 (AllowS3ListRead), 15 (AllowS3Self) and 24 (DenyS3Logs).
const CARLOS = doc('carlossalazar', [
  {
    Sid: 'AllowS3ListRead',
    Effect: 'Allow',
    Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'],
    Resource: 'arn:aws:s3:::*',
  },
  { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar'] },
  { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
]);
const carlos = { type: 'AWS', id: 'arn:aws:iam::123456789012:user/carlossalazar' };

describe('policy engine: the IAM User Guide evaluation examples (single account)', () => {
  it('Carlos cannot save a file to the -logs bucket: DenyS3Logs overrides AllowS3Self', () => {
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/report.txt', principal: carlos };
    assert.deepEqual(decideSet(request, { identity: [CARLOS] }), { decision: 'explicitDeny', deciding: ['carlossalazar#2 line 24'], dependsOn: [] });
  });

  it('Carlos can save a file to his own bucket: AllowS3Self', () => {
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/report.txt', principal: carlos };
    assert.deepEqual(decideSet(request, { identity: [CARLOS] }).deciding, ['carlossalazar#1 line 15']);
  });

  it("Carlos can read another bucket's location: AllowS3ListRead", () => {
    const request = { action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::amzn-s3-demo-bucket', principal: carlos, context: { 'aws:ResourceAccount': '123456789012' } };
    assert.deepEqual(decideSet(request, { identity: [CARLOS] }), { decision: 'allowed', deciding: ['carlossalazar#0 line 4'], dependsOn: [] });
  });

  it("without the bucket's account, the same answer depends on it: from another account no bucket policy grants Carlos", () => {
    const request = { action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::amzn-s3-demo-bucket', principal: carlos };
    assert.deepEqual(decideSet(request, { identity: [CARLOS] }), { decision: 'allowed', deciding: ['carlossalazar#0 line 4'], dependsOn: ['aws:ResourceAccount'] });
    // An answer the account cannot change names no dependency: the Deny applies in any account.
    const denied = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/report.txt', principal: carlos };
    assert.deepEqual(decideSet(denied, { identity: [CARLOS] }).dependsOn, []);
    // Nor a resource whose ARN names its account.
    const queue = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:jobs', principal: carlos };
    assert.deepEqual(decideSet(queue, { identity: [doc('sender', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }])] }).dependsOn, []);
  });

  it('Carlos cannot read objects of another bucket: no Allow, implicit deny', () => {
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/k', principal: carlos };
    assert.deepEqual(decideSet(request, { identity: [CARLOS] }), { decision: 'implicitDeny', deciding: [], dependsOn: [] });
  });

  it('a bucket policy in the same account can allow what the identity policy does not ("Important": either one allowing is enough)', () => {
    const bucketPolicy = doc('bucket', [{ Sid: 'AllowCarlos', Effect: 'Allow', Principal: { AWS: carlos.id }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }]);
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/k', principal: carlos, context: { 'aws:ResourceAccount': '123456789012' } };
    assert.deepEqual(decideSet(request, { identity: [CARLOS], resource: bucketPolicy }).deciding, ['bucket#0 line 4']);
  });

  it('an SCP that does not allow the action takes it away from Carlos (SCPs are filters)', () => {
    const scp = doc('scp', [{ Sid: 'OnlyEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/report.txt', principal: carlos };
    assert.equal(decideSet(request, { identity: [CARLOS], scps: [[scp]] }).decision, 'implicitDeny');
  });
});

// IAM User Guide, "Cross-account policy evaluation logic", section "Example cross-account policy
// evaluation": carlossalazar in account 111111111111 saves a file to buckets of account 222222222222.
// Identity statements start on lines 4 (AllowS3ListRead), 10 (AllowS3ProductionObjectActions), 16 (DenyS3Logs).
const CARLOS_CROSS = doc('carlossalazar', [
  { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
  { Sid: 'AllowS3ProductionObjectActions', Effect: 'Allow', Action: 's3:*Object*', Resource: 'arn:aws:s3:::Production/*' },
  { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: ['arn:aws:s3:::*log*', 'arn:aws:s3:::*log*/*'] },
]);
const PRODUCTION_BUCKET_POLICY = doc('Production', [
  {
    Effect: 'Allow',
    Action: ['s3:GetObject*', 's3:PutObject*', 's3:ReplicateObject', 's3:RestoreObject'],
    Principal: { AWS: 'arn:aws:iam::111111111111:user/carlossalazar' },
    Resource: 'arn:aws:s3:::Production/*',
  },
]);

describe('policy engine: the IAM User Guide evaluation examples (cross-account)', () => {
  const inBucket = (action: string, resource: string) => ({
    action,
    resource,
    principal: { type: 'AWS', id: 'arn:aws:iam::111111111111:user/carlossalazar' },
    context: { 'aws:ResourceAccount': '222222222222' },
  });

  it('saving to Production-logs (no bucket policy) is denied in the trusted account by DenyS3Logs', () => {
    const decision = decideSet(inBucket('s3:PutObject', 'arn:aws:s3:::Production-logs/file.txt'), { identity: [CARLOS_CROSS] });
    assert.deepEqual(decision, { decision: 'explicitDeny', deciding: ['carlossalazar#2 line 16'], dependsOn: [] });
  });

  it('saving to Production is allowed: both the identity policy and the bucket policy allow it', () => {
    const decision = decideSet(inBucket('s3:PutObject', 'arn:aws:s3:::Production/file.txt'), { identity: [CARLOS_CROSS], resource: PRODUCTION_BUCKET_POLICY });
    assert.deepEqual(decision, { decision: 'allowed', deciding: ['carlossalazar#1 line 10', 'Production#0 line 4'], dependsOn: [] });
  });

  it('he can create and edit, but not delete the objects: the bucket policy does not allow DeleteObject', () => {
    const decision = decideSet(inBucket('s3:DeleteObject', 'arn:aws:s3:::Production/file.txt'), { identity: [CARLOS_CROSS], resource: PRODUCTION_BUCKET_POLICY });
    assert.deepEqual(decision, { decision: 'implicitDeny', deciding: [], dependsOn: [] });
  });

  it('the bucket policy alone does not allow a principal of another account', () => {
    const decision = decideSet(inBucket('s3:PutObject', 'arn:aws:s3:::Production/file.txt'), { resource: PRODUCTION_BUCKET_POLICY });
    assert.equal(decision.decision, 'implicitDeny');
  });
});
