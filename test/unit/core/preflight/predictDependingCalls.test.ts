import assert from 'node:assert/strict';
import type { TaskPolicyName } from '../../../../src/core/policy';
import { type OrgPolicies, type PredictedStatement, type TaskPrediction, predictOrganization } from '../../../../src/core/preflight';
import { buildPreflightReport, renderPreflight } from '../../../../src/core/preflight/report';
import { IN_TEAM, MANAGEMENT, ROOT, fullAccess, orgPolicy, policies, rcpFullAccess, snapshot } from './fixture';

/**
 * A task blocked for certain by one call may have other calls that only may be blocked: the prediction names
 * every one, each with its certainty and deciding statements, so that lifting the certain block surprises no one.
 */
const NO_KEY_DELETION = { Sid: 'NoKeyDeletion', Effect: 'Deny', Action: 'iam:DeleteAccessKey', Resource: '*' };
const NO_CERTIFICATE_DELETION = { Sid: 'NoCertificateDeletion', Effect: 'Deny', Action: 'iam:DeleteSigningCertificate', Resource: '*' };
const OFF_NETWORK = { Sid: 'DenyOffNetwork', Effect: 'Deny', Action: ['iam:DeleteLoginProfile', 'iam:ListMFADevices'], Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } };
const OFF_HOURS = { Sid: 'DenyAfter2030', Effect: 'Deny', Action: 'iam:GetLoginProfile', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } };

/** One call that is blocked or may be blocked: `certain` or the keys it depends on, and the statements (`policy#Sid`) that decide it. */
interface CallRow {
  call: string;
  blocked: 'certain' | string[];
  by: string[];
}

interface Row {
  name: string;
  policies: OrgPolicies;
  task: TaskPolicyName;
  result: TaskPrediction['result'];
  calls: CallRow[];
}

const scp = (id: string, statements: object[]) => orgPolicy(id, id, statements, [ROOT]);

const ROWS: Row[] = [
  {
    name: 'one call denied for certain, two others only off the corporate network: all three listed',
    policies: policies([fullAccess(), scp('p-keys', [NO_KEY_DELETION]), scp('p-net', [OFF_NETWORK])]),
    task: 'IAMDeleteRootUserCredentials',
    result: 'blocked',
    calls: [
      { call: 'iam:DeleteAccessKey', blocked: 'certain', by: ['p-keys#NoKeyDeletion'] },
      { call: 'iam:DeleteLoginProfile', blocked: ['aws:SourceIp'], by: ['p-net#DenyOffNetwork'] },
      { call: 'iam:ListMFADevices', blocked: ['aws:SourceIp'], by: ['p-net#DenyOffNetwork'] },
    ],
  },
  {
    name: 'two certain denials and two statements that may deny others, on different keys',
    policies: policies([fullAccess(), scp('p-keys', [NO_KEY_DELETION, NO_CERTIFICATE_DELETION]), scp('p-net', [OFF_NETWORK, OFF_HOURS])]),
    task: 'IAMDeleteRootUserCredentials',
    result: 'blocked',
    calls: [
      { call: 'iam:DeleteAccessKey', blocked: 'certain', by: ['p-keys#NoKeyDeletion'] },
      { call: 'iam:DeleteSigningCertificate', blocked: 'certain', by: ['p-keys#NoCertificateDeletion'] },
      { call: 'iam:DeleteLoginProfile', blocked: ['aws:SourceIp'], by: ['p-net#DenyOffNetwork'] },
      { call: 'iam:GetLoginProfile', blocked: ['aws:CurrentTime'], by: ['p-net#DenyAfter2030'] },
      { call: 'iam:ListMFADevices', blocked: ['aws:SourceIp'], by: ['p-net#DenyOffNetwork'] },
    ],
  },
  {
    name: 'a task the certain denial does not touch only depends',
    policies: policies([fullAccess(), scp('p-keys', [NO_KEY_DELETION]), scp('p-net', [OFF_NETWORK])]),
    task: 'IAMAuditRootUserCredentials',
    result: 'depends',
    calls: [{ call: 'iam:ListMFADevices', blocked: ['aws:SourceIp'], by: ['p-net#DenyOffNetwork'] }],
  },
  {
    name: 'blocked with nothing else in doubt',
    policies: policies([fullAccess(), scp('p-keys', [NO_KEY_DELETION])]),
    task: 'IAMDeleteRootUserCredentials',
    result: 'blocked',
    calls: [{ call: 'iam:DeleteAccessKey', blocked: 'certain', by: ['p-keys#NoKeyDeletion'] }],
  },
];

