import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSimulate } from '../../../src/cli/simulateCommand';

const CALLER = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "RootTasks",
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword" } }
    }
  ]
}
`;
const FULL_ACCESS = '{"Version": "2012-10-17", "Statement": [{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}]}';
const DENY_OUTSIDE_EU = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "RegionFence", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}
  ]
}`;
const ONLY_REGION = (region: string) => `{"Statement": [{"Sid": "Only${region.replace(/-/g, '')}", "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "${region}"}}}]}`;
const NO_SECRET_TAGS = '{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "secret"}}}]}';
/** Policies where their authors write them: two SCPs in a template, a parameter, Fn::If, Terraform. */
const TEMPLATES = {
  'scps.yaml': [
    'Resources:',
    '  DenyRoot:',
    '    Type: AWS::Organizations::Policy',
    '    Properties:',
    '      Type: SERVICE_CONTROL_POLICY',
    '      Content:',
    '        Statement:',
    '          - Sid: RestrictRoot',
    '            Effect: Deny',
    '            Action: "*"',
    '            Resource: "*"',
    '            Condition: {ArnLike: {aws:PrincipalArn: !Sub "arn:${AWS::Partition}:iam::*:root"}}',
    '  DenyLeaving:',
    '    Type: AWS::Organizations::Policy',
    '    Properties:',
    '      Type: SERVICE_CONTROL_POLICY',
    '      Content: {Statement: [{Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*"}]}',
    '',
  ].join('\n'),
  'param.yaml': [
    'Parameters: {Account: {Type: String}}',
    'Resources:',
    '  Caller:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Statement: [{Effect: Allow, Action: "sts:AssumeRoot", Resource: !Sub "arn:aws:iam::${Account}:root"}]',
    '',
  ].join('\n'),
  'branches.yaml': [
    'Conditions: {Strict: !Equals [!Ref Mode, strict]}',
    'Resources:',
    '  Guard:',
    '    Type: AWS::Organizations::Policy',
    '    Properties:',
    '      Type: SERVICE_CONTROL_POLICY',
    '      Content: {Statement: [{Effect: Deny, Action: !If [Strict, "*", "iam:*"], Resource: "*"}]}',
    '',
  ].join('\n'),
  'switch.tf': [
    'data "aws_iam_policy_document" "root_tasks" {',
    '  statement {',
    '    actions   = var.env == "prod" ? ["iam:GetAccountSummary"] : ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '  }',
    '}',
    '',
  ].join('\n'),
  'chosen.tf': [
    'data "aws_iam_policy_document" "audit" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '    condition {',
    '      test     = "StringEquals"',
    '      variable = "sts:TaskPolicyArn"',
    '      values   = ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]',
    '    }',
    '  }',
    '}',
    'data "aws_iam_policy_document" "every" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '  }',
    '}',
    'resource "aws_iam_role_policy" "ops" {',
    '  role   = "ops"',
    '  policy = var.strict ? data.aws_iam_policy_document.audit.json : data.aws_iam_policy_document.every.json',
    '}',
    '',
  ].join('\n'),
  'main.tf': [
    'data "aws_iam_policy_document" "root_tasks" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '  }',
    '}',
    '',
  ].join('\n'),
  'roles.tf': [
    'data "aws_iam_policy_document" "audit" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '    condition {',
    '      test     = "ArnEquals"',
    '      variable = "sts:TaskPolicyArn"',
    '      values   = ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]',
    '    }',
    '  }',
    '}',
    'data "aws_iam_policy_document" "everything" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '  }',
    '}',
    'resource "aws_iam_role_policy" "auditor" {',
    '  role   = "auditor"',
    '  policy = data.aws_iam_policy_document.audit.json',
    '}',
    'resource "aws_iam_role_policy" "breakglass" {',
    '  role   = "breakglass"',
    '  policy = data.aws_iam_policy_document.everything.json',
    '}',
    '',
  ].join('\n'),
};
const PASSWORD = 'sts:TaskPolicyArn=arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword';
const BASE = ['--action', 'sts:AssumeRoot', '--resource', 'arn:aws:iam::111122223333:root'];

