// The Organization policies node in real VS Code against the extension's sandbox organization: it lists the
// seeded SCPs and RCPs with their targets and how many accounts each blocks for which root tasks; opening
// Control Tower's root deny shows its text read-only with RG107 and a quick fix; the fix makes a fixed text
// that is written back with UpdatePolicy only after the confirmation, which names every target, and is
// recorded in the audit log with the old and new text and the caller. Cancelling changes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyUpdateRecord } from '../../src/core/root/auditLog';
import type { ExplorerNode } from '../../src/extension/explorer/nodes';
import type { OrgPolicyNode } from '../../src/extension/explorer/orgPoliciesNodes';
import type { OrgPolicyPrompts } from '../../src/extension/explorer/orgPoliciesActions';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { SandboxHandle } from '../../src/sandbox/index';
import { SEEDED_POLICY_IDS as IDS } from '../../src/sandbox/policySeed';
import { loadOrgFeatures } from './helpers/extension';
import { connectSandbox, walkTree } from './helpers/tree';
import { waitForDiagnostics } from './helpers/waitFor';
import { quickFixesFor } from './lintSupport';

const SEEDED = { accounts: 16, seed: 3, scpBlockedAccounts: 4 };
const TASKS = ['audit', 'allow-password-recovery', 'delete-credentials', 'unlock-s3-bucket', 'unlock-sqs-queue'];

/** Answers the confirmation with what the test scripted, and keeps what it was asked. */
class ScriptedPolicyPrompts implements OrgPolicyPrompts {
  readonly asked: { message: string; detail: string; actions: readonly string[] }[] = [];
  constructor(private readonly answer: string | undefined) {}
  async confirm(message: string, detail: string, actions: readonly string[]) {
    this.asked.push({ message, detail, actions });
    return this.answer;
  }
  async inform() {
    return undefined;
  }
  async saveLocation() {
    return this.saveTo;
  }
  saveTo: vscode.Uri | undefined;
  readonly fixesOffered: string[][] = [];
  async pickFix(titles: readonly string[]) {
    this.fixesOffered.push([...titles]);
    return titles.find((t) => /^Exempt root sessions/.test(t));
  }
}

