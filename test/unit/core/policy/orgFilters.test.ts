import assert from 'node:assert/strict';
import { type OrgFilterPaths, type Policy, type Request, accountNeutral, asDeployed, decideOrgFilters, evaluate } from '../../../../src/core/policy';
import { ALLOW_ALL, policy, where } from './helpers';

const FULL = policy([ALLOW_ALL], 'FullAWSAccess');
const RCP_FULL = policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], 'RCPFullAWSAccess');

/** A root session's delete call in account 111122223333, as the preflight makes it (no IP, no time, no tags). */
const ROOT_DELETE: Request = {
  action: 'iam:DeleteAccessKey',
  resource: 'arn:aws:iam::111122223333:root',
  principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:root' },
  context: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:root', 'aws:AssumedRoot': 'true', 'aws:PrincipalOrgID': 'o-abc1234567', 'aws:RequestedRegion': 'us-east-1' },
};
const ROOT_PUT_BUCKET_POLICY: Request = { ...ROOT_DELETE, action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::locked-bucket' };

const rootDeny = (name: string, extra: object = {}): Policy =>
  policy([ALLOW_ALL, { Sid: 'RestrictRoot', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' }, ...extra } }], name);

interface Row {
  name: string;
  request?: Request;
  paths: OrgFilterPaths;
  expected: { outcome: string; denial?: string; level?: object; deciding: string[]; dependsOn: string[]; dependsOnEach?: string[][] };
}

const brief = (request: Request, paths: OrgFilterPaths) => {
  const answer = decideOrgFilters(request, paths);
  return { outcome: answer.outcome, ...(answer.denial ? { denial: answer.denial } : {}), ...(answer.level ? { level: answer.level } : {}), deciding: answer.deciding.map(where), dependsOn: answer.dependsOn, ...(answer.dependsOnEach ? { dependsOnEach: answer.dependsOnEach } : {}) };
};

const ROWS: Row[] = [
  {
    name: 'FullAWSAccess at every level allows, naming each level\'s Allow',
    paths: { scps: [[FULL], [FULL], [FULL]] },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4', 'FullAWSAccess#0 line 4', 'FullAWSAccess#0 line 4'], dependsOn: [] },
  },
  {
    name: 'an account without FullAWSAccess (only an S3 Allow) denies implicitly at its level',
    paths: { scps: [[FULL], [FULL], [policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'S3Only')]] },
    expected: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 2 }, deciding: [], dependsOn: [] },
  },
  {
    name: "Control Tower's root restriction without ExemptAssumeRoot denies the root session",
    paths: { scps: [[FULL], [rootDeny('GRRESTRICTROOTUSER')]] },
    expected: { outcome: 'denied', denial: 'explicitDeny', deciding: ['GRRESTRICTROOTUSER#1 line 9'], dependsOn: [] },
  },
  {
    name: 'with ExemptAssumeRoot (Null aws:AssumedRoot) the root session is let through',
    paths: { scps: [[FULL], [rootDeny('GRRESTRICTROOTUSER', { Null: { 'aws:AssumedRoot': 'true' } })]] },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4', 'GRRESTRICTROOTUSER#0 line 4'], dependsOn: [] },
  },
  {
    name: 'a deny outside the corporate network depends on aws:SourceIp',
    paths: { scps: [[FULL, policy([{ Sid: 'OffNetwork', Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }], 'DenyOffNetwork')]] },
    expected: { outcome: 'depends', deciding: ['DenyOffNetwork#0 line 4'], dependsOn: ['aws:SourceIp'], dependsOnEach: [['aws:SourceIp']] },
  },
  {
    name: 'a deny from one network depends on aws:SourceIp too (it applies for some addresses)',
    paths: { scps: [[FULL, policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }], 'DenyFromLab')]] },
    expected: { outcome: 'depends', deciding: ['DenyFromLab#0 line 4'], dependsOn: ['aws:SourceIp'], dependsOnEach: [['aws:SourceIp']] },
  },
  {
    name: 'a deny after a date depends on aws:CurrentTime',
    paths: { scps: [[FULL, policy([{ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } } }], 'Freeze')]] },
    expected: { outcome: 'depends', deciding: ['Freeze#0 line 4'], dependsOn: ['aws:CurrentTime'], dependsOnEach: [['aws:CurrentTime']] },
  },
  {
    name: 'an uncertain Allow beside a certain one changes nothing',
    paths: { scps: [[FULL, policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'sec' } } }], 'TagAllow')]] },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4'], dependsOn: [] },
  },
  {
    name: "a level whose only Allow hinges on a tag depends on that tag",
    paths: { scps: [[FULL], [policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'sec' } } }], 'TagAllow')]] },
    expected: { outcome: 'depends', deciding: ['TagAllow#0 line 4'], dependsOn: ['aws:PrincipalTag/team'], dependsOnEach: [['aws:PrincipalTag/team']] },
  },
  {
    name: 'two uncertain statements on different keys: each is named with its own key',
    paths: {
      scps: [
        [FULL, policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }], 'DenyOffNetwork')],
        [policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'sec' } } }], 'TagAllow')],
      ],
    },
    expected: {
      outcome: 'depends',
      deciding: ['DenyOffNetwork#0 line 4', 'TagAllow#0 line 4'],
      dependsOn: ['aws:SourceIp', 'aws:PrincipalTag/team'],
      dependsOnEach: [['aws:SourceIp'], ['aws:PrincipalTag/team']],
    },
  },
  {
    name: 'a certain Deny wins over an uncertain one, and only it is named',
    paths: {
      scps: [[FULL, policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }], 'DenyOffNetwork')], [rootDeny('DenyRoot')]],
    },
    expected: { outcome: 'denied', denial: 'explicitDeny', deciding: ['DenyRoot#1 line 9'], dependsOn: [] },
  },
  {
    name: 'a region deny (eu-west-1 only, IAM and STS exempt) lets an IAM call made in us-east-1 through',
    paths: { scps: [[FULL, policy([{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }], 'RegionDeny')]] },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4'], dependsOn: [] },
  },
  {
    name: 'the same region deny denies an S3 call made in us-east-1',
    paths: { scps: [[FULL, policy([{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }], 'RegionDeny')]] },
    request: ROOT_PUT_BUCKET_POLICY,
    expected: { outcome: 'denied', denial: 'explicitDeny', deciding: ['RegionDeny#0 line 4'], dependsOn: [] },
  },
  {
    name: 'RCPs filter with Principal: a deny for principals outside the organization lets the root session through',
    request: ROOT_PUT_BUCKET_POLICY,
    paths: {
      scps: [[FULL]],
      rcps: [[RCP_FULL, policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc1234567' } } }], 'OrgOnly')]],
    },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4', 'RCPFullAWSAccess#0 line 4'], dependsOn: [] },
  },
  {
    name: 'an RCP level without an Allow denies implicitly at that RCP level',
    request: ROOT_PUT_BUCKET_POLICY,
    paths: { scps: [[FULL]], rcps: [[RCP_FULL], [policy([{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }], 'SqsOnly')]] },
    expected: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'rcp', index: 1 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'an RCP root deny aimed at root sessions denies the S3 call',
    request: ROOT_PUT_BUCKET_POLICY,
    paths: { scps: [[FULL]], rcps: [[RCP_FULL, policy([{ Sid: 'NoRootOnS3', Effect: 'Deny', Principal: '*', Action: 's3:PutBucketPolicy', Resource: '*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } }], 'RcpNoRoot')]] },
    expected: { outcome: 'denied', denial: 'explicitDeny', deciding: ['RcpNoRoot#0 line 4'], dependsOn: [] },
  },
  {
    name: 'a Deny on an address that is no address block never applies: no dependency on aws:SourceIp',
    paths: { scps: [[FULL, policy([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': 'corp-network' } } }], 'DenyFromCorp')]] },
    expected: { outcome: 'allowed', deciding: ['FullAWSAccess#0 line 4'], dependsOn: [] },
  },
  {
    name: 'a Deny with StringLikeIfExists * applies whatever the tag holds: denied, not depends',
    paths: { scps: [[FULL, policy([{ Sid: 'AnyTeam', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLikeIfExists: { 'aws:PrincipalTag/team': '*' } } }], 'DenyAnyTeam')]] },
    expected: { outcome: 'denied', denial: 'explicitDeny', deciding: ['DenyAnyTeam#0 line 4'], dependsOn: [] },
  },
  {
    name: "a level whose only Allow tests an address against no address block denies implicitly",
    paths: { scps: [[FULL], [policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': 'corp-network' } } }], 'CorpOnly')]] },
    expected: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 1 }, deciding: [], dependsOn: [] },
  },
];

describe('policy engine: the organization filters with unknown keys (decideOrgFilters)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      assert.deepEqual(brief(row.request ?? ROOT_DELETE, row.paths), row.expected);
    });
  }

  it('agrees with evaluate wherever the request leaves nothing unknown', () => {
    for (const row of ROWS.filter((r) => r.expected.outcome !== 'depends')) {
      const request = row.request ?? ROOT_DELETE;
      const decision = evaluate(request, { ...row.paths, taskPolicy: { name: 'none', text: '', statements: [] } });
      assert.equal(decision.decision === 'allowed' ? 'allowed' : 'denied', row.expected.outcome, row.name);
    }
  });
});

describe('policy engine: policies that cannot tell accounts apart (accountNeutral)', () => {
  const rows: [string, object, boolean][] = [
    ['FullAWSAccess', ALLOW_ALL, true],
    ["Control Tower's root deny (arn:*:iam::*:root)", { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } } }, true],
    ['a region deny (digits in a region, not an account key)', { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } }, true],
    ['a SourceIp deny', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }, true],
    ['a deny naming an account in aws:PrincipalAccount', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }, false],
    ['an account pattern in aws:PrincipalArn', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::1111*:root' } } }, false],
    ['an account in a Resource ARN', { Effect: 'Deny', Action: '*', Resource: 'arn:aws:iam::111122223333:root' }, false],
    ['an account in an RCP Principal', { Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }, false],
    ['an account in aws:ResourceAccount', { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceAccount': ['111122223333'] } } }, false],
    ["the target account compared with the caller's", { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }, false],
    ["a bucket named after the account", { Effect: 'Deny', Action: 's3:DeleteBucketPolicy', Resource: 'arn:aws:s3:::sandbox-${aws:PrincipalAccount}-data' }, false],
    ['a principal tag variable, the same for every account', { Effect: 'Deny', Action: 'sqs:*', Resource: 'arn:aws:sqs:*:*:${aws:PrincipalTag/team}-*' }, true],
  ];
  for (const [name, statement, expected] of rows) {
    it(`${name}: ${expected ? 'neutral' : 'tells accounts apart'}`, () => {
      assert.equal(accountNeutral(policy([statement])), expected);
    });
  }
});

describe('policy engine: a policy as AWS stores it (asDeployed)', () => {
  const templateDeny = (placeholder: string) =>
    policy([ALLOW_ALL, { Sid: 'RestrictRoot', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:${placeholder}:iam::*:root` } } }], 'LiveScp');

  it("reads a template placeholder left in a deployed SCP as text: the root deny denies no one, as a template's would once substituted", () => {
    // In a template CloudFormation puts the partition in; read from Organizations, the text is what IAM compares.
    assert.equal(brief(ROOT_DELETE, { scps: [[templateDeny('${AWS::Partition}')]] }).outcome, 'denied');
    assert.deepEqual(brief(ROOT_DELETE, { scps: [[asDeployed(templateDeny('${AWS::Partition}'))]] }), { outcome: 'allowed', deciding: ['LiveScp#0 line 4'], dependsOn: [] });
  });

  it('keeps IAM policy variables as variables', () => {
    const own = policy([ALLOW_ALL, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:root' } } }], 'OwnRoot');
    assert.equal(brief({ ...ROOT_DELETE, context: { ...ROOT_DELETE.context, 'aws:PrincipalAccount': '111122223333' } }, { scps: [[asDeployed(own)]] }).outcome, 'denied');
  });
});
