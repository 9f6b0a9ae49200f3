// The "Root session history" node in real VS Code against the extension's sandbox organization: expanding it
// reads CloudTrail in every region enabled for the account (the seeded history lies in three), lists each account's last root session with its
// flags, and account tooltips then name their last root session; Refresh reads it again. Audit log lines it
// skipped are a warning row.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/extension/explorer/nodes';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';

describe('Root session history node against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;

  async function nodes(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await api.explorer.tree.getChildren(node);
    return [...children, ...(await Promise.all(children.map((c) => nodes(c)))).flat()];
  }
  const item = (node: ExplorerNode) => api.explorer.tree.getTreeItem(node);

  before(async () => {
    api = await loadOrgFeatures();
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    sandbox = api.explorer.connection.sandboxHandle as SandboxHandle;
  });
  after(() => vscode.commands.executeCommand('rootguard.disconnect'));

  it('reads the history when expanded, flags the seeded foreign sessions and names each account’s last session', async () => {
    const [org] = await api.explorer.tree.getChildren();
    const history = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'history')!;
    assert.ok(history, 'a Root session history node under the organization');
    assert.equal(item(history).contextValue, 'history;notLoaded');
    assert.equal(sandbox.requests().filter((r) => r.operation === 'LookupEvents').length, 0, 'nothing read before it is expanded');

    const rows = await api.explorer.tree.getChildren(history);
    assert.deepEqual(new Set(sandbox.requests().filter((r) => r.service === 'cloudtrail').map((r) => r.status)), new Set([200]));
    const seeded = sandbox.seededHistory;
    const inWindow = new Set(seeded.sessions.filter((s) => s.daysAgo <= 90).map((s) => s.accountId));
    const shown = rows.filter((r) => r.kind === 'historyAccount');
    assert.deepEqual(new Set(shown.map((r) => (r.kind === 'historyAccount' ? r.account.accountId : ''))), inWindow);

    const row = (accountId: string) => item(shown.find((r) => r.kind === 'historyAccount' && r.account.accountId === accountId)!);
    assert.match(String(row(seeded.recoveredNotDeleted).description), /password recovery never followed by a credential deletion/);
    assert.equal(row(seeded.recoveredNotDeleted).contextValue, 'historyAccount;flagged');
    assert.match(String(row(seeded.unlockedByContractor).description), /· flagged: not started by RootGuard; opened by a principal not expected to$/);
    // The break-glass role the holders view lists opened the recovery: expected, so only its own flags.
    assert.doesNotMatch(String(row(seeded.recoveredNotDeleted).description), /not expected/);
    assert.equal(row(seeded.unlockedByContractor).contextValue, 'historyAccount;flagged');

    const loaded = item(history);
    assert.equal(loaded.contextValue, 'history;loaded;flagged');
    assert.match(String(loaded.description), /^\d+ sessions · 0 by RootGuard · \d+ flagged$/);
    assert.match((loaded.tooltip as vscode.MarkdownString).value, /- opened by a principal not expected to: 1$/m);
    // No regions configured: every region Account Management lists as enabled, the opt-in one enabled too.
    assert.match((loaded.tooltip as vscode.MarkdownString).value, /^Regions read: the 18 enabled for the account \\?\(account:ListRegions\\?\): ap-northeast-1, .*eu-south-1, .*us-west-2$/m);

    const account = (await nodes(org)).find((n) => n.kind === 'account' && n.accountId === seeded.unlockedByContractor)!;
    assert.match((item(account).tooltip as vscode.MarkdownString).value, /Last root session: \S+ · \w+ \(flagged in the root session history\)/);
  });

  it('Refresh drops the history read, and the node reads CloudTrail again', async () => {
    const [org] = await api.explorer.tree.getChildren();
    const history = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'history')!;
    await api.explorer.tree.getChildren(history);
    assert.match(String(item(history).contextValue), /^history;loaded/);
    const lookups = () => sandbox.requests().filter((r) => r.operation === 'LookupEvents').length;
    const before = lookups();

    await vscode.commands.executeCommand('rootguard.refresh');
    const [orgAgain] = await api.explorer.tree.getChildren();
    const historyAgain = (await api.explorer.tree.getChildren(orgAgain)).find((n) => n.kind === 'history')!;
    assert.equal(item(historyAgain).contextValue, 'history;notLoaded');
    await api.explorer.tree.getChildren(historyAgain);
    assert.ok(lookups() > before, 'CloudTrail read again after Refresh');
    assert.match(String(item(historyAgain).contextValue), /^history;loaded/);
  });
});

