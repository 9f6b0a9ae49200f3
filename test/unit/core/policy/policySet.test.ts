import assert from 'node:assert/strict';
import { type Policy, RCP_ON_NO_RESOURCE, type Request, UNKNOWN_PART, evaluate, policyFromNode, readPolicy } from '../../../../src/core/policy';
import { parseJsonTree } from '../../../../src/core/text/jsonTree';
import { ALLOW_ALL, decideSet, lineOf, policy } from './helpers';

const GET_USER: Request = { action: 'iam:GetUser', resource: 'arn:aws:iam::111122223333:user/bob' };

describe('policy engine: policy sets (AWS "Policy evaluation logic")', () => {
  const allowAll = policy([ALLOW_ALL], 'identity');
  const fullAccess = policy([ALLOW_ALL], 'FullAWSAccess');

  it('with no policy at all, the request is implicitly denied', () => {
    assert.deepEqual(decideSet(GET_USER, {}), { decision: 'implicitDeny', deciding: [], dependsOn: [] });
  });

  it('an identity Allow allows, naming the statement', () => {
    assert.deepEqual(decideSet(GET_USER, { identity: [allowAll] }), { decision: 'allowed', deciding: ['identity#0 line 4'], dependsOn: [] });
  });

  it('an explicit Deny in any policy overrides every Allow', () => {
    const deny = policy([{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }], 'deny-iam');
    assert.deepEqual(decideSet(GET_USER, { identity: [allowAll, deny], scps: [[fullAccess]] }), { decision: 'explicitDeny', deciding: ['deny-iam#0 line 4'], dependsOn: [] });
    assert.deepEqual(decideSet(GET_USER, { identity: [allowAll], scps: [[fullAccess], [deny]] }).decision, 'explicitDeny');
  });

  it('every SCP level must allow: a level without an Allow denies implicitly', () => {
    const onlyS3 = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'ou-s3-only');
    const decision = evaluate(GET_USER, { identity: [allowAll], scps: [[fullAccess], [onlyS3]] });
    assert.equal(decision.decision, 'implicitDeny');
    assert.match(decision.reason, /no SCP at level 2/);
  });

  it('one Allow among several policies of a level is enough', () => {
    const onlyS3 = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'ou-s3-only');
    const iam = policy([{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }], 'ou-iam-read');
    assert.deepEqual(decideSet(GET_USER, { identity: [allowAll], scps: [[fullAccess], [onlyS3, iam]] }), {
      decision: 'allowed',
      deciding: ['identity#0 line 4', 'FullAWSAccess#0 line 4', 'ou-iam-read#0 line 4'],
      dependsOn: [],
    });
  });

  it('SCPs grant nothing by themselves', () => {
    assert.equal(decideSet(GET_USER, { scps: [[fullAccess]] }).decision, 'implicitDeny');
  });

  it('RCPs filter like SCPs, with Principal', () => {
    const rcp = policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }], 'rcp');
    const request: Request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SecureTransport': 'false' } };
    assert.deepEqual(decideSet(request, { identity: [allowAll], rcps: [[fullAccess, rcp]] }).decision, 'explicitDeny');
    const rcpNoAllow = policy([{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }], 'rcp-sqs');
    assert.equal(decideSet(request, { identity: [allowAll], rcps: [[rcpNoAllow]] }).decision, 'implicitDeny');
  });

  it('a permissions boundary must allow too', () => {
    const boundary = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'boundary');
    const decision = evaluate(GET_USER, { identity: [allowAll], permissionsBoundary: boundary });
    assert.equal(decision.decision, 'implicitDeny');
    assert.match(decision.reason, /boundary/);
  });

  it('within one account, a resource policy naming the principal allows alone', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Reader' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'bucket');
    const request: Request = {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      principal: { type: 'AWS', id: 'arn:aws:sts::111122223333:assumed-role/Reader/session' },
      context: { 'aws:ResourceAccount': '111122223333' },
    };
    assert.deepEqual(decideSet(request, { resource: bucket }), { decision: 'allowed', deciding: ['bucket#0 line 4'], dependsOn: [] });
    const other = { ...request, principal: { type: 'AWS', id: 'arn:aws:sts::111122223333:assumed-role/Writer/session' } };
    assert.equal(decideSet(other, { resource: bucket }).decision, 'implicitDeny');
  });

  it('across accounts, both the identity and the resource policy must allow', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'bucket');
    const request: Request = {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      principal: { type: 'AWS', id: 'arn:aws:iam::444455556666:user/carol' },
      context: { 'aws:ResourceAccount': '111122223333' },
    };
    assert.equal(decideSet(request, { resource: bucket }).decision, 'implicitDeny');
    assert.deepEqual(decideSet(request, { resource: bucket, identity: [allowAll] }), { decision: 'allowed', deciding: ['identity#0 line 4', 'bucket#0 line 4'], dependsOn: [] });
  });

  it('NotPrincipal in a Deny spares the principals it names (with their account)', () => {
    const bucket = policy([{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:user/admin', '111122223333'] }, Action: 's3:*', Resource: '*' }], 'bucket');
    const as = (id: string): Request => ({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', principal: { type: 'AWS', id } });
    assert.equal(decideSet(as('arn:aws:iam::111122223333:user/admin'), { identity: [allowAll], resource: bucket }).decision, 'allowed');
    assert.equal(decideSet(as('arn:aws:iam::111122223333:user/bob'), { identity: [allowAll], resource: bucket }).decision, 'explicitDeny');
  });

  it('a service principal matches case-insensitively', () => {
    const queue = policy([{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }], 'queue');
    const request: Request = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:q', principal: { type: 'Service', id: 'SNS.amazonaws.com' } };
    assert.equal(decideSet(request, { resource: queue }).decision, 'allowed');
  });

  it('deciding statements carry policy, index, Sid, range and line', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "ReadUsers", "Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}\n  ]\n}\n';
    const read = readPolicy(text, 'caller.json');
    const decision = evaluate(GET_USER, { identity: [read] });
    const statement = '{"Sid": "ReadUsers", "Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}';
    const start = text.indexOf(statement);
    assert.deepEqual(decision.deciding, [{ policy: 'caller.json', statement: 0, sid: 'ReadUsers', range: { start, end: start + statement.length }, line: 4 }]);
    assert.equal(lineOf(read, 0), 4);
  });

  it("a deciding statement's line counts every line of the statements before it", () => {
    const text = [
      '{"Version": "2012-10-17", "Statement": [',
      '  {"Sid": "ReadAll", "Effect": "Allow",',
      '   "Action": [',
      '     "iam:Get*",',
      '     "iam:List*"],',
      '   "Resource": "*"},',
      '',
      '  {"Sid": "KeepBob",',
      '   "Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:user/bob"}',
      ']}',
    ].join('\r\n');
    const decision = evaluate(GET_USER, { identity: [readPolicy(text, 'multi-line.json')] });
    assert.deepEqual(decision.deciding.map((d) => [d.sid, d.line]), [['KeepBob', 8]]);
    const allowed = evaluate({ ...GET_USER, resource: 'arn:aws:iam::111122223333:user/alice' }, { identity: [readPolicy(text, 'multi-line.json')] });
    assert.deepEqual(allowed.deciding.map((d) => [d.sid, d.line]), [['ReadAll', 2]]);
  });

  it('a statement without a valid Effect decides nothing, and keeps the index of the others', () => {
    const read = policy([{ Effect: 'Alow', Action: '*', Resource: '*' }, ALLOW_ALL], 'typo');
    assert.deepEqual(decideSet(GET_USER, { identity: [read] }).deciding, ['typo#1 line 9']);
  });
});

describe('policy engine: unknown parts', () => {
  it('an unknown part in a Deny makes the answer uncertain and says so', () => {
    const deny = policy([{ Effect: 'Deny', Action: '*', Resource: `arn:aws:iam::${UNKNOWN_PART}:user/bob` }], 'template');
    const decision = evaluate(GET_USER, { identity: [policy([ALLOW_ALL])], scps: [] });
    assert.equal(decision.uncertain, false);
    const withDeny = evaluate(GET_USER, { identity: [policy([ALLOW_ALL]), deny] });
    assert.deepEqual([withDeny.decision, withDeny.uncertain, withDeny.dependsOn], ['allowed', true, ['unknown policy value']]);
  });

  it('an unknown partition is the partition the policy is deployed in, compared as an ARN or as a string', () => {
    const conditions = (partition: string) => [
      { ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:root` } },
      { StringLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:root` } },
      { StringEquals: { 'aws:PrincipalArn': `arn:${partition}:iam::111122223333:root` } },
      { StringEqualsIgnoreCase: { 'aws:PrincipalArn': `ARN:${partition}:IAM::111122223333:ROOT` } },
    ];
    for (const partition of [UNKNOWN_PART, '${AWS::Partition}', '${PARTITION}']) {
      for (const condition of conditions(partition)) {
        const deny = policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: condition }], 'scp');
        for (const p of ['aws', 'aws-cn', 'aws-us-gov']) {
          const decide = (principal: string) =>
            evaluate({ action: 'iam:GetUser', resource: '*', context: { 'aws:PrincipalArn': principal } }, { identity: [policy([ALLOW_ALL])], scps: [[policy([ALLOW_ALL], 'scp'), deny]] });
          const root = decide(`arn:${p}:iam::111122223333:root`);
          assert.deepEqual([root.decision, root.uncertain], ['explicitDeny', false], `${JSON.stringify(condition)} in ${p}`);
          const role = decide(`arn:${p}:iam::111122223333:role/Admin`);
          assert.deepEqual([role.decision, role.uncertain], ['allowed', false], `${JSON.stringify(condition)}, a role in ${p}`);
        }
      }
    }
  });

  it('a partition only partly unknown, or a policy variable, is no deployed partition', () => {
    const decide = (value: string, context: Record<string, string> = {}) => {
      const deny = policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': value } } }], 'scp');
      const request: Request = { action: 'iam:GetUser', resource: '*', context: { 'aws:PrincipalArn': 'arn:aws-us-gov:iam::111122223333:root', ...context } };
      const decision = evaluate(request, { identity: [policy([ALLOW_ALL])], scps: [[policy([ALLOW_ALL], 'scp'), deny]] });
      return [decision.decision, decision.uncertain];
    };
    assert.deepEqual(decide(`arn:aws-${UNKNOWN_PART}:iam::*:root`), ['allowed', true]);
    assert.deepEqual(decide('arn:${aws:PrincipalTag/partition}:iam::*:root', { 'aws:PrincipalTag/partition': 'aws-us-gov' }), ['explicitDeny', false]);
    assert.deepEqual(decide('arn:${aws:PrincipalTag/partition}:iam::*:root', { 'aws:PrincipalTag/partition': 'aws' }), ['allowed', false]);
  });

  it('an IAM policy variable is no unknown part', () => {
    const allow = policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:user/bob' }]);
    const decision = evaluate({ ...GET_USER, context: { 'aws:PrincipalAccount': '111122223333' } }, { identity: [allow] });
    assert.deepEqual([decision.decision, decision.uncertain], ['allowed', false]);
  });
});

