import assert from 'node:assert/strict';
import { evaluate, readPolicy } from '../../../../src/core/policy';

// The example of "Policy evaluation for requests within a single account" in the IAM User Guide: the
// identity policy of the IAM user carlossalazar, and the doc's conclusions for his requests.
const CARLOS = readPolicy(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowS3ListRead',
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'],
        Resource: 'arn:aws:s3:::*',
      },
      { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar'] },
      { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
    ],
  }),
  'carlossalazar',
);
const principal = { type: 'AWS', id: 'arn:aws:iam::123456789012:user/carlossalazar' };
const sids = (d: ReturnType<typeof evaluate>) => d.deciding.map((s) => s.sid);

describe('policy engine: the IAM User Guide evaluation examples', () => {
  it('Carlos cannot save a file to the -logs bucket: DenyS3Logs overrides AllowS3Self', () => {
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/report.txt', principal };
    const decision = evaluate(request, { identity: [CARLOS] });
    assert.deepEqual([decision.decision, sids(decision)], ['explicitDeny', ['DenyS3Logs']]);
  });

  it('Carlos can save a file to his own bucket: AllowS3Self', () => {
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/report.txt', principal };
    const decision = evaluate(request, { identity: [CARLOS] });
    assert.deepEqual([decision.decision, sids(decision)], ['allowed', ['AllowS3Self']]);
  });

  it("Carlos can read another bucket's location: AllowS3ListRead", () => {
    const decision = evaluate({ action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::amzn-s3-demo-bucket', principal }, { identity: [CARLOS] });
    assert.deepEqual([decision.decision, sids(decision)], ['allowed', ['AllowS3ListRead']]);
  });

  it('Carlos cannot read objects of another bucket: no Allow, implicit deny', () => {
    const decision = evaluate({ action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/k', principal }, { identity: [CARLOS] });
    assert.deepEqual([decision.decision, sids(decision)], ['implicitDeny', []]);
  });

  it('a bucket policy in the same account can allow what the identity policy does not', () => {
    const bucketPolicy = readPolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'AllowCarlos', Effect: 'Allow', Principal: { AWS: principal.id }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }],
      }),
      'bucket',
    );
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/k', principal, context: { 'aws:ResourceAccount': '123456789012' } };
    const decision = evaluate(request, { identity: [CARLOS], resource: bucketPolicy });
    assert.deepEqual([decision.decision, sids(decision)], ['allowed', ['AllowCarlos']]);
  });

  it('an SCP that does not allow the action takes it away from Carlos (SCPs are filters)', () => {
    const scp = readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'OnlyEc2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }), 'scp');
    const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/report.txt', principal };
    assert.equal(evaluate(request, { identity: [CARLOS], scps: [[scp]] }).decision, 'implicitDeny');
  });
});
