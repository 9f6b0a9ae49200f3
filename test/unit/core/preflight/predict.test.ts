import assert from 'node:assert/strict';
import { TASK_CALLS, TASK_POLICY_NAMES, type TaskPolicyName } from '../../../../src/core/policy';
import { type OrgPolicies, type TaskPrediction, predictOrganization } from '../../../../src/core/preflight';
import { buildPreflightReport, renderPreflight } from '../../../../src/core/preflight/report';
import { ADMIN, IN_SBOX, IN_TEAM, MANAGEMENT, PROD, ROOT, SBOX, SUSPENDED, TEAM, fullAccess, orgPolicy, policies, rcpFullAccess, snapshot } from './fixture';

const calls = (task: TaskPolicyName) => TASK_CALLS[task].map((c) => c.action);
/** The calls the task cannot do without (not those for listing to pick from, or undo). */
const neededCalls = (task: TaskPolicyName) => TASK_CALLS[task].filter((c) => !c.optional).map((c) => c.action);

const CT_ROOT_DENY = { Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: ['*'], Condition: { StringLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] } } };
const CT_EXEMPT = { ...CT_ROOT_DENY, Condition: { ...CT_ROOT_DENY.Condition, Null: { 'aws:AssumedRoot': 'true' } } };
/** Landing Zone Accelerator style: the root may only manage bucket policies. */
const LZA_ROOT_DENY = {
  Sid: 'DenyRootExceptBucketPolicy',
  Effect: 'Deny',
  NotAction: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  Resource: '*',
  Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
};
const REGION_DENY = { Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } };
const OFF_NETWORK = { Sid: 'DenyOffNetwork', Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } };
const RCP_NO_ROOT_S3 = { Sid: 'NoRootSessionsOnBuckets', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } };
const SANDBOX_BUCKETS_DENY = { Sid: 'NoRootOnSandboxBuckets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::sandbox-*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } } as Record<string, unknown>;
const NO_PASSWORD_SESSIONS = {
  Sid: 'NoPasswordRecoverySessions',
  Effect: 'Deny',
  Action: 'sts:AssumeRoot',
  Resource: '*',
  Condition: { StringEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword' } },
};

interface Expected {
  result: 'works' | 'blocked' | 'depends';
  policyId?: string;
  statement?: number;
  sid?: string;
  blockedCalls?: string[];
  dependsOn?: string[];
  missingAt?: string[];
  /** For a task that is not blocked: the calls it does without that are denied. */
  optionalBlocked?: string[];
}

interface Row {
  name: string;
  policies: OrgPolicies;
  caller?: string;
  account: string;
  task: TaskPolicyName;
  expected: Expected;
}

function brief(p: TaskPrediction): Expected {
  const first = p.statements[0];
  return {
    result: p.result,
    ...(first ? { policyId: first.policyId, statement: first.statement, ...(first.sid ? { sid: first.sid } : {}) } : {}),
    ...(p.blockedCalls.length ? { blockedCalls: p.blockedCalls } : {}),
    ...(p.dependsOn.length ? { dependsOn: p.dependsOn } : {}),
    ...(p.missingAllows.length ? { missingAt: p.missingAllows.map((m) => m.targetId) } : {}),
    ...(p.result !== 'blocked' && p.blockedOptionalCalls?.length ? { optionalBlocked: p.blockedOptionalCalls } : {}),
  };
}

const ROWS: Row[] = [
  { name: 'FullAWSAccess alone: delete works', policies: policies([fullAccess()]), account: IN_TEAM, task: 'IAMDeleteRootUserCredentials', expected: { result: 'works' } },
  {
    name: "Control Tower's root restriction on Prod blocks every call of the audit below it",
    policies: policies([fullAccess(), orgPolicy('p-ct1', 'aws-guardrails-root', [CT_ROOT_DENY], [PROD])]),
    account: IN_TEAM,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', policyId: 'p-ct1', statement: 0, sid: 'GRRESTRICTROOTUSER', blockedCalls: calls('IAMAuditRootUserCredentials') },
  },
  {
    name: "... and leaves the Sandbox OU alone, and the delegated administrator's role in Prod (not a root principal)",
    policies: policies([fullAccess(), orgPolicy('p-ct1', 'aws-guardrails-root', [CT_ROOT_DENY], [PROD])]),
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: "a deny of sts:AssumeRoot on the delegated administrator's OU blocks its sessions into every account",
    policies: policies([fullAccess(), orgPolicy('p-noar', 'NoRootSessions', [{ Sid: 'NoAssumeRoot', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*' }], [PROD])]),
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', policyId: 'p-noar', statement: 0, sid: 'NoAssumeRoot', blockedCalls: ['sts:AssumeRoot'] },
  },
  {
    name: '... while the management account as caller is exempt from SCPs',
    policies: policies([fullAccess(), orgPolicy('p-noar', 'NoRootSessions', [{ Sid: 'NoAssumeRoot', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: 'with ExemptAssumeRoot the root restriction lets root sessions work',
    policies: policies([fullAccess(), orgPolicy('p-ct2', 'aws-guardrails-root-exempt', [CT_EXEMPT], [ROOT])]),
    account: IN_TEAM,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: 'a Landing Zone Accelerator NotAction root deny lets the unlock work: it blocks only listing the buckets to pick from',
    policies: policies([fullAccess(), orgPolicy('p-lza', 'LZA-Root', [LZA_ROOT_DENY], [SBOX])]),
    caller: MANAGEMENT,
    account: IN_SBOX,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'works', optionalBlocked: ['s3:ListAllMyBuckets'] },
  },
  {
    name: 'a region deny (eu-west-1 only) blocks the SQS unlock from us-east-1',
    policies: policies([fullAccess(), orgPolicy('p-region', 'RegionGuard', [REGION_DENY], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'SQSUnlockQueuePolicy',
    expected: { result: 'blocked', policyId: 'p-region', statement: 0, sid: 'DenyOtherRegions', blockedCalls: neededCalls('SQSUnlockQueuePolicy') },
  },
  {
    name: '... and not the IAM tasks, which it exempts',
    policies: policies([fullAccess(), orgPolicy('p-region', 'RegionGuard', [REGION_DENY], [ROOT])]),
    account: IN_TEAM,
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'works' },
  },
  {
    name: 'a deny off the corporate network makes delete depend on aws:SourceIp',
    policies: policies([fullAccess(), orgPolicy('p-ip', 'CorpNetworkOnly', [OFF_NETWORK], [TEAM])]),
    account: IN_TEAM,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'depends', policyId: 'p-ip', statement: 0, sid: 'DenyOffNetwork', dependsOn: ['aws:SourceIp'] },
  },
  {
    name: '... and leaves the audit (no Delete call) working',
    policies: policies([fullAccess(), orgPolicy('p-ip', 'CorpNetworkOnly', [OFF_NETWORK], [TEAM])]),
    account: IN_TEAM,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: 'an account without FullAWSAccess (an S3-only Allow) blocks the audit for want of an Allow at the account',
    policies: policies([fullAccess([IN_SBOX]), orgPolicy('p-s3only', 'S3Only', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], [IN_SBOX])]),
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', blockedCalls: calls('IAMAuditRootUserCredentials'), missingAt: [IN_SBOX] },
  },
  {
    name: '... and lets the S3 unlock through',
    policies: policies([fullAccess([IN_SBOX]), orgPolicy('p-s3only', 'S3Only', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], [IN_SBOX])]),
    account: IN_SBOX,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'works' },
  },
  {
    name: 'an RCP on S3 against root sessions blocks the S3 unlock, named as the RCP',
    policies: policies([fullAccess(), rcpFullAccess(), orgPolicy('p-rcp1', 'NoRootOnBuckets', [RCP_NO_ROOT_S3], [ROOT], 'RESOURCE_CONTROL_POLICY')]),
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'blocked', policyId: 'p-rcp1', statement: 0, sid: 'NoRootSessionsOnBuckets', blockedCalls: neededCalls('S3UnlockBucketPolicy') },
  },
  {
    name: '... but RCPs are not evaluated for the IAM tasks',
    policies: policies([fullAccess(), rcpFullAccess(), orgPolicy('p-rcp2', 'NoRootAnywhere', [{ ...RCP_NO_ROOT_S3, Action: '*' }], [ROOT], 'RESOURCE_CONTROL_POLICY')]),
    account: IN_TEAM,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: '... nor when the RCP type is not enabled on the root',
    policies: policies([fullAccess(), orgPolicy('p-rcp1', 'NoRootOnBuckets', [RCP_NO_ROOT_S3], [ROOT], 'RESOURCE_CONTROL_POLICY')], { RESOURCE_CONTROL_POLICY: 'NOT_ENABLED' }),
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'works' },
  },
  {
    name: 'an SCP type being disabled is not evaluated: the root deny no longer applies',
    policies: policies([orgPolicy('p-ct1', 'aws-guardrails-root', [CT_ROOT_DENY], [ROOT])], { SERVICE_CONTROL_POLICY: 'NOT_ENABLED' }),
    account: IN_TEAM,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: "the delegated administrator's own path denying password-recovery sessions blocks that task everywhere",
    policies: policies([fullAccess(), orgPolicy('p-nopw', 'NoPasswordRecovery', [NO_PASSWORD_SESSIONS], [ADMIN])]),
    account: IN_SBOX,
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'blocked', policyId: 'p-nopw', statement: 0, sid: 'NoPasswordRecoverySessions', blockedCalls: ['sts:AssumeRoot'] },
  },
  {
    name: '... and not the other tasks',
    policies: policies([fullAccess(), orgPolicy('p-nopw', 'NoPasswordRecovery', [NO_PASSWORD_SESSIONS], [ADMIN])]),
    account: IN_SBOX,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: "a level without an Allow on the caller's path blocks its sts:AssumeRoot",
    policies: policies([fullAccess([PROD])]),
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', blockedCalls: ['sts:AssumeRoot'], missingAt: [PROD] },
  },
  {
    name: 'an SCP denying root sessions some buckets: the unlock depends on which bucket, naming the statement',
    policies: policies([fullAccess(), orgPolicy('p-sbx', 'NoRootOnSandboxBuckets', [SANDBOX_BUCKETS_DENY], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', policyId: 'p-sbx', statement: 0, sid: 'NoRootOnSandboxBuckets', dependsOn: ['which bucket'] },
  },
  {
    name: 'an SCP denying root sessions every bucket but some (NotResource): depends on which bucket too, and no listing to pick from',
    policies: policies([fullAccess(), orgPolicy('p-sbx', 'OnlySandboxBuckets', [{ ...SANDBOX_BUCKETS_DENY, Resource: undefined, NotResource: 'arn:aws:s3:::sandbox-*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', policyId: 'p-sbx', statement: 0, sid: 'NoRootOnSandboxBuckets', dependsOn: ['which bucket'], optionalBlocked: ['s3:ListAllMyBuckets'] },
  },
  {
    name: 'an SCP denying root sessions some queues: the SQS unlock depends on which queue',
    policies: policies([fullAccess(), orgPolicy('p-q', 'NoRootOnSandboxQueues', [{ Sid: 'NoRootOnSandboxQueues', Effect: 'Deny', Action: 'sqs:*', Resource: 'arn:aws:sqs:*:*:sandbox-*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'SQSUnlockQueuePolicy',
    expected: { result: 'depends', policyId: 'p-q', statement: 0, sid: 'NoRootOnSandboxQueues', dependsOn: ['which queue'] },
  },
  {
    name: 'two statements that deny some buckets each, together every bucket: blocked, naming both',
    policies: policies([
      fullAccess(),
      orgPolicy('p-two', 'SplitBuckets', [SANDBOX_BUCKETS_DENY, { ...SANDBOX_BUCKETS_DENY, Sid: 'TheOthers', Resource: undefined, NotResource: 'arn:aws:s3:::sandbox-*' }], [ROOT]),
    ]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'blocked', policyId: 'p-two', statement: 1, sid: 'TheOthers', blockedCalls: ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy'] },
  },
  {
    name: "a deny of sqs:GetQueueUrl leaves the SQS unlock working given the queue's URL, and says what it stops",
    policies: policies([fullAccess(), orgPolicy('p-url', 'NoQueueUrls', [{ Sid: 'NoQueueUrls', Effect: 'Deny', Action: 'sqs:GetQueueUrl', Resource: '*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'SQSUnlockQueuePolicy',
    expected: { result: 'works', optionalBlocked: ['sqs:GetQueueUrl'] },
  },
  {
    name: 'an SCP denying every bucket blocks whichever is picked',
    policies: policies([fullAccess(), orgPolicy('p-all', 'NoRootOnBuckets', [{ ...SANDBOX_BUCKETS_DENY, Resource: 'arn:aws:s3:::*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'blocked', policyId: 'p-all', statement: 0, sid: 'NoRootOnSandboxBuckets', blockedCalls: ['s3:DeleteBucketPolicy', 's3:GetBucketPolicy'] },
  },
  {
    name: 'an SCP keeping MFA devices by name: credential deletion depends on which device the root has',
    policies: policies([fullAccess(), orgPolicy('p-mfa', 'KeepBackupMfa', [{ Sid: 'KeepBackupMfa', Effect: 'Deny', Action: 'iam:DeleteVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/backup-*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'depends', policyId: 'p-mfa', statement: 0, sid: 'KeepBackupMfa', dependsOn: ['which MFA device'] },
  },
  {
    name: 'an MFA device denied by name, the others allowed by none: blocked whichever the root has, not "depends"',
    policies: policies([
      fullAccess([TEAM]),
      orgPolicy(
        'p-only',
        'MfaOnlyBackup',
        [
          { Sid: 'AllButMfa', Effect: 'Allow', NotAction: 'iam:DeleteVirtualMFADevice', Resource: '*' },
          { Sid: 'BackupMfa', Effect: 'Allow', Action: 'iam:DeleteVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/backup-*' },
        ],
        [TEAM],
      ),
      orgPolicy('p-mfa', 'KeepBackupMfa', [{ Sid: 'KeepBackupMfa', Effect: 'Deny', Action: 'iam:DeleteVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/backup-*' }], [ROOT]),
    ]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'blocked', policyId: 'p-mfa', statement: 0, sid: 'KeepBackupMfa', blockedCalls: ['iam:DeleteVirtualMFADevice'] },
  },
  {
    name: 'buckets named in statements about other calls leave every name the unlock meets tried',
    policies: policies([
      fullAccess(),
      orgPolicy(
        'p-logs',
        'ProtectLogsAndSandbox',
        [
          { Sid: 'KeepLogs', Effect: 'Deny', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: 'abcdefghij'.split('').map((c) => `arn:aws:s3:::logs-${c}/*`) },
          { ...SANDBOX_BUCKETS_DENY, Sid: 'NoSandboxPolicies', Action: ['s3:DeleteBucketPolicy', 's3:PutBucketPolicy'] },
        ],
        [ROOT],
      ),
    ]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', policyId: 'p-logs', statement: 1, sid: 'NoSandboxPolicies', dependsOn: ['which bucket'] },
  },
  {
    name: "a bucket named after the account (${aws:PrincipalAccount}): the unlock depends on which bucket",
    policies: policies([fullAccess(), orgPolicy('p-own', 'KeepDataBuckets', [{ ...SANDBOX_BUCKETS_DENY, Sid: 'KeepDataBuckets', Resource: 'arn:aws:s3:::data-${aws:PrincipalAccount}' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', policyId: 'p-own', statement: 0, sid: 'KeepDataBuckets', dependsOn: ['which bucket'] },
  },
  {
    name: "a caller's SCP exempting a role path: the caller's session does not say its role's path, so it depends on it",
    policies: policies([
      fullAccess(),
      orgPolicy('p-path', 'RootFromSecurityPath', [{ Sid: 'OnlySecurityRoles', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/security/*' } } }], [PROD]),
    ]),
    account: IN_SBOX,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', policyId: 'p-path', statement: 0, sid: 'OnlySecurityRoles', dependsOn: ["the caller role's path"] },
  },
  {
    name: "buckets named after the organization (${aws:PrincipalOrgID}-*) spared, the rest denied: depends on which bucket",
    policies: policies([fullAccess(), orgPolicy('p-org', 'OnlyOrgBuckets', [{ ...SANDBOX_BUCKETS_DENY, Sid: 'OnlyOrgBuckets', Resource: undefined, NotResource: 'arn:aws:s3:::${aws:PrincipalOrgID}-*' }], [ROOT])]),
    caller: MANAGEMENT,
    account: IN_TEAM,
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', policyId: 'p-org', statement: 0, sid: 'OnlyOrgBuckets', dependsOn: ['which bucket'], optionalBlocked: ['s3:ListAllMyBuckets'] },
  },
  {
    name: 'a policy whose text cannot be read makes the prediction depend on it',
    policies: policies([fullAccess(), { ...orgPolicy('p-bad', 'Broken', [], [TEAM]), content: '{', document: undefined, readError: 'ValueExpected at offset 1' }]),
    account: IN_TEAM,
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', dependsOn: ['policy p-bad unreadable'] },
  },
];

describe('preflight: predictions per account and task, with the deciding statement', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const preflight = predictOrganization(snapshot(row.caller), row.policies, { region: 'us-east-1', partition: 'aws', tasks: [row.task] });
      const prediction = preflight.predictions.find((p) => p.accountId === row.account && p.task === row.task);
      assert.ok(prediction, `a prediction for ${row.account}`);
      assert.deepEqual(brief(prediction), row.expected);
    });
  }

  it('says why the management account and a suspended account get no prediction', () => {
    const preflight = predictOrganization(snapshot(), policies([fullAccess()]), { region: 'us-east-1', partition: 'aws', tasks: TASK_POLICY_NAMES });
    assert.deepEqual(
      preflight.notPredicted.map((n) => [n.accountId, n.reason]),
      [
        [MANAGEMENT, 'the management account is not subject to SCPs, and root sessions cannot target it'],
        [SUSPENDED, 'the account is SUSPENDED: root tasks need an active account'],
      ],
    );
    assert.deepEqual(new Set(preflight.predictions.map((p) => p.accountId)), new Set([ADMIN, IN_TEAM, IN_SBOX]));
    assert.equal(preflight.predictions.length, 3 * 5);
    assert.equal(preflight.callerExempt, false);
  });

  it('accounts of one OU share answers only while no policy can tell them apart (a deny naming one account)', () => {
    const snap = snapshot(MANAGEMENT);
    const neighbour = '111111119999';
    snap.accounts.push({ ...snap.accounts.find((a) => a.id === IN_TEAM)!, id: neighbour });
    const naming = orgPolicy('p-one', 'DenyOneAccount', [{ Sid: 'One', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': IN_TEAM } } }], [TEAM]);
    const full = fullAccess();
    full.targets.push({ id: neighbour, name: neighbour, type: 'ACCOUNT' });
    const resultOf = (set: OrgPolicies, account: string) =>
      predictOrganization(snap, set, { region: 'us-east-1', partition: 'aws', tasks: ['IAMAuditRootUserCredentials'] }).predictions.find((p) => p.accountId === account)!.result;
    assert.deepEqual([resultOf(policies([full, naming]), IN_TEAM), resultOf(policies([full, naming]), neighbour)], ['blocked', 'works']);
    const byArn = orgPolicy('p-arn', 'DenyNeighbourRoot', [{ Effect: 'Deny', Action: 'iam:*', Resource: `arn:aws:iam::${neighbour}:root` }], [TEAM]);
    assert.deepEqual([resultOf(policies([full, byArn]), IN_TEAM), resultOf(policies([full, byArn]), neighbour)], ['works', 'blocked']);
  });

  it("a caller's SCP comparing the target with its own account: each account of one path answered for itself", () => {
    const snap = snapshot(ADMIN);
    const neighbour = '444444449999';
    snap.accounts.push({ ...snap.accounts.find((a) => a.id === ADMIN)!, id: neighbour, isDelegatedAdmin: false });
    const full = fullAccess();
    full.targets.push({ id: neighbour, name: neighbour, type: 'ACCOUNT' });
    const noSelf = orgPolicy('p-self', 'NoRootIntoOwnAccount', [{ Sid: 'NoSelf', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }], [PROD]);
    const { predictions } = predictOrganization(snap, policies([full, noSelf]), { region: 'us-east-1', partition: 'aws', tasks: ['IAMAuditRootUserCredentials'] });
    assert.deepEqual([ADMIN, neighbour].map((account) => predictions.find((p) => p.accountId === account)!.result), ['blocked', 'works']);
  });

  it('says which statement in one sentence', () => {
    const preflight = predictOrganization(snapshot(MANAGEMENT), policies([fullAccess(), orgPolicy('p-abc123', 'DenyRoot', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 'sqs:*', Resource: '*' }, CT_ROOT_DENY], [PROD])]), {
      region: 'us-east-1',
      partition: 'aws',
      tasks: ['IAMDeleteRootUserCredentials'],
    });
    const row = preflight.predictions.find((p) => p.accountId === IN_TEAM)!;
    assert.equal(row.summary, 'delete-credentials blocked by SCP DenyRoot (p-abc123), statement 3 (GRRESTRICTROOTUSER)');
    assert.equal(row.statements[0].line, 14);
  });

  it('a task that depends on keys of two statements names both, each with its own key', () => {
    const untagged = { Sid: 'DenyUntagged', Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-security' } } };
    const preflight = predictOrganization(
      snapshot(MANAGEMENT),
      policies([fullAccess(), orgPolicy('p-net', 'OffNetwork', [OFF_NETWORK], [PROD]), orgPolicy('p-tag', 'TeamOnly', [untagged], [TEAM])]),
      { region: 'us-east-1', partition: 'aws', tasks: ['IAMDeleteRootUserCredentials'] },
    );
    const row = preflight.predictions.find((p) => p.accountId === IN_TEAM)!;
    assert.equal(row.result, 'depends');
    assert.deepEqual(row.statements.map((s) => s.policyId), ['p-net', 'p-tag']);
    assert.deepEqual(row.statements.map((s) => s.dependsOn), [['aws:SourceIp'], ['aws:SourceVpc']]);
    assert.equal(row.summary, 'delete-credentials depends on aws:SourceIp, aws:SourceVpc (SCP OffNetwork (p-net), statement 1: aws:SourceIp; SCP TeamOnly (p-tag), statement 1: aws:SourceVpc)');
    // The Markdown report's cells list the statements in one order, each with its own keys.
    const markdown = renderPreflight(buildPreflightReport(preflight, snapshot(MANAGEMENT)), 'markdown');
    const cells = markdown.split('\n').find((line) => line.startsWith(`| ${IN_TEAM} |`))!.split(' | ');
    assert.deepEqual(cells.slice(4), ['depends', 'OffNetwork (p-net); TeamOnly (p-tag)', '1 (DenyOffNetwork); 1 (DenyUntagged)', 'iam:DeleteAccessKey (depends), iam:DeleteSigningCertificate (depends), iam:DeleteLoginProfile (depends), iam:DeleteVirtualMFADevice (depends)', 'aws:SourceIp; aws:SourceVpc |']);
    // Statements are counted from 1 wherever people read them (the CSV's Statement column too); JSON keeps the 0-based index.
    const csv = renderPreflight(buildPreflightReport(preflight, snapshot(MANAGEMENT)), 'csv').split('\n');
    const column = csv[0].split(',').indexOf('Statement');
    assert.equal(csv.find((line) => line.startsWith(`${IN_TEAM},`))!.split(',')[column], '1');
    const json = JSON.parse(renderPreflight(buildPreflightReport(preflight, snapshot(MANAGEMENT)), 'json'));
    assert.deepEqual(json.rows.find((r: { accountId: string }) => r.accountId === IN_TEAM).blockedBy.map((b: { statement: number }) => b.statement), [0, 0]);
  });

  it('a root session carries no principal tags: a Deny of every untagged principal blocks the task, one for a tag never does', () => {
    const untagged = { Sid: 'DenyUntagged', Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'security' } } };
    const tagged = { Sid: 'DenyContractors', Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'contractor' } } };
    const predict = (statement: object) =>
      predictOrganization(snapshot(MANAGEMENT), policies([fullAccess(), orgPolicy('p-tag', 'TeamOnly', [statement], [TEAM])]), { region: 'us-east-1', partition: 'aws', tasks: ['IAMDeleteRootUserCredentials'] }).predictions.find(
        (p) => p.accountId === IN_TEAM,
      )!;
    assert.deepEqual([predict(untagged).result, predict(untagged).summary], ['blocked', 'delete-credentials blocked by SCP TeamOnly (p-tag), statement 1 (DenyUntagged)']);
    assert.equal(predict(tagged).result, 'works');
  });

  it('names every statement that blocks, each with its calls, when an SCP stops some calls and an RCP others', () => {
    const bucketPolicyGuard = { Sid: 'OnlyPlatformChangesBucketPolicies', Effect: 'Deny', Principal: '*', Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: '*' };
    const noRootReads = { Sid: 'NoRootPolicyReads', Effect: 'Deny', Action: 's3:GetBucketPolicy', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } };
    const preflight = predictOrganization(
      snapshot(MANAGEMENT),
      policies([fullAccess(), orgPolicy('p-read', 'RootReads', [noRootReads], [PROD]), rcpFullAccess(), orgPolicy('p-rcp3', 'ProtectBucketPolicies', [bucketPolicyGuard], [ROOT], 'RESOURCE_CONTROL_POLICY')]),
      { region: 'us-east-1', partition: 'aws', tasks: ['S3UnlockBucketPolicy'] },
    );
    const row = preflight.predictions.find((p) => p.accountId === IN_TEAM)!;
    assert.deepEqual(
      row.statements.map((s) => [s.policyId, s.calls]),
      [
        ['p-rcp3', ['s3:DeleteBucketPolicy']],
        ['p-read', ['s3:GetBucketPolicy']],
      ],
    );
    assert.equal(
      row.summary,
      'unlock-s3-bucket blocked by RCP ProtectBucketPolicies (p-rcp3), statement 1 (OnlyPlatformChangesBucketPolicies): s3:DeleteBucketPolicy; ' +
        'by SCP RootReads (p-read), statement 1 (NoRootPolicyReads): s3:GetBucketPolicy',
    );
    // The undo's s3:PutBucketPolicy, which the RCP denies too, is listed apart: the unlock does without it.
    assert.deepEqual(row.blockedOptionalCalls, ['s3:PutBucketPolicy']);
  });

  it('counts its predictions and the accounts left out in words that agree with the numbers', () => {
    const one = snapshot(MANAGEMENT);
    one.accounts = one.accounts.filter((a) => a.id === MANAGEMENT || a.id === IN_TEAM);
    const preflight = predictOrganization(one, policies([fullAccess()]), { region: 'us-east-1', partition: 'aws', tasks: ['IAMAuditRootUserCredentials'] });
    const table = renderPreflight(buildPreflightReport(preflight, one), 'table');
    assert.match(table, /^1 prediction: 1 works, 0 blocked, 0 depends; 1 account not predicted$/m);
  });
});
