import assert from 'node:assert/strict';
import { buildWorld, type World } from '../../../src/sandbox/index';
import { evaluateOrgPolicies, requestKeys, targetPath, type OrgDecision } from '../../../src/sandbox/orgGuard';
import { conditionsHold } from '../../../src/sandbox/policyConditions';
import { SEEDED_POLICY_IDS as IDS } from '../../../src/sandbox/policySeed';

const CREATE_PASSWORD = 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword';

interface Who {
  accountId: string;
  /** A root session (AssumeRoot) unless `longTermRoot` or `user`. */
  longTermRoot?: boolean;
  user?: boolean;
  region?: string;
  ip?: string;
  extra?: Record<string, string>;
}

/** The decision, in one comparable line: `allow`, `implicit <target>` or `explicit <policy> #<statement> <sid> @<target>`. */
function decide(world: World, who: Who, action: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' = 'SERVICE_CONTROL_POLICY', resource = '*'): string {
  return show(evaluateOrgPolicies(world, who.accountId, type, { action, resource, keys: keysOf(world, who) }));
}

const NOW = new Date('2026-12-07T10:00:00Z');

function keysOf(world: World, who: Who, resourceAccount?: string) {
  const rootSession = !who.user && !who.longTermRoot;
  return requestKeys(world, {
    principalArn: who.user ? `arn:aws:iam::${who.accountId}:user/admin` : `arn:aws:iam::${who.accountId}:root`,
    principalAccount: who.accountId,
    principalType: who.user ? 'User' : 'Account',
    userId: who.user ? 'AIDASANDBOXTESTUSER1' : who.accountId,
    ...(rootSession ? { tokenIssuedAt: new Date(NOW.getTime() - 60_000) } : {}),
    assumedRoot: rootSession,
    region: who.region ?? 'us-east-1',
    sourceIp: who.ip ?? '127.0.0.1',
    now: NOW,
    ...(resourceAccount ? { resourceAccount } : {}),
    extra: who.extra,
  });
}

function show(d: OrgDecision): string {
  if (d.allowed) return 'allow';
  if (d.kind === 'implicit') return `implicit @${d.targetId}`;
  return `explicit ${d.policy.id} #${d.statement} ${d.sid ?? '-'} @${d.targetId}`;
}

