// "Export Report" in real VS Code: after an audit of the extension's sandbox organization, each format is
// written through the registered command to a path the test chooses (the `{ format, uri }` argument skips the
// format picker and the save dialog), read back, and checked against the sandbox world, which is what the
// audit should have found. No secret the sandbox issued (caller keys, root session keys and tokens) may be in
// any of them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PostureReport, PostureTotals } from '../../src/core/report/posture';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';
import { parseCsv } from '../support/csv';
import { connectSandbox } from './helpers/tree';

/** The totals the report must show, worked out from the world rather than from the extension. */
function expectedTotals(accounts: readonly SandboxAccount[]): Partial<PostureTotals> {
  // Root sessions skip the management account (read with the caller's credentials instead: a skipped row) and
  // inactive accounts, which stay "not audited"; SCP-blocked ones fail. The credential counts are over what was
  // read: the audited accounts and the management account's own root user.
  const audited = accounts.filter((a) => a.role !== 'management' && a.state === 'ACTIVE');
  const ok = audited.filter((a) => !a.scpDeniesRootSessions).map((a) => a.root);
  const read = [...ok, ...accounts.filter((a) => a.role === 'management').map((a) => a.root)];
  return {
    accounts: accounts.length,
    audited: ok.length,
    failed: audited.length - ok.length,
    notAudited: accounts.length - audited.length - 1,
    withPassword: read.filter((r) => r.loginProfile).length,
    withAccessKeys: read.filter((r) => r.accessKeys.length > 0).length,
    withSigningCertificates: read.filter((r) => r.signingCertificates.length > 0).length,
    withMfa: read.filter((r) => r.mfaDevices.length > 0).length,
  };
}

