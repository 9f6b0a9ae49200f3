/**
 * The examples of the IAM User Guide's "AWS JSON policy elements: NotPrincipal" page, with the decision the
 * page documents. Each row names its section; deciding statements are asserted with their line.
 */
import assert from 'node:assert/strict';
import { docsRequest as req, docsTable as table } from './awsDocsTable';
import { ALLOW_ALL, decideSet, policy } from './helpers';

const ALLOW = policy([ALLOW_ALL], 'allow');

describe('policy engine: IAM User Guide examples of NotPrincipal', () => {
  // "NotPrincipal with Deny", "Example IAM user in the same or a different account": everyone but Bob is
  // denied; the element names Bob and his account. The bucket lives in another account (111122223333).
  const bob = policy(
    [{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] }, Action: 's3:*', Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'] }],
    'bucket',
  );
  // "Example IAM role in the same or different account": everyone but the session cross-account-audit-app.
  const audit = policy(
    [
      {
        Effect: 'Deny',
        NotPrincipal: {
          AWS: ['arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/cross-account-audit-app', 'arn:aws:iam::444455556666:role/cross-account-read-only-role', 'arn:aws:iam::444455556666:root'],
        },
        Action: 's3:*',
        Resource: ['arn:aws:s3:::Bucket_AccountAudit', 'arn:aws:s3:::Bucket_AccountAudit/*'],
      },
    ],
    'audit-bucket',
  );
  // The examples grant nothing by themselves: "another policy statement must explicitly allow access".
  const get = (bucket: string, principal: string) => req('s3:GetObject', `arn:aws:s3:::${bucket}/k`, { 'aws:ResourceAccount': '111122223333' }, principal);
  const session = (name: string) => `arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/${name}`;
  table([
    { section: 'NotPrincipal with Deny (IAM user)', name: 'Bob is not denied', set: { identity: [ALLOW], resource: bob }, request: get('BUCKETNAME', 'arn:aws:iam::444455556666:user/Bob'), decision: 'implicitDeny', deciding: [] },
    { section: 'NotPrincipal with Deny (IAM user)', name: 'another user of Bob\'s account is denied', set: { identity: [ALLOW], resource: bob }, request: get('BUCKETNAME', 'arn:aws:iam::444455556666:user/Alice'), decision: 'explicitDeny', deciding: ['bucket#0 line 4'] },
    { section: 'NotPrincipal with Deny (IAM user)', name: 'a user of a third account is denied', set: { identity: [ALLOW], resource: bob }, request: get('BUCKETNAME', 'arn:aws:iam::777788889999:user/Bob'), decision: 'explicitDeny', deciding: ['bucket#0 line 4'] },
    { section: 'NotPrincipal with Deny (IAM role)', name: 'the session cross-account-audit-app is not denied', set: { identity: [ALLOW], resource: audit }, request: get('Bucket_AccountAudit', session('cross-account-audit-app')), decision: 'implicitDeny', deciding: [] },
    { section: 'NotPrincipal with Deny (IAM role)', name: 'another session of the same role is denied', set: { identity: [ALLOW], resource: audit }, request: get('Bucket_AccountAudit', session('someone-else')), decision: 'explicitDeny', deciding: ['audit-bucket#0 line 4'] },
  ]);

  it('NotPrincipal with Deny: naming the user without the account "might deny access to the entire account", read as denying', () => {
    const userOnly = policy([{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:user/Bob' }, Action: 's3:*', Resource: 'arn:aws:s3:::BUCKETNAME/*' }], 'bucket');
    assert.equal(decideSet(get('BUCKETNAME', 'arn:aws:iam::444455556666:user/Bob'), { identity: [ALLOW], resource: userOnly }).decision, 'explicitDeny');
  });
});

describe('policy engine: NotPrincipal and permissions boundaries', () => {
  // "AWS JSON policy elements: NotPrincipal", key points: a resource-based Deny with NotPrincipal "will
  // always deny any IAM principal that has a permissions boundary policy attached, regardless of the values
  // specified in the NotPrincipal element".
  const bucket = policy(
    [{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:user/Bob', 'arn:aws:iam::111122223333:root'] }, Action: 's3:*', Resource: 'arn:aws:s3:::BUCKETNAME/*' }],
    'bucket',
  );
  const request = req('s3:GetObject', 'arn:aws:s3:::BUCKETNAME/k', { 'aws:ResourceAccount': '111122223333' }, 'arn:aws:iam::111122223333:user/Bob');
  table([
    { section: 'NotPrincipal key points', name: 'Bob without a boundary is spared', set: { identity: [ALLOW], resource: bucket }, request, decision: 'allowed', deciding: ['allow#0 line 4'] },
    { section: 'NotPrincipal key points', name: 'Bob with a permissions boundary is denied although named', set: { identity: [ALLOW], permissionsBoundary: ALLOW, resource: bucket }, request, decision: 'explicitDeny', deciding: ['bucket#0 line 4'] },
  ]);
});

describe('policy engine: a resource policy that names an account delegates to its identity policies', () => {
  // "AWS JSON policy elements: Principal", AWS account principals: naming an account "delegates authority to
  // the account", whose identity policies must then grant access; "Using the account ARN in the Principal
  // element does not limit permissions to only the root user of the account". KMS's default key policy
  // ("Enable IAM User Permissions") is the everyday case: its root principal lets IAM policies grant the key.
  const namingAccount = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }], 'bucket');
  const reader = 'arn:aws:sts::111122223333:assumed-role/reader/app';
  const get = (principal: string, bucketAccount = '111122223333') => req('s3:GetObject', 'arn:aws:s3:::shared/k', { 'aws:ResourceAccount': bucketAccount }, principal);
  const readS3 = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], 'reader');
  const account = namingAccount('arn:aws:iam::111122223333:root');
  table([
    { section: 'AWS account principals', name: 'the same account named, no identity Allow: nothing grants the role', set: { resource: account }, request: get(reader), decision: 'implicitDeny', deciding: [] },
    { section: 'AWS account principals', name: 'the account named by its id alone, the same', set: { resource: namingAccount('111122223333') }, request: get(reader), decision: 'implicitDeny', deciding: [] },
    { section: 'AWS account principals', name: 'the same account named, with an identity Allow: the identity policy grants', set: { identity: [readS3], resource: account }, request: get(reader), decision: 'allowed', deciding: ['reader#0 line 4'] },
    { section: 'AWS account principals', name: 'the role itself named: the resource policy grants alone', set: { resource: namingAccount('arn:aws:iam::111122223333:role/reader') }, request: get(reader), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'AWS account principals', name: "the account's root user is named by its account", set: { resource: account }, request: get('arn:aws:iam::111122223333:root'), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'AWS account principals', name: 'another account named, with its identity Allow: both sides grant', set: { identity: [readS3], resource: namingAccount('arn:aws:iam::444455556666:root') }, request: get('arn:aws:sts::444455556666:assumed-role/reader/app'), decision: 'allowed', deciding: ['reader#0 line 4', 'bucket#0 line 4'] },
    { section: 'AWS account principals', name: 'another account named, without its identity Allow: denied', set: { resource: namingAccount('arn:aws:iam::444455556666:root') }, request: get('arn:aws:sts::444455556666:assumed-role/reader/app'), decision: 'implicitDeny', deciding: [] },
  ]);
});

describe('policy engine: a permissions boundary and a resource policy within one account', () => {
  // "Permissions boundaries for IAM entities", resource-based policies: within an account, an implicit deny
  // in a boundary does not limit what a resource-based policy grants an IAM user, nor what it grants a role
  // session by the session's own ARN; it does limit what it grants the ARN of the session's role.
  const session = 'arn:aws:sts::111122223333:assumed-role/reader/app';
  const naming = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }], 'bucket');
  const get = (principal: string) => req('s3:GetObject', 'arn:aws:s3:::shared/k', { 'aws:ResourceAccount': '111122223333' }, principal);
  const onlyEc2 = policy([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'boundary');
  const s3Too = policy([{ Effect: 'Allow', Action: ['ec2:*', 's3:GetObject'], Resource: '*' }], 'boundary');
  const role = naming('arn:aws:iam::111122223333:role/reader');
  table([
    { section: 'Boundaries and resource-based policies', name: 'the role named, the boundary without S3: denied', set: { permissionsBoundary: onlyEc2, resource: role }, request: get(session), decision: 'implicitDeny', deciding: [] },
    { section: 'Boundaries and resource-based policies', name: 'the role named, the boundary with S3: the resource policy grants within it', set: { permissionsBoundary: s3Too, resource: role }, request: get(session), decision: 'allowed', deciding: ['bucket#0 line 4', 'boundary#0 line 4'] },
    { section: 'Boundaries and resource-based policies', name: 'the session itself named: not limited', set: { permissionsBoundary: onlyEc2, resource: naming(session) }, request: get(session), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Boundaries and resource-based policies', name: 'an IAM user named: not limited', set: { permissionsBoundary: onlyEc2, resource: naming('arn:aws:iam::111122223333:user/ana') }, request: get('arn:aws:iam::111122223333:user/ana'), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Boundaries and resource-based policies', name: 'the role named, no boundary: the resource policy grants alone', set: { resource: role }, request: get(session), decision: 'allowed', deciding: ['bucket#0 line 4'] },
  ]);
});

describe('policy engine: all principals ("Principal": "*" and {"AWS": "*"})', () => {
  // "All principals": for anonymous users the two forms are equivalent; {"AWS": "*"} names every root user,
  // IAM user, role session and federated user, and no service principal.
  const everyone = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }], 'bucket');
  const everyAws = policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }], 'bucket');
  const get = (principal?: string) => req('s3:GetObject', 'arn:aws:s3:::public/k', { 'aws:ResourceAccount': '111122223333' }, principal);
  const fromService = { ...get(), principal: { type: 'Service', id: 'cloudfront.amazonaws.com' } };
  table([
    { section: 'Principal (all principals)', name: '"*" admits an anonymous caller', set: { resource: everyone }, request: get(), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Principal (all principals)', name: '{"AWS": "*"} admits an anonymous caller as well', set: { resource: everyAws }, request: get(), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Principal (all principals)', name: '{"AWS": "*"} admits an IAM user of the account', set: { resource: everyAws }, request: get('arn:aws:iam::111122223333:user/ana'), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Principal (all principals)', name: '{"AWS": "*"} names no service principal', set: { resource: everyAws }, request: fromService, decision: 'implicitDeny', deciding: [] },
  ]);
});

describe('policy engine: a role with a path, named by its ARN', () => {
  // Role names are unique in an account whatever the path; a session's ARN drops the path, and IAM keeps a
  // policy's role principal as the role's unique id ("AWS JSON policy elements: Principal", IAM role principals).
  const session = 'arn:aws:sts::111122223333:assumed-role/reader/app';
  const withPath = 'arn:aws:iam::111122223333:role/service/reader';
  const get = (principal: string) => req('s3:GetObject', 'arn:aws:s3:::shared/k', { 'aws:ResourceAccount': '111122223333' }, principal);
  const granting = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }], 'bucket');
  const onlyEc2 = policy([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'boundary');
  const sparing = policy([{ Effect: 'Deny', NotPrincipal: { AWS: [session, withPath, 'arn:aws:iam::111122223333:root'] }, Action: 's3:*', Resource: '*' }], 'bucket');
  table([
    { section: 'Principal (IAM role principals)', name: "its sessions are the role's: the grant admits them", set: { resource: granting(withPath) }, request: get(session), decision: 'allowed', deciding: ['bucket#0 line 4'] },
    { section: 'Principal (IAM role principals)', name: 'a role of that name in another account is another role', set: { resource: granting(withPath) }, request: get('arn:aws:sts::444455556666:assumed-role/reader/app'), decision: 'implicitDeny', deciding: [] },
    { section: 'Principal (IAM role principals)', name: "the grant names the session's role, so the boundary limits it", set: { resource: granting(withPath), permissionsBoundary: onlyEc2 }, request: get(session), decision: 'implicitDeny', deciding: [] },
    { section: 'NotPrincipal with Deny (IAM role)', name: 'the session, its role by a path and the account named: spared', set: { identity: [ALLOW], resource: sparing }, request: get(session), decision: 'allowed', deciding: ['allow#0 line 4'] },
  ]);
});

describe('policy engine: a unique id in Principal, left by a deleted user or role, names nobody', () => {
  // "AWS JSON policy elements: Principal", IAM role principals: IAM keeps a named role as its unique id; once
  // the role is deleted the policy shows the id (AROA…), and a role re-created with the name gets a new one.
  const deletedRole = 'AROAEXAMPLEID12345678';
  const deletedUser = 'AIDAEXAMPLEID12345678';
  const role = 'arn:aws:iam::111122223333:role/target';
  const assume = (principal: string) => req('sts:AssumeRole', role, {}, principal);
  const trusting = (...principals: string[]) => policy([{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }], 'trust');
  const anyAssume = policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }], 'caller');
  const sparing = policy([{ Effect: 'Deny', NotPrincipal: { AWS: deletedRole }, Action: 's3:*', Resource: '*' }], 'bucket');
  const recreated = 'arn:aws:sts::111122223333:assumed-role/Deployer/s';
  table([
    { section: 'Principal (IAM role principals)', name: "a re-created role's session is not let in by the old role's id", set: { identity: [anyAssume], resource: trusting(deletedRole) }, request: assume(recreated), decision: 'implicitDeny', deciding: [] },
    { section: 'Principal (IAM role principals)', name: "nor is a caller written as the id itself: no request is signed by a deleted role", set: { identity: [anyAssume], resource: trusting(deletedRole) }, request: assume(deletedRole), decision: 'implicitDeny', deciding: [] },
    { section: 'Principal (IAM user principals)', name: "a deleted user's id lets no user in", set: { identity: [anyAssume], resource: trusting(deletedUser) }, request: assume(deletedUser), decision: 'implicitDeny', deciding: [] },
    { section: 'Principal (IAM role principals)', name: 'beside a live ARN, the stale id takes nothing from it', set: { identity: [anyAssume], resource: trusting(deletedRole, 'arn:aws:iam::111122223333:role/Deployer') }, request: assume(recreated), decision: 'allowed', deciding: ['trust#0 line 4'] },
    { section: 'NotPrincipal with Deny', name: 'a NotPrincipal naming only a deleted role spares nobody', set: { identity: [ALLOW], resource: sparing }, request: req('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:ResourceAccount': '111122223333' }, recreated), decision: 'explicitDeny', deciding: ['bucket#0 line 4'] },
  ]);
});

describe('policy engine: a key policy or a role trust policy must grant, within one account too', () => {
  // AWS KMS Developer Guide, "Key policies": no principal, not even the account's root user, may use a key
  // unless the key policy allows it, itself or by letting IAM policies grant ("Enable IAM User Permissions").
  // An IAM role likewise needs its trust policy to allow sts:AssumeRole.
  const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const app = 'arn:aws:sts::111122223333:assumed-role/app/s';
  const decrypt = req('kms:Decrypt', key, {}, app);
  const identityDecrypt = policy([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }], 'app');
  const keyPolicy = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' }], 'key');
  const assume = req('sts:AssumeRole', 'arn:aws:iam::111122223333:role/deploy', {}, app);
  const identityAssume = policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }], 'app');
  const trust = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }], 'trust');
  const bucket = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'bucket');
  const ec2Only = policy([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'boundary');
  const kmsToo = policy([{ Effect: 'Allow', Action: ['ec2:*', 'kms:*'], Resource: '*' }], 'boundary');
  table([
    { section: 'Key policies', name: 'an identity Allow, a key policy that names another role: denied', set: { identity: [identityDecrypt], resource: keyPolicy('arn:aws:iam::111122223333:role/admin') }, request: decrypt, decision: 'implicitDeny', deciding: [] },
    { section: 'Key policies', name: 'an identity Allow, a key policy that enables IAM policies: allowed by both', set: { identity: [identityDecrypt], resource: keyPolicy('arn:aws:iam::111122223333:root') }, request: decrypt, decision: 'allowed', deciding: ['app#0 line 4', 'key#0 line 4'] },
    { section: 'Key policies', name: 'no identity Allow, a key policy that names the role: allowed by the key policy', set: { resource: keyPolicy('arn:aws:iam::111122223333:role/app') }, request: decrypt, decision: 'allowed', deciding: ['key#0 line 4'] },
    { section: 'Key policies', name: 'no identity Allow, a key policy that enables IAM policies: denied', set: { resource: keyPolicy('arn:aws:iam::111122223333:root') }, request: decrypt, decision: 'implicitDeny', deciding: [] },
    { section: 'Role trust policies', name: 'an identity Allow, a trust policy that names another role: denied', set: { identity: [identityAssume], resource: trust('arn:aws:iam::111122223333:role/ci') }, request: assume, decision: 'implicitDeny', deciding: [] },
    { section: 'Role trust policies', name: 'an identity Allow, a trust policy that names the account: allowed', set: { identity: [identityAssume], resource: trust('111122223333') }, request: assume, decision: 'allowed', deciding: ['app#0 line 4', 'trust#0 line 4'] },
    { section: 'Role trust policies', name: 'a trust policy that names the role: allowed without an identity Allow', set: { resource: trust('arn:aws:iam::111122223333:role/app') }, request: assume, decision: 'allowed', deciding: ['trust#0 line 4'] },
    // A grant naming the session's role is limited by its permissions boundary and session policies, as elsewhere.
    { section: 'Key policies', name: "a key policy that names the role, outside the role's boundary: denied", set: { resource: keyPolicy('arn:aws:iam::111122223333:role/app'), permissionsBoundary: ec2Only }, request: decrypt, decision: 'implicitDeny', deciding: [] },
    { section: 'Key policies', name: 'a key policy that names the role, outside the session policies: denied', set: { resource: keyPolicy('arn:aws:iam::111122223333:role/app'), sessionPolicies: [ec2Only] }, request: decrypt, decision: 'implicitDeny', deciding: [] },
    { section: 'Key policies', name: "a key policy that names the role, within the role's boundary: allowed, named once", set: { resource: keyPolicy('arn:aws:iam::111122223333:role/app'), permissionsBoundary: kmsToo }, request: decrypt, decision: 'allowed', deciding: ['key#0 line 4', 'boundary#0 line 4'] },
    { section: 'Key policies', name: 'a key policy that names the session: the boundary does not limit it', set: { resource: keyPolicy(app), permissionsBoundary: ec2Only }, request: decrypt, decision: 'allowed', deciding: ['key#0 line 4'] },
    { section: 'Role trust policies', name: "a trust policy that names the role, outside the role's boundary: denied", set: { resource: trust('arn:aws:iam::111122223333:role/app'), permissionsBoundary: ec2Only }, request: assume, decision: 'implicitDeny', deciding: [] },
    { section: 'Other services', name: 'a bucket: an identity Allow alone suffices within one account', set: { identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], 'app')], resource: bucket('arn:aws:iam::111122223333:role/admin') }, request: req('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:ResourceAccount': '111122223333' }, app), decision: 'allowed', deciding: ['app#0 line 4'] },
  ]);
});