describe('sandbox SCP/RCP enforcement (orgGuard)', () => {
  const world = buildWorld({ accounts: 40, ouDepth: 2, scpBlockedAccounts: 4, suspendedAccounts: 0, seed: 3 });
  const only = (policyId: string) => {
    const targets = world.policies.targetsOf(policyId);
    assert.equal(targets.length, 1, policyId);
    return targets[0];
  };
  const legacyOu = world.organizationalUnits.find((ou) => ou.name === 'LegacyRootDeny')!.id;
  const workloadsOu = world.organizationalUnits.find((ou) => ou.name === 'Workloads')!.id;
  const ct = world.accounts.find((a) => a.parentId === legacyOu)!.id;
  const lza = only(IDS.lzaRootNotAction);
  const ip = only(IDS.rootOutsideCorporateNetwork);
  const noFull = only(IDS.computeAndStorageOnly);
  const inWorkloads = world.accounts.find((a) => !a.scpDeniesRootSessions && targetPath(world, a.id).includes(workloadsOu))!.id;
  const outsideWorkloads = world.accounts.find((a) => a.role === 'member' && !a.scpDeniesRootSessions && !targetPath(world, a.id).includes(workloadsOu))!.id;
  const mgmt = world.organization.managementAccountId;
  const bucket = (accountId: string) => `arn:aws:s3:::sandbox-${accountId}-data`;

  it('seeds one account per blocking shape, labelled as blocked', () => {
    for (const id of [ct, lza, ip, noFull]) assert.equal(world.account(id).scpDeniesRootSessions, true, id);
    assert.equal(world.accounts.filter((a) => a.scpDeniesRootSessions).length, 4);
  });

  const table: [what: string, run: () => string, expected: () => string][] = [
    ['root session under the exempt Control Tower deny', () => decide(world, { accountId: inWorkloads }, 'iam:GetUser'), () => 'allow'],
    ['long-term root under the exempt Control Tower deny', () => decide(world, { accountId: inWorkloads, longTermRoot: true }, 'iam:GetUser'), () => `explicit ${IDS.controlTowerRootDenyExempt} #1 GRRESTRICTROOTUSER @${workloadsOu}`],
    ['root session outside Workloads, no root deny', () => decide(world, { accountId: outsideWorkloads }, 'iam:DeleteLoginProfile'), () => 'allow'],
    ['root session under the Control Tower deny without exemption', () => decide(world, { accountId: ct }, 'iam:ListAccessKeys'), () => `explicit ${IDS.controlTowerRootDeny} #1 GRRESTRICTROOTUSER @${legacyOu}`],
    ['IAM call under the LZA NotAction root deny', () => decide(world, { accountId: lza }, 'iam:DeleteAccessKey'), () => `explicit ${IDS.lzaRootNotAction} #2 DenyRootUser @${lza}`],
    ['SQS call under the LZA NotAction root deny', () => decide(world, { accountId: lza }, 'sqs:SetQueueAttributes'), () => `explicit ${IDS.lzaRootNotAction} #2 DenyRootUser @${lza}`],
    ['bucket policy read left out by NotAction', () => decide(world, { accountId: lza }, 's3:GetBucketPolicy'), () => 'allow'],
    ['bucket policy delete: SCP allows', () => decide(world, { accountId: lza }, 's3:DeleteBucketPolicy', 'SERVICE_CONTROL_POLICY', bucket(lza)), () => 'allow'],
    ['bucket policy delete: the RCP denies', () => decide(world, { accountId: lza }, 's3:DeleteBucketPolicy', 'RESOURCE_CONTROL_POLICY', bucket(lza)), () => `explicit ${IDS.protectS3BucketPolicies} #1 DenyBucketPolicyChanges @${lza}`],
    ['bucket policy read: the RCP allows', () => decide(world, { accountId: lza }, 's3:GetBucketPolicy', 'RESOURCE_CONTROL_POLICY', bucket(lza)), () => 'allow'],
    ['RCP elsewhere: RCPFullAWSAccess only', () => decide(world, { accountId: outsideWorkloads }, 's3:PutBucketPolicy', 'RESOURCE_CONTROL_POLICY', bucket(outsideWorkloads)), () => 'allow'],
    ['root from 127.0.0.1, corporate network required', () => decide(world, { accountId: ip }, 'iam:GetUser'), () => `explicit ${IDS.rootOutsideCorporateNetwork} #1 DenyRootFromElsewhere @${ip}`],
    ['root from the corporate IPv4 range', () => decide(world, { accountId: ip, ip: '198.51.100.7' }, 'iam:GetUser'), () => 'allow'],
    ['root from the corporate IPv6 range', () => decide(world, { accountId: ip, ip: '2001:db8:1234::5' }, 'iam:GetUser'), () => 'allow'],
    ['root from just outside the IPv4 range', () => decide(world, { accountId: ip, ip: '198.51.101.1' }, 'iam:GetUser'), () => `explicit ${IDS.rootOutsideCorporateNetwork} #1 DenyRootFromElsewhere @${ip}`],
    ['no FullAWSAccess on the account: IAM is an implicit deny', () => decide(world, { accountId: noFull }, 'iam:GetUser'), () => `implicit @${noFull}`],
    ['no FullAWSAccess on the account: S3 is listed', () => decide(world, { accountId: noFull }, 's3:PutBucketPolicy'), () => 'allow'],
    ['SQS outside the approved regions', () => decide(world, { accountId: outsideWorkloads, region: 'ap-southeast-2' }, 'sqs:GetQueueAttributes'), () => `explicit ${IDS.regionDeny} #1 DenyUnapprovedRegions @r-sand`],
    ['IAM outside the approved regions (global, in NotAction)', () => decide(world, { accountId: outsideWorkloads, region: 'ap-southeast-2' }, 'iam:GetUser'), () => 'allow'],
    ['SQS in an approved region', () => decide(world, { accountId: outsideWorkloads, region: 'eu-central-1' }, 'sqs:GetQueueAttributes'), () => 'allow'],
    ['the management account is exempt', () => decide(world, { accountId: mgmt, region: 'ap-southeast-2' }, 'sqs:GetQueueAttributes'), () => 'allow'],
  ];
  for (const [what, run, expected] of table) {
    it(what, () => assert.equal(run(), expected()));
  }

  it('a policy type not enabled on the root is not evaluated', () => {
    const w = buildWorld({ accounts: 12, ouDepth: 2, scpBlockedAccounts: 1, seed: 3 });
    const blocked = w.accounts.find((a) => a.scpDeniesRootSessions)!.id;
    assert.match(decide(w, { accountId: blocked }, 'iam:GetUser'), /^explicit p-sbxctroot1/);
    w.policies.enabledTypes.delete('SERVICE_CONTROL_POLICY');
    assert.equal(decide(w, { accountId: blocked }, 'iam:GetUser'), 'allow');
  });

  it('Resource and NotResource narrow a statement; Action wildcards ignore case', () => {
    const w = buildWorld({ accounts: 12, ouDepth: 2, seed: 3 });
    const member = w.accounts[2].id;
    w.policies.add({ id: 'p-narrowing', arn: 'arn:test', name: 'Narrowing', description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Statement: [
        { Sid: 'ProdBuckets', Effect: 'Deny', Action: 's3:*BucketPolicy', Resource: ['arn:aws:s3:::prod-*'] },
        { Sid: 'OnlyRootUser', Effect: 'Deny', Action: 'IAM:Delete*', NotResource: 'arn:aws:iam::*:root' },
      ] }) });
    w.policies.attach('p-narrowing', member);
    const who = { accountId: member };
    assert.equal(decide(w, who, 's3:PutBucketPolicy', 'SERVICE_CONTROL_POLICY', 'arn:aws:s3:::prod-logs'), `explicit p-narrowing #1 ProdBuckets @${member}`);
    assert.equal(decide(w, who, 's3:PutBucketPolicy', 'SERVICE_CONTROL_POLICY', 'arn:aws:s3:::dev-logs'), 'allow');
    assert.equal(decide(w, who, 'iam:DeleteLoginProfile', 'SERVICE_CONTROL_POLICY', `arn:aws:iam::${member}:root`), 'allow');
    assert.equal(decide(w, who, 'iam:DeleteUser', 'SERVICE_CONTROL_POLICY', `arn:aws:iam::${member}:user/bob`), `explicit p-narrowing #2 OnlyRootUser @${member}`);
  });

  it('an SCP on the delegated admin path can restrict AssumeRoot by sts:TaskPolicyArn', () => {
    const w = buildWorld({ accounts: 12, ouDepth: 2, seed: 3 });
    const securityOu = w.account(w.accounts[1].id).parentId;
    w.policies.add({ id: 'p-denypassword', arn: 'arn:test', name: 'DenyPasswordTask', description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Statement: [{ Sid: 'NoPasswords', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { ArnEquals: { 'sts:TaskPolicyArn': CREATE_PASSWORD } } }] }) });
    w.policies.attach('p-denypassword', securityOu);
    const admin = { accountId: w.accounts[1].id, user: true };
    assert.equal(decide(w, { ...admin, extra: { 'sts:TaskPolicyArn': CREATE_PASSWORD } }, 'sts:AssumeRoot'), `explicit p-denypassword #1 NoPasswords @${securityOu}`);
    assert.equal(decide(w, { ...admin, extra: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } }, 'sts:AssumeRoot'), 'allow');
  });

  it('a request carries the keys AWS sets on every request: who signed it, how, and whose resource it is on', () => {
    const member = world.accounts[3].id;
    const session = keysOf(world, { accountId: member }, member);
    assert.deepEqual(
      [session['aws:principaltype'], session['aws:userid'], session['aws:principalisawsservice'], session['aws:viaawsservice'], session['aws:securetransport'], session['aws:tokenissuetime'], session['aws:resourceaccount']],
      ['Account', member, 'false', 'false', 'true', '2026-12-07T09:59:00.000Z', member],
    );
    assert.deepEqual([session['aws:resourceorgid'], session['aws:resourceorgpaths']], [world.organization.id, [world.pathOf(world.account(member).parentId)]]);
    const user = keysOf(world, { accountId: member, user: true });
    assert.deepEqual(
      [user['aws:principaltype'], user['aws:userid'], user['aws:tokenissuetime'], user['aws:resourceaccount'], user['aws:resourceorgid'], user['aws:resourceorgpaths']],
      ['User', 'AIDASANDBOXTESTUSER1', undefined, undefined, undefined, undefined],
    );
  });

  it('an SCP keyed on them decides as AWS would: a resource perimeter on aws:ResourceAccount, a Deny of direct calls', () => {
    const w = buildWorld({ accounts: 12, ouDepth: 2, seed: 3 });
    const member = w.accounts[2].id;
    w.policies.add({ id: 'p-perimeter', arn: 'arn:test', name: 'Perimeter', description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Sid: 'OwnResources', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } },
        { Sid: 'NoDirectIam', Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } },
      ] }) });
    w.policies.attach('p-perimeter', member);
    const onOwn = evaluateOrgPolicies(w, member, 'SERVICE_CONTROL_POLICY', { action: 's3:DeleteBucketPolicy', resource: 'arn:aws:s3:::own', keys: keysOf(w, { accountId: member }, member) });
    assert.equal(show(onOwn), 'allow');
    const onOther = evaluateOrgPolicies(w, member, 'SERVICE_CONTROL_POLICY', { action: 's3:DeleteBucketPolicy', resource: 'arn:aws:s3:::other', keys: keysOf(w, { accountId: member }, '111122223333') });
    assert.equal(show(onOther), `explicit p-perimeter #1 OwnResources @${member}`);
    assert.equal(decide(w, { accountId: member }, 'iam:CreateLoginProfile'), `explicit p-perimeter #2 NoDirectIam @${member}`);
  });

  it("an RCP on aws:ResourceOrgPaths sees the owning account's path: AWS's intra-organization boundary example", () => {
    const w = buildWorld({ accounts: 40, ouDepth: 2, scpBlockedAccounts: 4, suspendedAccounts: 0, seed: 3 });
    const [inside, outside] = [inWorkloads, outsideWorkloads];
    const subtree = `${w.pathOf(workloadsOu)}*`;
    w.policies.add({ id: 'p-boundary', arn: 'arn:test', name: 'Boundary', description: '', type: 'RESOURCE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Sid: 'WorkloadsOnlyFromWorkloads', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*'], Resource: '*', Condition: {
          'ForAllValues:StringLikeIfExists': { 'aws:ResourceOrgPaths': subtree },
          'ForAllValues:StringNotLikeIfExists': { 'aws:PrincipalOrgPaths': subtree },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        } },
        { Sid: 'NoOrgPath', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucketPolicy', Resource: '*', Condition: { Null: { 'aws:ResourceOrgPaths': 'true' } } },
      ] }) });
    w.policies.attach('p-boundary', w.organization.rootId);
    const unlock = (caller: string, owner: string) =>
      show(evaluateOrgPolicies(w, owner, 'RESOURCE_CONTROL_POLICY', { action: 's3:DeleteBucketPolicy', resource: bucket(owner), keys: keysOf(w, { accountId: caller }, owner) }));
    assert.deepEqual(
      [unlock(outside, outside), unlock(inside, inside), unlock(outside, inside)],
      ['allow', 'allow', `explicit p-boundary #1 WorkloadsOnlyFromWorkloads @${w.organization.rootId}`],
    );
  });

  it('policy variables take the request\'s values only in a 2012-10-17 policy: with no Version, or 2008-10-17, they are text', () => {
    const w = buildWorld({ accounts: 12, ouDepth: 2, seed: 3 });
    const member = w.accounts[2].id;
    const ownBucket = `arn:aws:s3:::sandbox-${member}-data`;
    const statements = [
      { Sid: 'OwnBuckets', Effect: 'Deny', Action: 's3:DeleteBucketPolicy', Resource: 'arn:aws:s3:::sandbox-${aws:PrincipalAccount}-*' },
      { Sid: 'OwnQueues', Effect: 'Deny', Action: 'sqs:SetQueueAttributes', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } },
    ];
    const outcomes = (['2012-10-17', '2008-10-17', undefined] as const).map((version, i) => {
      const id = `p-variables${i}`;
      w.policies.add({ id, arn: 'arn:test', name: id, description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false, content: JSON.stringify({ Version: version, Statement: statements }) });
      w.policies.attach(id, member);
      const keys = keysOf(w, { accountId: member }, member);
      const bucket = show(evaluateOrgPolicies(w, member, 'SERVICE_CONTROL_POLICY', { action: 's3:DeleteBucketPolicy', resource: ownBucket, keys }));
      const queue = show(evaluateOrgPolicies(w, member, 'SERVICE_CONTROL_POLICY', { action: 'sqs:SetQueueAttributes', resource: `arn:aws:sqs:us-east-1:${member}:sandbox-events`, keys }));
      w.policies.detach(id, member);
      return [version ?? 'none', bucket, queue];
    });
    assert.deepEqual(outcomes, [
      ['2012-10-17', `explicit p-variables0 #1 OwnBuckets @${member}`, `explicit p-variables0 #2 OwnQueues @${member}`],
      ['2008-10-17', 'allow', 'allow'],
      ['none', 'allow', 'allow'],
    ]);
  });
});

