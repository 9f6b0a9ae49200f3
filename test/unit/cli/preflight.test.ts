import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPreflight } from '../../../src/cli/preflightCommand';
import type { PreflightReport, PreflightRow } from '../../../src/core/preflight/report';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index';
import { SEEDED_POLICY_IDS as IDS } from '../../../src/sandbox/policySeed';

function buffers() {
  const out = { text: '' };
  const err = { text: '' };
  return { out, err, io: { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) } } };
}

describe('rootguard preflight (against the sandbox organization)', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 40, ouDepth: 2, scpBlockedAccounts: 4, suspendedAccounts: 1, seed: 3 });
  });
  after(() => sandbox.close());

  const attachedTo = (policyId: string) => sandbox.world.policies.targetsOf(policyId)[0];
  const legacyAccount = () => sandbox.world.accounts.find((a) => sandbox.world.findOu(a.parentId)?.name === 'LegacyRootDeny')!.id;
  const pick = (report: PreflightReport, accountId: string, task: string) => {
    const row = report.rows.find((r) => r.accountId === accountId && r.task === task);
    assert.ok(row, `a row for ${accountId} ${task}`);
    const { result, policyId, policyName, statement, sid, blockedCalls, dependsOn } = row;
    return { result, policyId, policyName, statement, sid, blockedCalls, dependsOn };
  };

  it('names the deciding policy and statement per account and task, in the JSON rows the README documents, and exits 1', async () => {
    const { out, err, io } = buffers();
    const code = await runPreflight(['--sandbox', '--format', 'json'], io, { sandbox });
    assert.equal(code, 1, err.text);
    const report = JSON.parse(out.text) as PreflightReport;
    assert.deepEqual(Object.keys(report.rows[0]), ['accountId', 'accountName', 'ouPath', 'task', 'taskPolicy', 'result', 'policyId', 'policyName', 'statement', 'sid', 'blockedBy', 'blockedCalls', 'blockedOptionalCalls', 'dependingOptionalCalls', 'dependingCalls', 'dependsOn', 'summary']);
    assert.deepEqual(pick(report, legacyAccount(), 'delete-credentials'), {
      result: 'blocked',
      policyId: IDS.controlTowerRootDeny,
      policyName: 'aws-guardrails-RestrictRootUser',
      statement: 0,
      sid: 'GRRESTRICTROOTUSER',
      blockedCalls: ['iam:DeleteAccessKey', 'iam:DeleteSigningCertificate', 'iam:DeleteLoginProfile', 'iam:DeactivateMFADevice', 'iam:DeleteVirtualMFADevice', 'iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:ListMFADevices', 'iam:ListSigningCertificates'],
      dependsOn: [],
    });
    assert.deepEqual(pick(report, attachedTo(IDS.lzaRootNotAction), 'unlock-s3-bucket'), {
      result: 'blocked',
      policyId: IDS.protectS3BucketPolicies,
      policyName: 'ProtectS3BucketPolicies',
      statement: 0,
      sid: 'DenyBucketPolicyChanges',
      blockedCalls: ['s3:DeleteBucketPolicy'],
      dependsOn: [],
    });
    // The RCP stops the deletion (and the undo's s3:PutBucketPolicy); the account's own SCP, which lets only
    // bucket-policy calls through, stops listing the buckets to pick from. The unlock does without those two.
    const lzaUnlock = report.rows.find((r) => r.accountId === attachedTo(IDS.lzaRootNotAction) && r.task === 'unlock-s3-bucket')!;
    assert.deepEqual(lzaUnlock.blockedBy, [
      { policyId: IDS.protectS3BucketPolicies, policyName: 'ProtectS3BucketPolicies', kind: 'RCP', statement: 0, sid: 'DenyBucketPolicyChanges', certain: true, calls: ['s3:DeleteBucketPolicy'], dependingCalls: [], dependsOn: [] },
    ]);
    assert.deepEqual(lzaUnlock.blockedOptionalCalls, ['s3:PutBucketPolicy', 's3:ListAllMyBuckets']);
    assert.deepEqual(pick(report, attachedTo(IDS.rootOutsideCorporateNetwork), 'audit'), {
      result: 'depends',
      policyId: IDS.rootOutsideCorporateNetwork,
      policyName: 'DenyRootOutsideCorporateNetwork',
      statement: 0,
      sid: 'DenyRootFromElsewhere',
      blockedCalls: [],
      dependsOn: ['aws:SourceIp'],
    });
    const sourceIpAudit = report.rows.find((r) => r.accountId === attachedTo(IDS.rootOutsideCorporateNetwork) && r.task === 'audit')!;
    assert.deepEqual(sourceIpAudit.blockedBy.map((b) => [b.policyId, b.dependsOn]), [[IDS.rootOutsideCorporateNetwork, ['aws:SourceIp']]]);
    assert.deepEqual(pick(report, attachedTo(IDS.computeAndStorageOnly), 'audit'), {
      result: 'blocked',
      policyId: null,
      policyName: null,
      statement: null,
      sid: null,
      blockedCalls: ['iam:GetAccountSummary', 'iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:ListMFADevices', 'iam:ListSigningCertificates', 'iam:GetUser'],
      dependsOn: [],
    });
    const free = sandbox.world.members.find((a) => a.role === 'member' && !a.scpDeniesRootSessions && a.state === 'ACTIVE')!.id;
    assert.deepEqual(
      report.rows.filter((r) => r.accountId === free).map((r) => [r.task, r.result]),
      [['audit', 'works'], ['allow-password-recovery', 'works'], ['delete-credentials', 'works'], ['unlock-s3-bucket', 'works'], ['unlock-sqs-queue', 'works']],
    );
    const management = sandbox.world.managementAccount.id;
    assert.ok(!report.rows.some((r: PreflightRow) => r.accountId === management), 'the management account is not predicted');
    assert.match(report.notPredicted.find((n) => n.accountId === management)?.reason ?? '', /not subject to SCPs/);
    assert.equal(report.caller.exemptFromScps, true);
  });

  it('exits 0 when every task asked about works everywhere, and takes tasks by either name', async () => {
    const small = await startSandbox({ accounts: 8, scpBlockedAccounts: 0 });
    try {
      const { out, err, io } = buffers();
      assert.equal(await runPreflight(['--sandbox', '--task', 'audit', '--task', 'SQSUnlockQueuePolicy', '--format', 'csv'], io, { sandbox: small }), 0, err.text);
      const lines = out.text.trim().split('\n');
      assert.equal(lines[0], 'AccountId,AccountName,OuPath,Task,Result,PolicyId,PolicyName,Statement,Sid,BlockedCalls,DependingCalls,DependsOn,Summary');
      assert.deepEqual(new Set(lines.slice(1).map((l) => l.split(',')[3])), new Set(['audit', 'unlock-sqs-queue']));
      assert.ok(lines.slice(1).every((l) => l.split(',')[4] === 'works'));
    } finally {
      await small.close();
    }
  });

  it('blocks every task, and says why, when root sessions are not enabled for the organization, whatever the SCPs allow', async () => {
    const small = await startSandbox({ accounts: 6, scpBlockedAccounts: 0 });
    small.world.features.rootSessions = false;
    try {
      const { out, err, io } = buffers();
      assert.equal(await runPreflight(['--sandbox', '--task', 'audit', '--format', 'json'], io, { sandbox: small }), 1, err.text);
      const report = JSON.parse(out.text) as PreflightReport;
      assert.deepEqual(report.rootSessions, { state: 'unavailable', reason: 'root sessions are not enabled for the organization (the RootSessions feature of IAM)' });
      assert.equal(report.rows.length, 5);
      for (const row of report.rows) {
        assert.deepEqual([row.result, row.blockedCalls, row.summary], ['blocked', ['sts:AssumeRoot'], 'audit blocked: root sessions are not enabled for the organization (the RootSessions feature of IAM)']);
      }
    } finally {
      await small.close();
    }
  });

  it('says no task works when whether root sessions are enabled cannot be read', async () => {
    const small = await startSandbox({ accounts: 6, scpBlockedAccounts: 0 });
    small.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['iam:ListOrganizationsFeatures'] } });
    try {
      const { out, err, io } = buffers();
      assert.equal(await runPreflight(['--sandbox', '--task', 'audit', '--max-attempts', '1'], io, { sandbox: small }), 1, err.text);
      assert.match(out.text, /audit +depends +depends on whether root sessions are enabled \(iam:ListOrganizationsFeatures failed: SignatureDoesNotMatch\)/);
      assert.doesNotMatch(out.text, / works /);
      assert.match(out.text, /Not read: whether root sessions are enabled .*\. No task is predicted to work\./);
    } finally {
      await small.close();
    }
  });

  it('prints a table with the deciding statement in words', async () => {
    const { out, io } = buffers();
    await runPreflight(['--sandbox', '--task', 'delete-credentials'], io, { sandbox });
    assert.match(out.text, new RegExp(`${legacyAccount()} .* delete-credentials +blocked +blocked by SCP aws-guardrails-RestrictRootUser \\(${IDS.controlTowerRootDeny}\\), statement 1 \\(GRRESTRICTROOTUSER\\)`));
    assert.match(out.text, /not predicted: the management account is not subject to SCPs/);
  });

  it('exits 2 with the reason when the caller cannot read the organization (a plain member account)', async () => {
    const { err, io } = buffers();
    // The default credential chain reads the process environment.
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: sandbox.credentials.member.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.credentials.member.secretAccessKey });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    let code: number;
    try {
      code = await runPreflight(['--endpoint', sandbox.endpoint, '--region', sandbox.region], io);
    } finally {
      for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
    assert.equal(code, 2);
    assert.match(err.text, /rootguard preflight: .*neither the management account nor the IAM delegated administrator/);
  });

  describe('what-if: --propose-scp', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-preflight-'));
      const guard = (exempt: boolean) => ({
        Version: '2012-10-17',
        Statement: [{ Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' }, ...(exempt ? { Null: { 'aws:AssumedRoot': 'true' } } : {}) } }],
      });
      fs.writeFileSync(path.join(dir, 'guard.json'), JSON.stringify(guard(false)));
      fs.writeFileSync(path.join(dir, 'exempt.json'), JSON.stringify(guard(true)));
      const content = (exempt: boolean) => JSON.stringify(guard(exempt).Statement[0].Condition);
      const template = `Resources:\n  Guard:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Type: SERVICE_CONTROL_POLICY\n      Content: {Statement: [{Effect: Deny, Action: "*", Resource: "*", Condition: !If [Exempt, ${content(true)}, ${content(false)}]}]}\n`;
      fs.writeFileSync(path.join(dir, 'switch.yaml'), template);
      const outsideEu = { Sid: 'DenyOutsideEU', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
      fs.writeFileSync(path.join(dir, 'eu-only.json'), JSON.stringify({ Version: '2012-10-17', Statement: [outsideEu] }));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const preflight = async (...args: string[]) => {
      const { out, err, io } = buffers();
      const code = await runPreflight(['--sandbox', '--task', 'delete-credentials', ...args], { ...io, cwd: dir }, { sandbox });
      return { code, out: out.text, err: err.text };
    };
    const resultOf = (report: PreflightReport, accountId: string) => {
      const row = report.rows.find((r) => r.accountId === accountId)!;
      return [row.result, row.policyId, row.policyName];
    };

    it('predicts as if a new SCP were attached, names it as proposed, and changes nothing', async () => {
      const free = sandbox.world.members.find((a) => a.role === 'member' && !a.scpDeniesRootSessions && a.state === 'ACTIVE')!.id;
      const run = await preflight('--format', 'json', '--propose-scp', `guard.json@${free}`);
      assert.equal(run.code, 1, run.err);
      const report = JSON.parse(run.out) as PreflightReport;
      assert.deepEqual(resultOf(report, free), ['blocked', 'proposed-1', 'guard.json']);
      assert.deepEqual(report.proposed, [{ policyId: 'proposed-1', kind: 'SCP', file: 'guard.json', replaces: false, targets: [free], refused: [] }]);
      const after = JSON.parse((await preflight('--format', 'json')).out) as PreflightReport;
      assert.deepEqual(resultOf(after, free), ['works', null, null], 'the organization is as it was');
    });

    it('predicts as if a policy had new text: the legacy root deny with the exemption lets delete work', async () => {
      const run = await preflight('--format', 'json', '--propose-scp', `exempt.json@${IDS.controlTowerRootDeny}`);
      const report = JSON.parse(run.out) as PreflightReport;
      assert.equal(resultOf(report, legacyAccount())[0], 'works', run.err);
      const table = await preflight('--propose-scp', `exempt.json@${IDS.controlTowerRootDeny}`);
      assert.match(table.out, new RegExp(`What-if: predicted with SCP ${IDS.controlTowerRootDeny} with the text of exempt\\.json, as if deployed; nothing was changed\\.`));
    });

    it('says which attachment Organizations would refuse: the eleventh SCP of an account', async () => {
      // The account holds FullAWSAccess alone: nine proposals fill it, the tenth is one too many.
      const free = sandbox.world.members.find((a) => a.role === 'member' && !a.scpDeniesRootSessions && a.state === 'ACTIVE')!;
      const ten = Array.from({ length: 10 }, () => ['--propose-scp', `exempt.json@${free.id}`]).flat();
      const run = await preflight(...ten);
      const refusals = run.out.split('\n').filter((line) => /cannot be attached/.test(line));
      assert.deepEqual(refusals, [
        `What-if: proposed-10 cannot be attached to ${free.name} (${free.id}): it would be its 11th SCP, and Organizations allows 10 per root, OU or account; detach one first.`,
      ]);
    });

    it('exits 2 for a proposal it cannot read before reading the organization, and for a target the organization lacks', async () => {
      const unreadable = await preflight('--propose-scp', 'missing.json@r-sand');
      assert.equal(unreadable.code, 2);
      assert.equal(unreadable.err, 'rootguard preflight: cannot read missing.json: no such file or folder\n');
      const nowhere = await preflight('--propose-scp', 'guard.json@ou-sand-99999999');
      assert.equal(nowhere.code, 2);
      assert.match(nowhere.err, /rootguard preflight: no root, OU or account ou-sand-99999999 in this organization: its root is r-sand \(Root\), with OUs ou-sand-00000001 \(Security\), .*, or give a member account's 12-digit id\n$/);
      const malformed = await preflight('--propose-scp', 'guard.json@prod');
      assert.equal(malformed.code, 2);
      assert.match(malformed.err, /"prod" is no root \("root" or r-…\), OU \(ou-…\), account id or policy id \(p-…\)/);
    });

    it('a proposal written with Fn::If is read on the side of its template condition given', async () => {
      const results = async (...args: string[]) => {
        const run = await preflight('--format', 'json', '--propose-scp', 'switch.yaml@root', ...args);
        return [...new Set((JSON.parse(run.out) as PreflightReport).rows.map((r) => r.result))];
      };
      assert.deepEqual(await results('--template-condition', 'Exempt=false'), ['blocked']);
      assert.ok((await results('--template-condition', 'Exempt=true')).includes('works'), 'root sessions are exempt on the other side');
      const undecided = await preflight('--propose-scp', 'switch.yaml@root');
      assert.equal(undecided.code, 2);
      assert.match(undecided.err, /switch\.yaml: the SCP at Resources\.Guard\.Properties\.Content reads differently on each side of the condition Exempt \(Fn::If, or a Terraform conditional\): choose a side with --template-condition Exempt=true \(or =false\)/);
    });

    it('predicts for the region --region names, with the sandbox as with AWS', async () => {
      const free = sandbox.world.members.find((a) => a.role === 'member' && !a.scpDeniesRootSessions && a.state === 'ACTIVE')!.id;
      const unlock = async (...args: string[]) => {
        const run = await preflight('--format', 'json', '--task', 'unlock-s3-bucket', '--propose-scp', `eu-only.json@${free}`, ...args);
        const row = (JSON.parse(run.out) as PreflightReport).rows.find((r) => r.accountId === free && r.task === 'unlock-s3-bucket')!;
        return [row.result, row.sid];
      };
      assert.deepEqual(await unlock(), ['blocked', 'DenyOutsideEU'], "the sandbox's own region, us-east-1");
      assert.deepEqual(await unlock('--region', 'eu-west-1'), ['works', null]);
    });

    it('takes the word "root" for the organization\'s root', async () => {
      const run = await preflight('--format', 'json', '--propose-scp', 'guard.json@root');
      const report = JSON.parse(run.out) as PreflightReport;
      assert.ok(report.rows.length > 1, run.err);
      assert.deepEqual([...new Set(report.rows.map((r) => r.result))], ['blocked'], 'every member account is below the root');
      assert.deepEqual(report.proposed?.[0].targets, ['root']);
    });
  });

  it('rejects bad options with exit 2 and the usage', async () => {
    for (const args of [['--format', 'xml'], ['--task', 'reboot'], ['--sandbox', '--profile', 'x'], ['--bogus']]) {
      const { err, io } = buffers();
      assert.equal(await runPreflight(args, io), 2, args.join(' '));
      assert.match(err.text, /Usage: rootguard preflight/);
    }
  });
});
