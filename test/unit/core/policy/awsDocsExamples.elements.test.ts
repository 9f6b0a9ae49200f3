/**
 * Examples from the IAM User Guide's pages on NotAction, condition operators and policy variables,
 * transcribed with the decision the page documents. Each row names its section; deciding statements are
 * asserted with their line (statement 0 of a pretty-printed document starts on line 4).
 */
import type { Request } from '../../../../src/core/policy';
import { docsRequest as req, docsTable as table } from './awsDocsTable';
import { ALLOW_ALL, policy } from './helpers';

const ALLOW = policy([ALLOW_ALL], 'allow');
const USER = 'arn:aws:iam::111122223333:user/alice';

describe('policy engine: IAM User Guide examples of NotAction', () => {
  // "NotAction with Allow": every S3 action on S3 resources except DeleteBucket; ListAllMyBuckets needs the
  // "*" resource, and other services' actions do not apply to S3 resources.
  const exceptDelete = policy([{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' }], 'not-delete');
  // "NotAction with Allow": every action of every service except IAM.
  const exceptIam = policy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'not-iam');
  // "NotAction with Deny": DenyAllUsersNotUsingMFA denies every non-IAM action without MFA, and grants nothing.
  const mfa = policy([{ Sid: 'DenyAllUsersNotUsingMFA', Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }], 'mfa');
  table([
    { section: 'NotAction with Allow', name: 'allows s3:GetObject on a bucket object', set: { identity: [exceptDelete] }, request: req('s3:GetObject', 'arn:aws:s3:::b/k'), decision: 'allowed', deciding: ['not-delete#0 line 4'] },
    { section: 'NotAction with Allow', name: 'does not allow s3:DeleteBucket', set: { identity: [exceptDelete] }, request: req('s3:DeleteBucket', 'arn:aws:s3:::b'), decision: 'implicitDeny', deciding: [] },
    { section: 'NotAction with Allow', name: 'does not allow ListAllMyBuckets (resource "*")', set: { identity: [exceptDelete] }, request: req('s3:ListAllMyBuckets', '*'), decision: 'implicitDeny', deciding: [] },
    { section: 'NotAction with Allow', name: 'does not allow other services', set: { identity: [exceptDelete] }, request: req('ec2:TerminateInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1'), decision: 'implicitDeny', deciding: [] },
    { section: 'NotAction with Allow', name: 'NotAction iam:* allows other services', set: { identity: [exceptIam] }, request: req('ec2:DescribeInstances', '*'), decision: 'allowed', deciding: ['not-iam#0 line 4'] },
    { section: 'NotAction with Allow', name: 'NotAction iam:* does not allow IAM', set: { identity: [exceptIam] }, request: req('iam:CreateUser', USER), decision: 'implicitDeny', deciding: [] },
    { section: 'NotAction with Deny', name: 'without MFA (key absent) a non-IAM action is denied', set: { identity: [ALLOW, mfa] }, request: req('s3:ListAllMyBuckets', '*'), decision: 'explicitDeny', deciding: ['mfa#0 line 4'] },
    { section: 'NotAction with Deny', name: 'without MFA (false) a non-IAM action is denied', set: { identity: [ALLOW, mfa] }, request: req('s3:ListAllMyBuckets', '*', { 'aws:MultiFactorAuthPresent': 'false' }), decision: 'explicitDeny', deciding: ['mfa#0 line 4'] },
    { section: 'NotAction with Deny', name: 'with MFA the Deny has no effect', set: { identity: [ALLOW, mfa] }, request: req('s3:ListAllMyBuckets', '*', { 'aws:MultiFactorAuthPresent': 'true' }), decision: 'allowed', deciding: ['allow#0 line 4'] },
    { section: 'NotAction with Deny', name: 'IAM actions are not denied without MFA', set: { identity: [ALLOW, mfa] }, request: req('iam:ListUsers', '*'), decision: 'allowed', deciding: ['allow#0 line 4'] },
    { section: 'NotAction with Deny', name: 'the Deny grants nothing by itself', set: { identity: [mfa] }, request: req('iam:ListUsers', '*', { 'aws:MultiFactorAuthPresent': 'true' }), decision: 'implicitDeny', deciding: [] },
  ]);
});

describe('policy engine: IAM User Guide examples of condition operators', () => {
  // Each example statement is an identity policy's only statement; keys absent from the request do not match.
  const only = (name: string, statement: object) => ({ identity: [policy([statement], name)] });
  const accessKeys = (condition: object) => only('keys', { Effect: 'Allow', Action: 'iam:*AccessKey*', Resource: 'arn:aws:iam::111122223333:user/*', Condition: condition });
  const tagged = accessKeys({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } });
  const listing = only('list', { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/'] } } });
  const maxKeys = only('max-keys', { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } } });
  const issued = accessKeys({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } });
  const sourceIp = accessKeys({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
  const tls = { identity: [ALLOW, policy([{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], 'tls')] };
  const instanceTypes = only('ec2', { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } });
  const allTags = only('tags', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } } });
  const anyTag = only('tags', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } } });
  const keyOf = (context: Request['context']) => req('iam:CreateAccessKey', USER, context);
  table([
    { section: 'String condition operators', name: 'the principal tagged job-category=iamuser-admin', set: tagged, request: keyOf({ 'aws:PrincipalTag/job-category': 'iamuser-admin' }), decision: 'allowed', deciding: ['keys#0 line 4'] },
    { section: 'String condition operators', name: 'another job category', set: tagged, request: keyOf({ 'aws:PrincipalTag/job-category': 'developer' }), decision: 'implicitDeny', deciding: [] },
    { section: 'String condition operators', name: 'no tag: an absent key does not match', set: tagged, request: keyOf({}), decision: 'implicitDeny', deciding: [] },
    { section: 'String condition operators', name: 'StringLike with a policy variable: the own home prefix', set: listing, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:prefix': 'home/alice/', 'aws:username': 'alice' }), decision: 'allowed', deciding: ['list#0 line 4'] },
    { section: 'String condition operators', name: "StringLike with a policy variable: another user's prefix", set: listing, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:prefix': 'home/bob/', 'aws:username': 'alice' }), decision: 'implicitDeny', deciding: [] },
    { section: 'String condition operators', name: 'StringLike: the empty prefix (the bucket root)', set: listing, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:prefix': '', 'aws:username': 'alice' }), decision: 'allowed', deciding: ['list#0 line 4'] },
    { section: 'Numeric condition operators', name: 'up to 10 keys listed', set: maxKeys, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:max-keys': '10' }), decision: 'allowed', deciding: ['max-keys#0 line 4'] },
    { section: 'Numeric condition operators', name: 'more than 10 keys listed', set: maxKeys, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:max-keys': '11' }), decision: 'implicitDeny', deciding: [] },
    { section: 'Date condition operators', name: 'temporary credentials issued after the date', set: issued, request: keyOf({ 'aws:TokenIssueTime': '2020-06-30T12:00:00Z' }), decision: 'allowed', deciding: ['keys#0 line 4'] },
    { section: 'Date condition operators', name: 'issued before the date', set: issued, request: keyOf({ 'aws:TokenIssueTime': '2019-12-31T23:59:59Z' }), decision: 'implicitDeny', deciding: [] },
    { section: 'Boolean condition operators', name: 'a request over plain HTTP is denied', set: tls, request: req('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:SecureTransport': 'false' }), decision: 'explicitDeny', deciding: ['tls#0 line 4'] },
    { section: 'Boolean condition operators', name: 'a request over TLS is not', set: tls, request: req('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:SecureTransport': 'true' }), decision: 'allowed', deciding: ['allow#0 line 4'] },
    { section: 'IP address condition operators', name: 'from 203.0.113.0/24', set: sourceIp, request: keyOf({ 'aws:SourceIp': '203.0.113.17' }), decision: 'allowed', deciding: ['keys#0 line 4'] },
    { section: 'IP address condition operators', name: 'from outside the range', set: sourceIp, request: keyOf({ 'aws:SourceIp': '198.51.100.17' }), decision: 'implicitDeny', deciding: [] },
    { section: '...IfExists condition operators', name: 'a t2 instance type', set: instanceTypes, request: req('ec2:RunInstances', '*', { 'ec2:InstanceType': 't2.micro' }), decision: 'allowed', deciding: ['ec2#0 line 4'] },
    { section: '...IfExists condition operators', name: 'another instance type', set: instanceTypes, request: req('ec2:RunInstances', '*', { 'ec2:InstanceType': 'm5.large' }), decision: 'implicitDeny', deciding: [] },
    { section: '...IfExists condition operators', name: 'a request without an instance type', set: instanceTypes, request: req('ec2:DescribeInstances', '*'), decision: 'allowed', deciding: ['ec2#0 line 4'] },
    { section: 'Multivalued context keys (ForAllValues)', name: 'every tag key in the list', set: allTags, request: req('ec2:CreateTags', '*', { 'aws:TagKeys': ['environment'] }), decision: 'allowed', deciding: ['tags#0 line 4'] },
    { section: 'Multivalued context keys (ForAllValues)', name: 'a tag key outside the list', set: allTags, request: req('ec2:CreateTags', '*', { 'aws:TagKeys': ['environment', 'owner'] }), decision: 'implicitDeny', deciding: [] },
    { section: 'Multivalued context keys (ForAllValues)', name: 'no tag keys at all: true for an empty set', set: allTags, request: req('ec2:CreateTags', '*'), decision: 'allowed', deciding: ['tags#0 line 4'] },
    { section: 'Multivalued context keys (ForAnyValue)', name: 'one tag key in the list', set: anyTag, request: req('ec2:CreateTags', '*', { 'aws:TagKeys': ['owner', 'cost-center'] }), decision: 'allowed', deciding: ['tags#0 line 4'] },
    { section: 'Multivalued context keys (ForAnyValue)', name: 'no tag keys at all: false', set: anyTag, request: req('ec2:CreateTags', '*'), decision: 'implicitDeny', deciding: [] },
  ]);
});

describe('policy engine: IAM User Guide examples of policy variables', () => {
  // "IAM policy elements: Variables and tags", section "Using variables in policies": each user lists,
  // reads and writes only the folder named after them. Statements start on lines 4 and 20.
  const home = {
    identity: [
      policy(
        [
          { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::amzn-s3-demo-bucket'], Condition: { StringLike: { 's3:prefix': ['${aws:username}/*'] } } },
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*'] },
        ],
        'home',
      ),
    ],
  };
  table([
    { section: 'Using variables in policies', name: 'alice writes in alice/', set: home, request: req('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/alice/notes.txt', { 'aws:username': 'alice' }), decision: 'allowed', deciding: ['home#1 line 20'] },
    { section: 'Using variables in policies', name: 'alice does not write in bob/', set: home, request: req('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/bob/notes.txt', { 'aws:username': 'alice' }), decision: 'implicitDeny', deciding: [] },
    { section: 'Using variables in policies', name: 'alice lists alice/', set: home, request: req('s3:ListBucket', 'arn:aws:s3:::amzn-s3-demo-bucket', { 's3:prefix': 'alice/photos', 'aws:username': 'alice' }), decision: 'allowed', deciding: ['home#0 line 4'] },
    { section: 'Policy variables with no value', name: 'a role session has no aws:username: nothing matches', set: home, request: req('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket/alice/notes.txt'), decision: 'implicitDeny', deciding: [] },
  ]);
});
