import assert from 'node:assert/strict';
import { actionMatches, arnLike, stringLike } from '../../../../src/core/lint/match';

describe('IAM wildcard matching', () => {
  it('matches actions case-insensitively with * and ?', () => {
    assert.equal(actionMatches('sts:Assume*', 'sts:AssumeRoot'), true);
    assert.equal(actionMatches('STS:ASSUMEROOT', 'sts:AssumeRoot'), true);
    assert.equal(actionMatches('sts:AssumeRo?t', 'sts:AssumeRoot'), true);
    assert.equal(actionMatches('sts:AssumeRole*', 'sts:AssumeRoot'), false);
    assert.equal(actionMatches('*', 'sts:AssumeRoot'), true);
  });

  it('treats regular-expression characters literally', () => {
    assert.equal(actionMatches('s3:Get.+', 's3:GetObject'), false);
  });

  it('StringLike is case-sensitive', () => {
    assert.equal(stringLike('arn:aws:iam::*:root', 'arn:aws:iam::111122223333:root'), true);
    assert.equal(stringLike('ARN:aws:iam::*:root', 'arn:aws:iam::111122223333:root'), false);
  });

  it('ArnLike keeps * inside one segment, except in the resource part', () => {
    assert.equal(arnLike('arn:aws:iam::*:root', 'arn:aws:iam::111122223333:root'), true);
    assert.equal(arnLike('arn:*:root', 'arn:aws:iam::111122223333:root'), false);
    assert.equal(arnLike('arn:aws:iam::aws:policy/root-task/*', 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy'), true);
    assert.equal(arnLike('arn:aws:sqs:*:*:*', 'arn:aws:sqs:us-east-1:111122223333:q:with:colons'), true);
  });
});
