import assert from 'node:assert/strict';
import { actionMatches, arnLike, globMatches, stringLike } from '../../../../src/core/lint/match';

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

describe('globMatches', () => {
  it('places the pieces between stars in order, with ? for one character', () => {
    assert.equal(globMatches('s3:Get*Object*Tagging', 's3:GetObjectVersionTagging', false), true);
    assert.equal(globMatches('s3:Get*Tagging*Object', 's3:GetObjectVersionTagging', false), false);
    assert.equal(globMatches('a*a', 'a', false), false);
    assert.equal(globMatches('a*?b', 'axb', false), true);
    assert.equal(globMatches('*', '', false), true);
  });

  it('folds case as a /i regular expression does', () => {
    assert.equal(globMatches('STS:*ROOT', 'sts:AssumeRoot', true), true);
    assert.equal(globMatches('STS:*ROOT', 'sts:AssumeRoot', false), false);
    assert.equal(globMatches('é*', 'École', true), true);
    // The Kelvin sign is its own upper case, so /i does not equate it with K.
    assert.equal(globMatches('\u212A', 'k', true), false);
  });

  it('stays fast and never throws on thousands of stars', () => {
    const hostile = `sts:${'*a'.repeat(9_990)}`;
    const start = process.hrtime.bigint();
    assert.equal(globMatches(hostile, 'sts:AssumeRoot', true), false);
    assert.equal(globMatches(hostile, `sts:${'a'.repeat(9_990)}`, true), true);
    assert.ok(Number(process.hrtime.bigint() - start) < 1e9);
  });

  it('matches nothing with a pattern longer than 20,000 characters', () => {
    assert.equal(globMatches(`${'x'.repeat(20_001)}*`, 'x'.repeat(20_001), false), false);
  });
});
