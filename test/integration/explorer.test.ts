// The Root Access explorer in real VS Code against the extension's own sandbox organization: the tree shows
// the sandbox's OUs and accounts, an audit fills in each account's status, the filter and refresh work,
// one account can be re-audited after a change, and disconnecting stops the sandbox.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { ExplorerNode } from '../../src/extension/explorer/nodes';
import type { SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';
import { waitFor } from './helpers/waitFor';

/** What each seeded root profile must look like once audited (the tree's description after the id). */
const EXPECTED_STATUS: Record<string, string> = {
  none: 'no root credentials',
  passwordNeverUsed: 'password',
  passwordUsed: 'password',
  passwordAndVirtualMfa: 'password · MFA',
  activeKeyUsed: '1 key',
  activeKeyNeverUsed: '1 key',
  inactiveKey: '1 key',
  hardwareMfa: 'no root credentials · MFA',
  signingCertificate: '1 cert',
  everything: 'password · 2 keys · 1 cert · MFA',
};

interface Row {
  node: ExplorerNode;
  item: vscode.TreeItem;
  depth: number;
}

describe('Root Access explorer against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;

  /** Every node the tree shows, expanded all the way down, with its TreeItem. */
  async function walk(node?: ExplorerNode, depth = 0): Promise<Row[]> {
    const rows: Row[] = [];
    for (const child of await api.explorer.tree.getChildren(node)) {
      rows.push({ node: child, item: api.explorer.tree.getTreeItem(child), depth });
      rows.push(...(await walk(child, depth + 1)));
    }
    return rows;
  }

  const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
  const accounts = (rows: Row[]) => rows.filter((r) => r.node.kind === 'account');

  before(async () => {
    api = await loadOrgFeatures();
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    sandbox = api.explorer.connection.sandboxHandle as SandboxHandle;
    assert.ok(sandbox, 'the sandbox runs after "Try the sandbox organization"');
  });

  after(async () => {
    await vscode.commands.executeCommand('rootguard.clearFilter');
    await vscode.commands.executeCommand('rootguard.disconnect');
  });

  it('shows the organization, its features, the OUs and every account, the management account marked', async () => {
    const rows = await walk();
    const [org] = rows;
    assert.equal(org.node.kind, 'organization');
    assert.match(label(org.item), /^SANDBOX organization o-sandbox/);
    const features = rows.find((r) => r.node.kind === 'features');
    assert.equal(features?.item.description, 'enabled');

    const topUnits = rows.filter((r) => r.node.kind === 'ou' && r.depth === 1).map((r) => label(r.item));
    const rootId = sandbox.world.organization.rootId;
    const expectedTop = sandbox.world.organizationalUnits.filter((u) => u.parentId === rootId).map((u) => u.name).sort();
    assert.deepEqual(topUnits, expectedTop);
    assert.equal(rows.filter((r) => r.node.kind === 'ou').length, sandbox.world.organizationalUnits.length);

    const shown = accounts(rows);
    assert.deepEqual(shown.map((r) => label(r.item)).sort(), sandbox.world.accounts.map((a) => a.name).sort());
    const management = shown.find((r) => r.item.contextValue?.startsWith('account;management'));
    assert.equal(label(management!.item), 'management');
    assert.match(String(management!.item.description), /management account/);
    const member = shown.find((r) => label(r.item) === 'member-0003');
    assert.match(String(member!.item.description), /^999900000003 · not audited$/);
  });

  it('audits the organization and shows each account\'s root credential status', async () => {
    // A repaint of a node with children reloads its subtree in the workbench, and a context-menu command
    // on a row of that subtree then receives no node: an audit repaints only leaves (accounts, the posture).
    const repainted: string[] = [];
    const listener = api.explorer.tree.onDidChangeTreeData((change) => {
      for (const node of change === undefined ? [undefined] : [change].flat()) repainted.push(node?.kind ?? 'whole tree');
    });
    try {
      await vscode.commands.executeCommand('rootguard.auditOrganization');
      await waitFor(() => repainted.includes('posture'), { message: 'the posture row to repaint after the audit' });
    } finally {
      listener.dispose();
    }
    assert.deepEqual([...new Set(repainted)].sort(), ['account', 'posture']);
    const posture = (await walk()).find((r) => r.node.kind === 'posture');
    assert.match(String(posture?.item.description), /^\d+ with root credentials · \d+ to review · \d+ clean · 1 failed$/);
    // The preflight, started when the tree first listed the organization, marks the SCP-blocked account too.
    await api.explorer.preflight.load();
    const rows = accounts(await walk());
    for (const account of sandbox.world.accounts) {
      const row = rows.find((r) => label(r.item) === account.name);
      assert.ok(row, `${account.name} is shown`);
      const description = String(row.item.description);
      if (account.role === 'management') {
        // Its own root user, read with the caller's credentials (AssumeRoot cannot reach it).
        assert.match(description, new RegExp(`^${account.id} · management account · .+ · read with the caller's credentials$`), account.name);
        continue;
      }
      let expected: string;
      if (account.state !== 'ACTIVE') expected = account.state.toLowerCase().replace('_', ' ');
      else if (account.scpDeniesRootSessions) expected = 'access denied (SCP) · root tasks blocked';
      else expected = EXPECTED_STATUS[account.rootProfile];
      // The IAM delegated administrator (the sandbox's Security account) says so on its row.
      const role = account.role === 'delegatedAdmin' ? ' · delegated admin' : '';
      assert.equal(description, `${account.id}${role} · ${expected}`, account.name);
    }
    const denied = rows.find((r) => String(r.item.description).includes('access denied'));
    assert.match(String((denied!.item.tooltip as vscode.MarkdownString).value), /service control policy/);
    const withPassword = rows.find((r) => String(r.item.description).endsWith('· password'));
    assert.match(withPassword!.item.contextValue!, /^account;member;active;.*\bhasPassword\b.*\bhasRootCredentials\b/);
    assert.equal((withPassword!.item.iconPath as vscode.ThemeIcon).id, 'key');
  });

  it('filters to accounts with root credentials, then by name, and clears', async () => {
    await vscode.commands.executeCommand('rootguard.filter', { withRootCredentials: true });
    const filtered = await walk();
    const expected = sandbox.world.accounts.filter(
      (a) => a.role !== 'management' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions && !['none', 'hardwareMfa'].includes(a.rootProfile),
    );
    assert.deepEqual(accounts(filtered).map((r) => label(r.item)).sort(), expected.map((a) => a.name).sort());
    assert.ok(accounts(filtered).every((r) => /;hasRootCredentials\b/.test(r.item.contextValue!)));
    // Only OUs on the way to a match are left, and they open by themselves.
    assert.ok(filtered.filter((r) => r.node.kind === 'ou').every((r) => r.item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded));
    assert.ok(!filtered.some((r) => label(r.item) === 'Suspended'));
    assert.match(api.explorer.view.message ?? '', /accounts with root credentials/);

    await vscode.commands.executeCommand('rootguard.filter', { text: 'SECURITY' });
    assert.deepEqual(accounts(await walk()).map((r) => label(r.item)), ['security']);

    await vscode.commands.executeCommand('rootguard.filter', { text: 'no-such-account' });
    const none = await walk();
    assert.ok(none.some((r) => r.node.kind === 'message' && label(r.item) === 'No account matches the filter'));

    await vscode.commands.executeCommand('rootguard.clearFilter');
    assert.equal(accounts(await walk()).length, sandbox.world.accounts.length);
    assert.equal(api.explorer.view.message, undefined);
  });

  it('refresh lists the organization again and keeps the audited statuses', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && a.rootProfile === 'passwordUsed')!;
    account.name = 'renamed-by-test';
    let rows = accounts(await walk());
    assert.ok(!rows.some((r) => label(r.item) === 'renamed-by-test'), 'not before a refresh');
    await vscode.commands.executeCommand('rootguard.refresh');
    rows = accounts(await walk());
    const renamed = rows.find((r) => label(r.item) === 'renamed-by-test');
    assert.equal(renamed?.item.description, `${account.id} · password`);
  });

  it('re-audits one account after its root credentials change', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && a.rootProfile === 'activeKeyUsed' && !a.scpDeniesRootSessions)!;
    account.root.accessKeys = [];
    const changes: unknown[] = [];
    const listener = api.explorer.tree.onDidChangeTreeData((node) => changes.push(node));
    try {
      const result = await api.explorer.runner.refreshAccount(account.id);
      assert.equal(result.kind, 'ok');
      await waitFor(() => changes.length > 0, { message: 'the tree to repaint the account' });
    } finally {
      listener.dispose();
    }
    const row = accounts(await walk()).find((r) => label(r.item) === account.name);
    assert.equal(row?.item.description, `${account.id} · no root credentials`);
    await assert.rejects(api.explorer.runner.refreshAccount(sandbox.world.organization.managementAccountId), /management account/);
  });

  it('disconnects: the sandbox stops and the view shows its welcome again', async () => {
    const endpoint = sandbox.endpoint;
    await vscode.commands.executeCommand('rootguard.disconnect');
    assert.equal(api.explorer.connection.sandboxHandle, undefined);
    assert.deepEqual(await api.explorer.tree.getChildren(), []);
    await assert.rejects(fetch(endpoint), 'nothing listens on the sandbox port any more');
  });
});