describe('rootguard simulate', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-simulate-'));
    for (const [name, text] of Object.entries({ ...TEMPLATES, 'caller.json': CALLER, 'root.json': FULL_ACCESS, 'ou.json': FULL_ACCESS, 'fence.json': DENY_OUTSIDE_EU, 'broken.json': '{"Statement": [', 'tags.json': NO_SECRET_TAGS, 'only-eu.json': ONLY_REGION('eu-west-1'), 'only-us.json': ONLY_REGION('us-east-1'), 'bom.json': `\uFEFF${FULL_ACCESS}` })) {
      fs.writeFileSync(path.join(dir, name), text);
    }
  });
  before(() => fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json')));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function simulate(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runSimulate(args, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('allowed, in JSON, with the deciding statements of each stage by file and line', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json', '--scp', 'ou.json', '--format', 'json');
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout), {
      decision: 'allowed',
      deciding: [
        { file: 'caller.json', stage: 'identity', level: null, statement: 0, sid: 'RootTasks', line: 4 },
        { file: 'root.json', stage: 'scp', level: 1, statement: 0, sid: 'FullAWSAccess', line: 1 },
        { file: 'ou.json', stage: 'scp', level: 2, statement: 0, sid: 'FullAWSAccess', line: 1 },
      ],
      dependsOn: [],
      uncertain: false,
    });
  });

  it('an RCP limits an S3 request; for an IAM request, which no RCP limits, it says the RCPs given do not apply', async () => {
    fs.writeFileSync(path.join(dir, 'rcp-deny.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAll", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}');
    const request = (action: string, resource: string) => ['--action', action, '--resource', resource, '--identity', 'root.json', '--rcp', 'rcp-deny.json'];
    const s3 = await simulate(...request('s3:GetObject', 'arn:aws:s3:::b/k'), '--format', 'json');
    assert.deepEqual(JSON.parse(s3.stdout).deciding, [{ file: 'rcp-deny.json', stage: 'rcp', level: 1, statement: 0, sid: 'DenyAll', line: 1 }]);
    const iam = await simulate(...request('iam:DeleteLoginProfile', 'arn:aws:iam::111122223333:user/x'));
    assert.match(iam.stdout, /^allowed: an Allow applies\.\n/);
    assert.match(iam.stdout, /\nRCPs do not limit iam:DeleteLoginProfile \(AWS's list of the services RCPs limit, as @cloud-copilot\/iam-data@[\d.]+ has it\): the RCPs given do not apply to it\.\n$/);
    const json = await simulate(...request('iam:DeleteLoginProfile', 'arn:aws:iam::111122223333:user/x'), '--format', 'json');
    assert.equal(JSON.parse(json.stdout).rcpsApply, false);
    const linked = await simulate(...request('s3:PutObject', 'arn:aws:s3:::b/k'), '--principal', 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/s');
    assert.match(linked.stdout, /^allowed: /);
    assert.match(linked.stdout, /\nRCPs do not limit service-linked roles, nor a service assuming its service-linked role: the RCPs given do not apply to this request\.\n/);
  });

  it('an RCP denying a call on no resource in a root session: uncertain, as AWS does not say whether RCPs govern it; on a bucket, certain', async () => {
    fs.writeFileSync(path.join(dir, 'rcp-deny.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAll", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}');
    const session = ['--root-session', 'unlock-s3-bucket', '--principal', 'arn:aws:iam::111122223333:root', '--rcp', 'rcp-deny.json'];
    const list = ['--action', 's3:ListAllMyBuckets', '--resource', '*', ...session];
    const json = await simulate(...list, '--format', 'json');
    assert.deepEqual(JSON.parse(json.stdout), { decision: 'allowed', deciding: [], dependsOn: [], uncertain: true, uncertainBecause: ['whether RCPs govern a call on no resource'], rootSession: 'S3UnlockBucketPolicy' });
    const text = await simulate(...list);
    assert.match(
      text.stdout,
      /\nDepends on whether RCPs govern a call on no resource \(AWS documents RCPs as limiting access to resources and does not say whether they govern a call that has none\); decided as if the RCPs given do not apply, and if they do, they change the answer\.\n$/,
    );
    const bucket = await simulate('--action', 's3:DeleteBucketPolicy', '--resource', 'arn:aws:s3:::bkt', ...session, '--context', 'aws:ResourceAccount=111122223333', '--format', 'json');
    assert.deepEqual(JSON.parse(bucket.stdout), {
      decision: 'explicitDeny',
      deciding: [{ file: 'rcp-deny.json', stage: 'rcp', level: 1, statement: 0, sid: 'DenyAll', line: 1 }],
      dependsOn: [],
      uncertain: false,
      rootSession: 'S3UnlockBucketPolicy',
    });
  });

  it('SCPs given for a service-linked role: not applied, and said so', async () => {
    fs.writeFileSync(path.join(dir, 'scp-deny.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAll", "Effect": "Deny", "Action": "*", "Resource": "*"}]}');
    const args = ['--action', 'ec2:DescribeInstances', '--resource', '*', '--identity', 'root.json', '--scp', 'scp-deny.json', '--principal'];
    const linked = await simulate(...args, 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s');
    assert.match(linked.stdout, /^allowed: an Allow applies\.\n[\s\S]*\nSCPs do not limit AWS service principals or service-linked roles: the SCPs given do not apply to this principal\.\n$/);
    const admin = await simulate(...args, 'arn:aws:sts::111122223333:assumed-role/Admin/s', '--format', 'json');
    assert.deepEqual([JSON.parse(admin.stdout).decision, JSON.parse(admin.stdout).scpsApply], ['explicitDeny', undefined]);
  });

  it('session policies cap the identity policies, and a VPC endpoint policy filters, each named by its stage', async () => {
    fs.writeFileSync(path.join(dir, 'session-audit.json'), `{"Statement": [{"Sid": "AuditOnly", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*",
      "Condition": {"ArnEquals": {"sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"}}}]}`);
    fs.writeFileSync(path.join(dir, 'endpoint.json'), '{"Statement": [{"Sid": "OursOnly", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-ours"}}}]}');
    const every = ['--action', 'sts:AssumeRoot', '--resource', 'arn:aws:iam::111122223333:root', '--identity', 'root.json'];
    const capped = await simulate(...every, '--context', PASSWORD, '--session-policy', 'session-audit.json');
    assert.equal(capped.stdout, 'implicitDeny: the session policies do not allow it.\n');
    const audit = 'sts:TaskPolicyArn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
    const inOrg = await simulate(...every, '--context', audit, '--context', 'aws:PrincipalOrgID=o-ours', '--session-policy', 'session-audit.json', '--vpc-endpoint-policy', 'endpoint.json', '--format', 'json');
    assert.deepEqual(JSON.parse(inOrg.stdout).deciding, [
      { file: 'root.json', stage: 'identity', level: null, statement: 0, sid: 'FullAWSAccess', line: 1 },
      { file: 'session-audit.json', stage: 'session', level: null, statement: 0, sid: 'AuditOnly', line: 1 },
      { file: 'endpoint.json', stage: 'endpoint', level: null, statement: 0, sid: 'OursOnly', line: 1 },
    ]);
    const fromTemplate = await simulate(...every, '--context', audit, '--vpc-endpoint-policy', 'scps.yaml');
    assert.equal(fromTemplate.code, 2);
    assert.match(fromTemplate.stderr, /scps\.yaml: a VPC endpoint policy is read from a policy document \(JSON or YAML\) only, not from a template or Terraform file/);
    const unknownOrg = await simulate(...every, '--context', audit, '--vpc-endpoint-policy', 'endpoint.json');
    assert.equal(unknownOrg.stdout, 'implicitDeny: the VPC endpoint policy does not allow it.\nDepends on keys the request did not give: aws:PrincipalOrgID.\n');
  });

  it('a root session carries no principal tags: an SCP on one is decided, not left to depend on it', async () => {
    const untagged = (operator: string) =>
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Tagged", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"${operator}": {"aws:PrincipalTag/team": "security"}}}]}`;
    fs.writeFileSync(path.join(dir, 'scp-untagged.json'), untagged('StringNotEquals'));
    fs.writeFileSync(path.join(dir, 'scp-tagged.json'), untagged('StringEquals'));
    const call = ['--action', 's3:DeleteBucketPolicy', '--resource', 'arn:aws:s3:::bkt', '--root-session', 'unlock-s3-bucket', '--principal', 'arn:aws:iam::111122223333:root', '--context', 'aws:ResourceAccount=111122223333', '--format', 'json'];
    const denied = JSON.parse((await simulate(...call, '--scp', 'scp-untagged.json')).stdout);
    assert.deepEqual([denied.decision, denied.dependsOn], ['explicitDeny', []]);
    const allowed = JSON.parse((await simulate(...call, '--scp', 'scp-tagged.json')).stdout);
    assert.deepEqual([allowed.decision, allowed.dependsOn], ['allowed', []]);
  });

  it('a root session call carries no key its action does not support: an SCP on tag keys or ec2:Owner is decided', async () => {
    const scp = (condition: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Guard", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": ${condition}}]}`;
    fs.writeFileSync(path.join(dir, 'scp-tagkeys.json'), scp('{"ForAnyValue:StringLike": {"aws:TagKeys": "dp:*"}}'));
    fs.writeFileSync(path.join(dir, 'scp-ec2owner.json'), scp('{"StringNotEquals": {"ec2:Owner": "amazon"}}'));
    const call = ['--action', 'iam:DeleteLoginProfile', '--resource', 'arn:aws:iam::111122223333:root', '--root-session', 'delete-credentials', '--format', 'json'];
    const tagKeys = JSON.parse((await simulate(...call, '--scp', 'scp-tagkeys.json')).stdout);
    assert.deepEqual([tagKeys.decision, tagKeys.dependsOn], ['allowed', []]);
    const ec2Owner = JSON.parse((await simulate(...call, '--scp', 'scp-ec2owner.json')).stdout);
    assert.deepEqual([ec2Owner.decision, ec2Owner.dependsOn, ec2Owner.deciding.map((d: { sid?: string }) => d.sid)], ['explicitDeny', [], ['Guard']]);
  });

  it('a root session call on the root user itself carries no resource tag (it cannot be tagged): a condition on one is decided', async () => {
    const scp = (condition: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Guard", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": ${condition}}]}`;
    fs.writeFileSync(path.join(dir, 'scp-locked.json'), scp('{"StringEquals": {"aws:ResourceTag/locked": "true"}}'));
    fs.writeFileSync(path.join(dir, 'scp-owner.json'), scp('{"Null": {"iam:ResourceTag/owner": "true"}}'));
    const onRoot = ['--action', 'iam:DeleteLoginProfile', '--resource', 'arn:aws:iam::111122223333:root', '--root-session', 'delete-credentials', '--format', 'json'];
    const brief = (json: string) => {
      const r = JSON.parse(json);
      return [r.decision, r.dependsOn, r.deciding.filter((d: { sid?: string }) => d.sid === 'Guard').map((d: { sid?: string }) => d.sid)];
    };
    assert.deepEqual(brief((await simulate(...onRoot, '--scp', 'scp-locked.json')).stdout), ['allowed', [], []]);
    assert.deepEqual(brief((await simulate(...onRoot, '--scp', 'scp-owner.json')).stdout), ['explicitDeny', [], ['Guard']]);
  });

  it("a policy document's template placeholder is text, as AWS stores it: a root deny on arn:${AWS::Partition}:iam::*:root denies no one", async () => {
    const rootDeny = (partition: string) =>
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "RestrictRoot", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:${partition}:iam::*:root"}}}]}`;
    fs.writeFileSync(path.join(dir, 'scp-placeholder.json'), rootDeny('${AWS::Partition}'));
    fs.writeFileSync(path.join(dir, 'scp-wildcard.json'), rootDeny('*'));
    const call = ['--action', 'iam:GetAccountSummary', '--resource', '*', '--root-session', 'audit', '--principal', 'arn:aws:iam::111122223333:root', '--format', 'json'];
    assert.equal(JSON.parse((await simulate(...call, '--scp', 'scp-placeholder.json')).stdout).decision, 'allowed');
    assert.equal(JSON.parse((await simulate(...call, '--scp', 'scp-wildcard.json')).stdout).decision, 'explicitDeny');
  });

  it("a role session: its ARN does not say its role's path, so an exemption for a path makes the answer depend on aws:PrincipalArn", async () => {
    fs.writeFileSync(path.join(dir, 'scp-path.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "OnlySecurityRoles", "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/security/*"}}}]}');
    const call = [...BASE, '--context', PASSWORD, '--identity', 'root.json', '--scp', 'scp-path.json', '--principal', 'arn:aws:sts::111122223333:assumed-role/RootOperator/alice'];
    const text = await simulate(...call);
    assert.match(text.stdout, /^explicitDeny: [^]*Depends on keys the request did not give: aws:PrincipalArn\.\nA role session's ARN does not say its role's path: give --context aws:PrincipalArn=/);
    const pathGiven = JSON.parse((await simulate(...call, '--context', 'aws:PrincipalArn=arn:aws:iam::111122223333:role/security/RootOperator', '--format', 'json')).stdout);
    assert.deepEqual([pathGiven.decision, pathGiven.dependsOn], ['allowed', []]);
  });

  it('a root session call: the task policy applies, and a bucket policy that denies everyone does not stop the owner', async () => {
    fs.writeFileSync(path.join(dir, 'locked.json'), '{"Statement": [{"Sid": "DenyEveryone", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::locked", "arn:aws:s3:::locked/*"]}]}');
    const unlock = ['--root-session', 'unlock-s3-bucket', '--principal', 'arn:aws:iam::111122223333:root', '--context', 'aws:ResourceAccount=111122223333', '--resource-policy', 'locked.json'];
    const remove = await simulate('--action', 's3:DeleteBucketPolicy', '--resource', 'arn:aws:s3:::locked', ...unlock, '--scp', 'root.json', '--format', 'json');
    assert.deepEqual(JSON.parse(remove.stdout), {
      decision: 'allowed',
      deciding: [{ file: 'root.json', stage: 'scp', level: 1, statement: 0, sid: 'FullAWSAccess', line: 1 }],
      dependsOn: [],
      uncertain: false,
      rootSession: 'S3UnlockBucketPolicy',
    });
    // The task policy denies every other action, quoted from AWS's own text.
    const read = await simulate('--action', 's3:GetObject', '--resource', 'arn:aws:s3:::locked/k', ...unlock);
    assert.match(read.stdout, /^explicitDeny: an explicit Deny applies\.\n {2}S3UnlockBucketPolicy:2 {2}statement 1 \(DenyAllOtherActionsOnAnyResource\), task policy of the root session\n {4}\{"Sid":"DenyAllOtherActionsOnAnyResource"/);
    assert.match(read.stdout, /\n {2}locked\.json:1 {2}statement 1 \(DenyEveryone\), resource policy\n/);
  });

  it('a caller federated through an identity provider matches a trust policy\'s Federated principal', async () => {
    fs.writeFileSync(
      path.join(dir, 'trust-oidc.json'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}',
    );
    const assume = ['--resource-policy', 'trust-oidc.json', '--action', 'sts:AssumeRoleWithWebIdentity', '--resource', 'arn:aws:iam::111122223333:role/Deploy'];
    const github = await simulate(...assume, '--principal', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', '--context', 'token.actions.githubusercontent.com:aud=sts.amazonaws.com');
    assert.match(github.stdout, /^allowed: an Allow applies\.\n {2}trust-oidc\.json:1 {2}statement 1, resource policy\n/);
    const otherProvider = await simulate(...assume, '--principal', 'arn:aws:iam::111122223333:oidc-provider/gitlab.example.com');
    assert.match(otherProvider.stdout, /^implicitDeny: /);
    fs.writeFileSync(path.join(dir, 'trust-cognito.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}');
    const cognito = await simulate('--resource-policy', 'trust-cognito.json', '--action', 'sts:AssumeRoleWithWebIdentity', '--resource', 'arn:aws:iam::111122223333:role/App', '--principal', 'cognito-identity.amazonaws.com');
    assert.match(cognito.stdout, /^allowed: /);
  });

  it("a root session on a queue: the account comes from the queue ARN, and the queue policy's Deny does not stop the owner's root user managing it", async () => {
    fs.writeFileSync(path.join(dir, 'locked-queue.json'), '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]}');
    const locked = ['--resource-policy', 'locked-queue.json', '--root-session', 'arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy'];
    const run = await simulate('--action', 'sqs:SetQueueAttributes', '--resource', 'arn:aws:sqs:eu-west-1:111122223333:jobs', ...locked);
    assert.match(run.stdout, /^allowed: /);
    // The exemption is the owner's: a queue in another account stays locked to this account's root session.
    const elsewhere = await simulate('--action', 'sqs:SetQueueAttributes', '--resource', 'arn:aws:sqs:eu-west-1:444455556666:jobs', '--principal', 'arn:aws:iam::111122223333:root', ...locked);
    assert.match(elsewhere.stdout, /^explicitDeny: an explicit Deny applies\.\n {2}locked-queue\.json:1 {2}statement 1, resource policy\n/);
    // And it covers the queue's attributes only: the same policy still denies reading a message.
    const receive = await simulate('--action', 'sqs:ReceiveMessage', '--resource', 'arn:aws:sqs:eu-west-1:111122223333:jobs', ...locked);
    assert.match(receive.stdout, /^explicitDeny: /);
    const json = await simulate('--action', 'sqs:SetQueueAttributes', '--resource', 'arn:aws:sqs:eu-west-1:111122223333:jobs', '--root-session', 'SQSUnlockQueuePolicy', '--format', 'json');
    assert.deepEqual([JSON.parse(json.stdout).decision, JSON.parse(json.stdout).rootSession], ['allowed', 'SQSUnlockQueuePolicy']);
  });

  it("a root session deleting the root user's virtual MFA device: denied by the literal task policy, and said to be unconfirmed", async () => {
    const device = ['--action', 'iam:DeleteVirtualMFADevice', '--resource', 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', '--root-session', 'delete-credentials'];
    const run = await simulate(...device);
    assert.match(run.stdout, /^explicitDeny: an explicit Deny applies\.\n {2}IAMDeleteRootUserCredentials:4 {2}statement 2 \(DenyDeletingRootUserCredentialsOnNonRootUserResource\), task policy of the root session\n/);
    assert.match(run.stdout, /\nThe task policy is read literally: its NotResource arn:aws:iam::\*:root denies this call on the MFA device's ARN/);
    const json = JSON.parse((await simulate(...device, '--format', 'json')).stdout);
    assert.match(json.unconfirmedDenial, /^The task policy is read literally/);
    const deactivate = await simulate('--action', 'iam:DeactivateMFADevice', '--resource', 'arn:aws:iam::111122223333:root', '--root-session', 'delete-credentials');
    assert.equal(deactivate.stdout, 'allowed: a root session may do what its task policy does not deny.\n');
  });

  it('a root session: an unknown task, a caller that is not a root user, or no account to place it in are usage errors', async () => {
    const base = ['--action', 's3:DeleteBucketPolicy', '--resource', 'arn:aws:s3:::locked'];
    const unknown = await simulate(...base, '--root-session', 'unlock-everything', '--principal', 'arn:aws:iam::111122223333:root');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--root-session names a task policy \(IAMDeleteRootUserCredentials, or delete-credentials, or its ARN\), not "unlock-everything"/);
    const role = await simulate(...base, '--root-session', 'S3UnlockBucketPolicy', '--principal', 'arn:aws:iam::111122223333:role/Admin');
    assert.match(role.stderr, /in a root session the caller is the member account's root user: --principal arn:aws:iam::<account>:root, not "arn:aws:iam::111122223333:role\/Admin"/);
    const nowhere = await simulate(...base, '--root-session', 'S3UnlockBucketPolicy');
    assert.match(nowhere.stderr, /--root-session needs the member account: give --principal arn:aws:iam::<account>:root/);
  });

  it('--management-account: the SCPs and RCPs given do not apply to its principals and resources, and the answer says so', async () => {
    fs.writeFileSync(path.join(dir, 'scp-deny.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAll", "Effect": "Deny", "Action": "*", "Resource": "*"}]}');
    fs.writeFileSync(path.join(dir, 'rcp-deny.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "DenyAll", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}');
    const args = ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::logs/k', '--principal', 'arn:aws:iam::999900000000:user/ops', '--context', 'aws:ResourceAccount=999900000000', '--identity', 'root.json'];
    const run = await simulate(...args, '--scp', 'scp-deny.json', '--rcp', 'rcp-deny.json', '--management-account', '999900000000');
    assert.equal(
      run.stdout,
      [
        'allowed: an Allow applies.',
        '  root.json:1  statement 1 (FullAWSAccess), identity policy',
        '    {"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}',
        "RCPs do not limit the management account's resources: the RCPs given do not apply to this resource.",
        "SCPs do not limit the management account's principals: the SCPs given do not apply to this principal.",
        '',
      ].join('\n'),
    );
    const member = await simulate(...args.map((a) => a.replace('999900000000', '111122223333')), '--scp', 'scp-deny.json', '--management-account', '999900000000', '--format', 'json');
    assert.deepEqual([JSON.parse(member.stdout).decision, JSON.parse(member.stdout).scpsApply], ['explicitDeny', undefined]);
    const bad = await simulate(...args, '--management-account', 'o-abc');
    assert.match(bad.stderr, /--management-account is a 12-digit account id, not "o-abc"/);
  });

  it('one file given at two levels: each deciding statement says the level it decided at', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json', '--scp', 'root.json');
    assert.equal(run.code, 0, run.stderr);
    const deciding = run.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    assert.deepEqual(deciding, [
      '  caller.json:4  statement 1 (RootTasks), identity policy',
      '  root.json:1  statement 1 (FullAWSAccess), SCP level 1',
      '  root.json:1  statement 1 (FullAWSAccess), SCP level 2',
    ]);
    // A pretty-printed policy's statement is quoted as it would read alone: its indentation taken off.
    const quoted = run.stdout.split('\n');
    const at = quoted.indexOf('  caller.json:4  statement 1 (RootTasks), identity policy');
    assert.deepEqual(quoted.slice(at + 1, at + 4), ['    {', '      "Sid": "RootTasks",', '      "Effect": "Allow",']);
    assert.equal(quoted[at + 7], '    }');
    const boundary = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--boundary', 'caller.json', '--format', 'json');
    assert.deepEqual(
      JSON.parse(boundary.stdout).deciding.map((d: { file: string; stage: string }) => `${d.file} ${d.stage}`),
      ['caller.json identity', 'caller.json boundary'],
    );
  });

  it('reads a policy saved with a byte order mark, at the lines and columns an editor shows', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'bom.json', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).deciding[1], { file: 'bom.json', stage: 'scp', level: 1, statement: 0, sid: 'FullAWSAccess', line: 1 });
  });

  it('another task policy is implicitly denied', async () => {
    const run = await simulate(...BASE, '--context', 'sts:TaskPolicyArn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials', '--identity', 'caller.json', '--format', 'json');
    assert.deepEqual(JSON.parse(run.stdout), { decision: 'implicitDeny', deciding: [], dependsOn: [], uncertain: false });
  });

  it('an explicit deny, in text, quotes the statement and names the key the request did not give', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json,fence.json');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^explicitDeny: an explicit Deny applies\.\n {2}fence\.json:4 {2}statement 1 \(RegionFence\), SCP level 1\n {4}\{"Sid": "RegionFence"/);
    assert.match(run.stdout, /Depends on keys the request did not give: aws:RequestedRegion\.\n$/);
  });

  it('a key given twice is multi-valued; none given, none apply', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--context', 'aws:TagKeys=env', '--identity', 'caller.json', '--scp', 'root.json,tags.json', '--format', 'json');
    assert.equal(JSON.parse(run.stdout).decision, 'allowed');
    const twice = await simulate(...BASE, '--context', PASSWORD, '--context', 'aws:TagKeys=env', '--context', 'AWS:tagkeys=secret', '--identity', 'caller.json', '--scp', 'tags.json,root.json', '--format', 'json');
    assert.deepEqual(JSON.parse(twice.stdout).deciding, [{ file: 'tags.json', stage: 'scp', level: 1, statement: 0, sid: null, line: 1 }]);
    const withoutScps = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--format', 'json');
    assert.equal(JSON.parse(withoutScps.stdout).decision, 'allowed');
  });

  it('levels that allow no common region deny for every region: no key is named', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'only-eu.json', '--scp', 'only-us.json', '--format', 'json');
    assert.deepEqual(JSON.parse(run.stdout), { decision: 'implicitDeny', deciding: [], dependsOn: [], uncertain: false });
    const oneLevel = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'only-eu.json', '--format', 'json');
    assert.deepEqual(JSON.parse(oneLevel.stdout).dependsOn, ['aws:RequestedRegion']);
  });

  it('reads a policy from a template, named by logical id, and places its statement in the file', async () => {
    const run = await simulate(...BASE, '--context', PASSWORD, '--context', 'aws:PrincipalArn=arn:aws:iam::111122223333:root', '--identity', 'caller.json', '--scp', 'scps.yaml#DenyRoot');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'explicitDeny: an explicit Deny applies.',
        '  scps.yaml#DenyRoot:8  statement 1 (RestrictRoot), SCP level 1',
        '    Sid: RestrictRoot',
        '    Effect: Deny',
        '    Action: "*"',
        '    Resource: "*"',
        '    Condition: {ArnLike: {aws:PrincipalArn: !Sub "arn:${AWS::Partition}:iam::*:root"}}',
        '',
      ].join('\n'),
    );
    const other = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json,scps.yaml#Resources.DenyLeaving.Properties.Content', '--format', 'json');
    assert.equal(JSON.parse(other.stdout).decision, 'allowed', other.stderr);
  });

  it('reads a YAML policy document in the role it is given, as a JSON one, and places its statement in the file', async () => {
    const yaml = ['Version: "2012-10-17"', 'Statement:', '  - Sid: NoRootSessions', '    Effect: Deny', '    Action: sts:AssumeRoot', '    Resource: "*"', ''].join('\n');
    fs.writeFileSync(path.join(dir, 'guard.yaml'), yaml);
    const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json,guard.yaml', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).deciding, [{ file: 'guard.yaml', stage: 'scp', level: 1, statement: 0, sid: 'NoRootSessions', line: 3 }]);
    const text = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json,guard.yaml');
    assert.match(text.stdout, /^ {2}guard\.yaml:3 {2}statement 1 \(NoRootSessions\), SCP level 1\n {4}Sid: NoRootSessions\n {4}Effect: Deny\n/m);
  });

  it('a Terraform policy document, and a template parameter the answer may depend on', async () => {
    const terraform = await simulate(...BASE, '--identity', 'main.tf', '--format', 'json');
    assert.deepEqual(JSON.parse(terraform.stdout), { decision: 'allowed', deciding: [{ file: 'main.tf', stage: 'identity', level: null, statement: 0, sid: null, line: 2 }], dependsOn: [], uncertain: false });
    const json = await simulate(...BASE, '--identity', 'param.yaml', '--format', 'json');
    assert.deepEqual(JSON.parse(json.stdout), { decision: 'implicitDeny', deciding: [], dependsOn: [], uncertain: true, uncertainBecause: ['unknown policy value'] });
    // A document named by the resource that uses it, as `terraform state` lists addresses.
    const auditor = await simulate(...BASE, '--context', PASSWORD, '--identity', 'roles.tf#aws_iam_role_policy.auditor', '--format', 'json');
    assert.equal(JSON.parse(auditor.stdout).decision, 'implicitDeny', auditor.stderr);
    const breakglass = await simulate(...BASE, '--context', PASSWORD, '--identity', 'roles.tf#aws_iam_role_policy.breakglass', '--format', 'json');
    assert.equal(JSON.parse(breakglass.stdout).decision, 'allowed', breakglass.stderr);
    const text = await simulate(...BASE, '--identity', 'param.yaml');
    assert.match(text.stdout, /\nDepends on policy values known only at deployment \(template parameters, Terraform variables\); decided as if they match nothing\.\n$/);
  });

  it('an SCP exempting principals by an ARN pattern of fewer than six parts: the answer depends on how AWS reads it', async () => {
    const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } } }] };
    fs.writeFileSync(path.join(dir, 'short-arn.json'), JSON.stringify(scp));
    const call = ['--action', 'iam:ListAccessKeys', '--resource', 'arn:aws:iam::111122223333:root', '--root-session', 'delete-credentials', '--principal', 'arn:aws:iam::111122223333:root', '--scp', 'short-arn.json'];
    const json = await simulate(...call, '--format', 'json');
    assert.deepEqual(JSON.parse(json.stdout), {
      decision: 'allowed',
      deciding: [{ file: 'short-arn.json', stage: 'scp', level: 1, statement: 0, sid: null, line: 1 }],
      dependsOn: [],
      uncertain: true,
      uncertainBecause: ['how AWS reads an ARN pattern of fewer than six parts'],
      rootSession: 'IAMDeleteRootUserCredentials',
    });
    const text = await simulate(...call);
    assert.match(
      text.stdout,
      /\nDepends on how AWS reads an ARN pattern of fewer than six parts \(AWS compares ARNs part by part and does not document a shorter value\); decided as if the statements resting on it do not apply\.\n$/,
    );
    assert.doesNotMatch(text.stdout, /known only at deployment|keys the request did not give/);
  });

  it("a Terraform module's SCP: read from the file that writes it; the file that attaches it says where it is", async () => {
    fs.mkdirSync(path.join(dir, 'module'));
    fs.writeFileSync(path.join(dir, 'module/iam.tf'), ['data "aws_iam_policy_document" "no_root_tasks" {', '  statement {', '    effect    = "Deny"', '    actions   = ["sts:AssumeRoot"]', '    resources = ["*"]', '  }', '}', ''].join('\n'));
    fs.writeFileSync(path.join(dir, 'module/main.tf'), 'resource "aws_organizations_policy" "no_root_tasks" {\n  content = data.aws_iam_policy_document.no_root_tasks.json\n}\n');
    const denied = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'module/iam.tf', '--format', 'json');
    assert.deepEqual(JSON.parse(denied.stdout).deciding.map((d: { file: string; line: number }) => [d.file, d.line]), [['module/iam.tf', 2]], denied.stderr);
    const attached = await simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'module/main.tf');
    assert.equal(attached.code, 2);
    assert.match(attached.stderr, /^rootguard simulate: module\/main\.tf: no SCP found; aws_organizations_policy\.no_root_tasks\.content is data\.aws_iam_policy_document\.no_root_tasks, written in module\/iam\.tf: give that file\n/);
  });

  it('a template policy written with Fn::If, on the side of its condition given', async () => {
    // Guard denies "*" where Strict holds, "iam:*" elsewhere: only the strict side denies sts:AssumeRoot.
    const on = (side: string) => simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', 'root.json,branches.yaml', '--template-condition', side, '--format', 'json');
    const strict = JSON.parse((await on('Strict=true')).stdout);
    assert.deepEqual([strict.decision, strict.deciding.map((d: { file: string }) => d.file)], ['explicitDeny', ['branches.yaml']]);
    const lenient = await on('Strict=false');
    assert.equal(JSON.parse(lenient.stdout).decision, 'allowed', lenient.stderr);
  });

  it('a template policy naming a parameter of a few AllowedValues, read with the value given', async () => {
    const template = (extra: string[]) =>
      [
        'Parameters:',
        '  Partition: {Type: String, AllowedValues: [aws-us-gov, aws-cn, aws]}',
        '  Mode: {Type: String}',
        'Conditions: {Strict: !Equals [!Ref Mode, strict]}',
        'Resources:',
        '  Guard:',
        '    Type: AWS::Organizations::Policy',
        '    Properties:',
        '      Type: SERVICE_CONTROL_POLICY',
        '      Content:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - {Effect: Allow, Action: "*", Resource: "*"}',
        '          - Effect: Deny',
        '            Resource: !Sub "arn:${Partition}:iam::*:root"',
        ...extra,
        '',
      ].join('\n');
    fs.writeFileSync(path.join(dir, 'partitions.yaml'), template(['            Action: sts:AssumeRoot']));
    fs.writeFileSync(path.join(dir, 'partitions-strict.yaml'), template(['            Action: !If [Strict, "*", "iam:*"]']));
    fs.writeFileSync(
      path.join(dir, 'partitions-gov.yaml'),
      template(['            Action: !If [IsGov, "*", "iam:*"]']).replace('Conditions: {Strict: !Equals [!Ref Mode, strict]}', 'Conditions: {IsGov: !Equals [!Ref Partition, aws-us-gov]}'),
    );
    fs.writeFileSync(path.join(dir, 'guarded.yaml'), template(['            Action: sts:AssumeRoot']).replace('    Type: AWS::Organizations::Policy', '    Type: AWS::Organizations::Policy\n    Condition: Strict'));
    const on = (file: string, ...choices: string[]) => simulate(...BASE, '--context', PASSWORD, '--identity', 'caller.json', '--scp', file, ...choices, '--format', 'json');
    // The last value had been reached only as each other value's condition false.
    assert.equal(JSON.parse((await on('partitions.yaml', '--template-parameter', 'Partition=aws')).stdout).decision, 'explicitDeny');
    const other = await on('partitions.yaml', '--template-parameter', 'Partition=aws-cn');
    assert.equal(JSON.parse(other.stdout).decision, 'allowed', other.stderr);
    const strict = await on('partitions-strict.yaml', '--template-parameter', 'Partition=aws', '--template-condition', 'Strict=true');
    assert.equal(JSON.parse(strict.stdout).decision, 'explicitDeny', strict.stderr);
    for (const [run, reason] of [
      [await on('partitions.yaml'), /partitions\.yaml: the SCP at Resources\.Guard\.Properties\.Content reads differently with the value of parameter Partition \(AllowedValues aws-us-gov, aws-cn, aws\): choose a value with --template-parameter Partition=aws-us-gov \(or another of its values\)\n/],
      [await on('partitions.yaml', '--template-parameter', 'Partition=aws-iso'), /partitions\.yaml: --template-parameter Partition=aws-iso is not one of the parameter's AllowedValues \(aws-us-gov, aws-cn, aws\)\n/],
      [
        await on('partitions-strict.yaml'),
        /reads differently with the condition Strict \(Fn::If, or a Terraform conditional\) and the value of parameter Partition \(AllowedValues aws-us-gov, aws-cn, aws\): choose a side with --template-condition Strict=true \(or =false\), and a value with --template-parameter Partition=aws-us-gov \(or another of its values\)\n/,
      ],
      [await on('partitions.yaml', '--template-parameter', 'Partition'), /--template-parameter expects NAME=VALUE, NAME a template parameter, not "Partition"/],
      // A misspelt parameter is named, as a misspelt condition is.
      [
        await on('partitions.yaml', '--template-parameter', 'Partiton=aws'),
        /choose a value with --template-parameter Partition=aws-us-gov \(or another of its values\) \(Partiton: no such parameter in this policy, which is read with Partition\)\n/,
      ],
      // Choices that contradict each other are named, not "no SCP found; it holds 1 SCP".
      [
        await on('partitions-gov.yaml', '--template-parameter', 'Partition=aws', '--template-condition', 'IsGov=true'),
        /partitions-gov\.yaml: --template-parameter Partition=aws and --template-condition IsGov=true contradict each other: the SCP at Resources\.Guard\.Properties\.Content is read on no side where both hold\n/,
      ],
      [await on('guarded.yaml', '--template-condition', 'Strict=false'), /guarded\.yaml: the SCP at Resources\.Guard\.Properties\.Content is not deployed when Strict=false: a condition leaves it out\n/],
    ] as const) {
      assert.deepEqual([run.code, run.stdout], [2, '']);
      assert.match(run.stderr, reason);
    }
  });

  it('a Terraform conditional, on the side of its condition as written', async () => {
    const on = async (side: string) => JSON.parse((await simulate(...BASE, '--identity', 'switch.tf', '--template-condition', side, '--format', 'json')).stdout).decision;
    assert.deepEqual([await on('var.env == "prod"=true'), await on('var.env == "prod"=false')], ['implicitDeny', 'allowed']);
    // A policy chosen whole by a conditional: the side picks the document.
    const chosen = async (side: string) => JSON.parse((await simulate(...BASE, '--context', PASSWORD, '--identity', 'chosen.tf#aws_iam_role_policy.ops', '--template-condition', side, '--format', 'json')).stdout);
    assert.deepEqual((await chosen('var.strict=true')).decision, 'implicitDeny');
    assert.deepEqual((await chosen('var.strict=false')).deciding, [{ file: 'chosen.tf#aws_iam_role_policy.ops', stage: 'identity', level: null, statement: 0, sid: null, line: 13 }]);
    const unchosen = await simulate(...BASE, '--identity', 'chosen.tf#aws_iam_role_policy.ops');
    assert.match(unchosen.stderr, /the identity policy is chosen by the condition var\.strict \(Fn::If, or a Terraform conditional\): choose a side with --template-condition var\.strict=true \(or =false\)/);
    const undecided = await simulate(...BASE, '--identity', 'switch.tf');
    assert.match(undecided.stderr, /reads differently on each side of the condition var\.env == "prod" \(Fn::If, or a Terraform conditional\): choose a side with --template-condition 'var\.env == "prod"=true' \(or =false\)/);
  });

  it('exit 2 for a policy AWS would not accept: a malformed Condition would otherwise match more than written', async () => {
    const statement = (extra: string) => `{"Version": "2012-10-17", "Statement": [{"Sid": "Only", "Effect": "Allow", "Action": "sts:AssumeRoot", ${extra}}]}`;
    const files: Array<[string, string, RegExp]> = [
      ['cond-list.json', statement('"Resource": "*", "Condition": {"StringEquals": ["aws:username", "alice"]}'), /statement 1 \(Only\): The StringEquals block must be an object of condition keys to values; found an array$/m],
      ['cond-string.json', statement('"Resource": "*", "Condition": "aws:username=alice"'), /statement 1 \(Only\): Condition must be an object of operators, .*; found a string$/m],
      ['typo.json', statement('"Resource": "*", "Condition": {"StringEqual": {"aws:username": "alice"}}'), /statement 1 \(Only\): StringEqual is not a condition operator$/m],
      ['no-resource.json', statement('"Condition": {}'), /statement 1 \(Only\): The statement has no Resource \(or NotResource\), which an identity policy requires\. Add one$/m],
      ['trailing.json', statement('"Resource": "*",'), /trailing\.json: AWS would not accept this policy: it is not plain JSON \(comments or trailing commas\)$/m],
      // What RG002 and the hover say AWS rejects, decided in one place (rejections.ts): no decision as though valid.
      ['both.json', statement('"NotAction": "s3:GetObject", "Resource": "*"'), /both\.json: AWS would not accept this policy: statement 1 \(Only\): A statement may have Action or NotAction, not both: remove one of them$/m],
      ['typed.json', statement('"Resource": ["*", 3]'), /statement 1 \(Only\): Resource must contain only strings; found a number$/m],
      ['unknown-element.json', statement('"Resource": "*", "Sid\\u001b[2J": 1'), /statement 1 \(Only\): "Sid\\u\{1b\}\[2J" is not an element of a statement; .* Remove or rename it$/m],
    ];
    for (const [file, text, reason] of files) {
      fs.writeFileSync(path.join(dir, file), text);
      const run = await simulate(...BASE, '--context', PASSWORD, '--identity', file);
      assert.deepEqual([run.code, run.stdout], [2, ''], file);
      assert.match(run.stderr, reason);
    }
    // A principal element in an identity policy or an SCP, which IAM and Organizations reject (RG008); no
    // pointer to --help, as this is no usage error.
    fs.writeFileSync(path.join(dir, 'principal.json'), statement('"Principal": "*", "Resource": "*"'));
    for (const option of ['--identity', '--scp']) {
      const run = await simulate(...BASE, '--context', PASSWORD, '--identity', 'root.json', option, 'principal.json');
      assert.deepEqual([run.code, run.stdout], [2, ''], option);
      assert.match(run.stderr, /^rootguard simulate: principal\.json: AWS would not accept this policy: statement 1 \(Only\): Principal is not supported in an? (identity policy|SCP): it applies to the principals it is attached to\.?\n$/);
    }
    // An SCP's statement may leave Resource out: the type given decides what its statements need.
    fs.writeFileSync(path.join(dir, 'scp-no-resource.json'), statement('"Condition": {}').replace('"Allow"', '"Deny"'));
    assert.equal((await simulate(...BASE, '--context', PASSWORD, '--scp', 'scp-no-resource.json')).code, 0);
    // A trust policy names no Resource, as it should.
    fs.writeFileSync(path.join(dir, 'trust-ok.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}');
    assert.equal((await simulate('--action', 'sts:AssumeRole', '--resource', 'arn:aws:iam::111122223333:role/r', '--resource-policy', 'trust-ok.json')).code, 0);
  });

  it('says the answer assumes a key or trust policy that lets IAM policies decide when none is given', async () => {
    const kms = ['--action', 'kms:Decrypt', '--resource', 'arn:aws:kms:us-east-1:111122223333:key/k', '--principal', 'arn:aws:iam::111122223333:user/a', '--identity', 'root.json'];
    const assumed = /\nA KMS key's policy or a role's trust policy must allow this request too, and none was given \(--resource-policy\): the answer assumes it lets the account's IAM policies decide, as a key's default policy does\.\n$/;
    assert.match((await simulate(...kms)).stdout, assumed);
    assert.match(JSON.parse((await simulate(...kms, '--format', 'json')).stdout).assumedResourcePolicy, /^A KMS key's policy/);
    fs.writeFileSync(path.join(dir, 'key.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}');
    assert.doesNotMatch((await simulate(...kms, '--resource-policy', 'key.json')).stdout, /must allow this request too/);
    // Nor for a KMS action on no key (kms:CreateKey, the listings), nor for an S3 read: nothing assumed.
    assert.doesNotMatch((await simulate('--action', 'kms:CreateKey', '--resource', '*', '--principal', 'arn:aws:iam::111122223333:user/a', '--identity', 'root.json')).stdout, /must allow this request too/);
    assert.doesNotMatch((await simulate('--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k', '--identity', 'root.json')).stdout, /must allow this request too/);
  });

  it('exit 2 with the reason for bad usage and unreadable policies', async () => {
    for (const [args, reason] of [
      [['--resource', '*'], /--action is required/],
      [[...BASE, '--format', 'xml'], /--format must be text or json/],
      [[...BASE, '--context', 'novalue'], /key=value/],
      [[...BASE, '--identity', 'missing.json'], /cannot read missing\.json: no such file or folder/],
      [[...BASE, '--scp', 'zero.json'], /cannot read zero\.json: not a regular file \(a device\)$/m],
      [[...BASE, '--identity', 'broken.json'], /broken\.json: not valid JSON: \w+ at line \d+, column \d+/],
      [['--action', 'AssumeRoot', '--resource', '*'], /--action must be one API action, service:Action \(such as sts:AssumeRoot\), not "AssumeRoot"/],
      [['--action', 'sts:Assume*', '--resource', '*'], /--action must be one API action/],
      [[...BASE, '--bogus'], /bogus/],
      [[...BASE, '--scp', 'scps.yaml'], /scps\.yaml: holds 2 SCPs \(Resources\.DenyRoot\.Properties\.Content, Resources\.DenyLeaving\.Properties\.Content\); name one as scps\.yaml#NAME/],
      [[...BASE, '--scp', 'scps.yaml#Missing'], /scps\.yaml#Missing: no SCP named Missing found; it holds 2 SCPs/],
      [[...BASE, '--identity', 'scps.yaml#DenyRoot'], /scps\.yaml#DenyRoot: no identity policy named DenyRoot found; it holds 2 SCPs/],
      [
        [...BASE, '--identity', 'roles.tf#nobody'],
        /roles\.tf#nobody: no identity policy named nobody found; it holds 2 identity policies \(data\.aws_iam_policy_document\.audit \(aws_iam_role_policy\.auditor\.policy\), data\.aws_iam_policy_document\.everything \(aws_iam_role_policy\.breakglass\.policy\)\)/,
      ],
      [
        [...BASE, '--scp', 'branches.yaml'],
        /branches\.yaml: the SCP at Resources\.Guard\.Properties\.Content reads differently on each side of the condition Strict \(Fn::If, or a Terraform conditional\): choose a side with --template-condition Strict=true \(or =false\)/,
      ],
      [[...BASE, '--scp', 'branches.yaml', '--template-condition', 'Strict=yes'], /--template-condition expects NAME=true or NAME=false, not "Strict=yes"/],
      [[...BASE, '--scp', 'branches.yaml', '--template-condition', 'Strcit=true'], /choose a side with --template-condition Strict=true \(or =false\) \(Strcit: no such condition in this policy\)$/m],
      [[...BASE, '--scp', 'branches.yaml', '--template-condition', 'Strict=true', '--template-condition', 'Strict=false'], /--template-condition Strict is given both true and false/],
    ] as const) {
      const run = await simulate(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, reason);
      assert.equal(run.stdout, '');
    }
  });
});
