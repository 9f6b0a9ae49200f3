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

  it('points an AssumeRoot deny at the caller permissions or RootSessions', () => {
    const failure = describeFailure(new AwsCallError('AssumeRoot', awsError('AccessDenied', 'not authorized', 403)));
    assert.match(failure.likelyCause ?? '', /sts:AssumeRoot|RootSessions/);
  });
});