describe('Root session history node: audit log lines it skipped', function () {
  this.timeout(120_000);
  const auditLogPath = path.join(os.tmpdir(), `rootguard-integration-history-${process.pid}`, 'audit.jsonl');
  const config = () => vscode.workspace.getConfiguration('rootguard');
  let api: OrgFeatures;

  before(async () => {
    fs.mkdirSync(path.dirname(auditLogPath), { recursive: true });
    // A torn line and a bare number: neither is a record.
    fs.writeFileSync(auditLogPath, ['{"v":1,"type":"int', '42'].join('\n'));
    await config().update('tasks.auditLogPath', auditLogPath, vscode.ConfigurationTarget.Global);
    api = await loadOrgFeatures();
    await vscode.commands.executeCommand('rootguard.connectSandbox');
  });
  after(async () => {
    await vscode.commands.executeCommand('rootguard.disconnect');
    await config().update('tasks.auditLogPath', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.dirname(auditLogPath), { recursive: true, force: true });
  });

  it('says how many in a warning row first, which opens the audit log, and in the node’s description and tooltip', async () => {
    const [org] = await api.explorer.tree.getChildren();
    const history = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'history')!;
    const [first] = await api.explorer.tree.getChildren(history);
    const row = api.explorer.tree.getTreeItem(first);
    assert.equal(row.label, '2 audit log lines skipped');
    assert.equal(row.command?.command, 'rootguard.openAuditLog');
    const node = api.explorer.tree.getTreeItem(history);
    assert.match(String(node.description), / · 2 audit log lines skipped$/);
    assert.match((node.tooltip as vscode.MarkdownString).value, /2 lines of the audit log skipped/);
  });
});

describe('Root session history node: the audit log the setting names', function () {
  this.timeout(120_000);
  const folder = path.join(os.tmpdir(), `rootguard-integration-history-log-${process.pid}`);
  const config = () => vscode.workspace.getConfiguration('rootguard');
  let api: OrgFeatures;

  async function historyRows(auditLogPath: string): Promise<ExplorerNode[]> {
    await config().update('tasks.auditLogPath', auditLogPath, vscode.ConfigurationTarget.Global);
    // Connecting again drops a history read before, with another setting.
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    const [org] = await api.explorer.tree.getChildren();
    const history = (await api.explorer.tree.getChildren(org)).find((n) => n.kind === 'history')!;
    return api.explorer.tree.getChildren(history);
  }

  before(async () => {
    fs.mkdirSync(folder, { recursive: true });
    api = await loadOrgFeatures();
  });
  afterEach(() => vscode.commands.executeCommand('rootguard.disconnect'));
  after(async () => {
    await config().update('tasks.auditLogPath', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('says there is no audit log at that path yet, in a row first, and still lists the sessions', async () => {
    const missing = path.join(folder, 'not-yet.jsonl');
    const rows = await historyRows(missing);
    const first = api.explorer.tree.getTreeItem(rows[0]);
    assert.equal(first.label, 'No audit log yet');
    assert.equal(first.description, missing);
    assert.equal(first.tooltip, `No audit log at ${missing}: every root session RootGuard started would show as not started by RootGuard (the rootguard.tasks.auditLogPath setting names another).`);
    assert.ok(rows.some((r) => r.kind === 'historyAccount'));
  });

  it('a setting naming a folder is an error row in the CLI’s words, not Node’s EISDIR', async () => {
    const rows = await historyRows(folder);
    assert.equal(rows.length, 1);
    const row = api.explorer.tree.getTreeItem(rows[0]);
    assert.equal(row.label, 'Cannot read the audit log');
    assert.equal(row.description, `rootguard.tasks.auditLogPath ${folder}: a folder, not a file: name the log file itself`);
  });
});
