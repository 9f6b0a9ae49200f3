import assert from 'node:assert/strict';
import {
  assumedRootApplicability,
  coveredTaskActions,
  describeTaskActionCoverage,
  rootPrincipalMatch,
} from '../../../../../src/core/lint/semantics/rootSessions';
import { statementOf } from './statementOf';

const deny = (condition: object, element: object = { Action: '*' }) => statementOf({ Effect: 'Deny', Resource: '*', ...element, Condition: condition });

describe('rootPrincipalMatch', () => {
  const matches: [string, object][] = [
    ['ArnLike arn:aws:iam::*:root', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }],
    ['StringLike, array, miscased key', { StringLike: { 'aws:principalarn': ['arn:aws:iam::*:role/x', 'arn:aws:iam::*:root'] } }],
    ['StringEquals one account', { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:root' } }],
    ['with a NotLike exception that leaves root in', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:root' } }],
  ];
  for (const [name, condition] of matches) {
    it(`matches: ${name}`, () => assert.ok(rootPrincipalMatch(deny(condition))));
  }

  const misses: [string, object][] = [
    ['no principal condition', {}],
    ['a negation alone', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } }],
    ['roles only', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }],
    ['root excluded by a NotLike', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }],
  ];
  for (const [name, condition] of misses) {
    it(`does not match: ${name}`, () => assert.equal(rootPrincipalMatch(deny(condition)), undefined));
  }
});

describe('assumedRootApplicability', () => {
  const table: [string, object, boolean, boolean][] = [
    ['no condition on the key', {}, true, true],
    ['Null true exempts root sessions', { Null: { 'aws:AssumedRoot': 'true' } }, false, true],
    ['BoolIfExists false exempts them too', { BoolIfExists: { 'aws:AssumedRoot': 'false' } }, false, true],
    ['Bool true targets root sessions only', { Bool: { 'aws:AssumedRoot': 'true' } }, true, false],
    ['Null false targets them too', { Null: { 'aws:assumedroot': 'false' } }, true, false],
    ['ForAllValues:Bool true holds for both (empty set)', { 'ForAllValues:Bool': { 'aws:AssumedRoot': 'true' } }, true, true],
  ];
  for (const [name, condition, rootSessions, otherRequests] of table) {
    it(name, () => assert.deepEqual(assumedRootApplicability(deny(condition)), { rootSessions, otherRequests }));
  }
});

describe('coveredTaskActions', () => {
  it('finds what a NotAction deny still blocks', () => {
    const coverage = coveredTaskActions(deny({}, { NotAction: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'] }));
    assert.deepEqual(coverage.S3UnlockBucketPolicy, ['s3:ListAllMyBuckets']);
    assert.equal(coverage.IAMCreateRootUserPassword?.length, 2);
  });

  it('finds nothing for unrelated actions', () => {
    assert.deepEqual(coveredTaskActions(deny({}, { Action: ['ec2:*', 'organizations:LeaveOrganization'] })), {});
  });
});

describe('describeTaskActionCoverage', () => {
  it('names partial coverage per task and sums up total coverage', () => {
    assert.equal(describeTaskActionCoverage(coveredTaskActions(deny({}, { Action: ['s3:ListAllMyBuckets', 'sqs:*'] }))), 'S3UnlockBucketPolicy (s3:ListAllMyBuckets), SQSUnlockQueuePolicy (all its actions)');
    assert.equal(describeTaskActionCoverage(coveredTaskActions(deny({}))), 'every action of all five task policies');
  });
});
