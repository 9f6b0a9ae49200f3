// The "Root session holders" node in real VS Code against the extension's sandbox organization: expanding it
// reads the management account's IAM and IAM Identity Center, groups the seeded principals by what they can
// do (riskiest first), and opening a grant shows the policy that grants it read-only, with the granting
// statement selected and the linter's findings on it. A part that cannot be read is a row of its own.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HolderGrantNode, HolderNode } from '../../src/extension/explorer/holdersNodes';
import type { ExplorerNode } from '../../src/extension/explorer/nodes';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import { EXTERNAL_VENDOR_ACCOUNT } from '../../src/sandbox/holdersSeed';
import type { SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';
import { waitForDiagnostics } from './helpers/waitFor';
import { quickFixesFor } from './lintSupport';

describe('Root session holders node against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  let management: string;

  const tree = () => api.explorer.tree;
  const item = (node: ExplorerNode) => tree().getTreeItem(node);
  const text = (value: string | vscode.MarkdownString | undefined) => (typeof value === 'string' ? value : (value?.value ?? ''));

  async function holdersNode(): Promise<ExplorerNode> {
    const [org] = await tree().getChildren();
    const node = (await tree().getChildren(org)).find((n) => n.kind === 'holders');
    assert.ok(node, 'a Root session holders node under the organization');
    return node;
  }

  /** Group label -> holder names, in the order shown; and each holder node by name. */
  async function expand(node: ExplorerNode) {
    const rows = await tree().getChildren(node);
    const groups: [string, string[]][] = [];
    const holders = new Map<string, HolderNode>();
    for (const group of rows.filter((r) => r.kind === 'holderGroup')) {
      const members = (await tree().getChildren(group)) as HolderNode[];
      groups.push([String(item(group).label), members.map((h) => h.holder.name)]);
      for (const h of members) holders.set(h.holder.name, h);
    }
    return { rows, groups, holders };
  }

  const grants = async (holder: HolderNode) => (await tree().getChildren(holder)) as HolderGrantNode[];

  /** The seeded customer managed policy's document, as the sandbox's IAM holds it. */
  const seededPolicy = (name: string) => sandbox.world.directories.get(management)!.managedPolicies.find((p) => p.name === name)!.document;

  before(async () => {
    api = await loadOrgFeatures();
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    sandbox = api.explorer.connection.sandboxHandle as SandboxHandle;
    management = sandbox.world.organization.managementAccountId;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('rootguard.disconnect');
  });

  it('reads the holders when expanded and groups the seeded principals by what they can do, riskiest first', async () => {
    const node = await holdersNode();
    assert.equal(item(node).contextValue, 'holders;notLoaded');
    assert.equal(sandbox.requests().filter((r) => r.operation === 'GetAccountAuthorizationDetails').length, 0, 'nothing read before it is expanded');

    const { rows, groups, holders } = await expand(node);
    assert.deepEqual(rows.filter((r) => r.kind === 'holdersGap'), [], 'every part was read');
    assert.deepEqual(groups, [
      ['Password recovery or deletion on every account', ['VendorAdmin', 'RootAccessAdministrator', 'rootguard-sandbox-admin', 'BreakGlassRoot']],
      ['Password recovery or deletion on named accounts', ['ops-bob']],
      ['Audit only', ['RootAuditor', 'rootguard-ci-audit']],
      ['Granted, but the permissions boundary removes it', ['dev-alice', 'PowerUser']],
    ]);
    assert.equal(item(node).contextValue, 'holders;loaded;recoveryEverywhere');
    assert.equal(item(node).description, '7 of 12 principals can open root sessions · 3 recover passwords everywhere unconditionally');
    // Connected to the management account: its own SCPs do not limit these principals, and the node says so.
    assert.match(text(item(node).tooltip), new RegExp(`\n\nSCPs: ${management} is the management account, which SCPs do not limit$`));

    const everyTask = 'audit, password recovery, delete credentials, unlock S3, unlock SQS, future tasks';
    const rowsOf = async (name: string) => (await grants(holders.get(name)!)).map((g) => [String(item(g).label), String(item(g).description)]);

    // The break-glass role: every task everywhere, only with MFA, and only this account may become it (with MFA).
    const breakGlass = holders.get('BreakGlassRoot')!;
    assert.deepEqual(await rowsOf('BreakGlassRoot'), [[everyTask, 'every account · if aws:MultiFactorAuthPresent aws:MultiFactorAuthAge']]);
    assert.equal(item(breakGlass).description, 'role');
    assert.match(text(item(breakGlass).tooltip), new RegExp(`this account: \`arn:aws:iam::${management}:root\` if \`aws:MultiFactorAuthPresent\``));

    // The vendor's admin role: every task, no condition, and an account outside the organization can become it.
    const vendor = holders.get('VendorAdmin')!;
    assert.deepEqual(await rowsOf('VendorAdmin'), [[everyTask, 'every account · no condition']]);
    assert.equal(item(vendor).description, 'role · no condition in the way · trusted from outside the organization');
    assert.match(text(item(vendor).tooltip), new RegExp(`an account outside the organization: \`arn:aws:iam::${EXTERNAL_VENDOR_ACCOUNT}:root\` if \`sts:ExternalId\``));

    // The permission set that grants every task, with its assignments; its Identity Center role is not listed twice.
    const rootAdmin = holders.get('RootAccessAdministrator')!;
    assert.equal(rootAdmin.holder.kind, 'permissionSet');
    assert.deepEqual(await rowsOf('RootAccessAdministrator'), [[everyTask, 'every account · no condition']]);
    assert.match(text(item(rootAdmin).tooltip), /Assigned in this account to:\n\n- group `[^`]+`\n- user `[^`]+`/);
    assert.ok(![...holders.keys()].some((name) => name.startsWith('AWSReservedSSO_')));

    // The CI role may only audit, on every account; a GitHub OIDC provider can become it.
    const ci = holders.get('rootguard-ci-audit')!;
    assert.deepEqual(await rowsOf('rootguard-ci-audit'), [['audit', 'every account · no condition']]);
    assert.match(text(item(ci).tooltip), /a federated identity provider: `arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com`/);

    // The operators' group: two named accounts from the office network.
    const operatorAccounts = (JSON.parse(seededPolicy('RootOperatorsPolicy')).Statement[0].Resource as string[]).map((arn) => arn.split(':')[4]);
    assert.deepEqual(await rowsOf('ops-bob'), [['password recovery, delete credentials', `${operatorAccounts.join(' ')} · if aws:SourceIp`]]);

    // The developer's boundary removes AssumeRoot: listed, with no grant to open.
    assert.match(text(item(holders.get('dev-alice')!).tooltip), /Permissions boundary `DeveloperBoundary`: removes IAMAuditRootUserCredentials/);
  });

  it('opens a grant on the statement that grants it, read-only, with the linter’s findings', async () => {
    const { holders } = await expand(await holdersNode());

    const [breakGlassGrant] = await grants(holders.get('BreakGlassRoot')!);
    assert.equal(item(breakGlassGrant).command?.command, 'rootguard.holders.openGrant');
    const editor = (await vscode.commands.executeCommand('rootguard.holders.openGrant', breakGlassGrant)) as vscode.TextEditor;
    assert.ok(editor, 'the command opened an editor');
    assert.equal(editor.document.uri.scheme, 'rootguard-account-policy');
    assert.equal(editor.document.getText(), seededPolicy('RootSessionsBreakGlass'), 'the text the engine evaluated, as IAM holds it');
    assert.equal(editor.selection.start.line, 3, 'the statement starts on line 4');
    assert.equal(JSON.parse(editor.document.getText(editor.selection)).Sid, 'BreakGlassRootSessionsWithMfa', 'the whole granting statement is selected');
    // A virtual document: VS Code cannot write it back.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new TextEncoder().encode('{}'))));

    // ops-bob's grant is in a policy of his group.
    const [opsGrant] = await grants(holders.get('ops-bob')!);
    const ops = (await vscode.commands.executeCommand('rootguard.holders.openGrant', opsGrant)) as vscode.TextEditor;
    assert.match(ops.document.uri.path, /\/user ops-bob\/RootOperatorsPolicy \(group RootOperators managed\)\.policy\.json$/);
    assert.equal(JSON.parse(ops.document.getText(ops.selection)).Sid, 'RecoverAndCleanUpTwoAccountsFromTheOffice');

    // The vendor's AdministratorAccess: the linter flags the grant where the statement is selected.
    const [vendorGrant] = await grants(holders.get('VendorAdmin')!);
    const vendor = (await vscode.commands.executeCommand('rootguard.holders.openGrant', vendorGrant)) as vscode.TextEditor;
    assert.equal(vendor.selection.start.line, 3);
    const diagnostics = await waitForDiagnostics(vendor.document.uri, (d) => d.some((x) => x.code !== undefined && String(typeof x.code === 'object' ? x.code.value : x.code) === 'RG101'));
    const rg101 = diagnostics.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'RG101')!;
    assert.ok(vendor.selection.contains(rg101.range), 'the finding is inside the selected statement');
    // The policy lives in the account: its findings offer their documentation, never an edit.
    const actions = await quickFixesFor(vendor.document.uri, rg101);
    assert.deepEqual(
      actions.map((a) => [a.title, Boolean(a.edit)]).sort(),
      [['Show documentation for RG101', false], ['Show documentation for RG201', false]],
    );
  });

  it('shows what it could not read as a row, and still lists who it could', async () => {
    sandbox.setKnobs({ faults: { rate: 1, kinds: ['5xx'], apis: ['sso:ListInstances'] } });
    try {
      await vscode.commands.executeCommand('rootguard.holders.refresh');
      const node = await holdersNode();
      const { rows, groups } = await expand(node);
      const gap = rows.find((r) => r.kind === 'holdersGap');
      assert.ok(gap, 'a row for the part that was not read');
      assert.equal(item(gap).label, 'Not read: IAM Identity Center permission sets');
      assert.equal(rows.indexOf(gap), 0, 'above the holders');
      assert.match(String(item(node).contextValue), /^holders;loaded;recoveryEverywhere;gaps$/);
      // Without Identity Center, its roles are shown as roles rather than left out.
      const everywhere = groups.find(([label]) => label === 'Password recovery or deletion on every account')![1];
      assert.ok(everywhere.some((name) => name.startsWith('AWSReservedSSO_RootAccessAdministrator_')), everywhere.join(', '));
    } finally {
      sandbox.setKnobs({ faults: undefined });
    }
  });

  it('stops a read that is overtaken by a refresh, says so instead of listing anyone, and reads again', async () => {
    // A new connection: nothing read yet.
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    sandbox = api.explorer.connection.sandboxHandle as SandboxHandle;
    const node = await holdersNode();
    assert.equal(item(node).contextValue, 'holders;notLoaded');
    // Every answer waits: the first read is still in flight when the refresh comes.
    sandbox.setKnobs({ latency: { fixedMs: 5_000 } });
    const overtaken = tree().getChildren(node);
    const refreshing = vscode.commands.executeCommand('rootguard.holders.refresh');
    const rows = await overtaken;
    sandbox.setKnobs({ latency: undefined });
    assert.deepEqual(
      rows.map((r) => [r.kind, String(item(r).label)]),
      [['message', 'Reading the holders was cancelled']],
    );
    assert.equal(item(rows[0]).command?.command, 'rootguard.holders.refresh', 'clicking it reads again');
    await refreshing;
    const { groups } = await expand(node);
    assert.equal(groups.length, 4, 'the refresh read them again');
  });
});
