import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { hoverAt } from '../../../../src/core/assist/hover';
import type { FileType } from '../../../../src/core/lint/model';
import { evaluate, readPolicy } from '../../../../src/core/policy';
import { cursor, statement } from './cursor';

function hover(textWithCursor: string, type: FileType = 'identity') {
  const { text, offset } = cursor(textWithCursor);
  const found = hoverAt(text, offset, type);
  return found && { markdown: found.markdown, hovered: text.slice(found.range.start, found.range.end) };
}

const ASSUME_ROOT_FOR = (task: string) =>
  `"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "StringEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/${task}" } }`;

describe('hover', () => {
  it('an action: description, access level, resource types, condition keys, the reference page', () => {
    const found = hover(statement('"Action": ["sts:Assume|Root"]'));
    assert.equal(found?.hovered, 'sts:AssumeRoot');
    assert.equal(
      found?.markdown,
      [
        '**sts:AssumeRoot** · Write',
        'Grants permission to obtain a set of temporary security credentials that you can use to perform privileged tasks in member accounts in your organization.',
        'Resource types: `root-user*` `arn:${Partition}:iam::${Account}:root`',
        'Condition keys: `sts:TaskPolicyArn`, and the global `aws:` keys',
        '[AWS Security Token Service in the Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html)',
      ].join('\n\n'),
    );
  });

  it('an action IAM does not have: nothing', () => {
    assert.equal(hover(statement('"Action": "sts:AssumeRoo|t2"')), undefined);
  });

  it('a wildcard: how many actions, the root-access and permissions-management ones first', () => {
    const markdown = hover(statement('"Action": "iam:*Login|Profile"'))?.markdown ?? '';
    const lines = markdown.split('\n');
    assert.equal(lines[0], '**iam:\\*LoginProfile** covers 4 actions in 1 service, the sensitive ones first:');
    assert.deepEqual(lines.slice(2), [
      '- `iam:CreateLoginProfile` · Write',
      '- `iam:DeleteLoginProfile` · Write',
      '- `iam:UpdateLoginProfile` · Write',
      '- `iam:GetLoginProfile` · List',
    ]);
    assert.match(hover(statement('"Action": "*|"'))?.markdown ?? '', /^\*\*\\\*\*\* covers \d{5} actions in \d{3} services[^]*- `sts:AssumeRoot` · Write[^]*…and \d+ more\.$/);
  });

  it('a condition key: type, meaning, supporting actions; the root-access keys explain centralized root access', () => {
    const task = hover(statement('"Action": "sts:AssumeRoot", "Condition": { "ArnEquals": { "sts:TaskPolicy|Arn": "x" } }'))?.markdown ?? '';
    assert.match(task, /^\*\*sts:TaskPolicyArn\*\* · ARN\n\nFilters access by TaskPolicyARN\n\nCentralized root access: /);
    assert.match(task, /Supported by `sts:AssumeRoot` \(in this statement\)\.$/);
    const assumed = hover(statement('"Action": "*", "Condition": { "Null": { "AWS:Assumed|Root": "true" } }'))?.markdown ?? '';
    assert.match(assumed, /^\*\*aws:AssumedRoot\*\* · Bool · global condition key\n\nWhether the request is made with credentials from `sts:AssumeRoot`/);
    assert.match(assumed, /"Null": \{"aws:AssumedRoot": "true"\}/);
    const tag = hover(statement('"Action": "s3:GetObject", "Condition": { "StringEquals": { "s3:ExistingObjectTag/te|am": "x" } }'))?.markdown ?? '';
    assert.match(tag, /^\*\*s3:ExistingObjectTag\/<key>\*\* · String\n\nFilters access by existing object tag key and value\n\nSupported by `s3:GetObject` \(in this statement\), `s3:/);
  });

  it('a task-policy ARN: the calls that task may make', () => {
    const found = hover(statement(ASSUME_ROOT_FOR('S3UnlockBucket|Policy')));
    assert.equal(found?.hovered, 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy');
    assert.equal(
      found?.markdown,
      '**S3UnlockBucketPolicy** (root-task policy)\n\nA root session opened with it may call only:\n\n- `s3:DeleteBucketPolicy`\n- `s3:PutBucketPolicy`\n- `s3:GetBucketPolicy`\n- `s3:ListAllMyBuckets`',
    );
  });

  describe('a statement, in one sentence from the policy engine (on Sid or Effect)', () => {
    const cases: { name: string; type: FileType; members: string; sentence: string | RegExp }[] = [
      {
        name: 'an Allow of sts:AssumeRoot for one task',
        type: 'identity',
        members: `"Sid": "Au|dit", ${ASSUME_ROOT_FOR('IAMAuditRootUserCredentials')}`,
        sentence: 'Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account.',
      },
      {
        name: 'an unscoped Allow for one account',
        type: 'identity',
        members: `"Effect": "Al|low", "Action": "sts:AssumeRoot", "Resource": "arn:aws:iam::111122223333:root"`,
        sentence:
          'Lets its holder open root sessions with IAMAuditRootUserCredentials, IAMCreateRootUserPassword, IAMDeleteRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy (and any task policy AWS adds later) in account 111122223333.',
      },
      {
        name: 'an SCP Deny of whole tasks in root sessions of some accounts, depending on the region',
        type: 'scp',
        members: `"Effect": "De|ny", "Action": ["s3:*", "sqs:*"], "Resource": "*", "Condition": { "Bool": { "aws:AssumedRoot": "true" }, "StringEquals": { "aws:PrincipalAccount": "111122223333", "aws:RequestedRegion": "eu-west-1" } }`,
        sentence:
          'Denies 200 actions (s3:AbortMultipartUpload, s3:AllowVendedLogDeliveryForResource, s3:AssociateAccessGrantsIdentityCenter, …) on every resource, under 3 conditions. Blocks S3UnlockBucketPolicy and SQSUnlockQueuePolicy sessions in account 111122223333 (root sessions only: the root user signing in is not affected), depending on aws:RequestedRegion.',
      },
      {
        name: 'a region fence on root: the IAM tasks blocked for certain, the S3 and SQS ones depending on the Region, which the sentence names',
        type: 'scp',
        members: `"Sid": "|Fence", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }, "StringNotEquals": { "aws:RequestedRegion": "eu-west-1" } }`,
        sentence:
          'Denies every action on every resource, under 2 conditions. Blocks IAMAuditRootUserCredentials, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials sessions; S3UnlockBucketPolicy and SQSUnlockQueuePolicy sessions (depending on aws:RequestedRegion) in every account it is attached to, in partition aws.',
      },
      {
        name: 'one task blocked for certain, another depending on a key: a call of each',
        type: 'scp',
        members: `"Sid": "|Mixed", "Effect": "Deny", "Action": ["iam:CreateLoginProfile", "s3:PutBucketPolicy"], "Resource": "*", "Condition": { "StringNotEqualsIfExists": { "aws:RequestedRegion": "eu-west-1" } }`,
        sentence:
          'Denies 2 actions (iam:CreateLoginProfile, s3:PutBucketPolicy) on every resource, under 1 condition. Blocks iam:CreateLoginProfile in IAMCreateRootUserPassword sessions; s3:PutBucketPolicy in S3UnlockBucketPolicy sessions (depending on aws:RequestedRegion) in every account it is attached to.',
      },
      {
        name: 'a root Deny of every bucket but some: the listing for certain, the calls on a bucket depending on which',
        type: 'scp',
        members: `"Sid": "|AllButKeep", "Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::keep-*", "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" } }`,
        sentence:
          'Denies 180 actions (s3:AbortMultipartUpload, s3:AllowVendedLogDeliveryForResource, s3:AssociateAccessGrantsIdentityCenter, …) on every resource but arn:aws:s3:::keep-\\*, under 1 condition. Blocks s3:ListAllMyBuckets in S3UnlockBucketPolicy sessions (and s3:DeleteBucketPolicy, s3:PutBucketPolicy and s3:GetBucketPolicy depending on which bucket) in every account it is attached to, in partition aws.',
      },
      {
        name: 'the classic deny-root SCP',
        type: 'scp',
        members: `"Sid": "|DenyRoot", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" } }`,
        sentence:
          'Denies every action on every resource, under 1 condition. Blocks IAMAuditRootUserCredentials, IAMCreateRootUserPassword, IAMDeleteRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy sessions in every account it is attached to, in partition aws.',
      },
      {
        name: 'a deny whose root exemption is written for aws blocks root sessions only in the other partitions, and says so',
        type: 'scp',
        members: `"Sid": "|OnlyAdmins", "Effect": "Deny", "Action": ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], "Resource": "*", "Condition": { "ArnNotLike": { "aws:PrincipalArn": ["arn:aws:iam::*:role/Admin", "arn:aws:iam::*:root"] } }`,
        sentence: 'Denies 2 actions (s3:PutBucketPolicy, s3:DeleteBucketPolicy) on every resource, under 1 condition. Blocks s3:DeleteBucketPolicy and s3:PutBucketPolicy in S3UnlockBucketPolicy sessions in every account it is attached to, in partition aws-cn and aws-us-gov.',
      },
      {
        name: 'an RCP Deny of some buckets blocks the unlock depending on which bucket',
        type: 'rcp',
        members: `"Sid": "|LockSandbox", "Effect": "Deny", "Principal": "*", "Action": "s3:*Policy", "Resource": "arn:aws:s3:::sandbox-*"`,
        sentence: /^Denies \d+ actions .* on arn:aws:s3:::sandbox-\\\*\. Blocks s3:DeleteBucketPolicy, s3:PutBucketPolicy and s3:GetBucketPolicy in S3UnlockBucketPolicy sessions in every account it is attached to, in partition aws, depending on which bucket\.$/,
      },
      {
        name: 'an RCP Deny of every bucket but one written for aws: certain elsewhere, depending on which bucket in aws',
        type: 'rcp',
        members: `"Sid": "|AllButProd", "Effect": "Deny", "Principal": "*", "Action": ["s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketPolicy"], "NotResource": "arn:aws:s3:::prod-bucket"`,
        sentence:
          'Denies 3 actions (s3:DeleteBucketPolicy, s3:PutBucketPolicy, s3:GetBucketPolicy) on every resource but arn:aws:s3:::prod-bucket. Blocks s3:DeleteBucketPolicy, s3:PutBucketPolicy and s3:GetBucketPolicy in S3UnlockBucketPolicy sessions in every account it is attached to; in partition aws, depending on which bucket.',
      },
      {
        name: 'tasks blocked in some partitions only, beside one blocked in all, each say where',
        type: 'scp',
        members: `"Effect": "De|ny", "Action": ["iam:CreateLoginProfile", "iam:GetLoginProfile", "iam:GetAccountSummary"], "NotResource": "arn:aws:iam::*:root"`,
        sentence:
          'Denies 3 actions (iam:CreateLoginProfile, iam:GetLoginProfile, iam:GetAccountSummary) on every resource but arn:aws:iam::\\*:root. Blocks IAMCreateRootUserPassword sessions (in partition aws-cn and aws-us-gov); iam:GetAccountSummary and iam:GetLoginProfile in IAMAuditRootUserCredentials sessions; iam:GetLoginProfile in IAMDeleteRootUserCredentials sessions (in partition aws-cn and aws-us-gov) in every account it is attached to.',
      },
      {
        name: "an Allow of sts:AssumeRoot and root tasks' calls: the calls granted directly, then the root sessions",
        type: 'identity',
        members: `"Sid": "Root|AccessOps", "Effect": "Allow", "Action": ["sts:AssumeRoot", "iam:CreateLoginProfile", "s3:PutBucketPolicy"], "Resource": "*"`,
        sentence: /^Allows 3 actions \(sts:AssumeRoot, iam:CreateLoginProfile, s3:PutBucketPolicy\) on every resource\. Lets its holder open root sessions with .* in every member account\.$/,
      },
      {
        name: "an SCP Deny of a root task's call: every principal denied it, then the root sessions it blocks",
        type: 'scp',
        members: `"Sid": "NoLogin|ProfileDeletes", "Effect": "Deny", "Action": "iam:DeleteLoginProfile", "Resource": "*"`,
        sentence: 'Denies iam:DeleteLoginProfile on every resource. Blocks iam:DeleteLoginProfile in IAMDeleteRootUserCredentials sessions in every account it is attached to.',
      },
      {
        name: 'an Allow of everything says so before the root sessions it opens',
        type: 'identity',
        members: `"Sid": "|Admin", "Effect": "Allow", "Action": "*", "Resource": "*"`,
        sentence: /^Allows every action on every resource\. Lets its holder open root sessions with .* in every member account\.$/,
      },
      {
        name: 'a grant of another partition says which',
        type: 'identity',
        members: `"Sid": "|China", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "arn:aws-cn:iam::*:root"`,
        sentence: /^Lets its holder open root sessions with .* in every member account of partition aws-cn\.$/,
      },
      {
        name: 'an SCP Deny of one call, root sessions only',
        type: 'scp',
        members: `"Effect": "Deny|", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": { "Bool": { "aws:AssumedRoot": "true" } }`,
        sentence: 'Denies iam:CreateLoginProfile on every resource, under 1 condition. Blocks iam:CreateLoginProfile in IAMCreateRootUserPassword sessions in every account it is attached to (root sessions only: the root user signing in is not affected).',
      },
      {
        name: 'an SCP Deny for root sessions of every account but one',
        type: 'scp',
        members: `"Effect": "Deny|", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": { "Bool": { "aws:AssumedRoot": "true" }, "StringNotEquals": { "aws:PrincipalAccount": "111122223333" } }`,
        sentence:
          'Denies iam:CreateLoginProfile on every resource, under 2 conditions. Blocks iam:CreateLoginProfile in IAMCreateRootUserPassword sessions in every account it is attached to except account 111122223333 (root sessions only: the root user signing in is not affected).',
      },
      {
        name: 'an Allow of sts:AssumeRoot on every account but one',
        type: 'identity',
        members: `"Effect": "Al|low", "Action": "sts:AssumeRoot", "NotResource": "arn:aws:iam::111122223333:root", "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }`,
        sentence: 'Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account except account 111122223333.',
      },
      {
        name: 'any other statement: effect, actions, resources, conditions',
        type: 'identity',
        members: `"Sid": "Re|ad", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": { "Bool": { "aws:SecureTransport": "true" } }`,
        sentence: 'Allows 2 actions (s3:GetObject, s3:ListBucket) on arn:aws:s3:::b and arn:aws:s3:::b/\\*, under 1 condition.',
      },
      {
        name: 'a bucket policy open to any account: who gets in, from the engine',
        type: 'resource',
        members: `"Effect": "Al|low", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"`,
        sentence: 'Allows s3:GetObject on arn:aws:s3:::b/\\*. Any principal of any AWS account gets in.',
      },
      {
        name: 'a trust policy statement, which names no resource: the role it is attached to',
        type: 'resource',
        members: `"Effect": "Al|low", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole"`,
        sentence: 'Allows sts:AssumeRole on the resource the policy is attached to.',
      },
      {
        name: 'a trust policy open to any account whose actions cover sts:AssumeRoot: who gets in, no root sessions (it has no holder)',
        type: 'resource',
        members: `"Effect": "Al|low", "Principal": { "AWS": "*" }, "Action": "sts:*"`,
        sentence: 'Allows 16 actions (sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, …) on the resource the policy is attached to. Any principal of any AWS account gets in.',
      },
      {
        name: 'a key policy open to any account allowing every action: who gets in, no root sessions',
        type: 'resource',
        members: `"Effect": "Al|low", "Principal": "*", "Action": "*", "Resource": "*"`,
        sentence: 'Allows every action on every resource. Any principal of any AWS account gets in.',
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const markdown = hover(statement(c.members), c.type)?.markdown;
        if (c.sentence instanceof RegExp) assert.match(markdown ?? '', c.sentence);
        else assert.equal(markdown, c.sentence);
      });
    }
  });

  it("a statement naming only root tasks' calls: the sentence says what the engine decides outside root sessions", () => {
    const members = '"Sid": "|Ops", "Effect": "Allow", "Action": ["sts:AssumeRoot", "iam:CreateLoginProfile"], "Resource": "*"';
    const identity = readPolicy(cursor(statement(members)).text, 'identity');
    const onUser = { action: 'iam:CreateLoginProfile', resource: 'arn:aws:iam::111122223333:user/alice', principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:role/ops' } };
    assert.equal(evaluate(onUser, { identity: [identity] }).decision, 'allowed');
    assert.match(hover(statement(members))?.markdown ?? '', /^Allows 2 actions \(sts:AssumeRoot, iam:CreateLoginProfile\) on every resource\. Lets its holder open root sessions /);
    const denyMembers = '"Sid": "|NoDeletes", "Effect": "Deny", "Action": "iam:DeleteLoginProfile", "Resource": "*"';
    const scp = readPolicy(cursor(statement(denyMembers)).text, 'scp');
    const decision = evaluate({ ...onUser, action: 'iam:DeleteLoginProfile' }, { identity: [readPolicy(statement('"Effect": "Allow", "Action": "*", "Resource": "*"'), 'admin')], scps: [[scp]] });
    assert.equal(decision.decision, 'explicitDeny');
    assert.match(hover(statement(denyMembers), 'scp')?.markdown ?? '', /^Denies iam:DeleteLoginProfile on every resource\. Blocks iam:DeleteLoginProfile in IAMDeleteRootUserCredentials sessions /);
  });

  describe('a statement AWS rejects says so, with why, instead of what it would do', () => {
    const cases: { name: string; type: FileType; members: string; sentence: string }[] = [
      {
        name: 'an identity Allow of sts:AssumeRoot without Resource (RG002; simulate refuses the policy too)',
        type: 'identity',
        members: '"Sid": "No|Res", "Effect": "Allow", "Action": "sts:AssumeRoot"',
        sentence: 'AWS rejects this statement: The statement has no Resource (or NotResource), which an identity policy requires. Add one.',
      },
      {
        name: 'both Action and NotAction',
        type: 'identity',
        members: '"Sid": "|Both", "Effect": "Allow", "Action": "sts:AssumeRoot", "NotAction": "s3:*", "Resource": "*"',
        sentence: 'AWS rejects this statement: A statement may have Action or NotAction, not both: remove one of them.',
      },
      {
        name: 'both Resource and NotResource',
        type: 'identity',
        members: '"Sid": "|Both", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "NotResource": "*"',
        sentence: 'AWS rejects this statement: A statement may have Resource or NotResource, not both: remove one of them.',
      },
      {
        name: 'an empty NotAction',
        type: 'identity',
        members: '"Sid": "|Empty", "Effect": "Allow", "NotAction": [], "Resource": "*"',
        sentence: 'AWS rejects this statement: NotAction is empty: list at least one value, or remove the element.',
      },
      {
        name: 'an Effect IAM does not read (the engine reads no statement)',
        type: 'identity',
        members: '"Sid": "|Spaced", "Effect": "Allow ", "Action": "sts:AssumeRoot", "Resource": "*"',
        sentence: 'AWS rejects this statement: Effect must be "Allow" or "Deny"; found "Allow ".',
      },
      {
        name: 'an unknown condition operator: the engine refuses it, as simulate does',
        type: 'identity',
        members: '"Sid": "|Typo", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "StringEqualz": { "aws:PrincipalTag/team": "ops" } }',
        sentence: 'AWS rejects this statement: StringEqualz is not a condition operator.',
      },
    ];
    for (const c of cases) {
      it(c.name, () => assert.equal(hover(statement(c.members), c.type)?.markdown, c.sentence));
    }

    it('an SCP statement without Resource is about every resource, as Organizations reads it; a trust policy\'s about its role', () => {
      assert.equal(hover(statement('"Sid": "|NoRes", "Effect": "Deny", "Action": "s3:GetObject"'), 'scp')?.markdown, 'Denies s3:GetObject on every resource.');
      assert.equal(hover(statement('"Sid": "|NoRes", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole"'), 'resource')?.markdown, 'Allows sts:AssumeRole on the resource the policy is attached to.');
    });
  });

  it('a statement of a CloudFormation JSON template whose document a function computes, and each side of its Fn::If', () => {
    const template = (statements: object[]) =>
      JSON.stringify({ Conditions: { Strict: { 'Fn::Equals': [{ Ref: 'Mode' }, 'strict'] } }, Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } } } } }, null, 2);
    const sub = { Sid: 'WithSub', Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' } };
    const plain = { Sid: 'Plain', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' };
    const text = template([plain, sub]);
    const at = (word: string) => hoverAt(text, text.indexOf(word) + 2, 'cloudformation')?.markdown;
    assert.match(at('"Sid": "Plain"') ?? '', /^Lets its holder open root sessions with /);
    assert.equal(at('"Sid": "WithSub"'), 'Allows s3:GetObject on arn:…:s3:::b/\\*.');
    const sides = template([{ Sid: 'Sides', Effect: 'Allow', Action: { 'Fn::If': ['Strict', 's3:GetObject', 'sts:AssumeRoot'] }, Resource: '*' }]);
    const both = hoverAt(sides, sides.indexOf('"Sid": "Sides"') + 2, 'cloudformation')?.markdown ?? '';
    assert.match(both, /^When condition Strict is true: Allows s3:GetObject on every resource\.\n\nWhen condition Strict is false: Lets its holder open root sessions with /);
  });

  it('a statement of an Fn::ForEach loop in a CloudFormation JSON template: each resource it makes, by name', () => {
    const statement = { Sid: 'Root', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': { 'Fn::Sub': 'arn:aws:iam::aws:policy/root-task/${Task}' } } } };
    const loop = ['Task', ['IAMAuditRootUserCredentials', 'S3UnlockBucketPolicy'], { 'Root${Task}': { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } }];
    const text = JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: { 'Fn::ForEach::Tasks': loop } }, null, 2);
    assert.equal(
      hoverAt(text, text.indexOf('"Sid": "Root"') + 2, 'cloudformation')?.markdown,
      [
        'Resources.RootIAMAuditRootUserCredentials: Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account.',
        'Resources.RootS3UnlockBucketPolicy: Lets its holder open root sessions with S3UnlockBucketPolicy in every member account.',
      ].join('\n\n'),
    );
  });

  it('nothing on a Resource, a Principal or outside statements', () => {
    assert.equal(hover(statement('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b|"')), undefined);
    assert.equal(hover(statement('"Principal": { "AWS": "arn:aws:iam::1111222|23333:root" }')), undefined);
    assert.equal(hover('{ "Version": "2012-10-1|7", "Statement": [] }'), undefined);
  });

  describe('policy text written as Markdown shows as written: no link, image or emphasis from the file', () => {
    const md = new MarkdownIt({ html: false, linkify: true });
    const LURE = '![](https://attacker.example/beacon.png) [Verified safe by AWS - click to review](https://attacker.example/login)';
    const cases = [
      { name: 'a Resource', members: `"Sid": "|A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::x", ${JSON.stringify(LURE)}]` },
      { name: 'a NotAction', members: `"Sid": "|A", "Effect": "Allow", "NotAction": ${JSON.stringify(LURE)}, "Resource": "*"` },
      { name: 'a condition key a root-session grant depends on', members: `"Sid": "|A", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "StringEquals": { ${JSON.stringify(`sts:${LURE}`)}: "x" } }` },
      { name: 'a wildcard action', members: `"Effect": "Allow", "Action": "z|z*${LURE.replace(/"/g, '')}", "Resource": "*"` },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const html = md.render(hover(statement(c.members))?.markdown ?? '');
        assert.doesNotMatch(html, /<(a|img|em)\b/, html);
        assert.ok(html.includes('[Verified safe by AWS - click to review](https://attacker.example/login)'), html);
      });
    }
  });
});
