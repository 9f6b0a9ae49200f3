/**
 * The examples of the IAM User Guide's "Permissions boundaries for IAM entities" page, with the decision
 * the page documents; deciding statements are asserted with their line in the pretty-printed documents.
 */
import assert from 'node:assert/strict';
import { type Policy, type Request, readPolicy } from '../../../../src/core/policy';
import { decideSet } from './helpers';

const doc = (name: string, statements: object[]): Policy => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), name);
const as = (user: string, action: string, resource: string, context: Request['context'] = {}): Request => ({
  action,
  resource,
  principal: { type: 'AWS', id: `arn:aws:iam::123456789012:user/${user}` },
  context: { 'aws:username': user, ...context },
});

describe('policy engine: IAM User Guide examples of permissions boundaries', () => {
  // The introduction: ShirleyRodriguez may manage only S3, CloudWatch and EC2, whatever her policies allow.
  const shirleyBoundary = doc('boundary', [{ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' }]);
  const createUser = doc('create-user', [{ Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' }]);

  it('Shirley cannot create a user: the boundary does not allow iam:CreateUser', () => {
    const decision = decideSet(as('ShirleyRodriguez', 'iam:CreateUser', 'arn:aws:iam::123456789012:user/new'), { identity: [createUser], permissionsBoundary: shirleyBoundary });
    assert.deepEqual(decision, { decision: 'implicitDeny', deciding: [], dependsOn: [] });
  });

  it('the boundary provides no permissions on its own', () => {
    const decision = decideSet(as('ShirleyRodriguez', 's3:ListAllMyBuckets', '*'), { identity: [createUser], permissionsBoundary: shirleyBoundary });
    assert.equal(decision.decision, 'implicitDeny');
  });

  // "Delegating responsibility to others using permissions boundaries": Zhang's boundary
  // DelegatedUserBoundary (statements on lines 4, 21, 56 and 70) and permissions DelegatedUserPermissions
  // (lines 4, 10 and 22).
  const delegatedUserBoundary = doc('DelegatedUserBoundary', [
    {
      Sid: 'CreateOrChangeOnlyWithBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateUser', 'iam:DeleteUserPolicy', 'iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:PutUserPermissionsBoundary'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/XCompanyBoundaries' } },
    },
    {
      Sid: 'CloudWatchAndOtherIAMTasks',
      Effect: 'Allow',
      Action: [
        'cloudwatch:*', 'iam:GetUser', 'iam:ListUsers', 'iam:DeleteUser', 'iam:UpdateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:GetAccountPasswordPolicy',
        'iam:GetLoginProfile', 'iam:*Group*', 'iam:CreatePolicy', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetUserPolicy',
        'iam:GetRolePolicy', 'iam:ListPolicies', 'iam:ListPolicyVersions', 'iam:ListEntitiesForPolicy', 'iam:ListUserPolicies', 'iam:ListAttachedUserPolicies',
        'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:PutUserPolicy', 'iam:SetDefaultPolicyVersion', 'iam:SimulatePrincipalPolicy', 'iam:SimulateCustomPolicy',
      ],
      Resource: '*',
    },
    {
      Sid: 'NoBoundaryPolicyEdit',
      Effect: 'Deny',
      Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
      Resource: ['arn:aws:iam::123456789012:policy/XCompanyBoundaries', 'arn:aws:iam::123456789012:policy/DelegatedUserBoundary'],
    },
    { Sid: 'NoBoundaryUserDelete', Effect: 'Deny', Action: 'iam:DeleteUserPermissionsBoundary', Resource: '*' },
  ]);
  const delegatedUserPermissions = doc('DelegatedUserPermissions', [
    { Sid: 'IAM', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
    {
      Sid: 'CloudWatchLimited',
      Effect: 'Allow',
      Action: ['cloudwatch:GetDashboard', 'cloudwatch:GetMetricData', 'cloudwatch:ListDashboards', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics'],
      Resource: '*',
    },
    { Sid: 'S3BucketContents', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::ZhangBucket' },
  ]);
  const zhang = { identity: [delegatedUserPermissions], permissionsBoundary: delegatedUserBoundary };
  const nikhil = 'arn:aws:iam::123456789012:user/Nikhil';

  it('Zhang cannot create a user without the XCompanyBoundaries boundary (the decision hinged on the absent key)', () => {
    assert.deepEqual(decideSet(as('Zhang', 'iam:CreateUser', nikhil), zhang), { decision: 'implicitDeny', deciding: [], dependsOn: ['iam:PermissionsBoundary'] });
  });

  it('Zhang creates the user with XCompanyBoundaries as its boundary: IAM within CreateOrChangeOnlyWithBoundary', () => {
    const request = as('Zhang', 'iam:CreateUser', nikhil, { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/XCompanyBoundaries' });
    assert.deepEqual(decideSet(request, zhang), { decision: 'allowed', deciding: ['DelegatedUserPermissions#0 line 4', 'DelegatedUserBoundary#0 line 4'], dependsOn: [] });
  });

  it('Zhang cannot delete a permissions boundary: NoBoundaryUserDelete', () => {
    assert.deepEqual(decideSet(as('Zhang', 'iam:DeleteUserPermissionsBoundary', nikhil), zhang).deciding, ['DelegatedUserBoundary#3 line 70']);
  });

  it('Zhang cannot change the boundary policies: NoBoundaryPolicyEdit', () => {
    const decision = decideSet(as('Zhang', 'iam:CreatePolicyVersion', 'arn:aws:iam::123456789012:policy/XCompanyBoundaries'), zhang);
    assert.deepEqual([decision.decision, decision.deciding], ['explicitDeny', ['DelegatedUserBoundary#2 line 56']]);
  });

  it('his CloudWatch permissions are limited by his permissions policy only', () => {
    assert.deepEqual(decideSet(as('Zhang', 'cloudwatch:GetDashboard', '*'), zhang).deciding, ['DelegatedUserPermissions#1 line 10', 'DelegatedUserBoundary#1 line 21']);
    assert.equal(decideSet(as('Zhang', 'cloudwatch:PutMetricData', '*'), zhang).decision, 'implicitDeny');
  });

  it('he cannot list ZhangBucket: the boundary allows no S3 action', () => {
    assert.equal(decideSet(as('Zhang', 's3:ListBucket', 'arn:aws:s3:::ZhangBucket'), zhang).decision, 'implicitDeny');
  });

  // Nikhil: boundary XCompanyBoundaries (statements on lines 4, 15, 24, 38 and 47); permissions from
  // IAMFullAccess and AmazonS3ReadOnlyAccess, reduced here to the statements that matter.
  const xCompanyBoundaries = doc('XCompanyBoundaries', [
    { Sid: 'ServiceBoundaries', Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*', 'dynamodb:*'], Resource: '*' },
    { Sid: 'AllowIAMConsoleForCredentials', Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetAccountPasswordPolicy'], Resource: '*' },
    {
      Sid: 'AllowManageOwnPasswordAndAccessKeys',
      Effect: 'Allow',
      Action: ['iam:*AccessKey*', 'iam:ChangePassword', 'iam:GetUser', 'iam:*ServiceSpecificCredential*', 'iam:*SigningCertificate*'],
      Resource: ['arn:aws:iam::*:user/${aws:username}'],
    },
    { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'] },
    { Sid: 'DenyEC2Production', Effect: 'Deny', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:*:instance/i-1234567890abcdef0' },
  ]);
  const fullAccess = doc('IAMFullAccess+AmazonS3ReadOnlyAccess', [
    { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
    { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' },
  ]);
  const nikhilSet = { identity: [fullAccess], permissionsBoundary: xCompanyBoundaries };
  const instance = 'arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0';
  const resourcePolicy = (action: string, resource: string) => doc('resource', [{ Effect: 'Allow', Principal: { AWS: nikhil }, Action: action, Resource: resource }]);
  const sameAccount = { 'aws:ResourceAccount': '123456789012' };

  it('Nikhil can change his own password', () => {
    assert.deepEqual(decideSet(as('Nikhil', 'iam:ChangePassword', nikhil), nikhilSet).deciding, ['IAMFullAccess+AmazonS3ReadOnlyAccess#0 line 4', 'XCompanyBoundaries#2 line 24']);
  });

  it('Nikhil cannot create another user', () => {
    assert.equal(decideSet(as('Nikhil', 'iam:CreateUser', 'arn:aws:iam::123456789012:user/other'), nikhilSet).decision, 'implicitDeny');
  });

  it('Nikhil reads his buckets but not the logs bucket, even if he owned it: DenyS3Logs', () => {
    assert.equal(decideSet(as('Nikhil', 's3:GetObject', 'arn:aws:s3:::nikhil-bucket/k'), nikhilSet).decision, 'allowed');
    assert.deepEqual(decideSet(as('Nikhil', 's3:GetObject', 'arn:aws:s3:::logs/k'), nikhilSet).deciding, ['XCompanyBoundaries#3 line 38']);
  });

  it('a resource-based policy on the production instance does not let him manage it: DenyEC2Production', () => {
    const request = as('Nikhil', 'ec2:StartInstances', instance, sameAccount);
    const decision = decideSet(request, { ...nikhilSet, resource: resourcePolicy('ec2:StartInstances', instance) });
    assert.deepEqual([decision.decision, decision.deciding], ['explicitDeny', ['XCompanyBoundaries#4 line 47']]);
  });

  it('a resource-based policy on a secret lets him read it: boundaries do not limit resource-based policies', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf';
    const decision = decideSet(as('Nikhil', 'secretsmanager:GetSecretValue', secret, sameAccount), { ...nikhilSet, resource: resourcePolicy('secretsmanager:GetSecretValue', secret) });
    assert.deepEqual(decision, { decision: 'allowed', deciding: ['resource#0 line 4'], dependsOn: [] });
  });
});