describe('sandbox condition operators', () => {
  const keys = {
    'aws:principalarn': 'arn:aws:iam::999900000004:root',
    'aws:assumedroot': 'true',
    'aws:requestedregion': 'eu-west-1',
    'aws:sourceip': '10.1.2.3',
    'aws:principalorgpaths': ['o-sandbox0001/r-sand/ou-sand-00000005/ou-sand-00000006/'],
    'aws:principalaccount': '999900000004',
    'aws:currenttime': '2026-12-07T10:00:00.000Z',
    'aws:epochtime': '1796637600',
    's3:max-keys': '50',
  };
  const cases: [condition: object, holds: boolean][] = [
    [{ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, true],
    [{ StringEquals: { 'AWS:REQUESTEDREGION': ['us-east-1', 'eu-west-1'] } }, true],
    [{ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, false],
    [{ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }, true],
    [{ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }, false],
    [{ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }, true],
    [{ StringLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } }, true],
    // Policy variables take the request's values; one it lacks matches nothing, unless it has a default.
    [{ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:root' } }, true],
    [{ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:ResourceAccount}:root' } }, false],
    [{ StringEquals: { 'aws:PrincipalArn': "arn:aws:iam::${aws:ResourceAccount, '999900000004'}:root" } }, true],
    [{ ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } }, true],
    [{ ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/*' } }, false],
    [{ ArnNotLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/Admin' } }, true],
    [{ ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/Admin', 'arn:aws:iam::999900000004:*'] } }, false],
    [{ Bool: { 'aws:AssumedRoot': 'true' } }, true],
    [{ Bool: { 'aws:SecureTransport': 'false' } }, false],
    [{ Null: { 'aws:AssumedRoot': 'true' } }, false],
    [{ Null: { 'aws:AssumedRoot': 'false' } }, true],
    [{ Null: { 'aws:SourceVpc': 'true' } }, true],
    [{ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, true],
    [{ IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.1.2.3'] } }, true],
    [{ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, false],
    [{ NotIpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, true],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-sandbox0001/r-sand/ou-sand-00000005/*' } }, true],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-sandbox0001/r-sand/ou-sand-00000001/*' } }, false],
    [{ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, false],
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, true],
    [{ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:AssumedRoot': 'false' } }, false],
    [{ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, true],
    [{ DateGreaterThan: { 'aws:CurrentTime': '2030-01-01' } }, false],
    [{ DateLessThan: { 'aws:EpochTime': '1893456000' } }, true],
    [{ DateLessThan: { 'aws:SourceVpc': '2030-01-01T00:00:00Z' } }, false],
    [{ NumericLessThanEquals: { 's3:max-keys': '50' } }, true],
    [{ NumericGreaterThan: { 's3:max-keys': '50' } }, false],
    [{ NumericNotEquals: { 's3:max-keys': ['10', '20'] } }, true],
  ];
  for (const [condition, holds] of cases) {
    it(`${JSON.stringify(condition)} ${holds ? 'holds' : 'does not hold'}`, () => assert.equal(conditionsHold(condition, keys, true), holds));
  }

  // A policy without the 2012-10-17 language reads `${...}` as the text it is.
  const literal: [condition: object, holds: boolean][] = [
    [{ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:root' } }, false],
    [{ StringEquals: { 'aws:RequestedRegion': "${aws:x, 'eu-west-1'}" } }, false],
    [{ StringNotEquals: { 'aws:PrincipalAccount': '${aws:PrincipalAccount}' } }, true],
  ];
  for (const [condition, holds] of literal) {
    it(`${JSON.stringify(condition)} ${holds ? 'holds' : 'does not hold'} with variables as text`, () => assert.equal(conditionsHold(condition, keys, false), holds));
  }
});
