import assert from 'node:assert/strict';
import { AwsCallError, awsErrorCode, describeFailure, isThrottlingError } from '../../../../src/core/aws/errors';

const awsError = (name: string, message = name, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('AWS error classification', () => {
  it('compares codes without the Exception suffix', () => {
    assert.equal(awsErrorCode(awsError('NoSuchEntityException')), 'NoSuchEntity');
    assert.equal(awsErrorCode(awsError('AccessDenied')), 'AccessDenied');
    assert.equal(awsErrorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
    // Organizations' 5xx: its stem alone says nothing.
    assert.equal(awsErrorCode(awsError('ServiceException')), 'ServiceException');
  });

  it('knows the throttling codes of all five services but not IAM entity quotas', () => {
    for (const name of ['Throttling', 'TooManyRequestsException', 'RequestThrottled', 'SlowDown']) assert.ok(isThrottlingError(awsError(name)), name);
    assert.equal(isThrottlingError(awsError('LimitExceeded', 'quota', 409)), false);
    assert.ok(isThrottlingError(awsError('Anything', 'x', 429)));
  });

  it('names an SCP deny as the likely cause and keeps the failing operation', () => {
    const denied = awsError('AccessDenied', 'User: arn:aws:iam::123456789012:root is not authorized to perform: iam:GetUser with an explicit deny in a service control policy', 403);
    const failure = describeFailure(new AwsCallError('GetUser', denied));
    assert.equal(failure.code, 'AccessDenied');
    assert.match(failure.message, /^GetUser: /);
    assert.match(failure.likelyCause ?? '', /^AccessDenied with an explicit deny in a service control policy: rootguard preflight names the policy and statement; if it is a "deny root" guardrail, .*aws:AssumedRoot/);
  });

  it('tells an SCP that allows too little from one that denies: no "deny root" exemption advice for an implicit deny', () => {
    const denied = awsError('AccessDenied', 'User: arn:aws:iam::123456789012:root is not authorized to perform: iam:GetLoginProfile on resource: arn:aws:iam::123456789012:root because no service control policy allows the iam:GetLoginProfile action', 403);
    const failure = describeFailure(new AwsCallError('GetLoginProfile', denied));
    assert.match(failure.likelyCause ?? '', /^AccessDenied because no service control policy allows the call: every level .* must allow it/);
    assert.doesNotMatch(failure.likelyCause ?? '', /explicit deny|aws:AssumedRoot/);
  });

  it('blames no SCP for a bucket or queue of another account: AWS names the resource policy or the task policy', () => {
    const cases: [string, string, RegExp][] = [
      ['GetBucketPolicy', 'User: arn:aws:iam::999900000022:root is not authorized to perform: s3:GetBucketPolicy on resource: arn:aws:s3:::sandbox-999900000012-locked because no resource-based policy allows the s3:GetBucketPolicy action', /^the bucket may not be in this account: .* AWS names the resource-based policy as what denied it, not an SCP; check the account id/],
      ['GetQueueAttributes', 'User: arn:aws:iam::999900000008:root is not authorized to perform: sqs:getqueueattributes on resource: arn:aws:sqs:us-east-1:999900000015:q with an explicit deny in a session policy', /^the queue may not be in this account: .* AWS names the session policy as what denied it, not an SCP/],
      ['SetQueueAttributes', 'User: arn:aws:iam::999900000008:root is not authorized to perform: sqs:setqueueattributes on resource: arn:aws:sqs:us-east-1:999900000015:q because no resource-based policy allows the sqs:setqueueattributes action', /^the queue may not be in this account/],
    ];
    for (const [operation, message, cause] of cases) {
      const failure = describeFailure(new AwsCallError(operation, awsError('AccessDenied', message, 403)));
      assert.match(failure.likelyCause ?? '', cause, operation);
      assert.doesNotMatch(failure.likelyCause ?? '', /usual cause/, operation);
    }
  });

  it('keeps the SCP hint for a root-session deny that gives no reason, and names the policy type one gives', () => {
    const bare = describeFailure(new AwsCallError('GetBucketPolicy', awsError('AccessDenied', 'Access Denied', 403)));
    assert.equal(bare.likelyCause, 'the root session was denied; an SCP on the account or its OUs is the usual cause, or the bucket is not in this account');
    const iam = describeFailure(new AwsCallError('GetLoginProfile', awsError('AccessDenied', 'not authorized', 403)));
    assert.equal(iam.likelyCause, 'the root session was denied; an SCP on the account or its OUs is the usual cause');
    const endpoint = describeFailure(new AwsCallError('DeleteBucketPolicy', awsError('AccessDenied', 'User: arn:aws:iam::111122223333:root is not authorized to perform: s3:DeleteBucketPolicy with an explicit deny in a VPC endpoint policy', 403)));
    assert.equal(endpoint.likelyCause, 'denied by the VPC endpoint policy, as AWS\'s message says, not by an SCP');
  });

  it('points an AssumeRoot deny at the caller permissions or RootSessions', () => {
    const failure = describeFailure(new AwsCallError('AssumeRoot', awsError('AccessDenied', 'not authorized', 403)));
    assert.match(failure.likelyCause ?? '', /sts:AssumeRoot|RootSessions/);
  });
});