function predict(org: OrgPolicies, task: TaskPolicyName) {
  const preflight = predictOrganization(snapshot(MANAGEMENT), org, { region: 'us-east-1', partition: 'aws', tasks: [task] });
  const prediction = preflight.predictions.find((p) => p.accountId === IN_TEAM);
  assert.ok(prediction, `a prediction for ${IN_TEAM}`);
  return { preflight, prediction };
}

/** The prediction per call, in the task's order of calls: certain ones first, as the prediction lists them. */
function perCall(p: TaskPrediction): CallRow[] {
  const decides = (s: PredictedStatement, call: string, certain: boolean) => s.calls.includes(call) && s.dependingCalls.includes(call) !== certain;
  const by = (call: string, certain: boolean) => p.statements.filter((s) => decides(s, call, certain)).map((s) => `${s.policyId}#${s.sid}`);
  const keys = (call: string) => [...new Set(p.statements.filter((s) => decides(s, call, false)).flatMap((s) => s.dependsOn))];
  return [
    ...p.blockedCalls.map((call) => ({ call, blocked: 'certain' as const, by: by(call, true) })),
    ...p.dependingCalls.map((call) => ({ call, blocked: keys(call), by: by(call, false) })),
  ];
}

describe('preflight: every call that is blocked or may be blocked, with its certainty and deciding statement', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const { prediction } = predict(row.policies, row.task);
      assert.equal(prediction.result, row.result);
      assert.deepEqual(perCall(prediction), row.calls);
    });
  }

  it('the summary of a blocked task names what else may block it, and the report rows and cells say which is which', () => {
    const { preflight, prediction } = predict(ROWS[0].policies, 'IAMDeleteRootUserCredentials');
    assert.equal(
      prediction.summary,
      'delete-credentials blocked by SCP p-keys (p-keys), statement 1 (NoKeyDeletion); iam:DeleteLoginProfile and 1 more call may be blocked too, depending on aws:SourceIp (SCP p-net (p-net), statement 1)',
    );
    assert.deepEqual(prediction.dependsOn, ['aws:SourceIp']);
    const report = buildPreflightReport(preflight, snapshot(MANAGEMENT), new Date('2026-12-07T00:00:00Z'));
    const row = report.rows[0];
    assert.deepEqual(row.blockedCalls, ['iam:DeleteAccessKey']);
    assert.deepEqual(row.dependingCalls, ['iam:DeleteLoginProfile', 'iam:ListMFADevices']);
    assert.deepEqual(
      row.blockedBy.map((b) => [b.policyId, b.certain, b.calls, b.dependsOn]),
      [
        ['p-keys', true, ['iam:DeleteAccessKey'], []],
        ['p-net', false, ['iam:DeleteLoginProfile', 'iam:ListMFADevices'], ['aws:SourceIp']],
      ],
    );
    const markdown = renderPreflight(report, 'markdown');
    assert.match(markdown, /\| blocked \| p-keys \(p-keys\); p-net \(p-net\) \| 1 \(NoKeyDeletion\); 1 \(DenyOffNetwork\) \| iam:DeleteAccessKey, iam:DeleteLoginProfile \(depends\), iam:ListMFADevices \(depends\) \| -; aws:SourceIp \|/);
    const csv = renderPreflight(report, 'csv');
    assert.match(csv.split('\n')[0], /BlockedCalls,DependingCalls,DependsOn/);
  });
});

/** Denies deleting access keys everywhere, and a virtual MFA device only when it is named `backup-…`. */
const KEYS_AND_BACKUP_DEVICES = {
  Sid: 'KeepKeysAndBackupDevices',
  Effect: 'Deny',
  Action: ['iam:DeleteAccessKey', 'iam:DeleteVirtualMFADevice'],
  Resource: ['arn:aws:iam::*:root', 'arn:aws:iam::*:mfa/backup-*'],
};