describe('policy engine: the line of a deciding statement', () => {
  // Two documents in one template text, as the linter reads them: two policies sharing the text.
  const template = `{\n  "A": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},\n\n\n  "B": {"Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n}`;
  const documents = parseJsonTree(template, []).root!.children!.map((property) => property.children![1]);
  const [first, second] = documents.map((node, i) => policyFromNode(node, template, `doc${i}`));
  const other = policy([{ Sid: 'padding' }, ALLOW_ALL], 'other');
  const lineOfDecision = (p: Policy) => evaluate(GET_USER, { identity: [p] }).deciding.map((d) => d.line);

  it('is counted in its own text, for policies sharing a text and after a policy of another text', () => {
    assert.deepEqual(lineOfDecision(first), [2]);
    assert.deepEqual(lineOfDecision(other), [lineOf(other, 1)]);
    assert.deepEqual(lineOfDecision(second), [6]);
    assert.deepEqual(lineOfDecision(first), [2]);
  });
});

describe('policy engine: RCPs limit only the services that support them', () => {
  // "List of AWS services that support RCPs" (AWS Organizations User Guide, read 2026-09-26): an RCP that
  // denies everything limits those services only (S3, STS, KMS, DynamoDB, EventBridge, ...), and not
  // kms:RetireGrant ("Resources and entities not restricted by RCPs").
  const rcpDenyAll = policy([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }], 'rcp');
  const rows: Array<[string, string]> = [
    ['iam:DeleteLoginProfile', 'allowed'],
    ['ec2:RunInstances', 'allowed'],
    ['organizations:ListAccounts', 'allowed'],
    ['s3:GetObject', 'explicitDeny'],
    ['sqs:SendMessage', 'explicitDeny'],
    ['kms:Decrypt', 'explicitDeny'],
    ['sts:AssumeRole', 'explicitDeny'],
    ['secretsmanager:GetSecretValue', 'explicitDeny'],
    ['logs:PutLogEvents', 'explicitDeny'],
    ['dynamodb:GetItem', 'explicitDeny'],
    ['events:PutEvents', 'explicitDeny'],
    ['rolesanywhere:CreateSession', 'explicitDeny'],
    ['kms:RetireGrant', 'allowed'],
    ['lambda:InvokeFunction', 'allowed'],
  ];
  for (const [action, expected] of rows) {
    it(`${action}: ${expected}`, () => {
      // On a resource of the service: whether an RCP governs a call on none is not documented (rcpsGovernRequest).
      const request = { action, resource: `arn:aws:${action.split(':')[0]}:us-east-1:111122223333:x`, principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/a' }, context: { 'aws:ResourceAccount': '111122223333' } };
      assert.equal(evaluate(request, { identity: [policy([ALLOW_ALL], 'id')], rcps: [[rcpDenyAll]] }).decision, expected);
    });
  }

  it('a call on no resource (s3:ListAllMyBuckets): uncertain, depending on whether RCPs govern it, decided as without them', () => {
    const request = { action: 's3:ListAllMyBuckets', resource: '*', principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/a' } };
    const decision = evaluate(request, { identity: [policy([ALLOW_ALL], 'id')], rcps: [[rcpDenyAll]] });
    assert.deepEqual([decision.decision, decision.uncertain, decision.dependsOn], ['allowed', true, [RCP_ON_NO_RESOURCE]]);
  });
});

describe('policy engine: RCPs do not limit service-linked roles, nor a service assuming its own', () => {
  // "Resources and entities not restricted by RCPs" (AWS Organizations User Guide): RCPs do not apply to calls
  // made by service-linked roles, nor to AWS services assuming them (their trust policies); a service
  // principal's other calls they do limit (data perimeter RCPs on S3 rely on it).
  const rcpDenyAll = policy([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }], 'rcp');
  const linkedRole = 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';
  const rows: Array<[string, string, { type: string; id: string }, string, string]> = [
    ['a service-linked role session writes to a bucket', 's3:PutObject', { type: 'AWS', id: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/session' }, 'arn:aws:s3:::config-logs/k', 'allowed'],
    ['the service assumes its service-linked role', 'sts:AssumeRole', { type: 'Service', id: 'config.amazonaws.com' }, linkedRole, 'allowed'],
    ['the service assumes another role', 'sts:AssumeRole', { type: 'Service', id: 'config.amazonaws.com' }, 'arn:aws:iam::111122223333:role/ConfigRecorder', 'explicitDeny'],
    ['the service writes to a bucket', 's3:PutObject', { type: 'Service', id: 'config.amazonaws.com' }, 'arn:aws:s3:::config-logs/k', 'explicitDeny'],
    ['a role of another name', 's3:PutObject', { type: 'AWS', id: 'arn:aws:sts::111122223333:assumed-role/Admin/session' }, 'arn:aws:s3:::config-logs/k', 'explicitDeny'],
  ];
  for (const [name, action, principal, resource, expected] of rows) {
    it(`${name}: ${expected}`, () => {
      const request = { action, resource, principal, context: { 'aws:ResourceAccount': '111122223333' } };
      const allowAll = policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], 'resource');
      assert.equal(evaluate(request, { identity: [policy([ALLOW_ALL], 'id')], resource: allowAll, rcps: [[rcpDenyAll]] }).decision, expected);
    });
  }
});

