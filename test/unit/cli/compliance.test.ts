/**
 * The posture report's CIS v7.0 and Security Hub columns, checked account by account against the sandbox
 * world (the seeded truth), through `rootguard audit` over HTTP as the management account.
 */
import assert from 'node:assert/strict';
import { runAudit } from '../../../src/cli/auditCommand';
import { type SandboxAccount, type SandboxHandle, startSandbox } from '../../../src/sandbox/index';
import { parseCsv } from '../../support/csv';

type Status = 'pass' | 'fail' | 'not-applicable' | 'not-evaluated';

/** What each control must say for an account, from the world alone. */
function expected(account: SandboxAccount, sandbox: SandboxHandle): Record<string, Status> {
  const root = account.root;
  const signIn = Boolean(root.loginProfile || root.accessKeys.length || root.signingCertificates.length);
  const mfa = root.mfaDevices.some((d) => d.enabled);
  const keys: Status = root.accessKeys.length ? 'fail' : 'pass';
  const anyMfa: Status = !signIn ? 'not-applicable' : mfa ? 'pass' : 'fail';
  const isManagement = account.role === 'management';
  const hardware: Status = !signIn ? 'not-applicable' : !mfa ? 'fail' : isManagement ? 'not-evaluated' : root.mfaDevices.some((d) => d.kind === 'virtual') ? 'fail' : 'pass';
  const now = sandbox.clock.nowMs();
  const uses = [root.passwordLastUsed, ...root.accessKeys.map((k) => k.lastUsed?.date)].filter((d): d is Date => Boolean(d));
  const recent: Status = uses.some((d) => now - d.getTime() < 90 * 86_400_000) ? 'fail' : 'pass';
  const w = sandbox.world;
  const central: Status = isManagement ? 'not-applicable' : w.features.rootCredentialsManagement && w.features.rootSessions && w.hasServiceAccess('iam.amazonaws.com') ? 'pass' : 'fail';
  return { 'CIS-2.1.1': central, 'CIS-2.4': keys, 'CIS-2.5': anyMfa, 'CIS-2.6': hardware, 'CIS-2.7': recent, 'IAM.4': keys, 'IAM.6': hardware, 'IAM.9': anyMfa };
}

describe('compliance columns of the posture reports, against the sandbox world', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 24, scpBlockedAccounts: 0, suspendedAccounts: 0, throttling: { rate: 0.05 } });
    // The management account's root user: a password, an MFA device and one access key, as some still have.
    const management = sandbox.world.managementAccount.root;
    management.loginProfile = { createDate: new Date('2020-01-01T00:00:00Z'), passwordResetRequired: false };
    management.mfaDevices = [{ serialNumber: 'GAHT12345678', kind: 'hardware', enabled: true, enableDate: new Date('2020-01-02T00:00:00Z') }];
    management.accessKeys = [{ accessKeyId: 'AKIAMGMTROOTEXAMPLE1', status: 'Active', createDate: new Date('2020-01-03T00:00:00Z') }];
    // A member whose password is guarded by a hardware device only: the one way to pass CIS 2.6 / IAM.6.
    const hardware = sandbox.world.members.find((a) => a.rootProfile === 'hardwareMfa')!;
    hardware.root.loginProfile = { createDate: new Date('2020-01-01T00:00:00Z'), passwordResetRequired: false };
    // ... and whose root password was used yesterday, which CIS 2.7 fails.
    hardware.root.passwordLastUsed = new Date(sandbox.clock.nowMs() - 86_400_000);
  });
  after(() => sandbox.close());

  async function audit(format: string) {
    let out = '';
    let err = '';
    const { accessKeyId, secretAccessKey } = sandbox.credentials.management;
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey });
    try {
      const code = await runAudit(['--endpoint', sandbox.endpoint, '--region', sandbox.region, '--max-attempts', '10', '--format', format], {
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: (t: string) => (err += t) },
      });
      return { code, out, err };
    } finally {
      for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) if (saved[key] === undefined) delete process.env[key];
    }
  }

  it('JSON: every account, every control, as the world says, with a reason', async () => {
    const { code, out, err } = await audit('json');
    assert.equal(code, 0, err);
    const report = JSON.parse(out);
    assert.deepEqual(report.controls.map((c: { id: string }) => c.id), ['CIS-2.1.1', 'CIS-2.4', 'CIS-2.5', 'CIS-2.6', 'CIS-2.7', 'IAM.4', 'IAM.6', 'IAM.9']);
    assert.equal(report.rows.length, sandbox.world.accounts.length);
    const seen = new Set<string>();
    for (const row of report.rows) {
      const account = sandbox.world.account(row.accountId);
      const statuses = Object.fromEntries(Object.entries(row.controls as Record<string, { status: Status; reason: string }>).map(([id, r]) => [id, r.status]));
      assert.deepEqual(statuses, expected(account, sandbox), row.accountId);
      for (const [id, r] of Object.entries(row.controls as Record<string, { status: Status; reason: string }>)) {
        assert.ok(r.reason.length > 5, `${row.accountId} ${id} has a reason`);
        seen.add(`${id}:${r.status}`);
      }
    }
    // The seed covers each outcome the controls can have, so the comparison above means something.
    for (const s of ['CIS-2.4:fail', 'CIS-2.4:pass', 'CIS-2.5:not-applicable', 'CIS-2.5:fail', 'CIS-2.5:pass', 'CIS-2.6:fail', 'CIS-2.6:pass', 'CIS-2.7:fail', 'CIS-2.7:pass']) assert.ok(seen.has(s), s);
  });

  it("marks the management account's row as read with the caller's credentials, with what its root user has", async () => {
    const { out } = await audit('json');
    const row = JSON.parse(out).rows.find((r: { isManagement: boolean }) => r.isManagement);
    assert.equal(row.readWithCallerCredentials, 'GetAccountSummary, credential report');
    assert.equal(row.passwordPresent, true);
    assert.equal(row.activeAccessKeys, 1);
    assert.equal(row.accountMfaEnabled, true);
    assert.match(row.summary, /read with the caller's credentials/);
    assert.equal(row.controls['IAM.4'].status, 'fail');
    assert.equal(row.controls['IAM.6'].status, 'not-evaluated');
  });

  it('CSV, Markdown and the terminal table carry the same results and reasons', async () => {
    const json = JSON.parse((await audit('json')).out);
    const csv = parseCsv((await audit('csv')).out);
    for (const row of json.rows) {
      const line = csv.find((r) => r.AccountId === row.accountId)!;
      for (const id of ['CIS-2.1.1', 'CIS-2.4', 'CIS-2.5', 'CIS-2.6', 'CIS-2.7', 'IAM.4', 'IAM.6', 'IAM.9']) {
        assert.equal(line[id], row.controls[id].status, `${row.accountId} ${id}`);
        assert.equal(line[`${id} Reason`], row.controls[id].reason);
      }
    }
    const markdown = (await audit('markdown')).out;
    const failing = json.rows.find((r: { controls: Record<string, { status: string }> }) => r.controls['CIS-2.4'].status === 'fail');
    assert.ok(markdown.includes(`| ${failing.accountId} | CIS-2.4 | fail | ${failing.controls['CIS-2.4'].reason} |`));
    assert.match(markdown, /read with the caller's own credentials \(GetAccountSummary, credential report\)/);
    const table = (await audit('table')).out;
    assert.ok(table.includes(`  CIS-2.4: ${failing.controls['CIS-2.4'].reason}`));
  });
});