describe('preflight: a statement that blocks one call for certain and may block another', () => {
  it('is listed once, with the calls it blocks for certain and those it only may block, in every format', () => {
    const { preflight, prediction } = predict(policies([fullAccess(), scp('p-both', [KEYS_AND_BACKUP_DEVICES])]), 'IAMDeleteRootUserCredentials');
    assert.equal(prediction.result, 'blocked');
    assert.deepEqual([prediction.blockedCalls, prediction.dependingCalls, prediction.dependsOn], [['iam:DeleteAccessKey'], ['iam:DeleteVirtualMFADevice'], ['which MFA device']]);
    assert.deepEqual(
      prediction.statements.map((s) => [s.policyId, s.sid, s.certain, s.calls, s.dependingCalls, s.dependsOn]),
      [['p-both', 'KeepKeysAndBackupDevices', true, ['iam:DeleteAccessKey', 'iam:DeleteVirtualMFADevice'], ['iam:DeleteVirtualMFADevice'], ['which MFA device']]],
    );
    assert.deepEqual(perCall(prediction), [
      { call: 'iam:DeleteAccessKey', blocked: 'certain', by: ['p-both#KeepKeysAndBackupDevices'] },
      { call: 'iam:DeleteVirtualMFADevice', blocked: ['which MFA device'], by: ['p-both#KeepKeysAndBackupDevices'] },
    ]);
    assert.equal(
      prediction.summary,
      'delete-credentials blocked by SCP p-both (p-both), statement 1 (KeepKeysAndBackupDevices); iam:DeleteVirtualMFADevice may be blocked too, depending on which MFA device (SCP p-both (p-both), statement 1)',
    );
    const report = buildPreflightReport(preflight, snapshot(MANAGEMENT), new Date('2026-12-07T00:00:00Z'));
    const row = report.rows[0];
    assert.deepEqual(row.blockedBy, [
      { policyId: 'p-both', policyName: 'p-both', kind: 'SCP', statement: 0, sid: 'KeepKeysAndBackupDevices', certain: true, calls: ['iam:DeleteAccessKey', 'iam:DeleteVirtualMFADevice'], dependingCalls: ['iam:DeleteVirtualMFADevice'], dependsOn: ['which MFA device'] },
    ]);
    assert.match(renderPreflight(report, 'markdown'), /\| blocked \| p-both \(p-both\) \| 1 \(KeepKeysAndBackupDevices\) \| iam:DeleteAccessKey, iam:DeleteVirtualMFADevice \(depends\) \| which MFA device \|/);
    assert.equal(JSON.parse(renderPreflight(report, 'json')).rows[0].blockedBy.length, 1);
  });
});

/** AWS's resource perimeter SCP: a call on no resource may or may not carry aws:ResourceOrgID (undocumented). */
const RESOURCE_PERIMETER = {
  Sid: 'EnforceResourcePerimeter',
  Effect: 'Deny',
  Action: ['s3:ListAllMyBuckets', 'sqs:ListQueues'],
  Resource: '*',
  Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
};

describe('preflight: a call the task does without that may be blocked is named', () => {
  it('the unlock works, and its listing of buckets to pick from may be blocked, with the key and the statement', () => {
    const { preflight, prediction } = predict(policies([fullAccess(), scp('p-perimeter', [RESOURCE_PERIMETER])]), 'S3UnlockBucketPolicy');
    assert.equal(prediction.result, 'works');
    assert.deepEqual(prediction.dependingOptionalCalls, ['s3:ListAllMyBuckets']);
    assert.deepEqual(prediction.blockedOptionalCalls, []);
    assert.equal(
      prediction.summary,
      "unlock-s3-bucket works; listing the account's buckets to pick from (s3:ListAllMyBuckets) may be blocked, depending on aws:ResourceOrgID (SCP p-perimeter (p-perimeter), statement 1)",
    );
    const report = buildPreflightReport(preflight, snapshot(MANAGEMENT));
    assert.deepEqual(report.rows[0].dependingOptionalCalls, ['s3:ListAllMyBuckets']);
    assert.match(renderPreflight(report, 'table'), /unlock-s3-bucket\s+works\s+listing the account's buckets to pick from \(s3:ListAllMyBuckets\) may be blocked, depending on aws:ResourceOrgID/);
  });
});

describe('preflight: an RCP on a call on no resource', () => {
  it('may or may not govern it (AWS does not document it): the listing may be blocked, not blocked for certain', () => {
    const denyListings = orgPolicy('p-listings', 'DenyListings', [{ Sid: 'DenyListings', Effect: 'Deny', Principal: '*', Action: ['s3:ListAllMyBuckets', 'sqs:ListQueues'], Resource: '*' }], [IN_TEAM], 'RESOURCE_CONTROL_POLICY');
    const { prediction } = predict(policies([fullAccess(), rcpFullAccess(), denyListings]), 'S3UnlockBucketPolicy');
    assert.equal(prediction.result, 'works');
    assert.deepEqual([prediction.blockedOptionalCalls, prediction.dependingOptionalCalls], [[], ['s3:ListAllMyBuckets']]);
    assert.equal(
      prediction.summary,
      "unlock-s3-bucket works; listing the account's buckets to pick from (s3:ListAllMyBuckets) may be blocked, depending on whether RCPs govern a call on no resource (RCP DenyListings (p-listings), statement 1)",
    );
  });
});