describe('policy engine: SCPs do not limit service-linked roles or service principals', () => {
  // "SCP effects on permissions" (AWS Organizations User Guide): SCPs do not affect service-linked roles.
  const scpDenyAll = policy([{ Effect: 'Deny', Action: '*', Resource: '*' }], 'scp');
  const rows: Array<[string, string, string]> = [
    ['a session of a service-linked role', 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/session', 'allowed'],
    ['the service-linked role by its ARN', 'arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport', 'allowed'],
    ['a role of another name', 'arn:aws:sts::111122223333:assumed-role/Admin/session', 'explicitDeny'],
    ['a role under another path that names itself alike', 'arn:aws:iam::111122223333:role/ops/AWSServiceRoleForSupport', 'explicitDeny'],
  ];
  for (const [name, id, expected] of rows) {
    it(`${name}: ${expected}`, () => {
      const request = { action: 'ec2:DescribeInstances', resource: '*', principal: { type: 'AWS', id } };
      assert.equal(evaluate(request, { identity: [policy([ALLOW_ALL], 'id')], scps: [[scpDenyAll]] }).decision, expected);
    });
  }

  it("the management account: SCPs do not limit its principals, nor RCPs its resources", () => {
    const set = { identity: [policy([ALLOW_ALL], 'id')], scps: [[scpDenyAll]], managementAccount: '999900000000' };
    const from = (account: string) => ({ action: 'ec2:DescribeInstances', resource: '*', principal: { type: 'AWS', id: `arn:aws:iam::${account}:user/ops` } });
    assert.deepEqual(decideSet(from('999900000000'), set), { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [] });
    assert.equal(evaluate(from('111122223333'), set).decision, 'explicitDeny');
    const rcpDenyAll = policy([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }], 'rcp');
    const read = (account: string) => ({ action: 's3:GetObject', resource: 'arn:aws:s3:::logs/k', principal: { type: 'AWS', id: `arn:aws:iam::${account}:user/ops` }, context: { 'aws:ResourceAccount': account } });
    const rcps = { identity: [policy([ALLOW_ALL], 'id')], rcps: [[rcpDenyAll]], managementAccount: '999900000000' };
    assert.equal(evaluate(read('999900000000'), rcps).decision, 'allowed');
    assert.equal(evaluate(read('111122223333'), rcps).decision, 'explicitDeny');
    // A bucket's ARN names no account: read as the caller's, in the management account, depending on it.
    const { context: _, ...unplaced } = read('999900000000');
    assert.deepEqual(decideSet(unplaced, rcps), { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: ['aws:ResourceAccount'] });
  });

  // SCPs "affect only IAM users and roles that are managed by accounts that are part of the organization": an
  // AWS service acting as its service principal, granted by a resource policy, is none of those.
  it('a service principal granted by a queue policy: no SCP applies, while an RCP does', () => {
    const request = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:events', principal: { type: 'Service', id: 'sns.amazonaws.com' } };
    const queue = policy([{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }], 'queue');
    assert.deepEqual(decideSet(request, { resource: queue, scps: [[scpDenyAll]] }), { decision: 'allowed', deciding: ['queue#0 line 4'], dependsOn: [] });
    const rcpDenyAll = policy([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }], 'rcp');
    assert.equal(evaluate(request, { resource: queue, rcps: [[rcpDenyAll]] }).decision, 'explicitDeny');
  });
});