describe('Organization policies node against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  let realPrompts: OrgPolicyPrompts;
  const auditLogPath = path.join(os.tmpdir(), `rootguard-integration-policies-${process.pid}`, 'audit.jsonl');
  const config = () => vscode.workspace.getConfiguration('rootguard');
  const tree = () => api.explorer.tree;
  const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
  const policyUpdates = (): PolicyUpdateRecord[] =>
    fs.existsSync(auditLogPath) ? fs.readFileSync(auditLogPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PolicyUpdateRecord).filter((r) => r.type === 'policyUpdate') : [];

  async function policyRows(): Promise<Map<string, OrgPolicyNode>> {
    const [org] = await tree().getChildren();
    const node = (await tree().getChildren(org)).find((n) => n.kind === 'orgPolicies');
    assert.ok(node, 'an Organization policies node under the organization');
    const rows = (await tree().getChildren(node)) as ExplorerNode[];
    return new Map(rows.filter((r): r is OrgPolicyNode => r.kind === 'orgPolicy').map((r) => [r.policy.id, r]));
  }

  /** The active member accounts under a policy's targets, from the sandbox's own organization. */
  function accountsUnder(policyId: string): string[] {
    const { world } = sandbox;
    const targets = world.policies.targetsOf(policyId);
    return world.accounts
      .filter((a) => a.state === 'ACTIVE' && a.id !== world.organization.managementAccountId)
      .filter((a) => targets.includes(a.id) || targets.some((t) => world.pathOf(a.parentId).includes(`/${t}/`)))
      .map((a) => a.id);
  }

  async function openControlTowerDeny() {
    const rows = await policyRows();
    const editor = (await vscode.commands.executeCommand('rootguard.policies.open', rows.get(IDS.controlTowerRootDeny))) as vscode.TextEditor;
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => code(x) === 'RG107'));
    return { editor, rg107: diagnostics.find((x) => code(x) === 'RG107')! };
  }

  /**
   * Applies the RG107 quick fix as the editor's Fix Organization Policy… button does (VS Code offers no light
   * bulb in a read-only document), answering with `prompts` from then on.
   */
  async function applyRg107Fix(prompts: ScriptedPolicyPrompts): Promise<{ fixed: string; original: string }> {
    const { editor } = await openControlTowerDeny();
    api.explorer.orgPolicies.prompts = prompts;
    const fixed = (await vscode.commands.executeCommand('rootguard.policies.fix')) as string;
    assert.equal(typeof fixed, 'string', 'a fix was applied');
    return { fixed, original: editor.document.getText() };
  }

  before(async () => {
    api = await loadOrgFeatures();
    await config().update('tasks.auditLogPath', auditLogPath, vscode.ConfigurationTarget.Global);
    realPrompts = api.explorer.orgPolicies.prompts;
  });
  beforeEach(async () => {
    sandbox = await connectSandbox(api, SEEDED);
    await api.explorer.preflight.load();
  });
  after(async () => {
    api.explorer.orgPolicies.prompts = realPrompts;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('tasks.auditLogPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rootguard.disconnect');
    fs.rmSync(path.dirname(auditLogPath), { recursive: true, force: true });
  });

  it('lists the SCPs and RCPs with their targets and the accounts each blocks for which tasks', async () => {
    const rows = await policyRows();
    const { world } = sandbox;
    assert.deepEqual([...rows.keys()].sort(), world.policies.policies.map((p) => p.id).sort(), 'every SCP and RCP, once');

    const controlTower = rows.get(IDS.controlTowerRootDeny)!;
    const blocked = accountsUnder(IDS.controlTowerRootDeny);
    assert.ok(blocked.length > 0);
    const targets = world.policies.targetsOf(IDS.controlTowerRootDeny).length;
    const item = tree().getTreeItem(controlTower);
    assert.equal(
      item.description,
      `SCP · ${targets} target${targets === 1 ? '' : 's'} · blocks ${TASKS.map((t, i) => `${t} in ${blocked.length}${i === 0 ? ` account${blocked.length === 1 ? '' : 's'}` : ''}`).join(', ')}`,
    );
    assert.deepEqual(controlTower.impact.blocked.map((t) => [...t.accountIds].sort()), TASKS.map(() => [...blocked].sort()));
    assert.equal(item.contextValue, 'orgPolicy;scp;blocks');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    for (const target of world.policies.targetsOf(IDS.controlTowerRootDeny)) assert.ok(tooltip.includes(`(\`${target}\`)`), `target ${target} in\n${tooltip}`);

    // Its twin with the AssumeRoot exemption blocks nothing; the RCP is listed with the RCPs.
    assert.doesNotMatch(String(tree().getTreeItem(rows.get(IDS.controlTowerRootDenyExempt)!).description), /blocks/);
    assert.match(String(tree().getTreeItem(rows.get(IDS.protectS3BucketPolicies)!).description), /^RCP · \d+ targets? · blocks unlock-s3-bucket in \d+ account/);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'AssumeRoot').length, 0, 'no root session was opened');
  });

  it('the filter "accounts where a root task is blocked" shows exactly the accounts predicted blocked', async () => {
    const shownAccounts = async () => (await walkTree(api)).flatMap((r) => (r.node.kind === 'account' ? [r.node.accountId] : [])).sort();
    const predicted = api.explorer.preflight.current!.predictions;
    const blocked = [...new Set(predicted.filter((p) => p.result === 'blocked').map((p) => p.accountId))].sort();
    assert.ok(blocked.includes(accountsUnder(IDS.controlTowerRootDeny)[0]), 'Control Tower’s blocked account is among them');
    const everyAccount = await shownAccounts();
    assert.ok(everyAccount.length > blocked.length, 'some accounts have no task blocked');
    await vscode.commands.executeCommand('rootguard.filter', { rootTaskBlocked: true });
    try {
      assert.deepEqual(await shownAccounts(), blocked);
      assert.equal(api.explorer.view.message, 'Showing accounts where a root task is blocked.');
    } finally {
      await vscode.commands.executeCommand('rootguard.clearFilter');
    }
    assert.deepEqual(await shownAccounts(), everyAccount, 'clearing shows every account again');
  });

  it('opens an SCP read-only, as Organizations holds it, with RG107 and its quick fix', async () => {
    const { editor, rg107 } = await openControlTowerDeny();
    assert.equal(editor.document.uri.scheme, 'rootguard-org-policy');
    assert.equal(editor.document.getText(), sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new TextEncoder().encode('{}'))));
    assert.match(rg107.message, /without a "Null": \{"aws:AssumedRoot": "true"\} exemption/);
    const actions = await quickFixesFor(editor.document.uri, rg107);
    const fix = actions.find((a) => a.command?.command === 'rootguard.policies.applyFix');
    assert.ok(fix, `a fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.edit, undefined, 'the document itself is never edited');
    // The command names the linter's fix (diagnostic key, index): a caller's own title and edits make nothing.
    const { uri, version } = editor.document;
    const forged = await vscode.commands.executeCommand('rootguard.policies.applyFix', uri.toString(), version, 'Verified by AWS', [{ start: 0, end: 1, text: '{"Statement": [] ' }]);
    assert.equal(forged, undefined, 'no fixed text from edits a caller passed');
  });

  it('saves the fixed text to the file the user picks, and changes nothing in AWS', async () => {
    const before = sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content;
    const prompts = new ScriptedPolicyPrompts(undefined);
    const { fixed } = await applyRg107Fix(prompts);
    prompts.saveTo = vscode.Uri.file(path.join(path.dirname(auditLogPath), 'fixed-scp.json'));
    api.explorer.orgPolicies.prompts = prompts;
    const saved = (await vscode.commands.executeCommand('rootguard.policies.saveFixed', IDS.controlTowerRootDeny)) as vscode.Uri;
    assert.equal(saved.fsPath, prompts.saveTo.fsPath);
    // The diff of the two texts is checked in the e2e suite, in a browser: in this extension host, after the
    // earlier suites, VS Code 1.100's diff editor at times never finished computing its diff (unexplained).
    assert.equal(fs.readFileSync(saved.fsPath, 'utf8'), fixed);
    assert.deepEqual(prompts.asked, [], 'saving asks no confirmation');
    assert.equal(sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content, before);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'UpdatePolicy').length, 0);
  });

  it('a cancelled write back changes nothing and records nothing', async () => {
    const before = sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content;
    const prompts = new ScriptedPolicyPrompts(undefined);
    const { fixed } = await applyRg107Fix(prompts);
    assert.notEqual(fixed, before);
    const result = await vscode.commands.executeCommand('rootguard.policies.writeBack', IDS.controlTowerRootDeny);
    assert.equal(result, undefined);
    assert.equal(prompts.asked.length, 1, 'the confirmation was asked');
    assert.equal(sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content, before);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'UpdatePolicy').length, 0);
    assert.deepEqual(policyUpdates().filter((r) => r.policyId === IDS.controlTowerRootDeny && r.newContent === fixed), []);
  });

  it('writes the fixed SCP back after the confirmation naming every target, and records the old and new text', async () => {
    const before = sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content;
    const prompts = new ScriptedPolicyPrompts('Write Back');
    const { fixed, original } = await applyRg107Fix(prompts);
    assert.equal(original, before);
    const statement = (JSON.parse(fixed) as { Statement: { Condition: Record<string, unknown> }[] }).Statement[0];
    assert.deepEqual(statement.Condition.Null, { 'aws:AssumedRoot': 'true' }, 'the fix exempts root sessions');

    // From the editor's title button: the policy of the active editor (the fixed text in the diff).
    const record = (await vscode.commands.executeCommand('rootguard.policies.writeBack')) as PolicyUpdateRecord;

    const [asked] = prompts.asked;
    assert.deepEqual(asked.actions, ['Write Back', 'Dry Run']);
    for (const target of sandbox.world.policies.targetsOf(IDS.controlTowerRootDeny)) assert.ok(asked.detail.includes(`(${target})`), `target ${target} named in\n${asked.detail}`);
    assert.match(asked.detail, /organizations:UpdatePolicy/);

    assert.equal(sandbox.world.policies.find(IDS.controlTowerRootDeny)!.content, fixed, 'the sandbox holds the fixed text');
    const caller = (await api.explorer.tree.model.overview()).caller.arn;
    const written = policyUpdates().filter((r) => r.id === record.id);
    assert.equal(written.length, 1);
    assert.deepEqual([written[0].outcome, written[0].oldContent, written[0].newContent, written[0].callerArn], ['updated', before, fixed, caller]);
    assert.deepEqual(policyUpdates().filter((r) => r.id === record.intentId).map((r) => [r.outcome, r.newContent]), [['intent', fixed]], 'the intent was written first');

    // The prediction is read again from the new text: the policy no longer blocks root tasks.
    await api.explorer.preflight.load();
    const rows = await policyRows();
    assert.doesNotMatch(String(tree().getTreeItem(rows.get(IDS.controlTowerRootDeny)!).description), /blocks/);
  });
});