describe('export report against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  const dir = path.join(os.tmpdir(), `rootguard-export-${process.pid}`);

  /** Exports one format through the command and returns the file's text. */
  async function exportAs(format: 'csv' | 'json' | 'markdown', fileName: string): Promise<string> {
    const uri = vscode.Uri.file(path.join(dir, fileName));
    const written = (await vscode.commands.executeCommand('rootguard.exportReport', { format, uri })) as vscode.Uri | undefined;
    assert.equal(written?.fsPath, uri.fsPath, `the ${format} report was written`);
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    for (const secret of sandbox.issuedSecrets()) assert.ok(!text.includes(secret), `no issued secret in the ${format} report`);
    return text;
  }
  const accountWith = (profile: SandboxAccount['rootProfile']) => {
    const found = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.rootProfile === profile);
    assert.ok(found, profile);
    return found;
  };
  const blocked = () => {
    const found = sandbox.world.members.find((a) => a.state === 'ACTIVE' && a.scpDeniesRootSessions);
    assert.ok(found, 'an SCP-blocked account');
    return found;
  };

  before(async () => {
    api = await loadOrgFeatures();
    fs.mkdirSync(dir, { recursive: true });
    sandbox = await connectSandbox(api, { accounts: 24, seed: 7 });
    const run = await api.explorer.actions.auditOrganization();
    assert.ok(run && !run.cancelled, 'the audit ran');
    assert.ok(sandbox.issuedSecrets().length > 2, 'root sessions were issued, so the leak checks have something to find');
  });
  after(async () => {
    await vscode.commands.executeCommand('rootguard.disconnect');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('JSON: the organization, its features, the totals the world implies and a row per account', async () => {
    const report = JSON.parse(await exportAs('json', 'posture.json')) as PostureReport;
    const { world } = sandbox;
    assert.equal(report.organization?.id, world.organization.id);
    assert.equal(report.features?.rootSessions, true);
    assert.deepEqual(report.features?.delegatedAdmins.map((a) => a.accountId), [world.accounts[1].id]);
    const totals = expectedTotals(world.accounts);
    assert.deepEqual(Object.fromEntries(Object.keys(totals).map((k) => [k, report.totals[k as keyof PostureTotals]])), totals);
    assert.deepEqual(report.rows.map((r) => r.accountId).sort(), world.accounts.map((a) => a.id).sort());

    const everything = report.rows.find((r) => r.accountId === accountWith('everything').id);
    assert.equal(everything?.summary, 'password · 2 keys · 1 cert · MFA');
    assert.equal(everything?.outcome, 'ok');
  });

  it('the management account\'s own root user: read with the caller\'s credentials, on its row and in the report', async () => {
    const { world } = sandbox;
    const root = world.account(world.organization.managementAccountId).root;
    const report = JSON.parse(await exportAs('json', 'posture-management.json')) as PostureReport;
    const row = report.rows.find((r) => r.isManagement);
    assert.equal(row?.accountId, world.organization.managementAccountId);
    assert.equal(row.outcome, 'skipped');
    assert.equal(row.readWithCallerCredentials, 'GetAccountSummary, credential report');
    assert.deepEqual(
      [row.accountPasswordPresent, row.accountAccessKeysPresent, row.accountMfaEnabled, row.accountSigningCertificatesPresent],
      [Boolean(root.loginProfile), root.accessKeys.length > 0, root.mfaDevices.length > 0, root.signingCertificates.length > 0],
    );
    assert.ok(root.loginProfile || root.accessKeys.length, 'the seed gives the management root user something to find');
    assert.match(row.summary, /\(read with the caller's credentials\)$/);

    // The management account sits under the root, beside the OUs (expanding every node would read the history).
    const [org] = await api.explorer.tree.getChildren();
    const managementNode = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'account' && n.accountId === world.organization.managementAccountId);
    assert.ok(managementNode, 'the management account\'s row');
    const node = { item: api.explorer.tree.getTreeItem(managementNode) };
    assert.match(String(node?.item.description), /^\d{12} · management account · .* · read with the caller's credentials$/);
    if (root.accessKeys.length) assert.match(String(node?.item.description), new RegExp(`${root.accessKeys.length} keys?`));
    const tooltip = node?.item.tooltip instanceof vscode.MarkdownString ? node.item.tooltip.value : '';
    assert.match(tooltip, /\*\*Read with the caller's own credentials\*\*/);
  });

  it('CSV: the AWS blog script\'s columns first, Yes/No flags, and the SCP cause of a failed account', async () => {
    const text = await exportAs('csv', 'posture.csv');
    assert.ok(text.startsWith('AccountId,AccountName,AccountPasswordPresent,AccountAccessKeysPresent,AccountMFAEnabled,AccountSigningCertificatesPresent,'));
    const rows = parseCsv(text);
    assert.equal(rows.length, sandbox.world.accounts.length);
    const byId = (id: string) => rows.find((r) => r.AccountId === id);

    const keyOnly = accountWith('activeKeyUsed');
    assert.deepEqual(
      (({ AccountName, AccountPasswordPresent, AccountAccessKeysPresent, Outcome, Summary, ActiveAccessKeys }) => ({ AccountName, AccountPasswordPresent, AccountAccessKeysPresent, Outcome, Summary, ActiveAccessKeys }))(byId(keyOnly.id)!),
      { AccountName: keyOnly.name, AccountPasswordPresent: 'No', AccountAccessKeysPresent: 'Yes', Outcome: 'ok', Summary: '1 key', ActiveAccessKeys: '1' },
    );
    assert.equal(byId(accountWith('none').id)?.Summary, 'no root credentials');
    const denied = byId(blocked().id)!;
    assert.deepEqual([denied.Outcome, denied.ErrorCode], ['failed', 'AccessDenied']);
    assert.match(denied.LikelyCause, /service control policy/);
  });

  it('Markdown: the organization, the totals table, the accounts and why the failed ones failed', async () => {
    const text = await exportAs('markdown', 'posture.md');
    const { world } = sandbox;
    const totals = expectedTotals(world.accounts);
    assert.ok(text.startsWith('# Root access posture\n'));
    assert.ok(text.includes(`Organization \`${world.organization.id}\`, management account \`${world.organization.managementAccountId}\`.`));
    assert.ok(text.includes(`| Accounts | ${totals.accounts} |`));
    assert.ok(text.includes(`| Failed | ${totals.failed} |`));
    assert.ok(text.includes(`| With a root password | ${totals.withPassword} |`));
    const everything = accountWith('everything');
    assert.match(text, new RegExp(`^\\| ${everything.id} \\| ${everything.name} \\| [^|]* \\| password · 2 keys · 1 cert · MFA \\|`, 'm'));
    const failures = text.slice(text.indexOf('## Could not be audited'));
    assert.match(failures, new RegExp(`^\\| ${blocked().id} \\| AccessDenied \\| .*service control policy`, 'm'));
  });

  it('CSV: "not read" in the root session columns until the history node has read the history, then each account’s last session', async () => {
    const seeded = sandbox.seededHistory;
    const columns = (row: Record<string, string>) => [row.LastRootSession, row.LastRootSessionNote, row.LastRootSessionTask, row.FlaggedRootSessions, row.FlaggedRootSessionsNote];
    const before = parseCsv(await exportAs('csv', 'before-history.csv'));
    assert.deepEqual(columns(before.find((r) => r.AccountId === seeded.recoveredNotDeleted)!), ['', 'not read', '', '', 'not read']);
    const [org] = await api.explorer.tree.getChildren();
    const historyNode = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'history')!;
    await api.explorer.tree.getChildren(historyNode);
    const after = parseCsv(await exportAs('csv', 'after-history.csv'));
    const recovered = after.find((r) => r.AccountId === seeded.recoveredNotDeleted)!;
    assert.match(recovered.LastRootSession, /^\d{4}-\d\d-\d\dT/);
    assert.ok(Number(recovered.FlaggedRootSessions) >= 1, 'its recovery never followed by a deletion is flagged');
    assert.ok(after.every((r) => r.LastRootSessionNote !== 'not read' && r.FlaggedRootSessions !== ''));
  });
});
