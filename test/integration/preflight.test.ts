// The preflight in the Root Access tree, in real VS Code against the extension's sandbox organization seeded
// with the SCPs and RCPs found in the field (Control Tower's root deny with and without its AssumeRoot
// exemption, a Landing Zone Accelerator NotAction root deny with an S3 RCP, a region deny, a SourceIp deny, an
// account without FullAWSAccess): before any audit, each blocked account's row and tooltip name the policy
// and statement that stop its root tasks; a refresh reads the policies again; a caller that may not read
// them is told so, and no task is shown as working. A task's confirmation names the accounts predicted
// blocked with the deciding statement and can skip them; an outcome that contradicts the prediction is
// reported.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialKind } from '../../src/core/root/deleteCredentials';
import type { TaskRun } from '../../src/core/root/taskRun';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { Prompts } from '../../src/extension/tasks/prompts';
import { customerPolicyArn } from '../../src/sandbox/orgPolicies';
import { SEEDED_POLICY_IDS as IDS } from '../../src/sandbox/policySeed';
import { loadOrgFeatures } from './helpers/extension';
import { connectSandbox, type TreeRow, walkTree } from './helpers/tree';

/** Four blocked members, one of each blocking shape the sandbox seeds, besides the region deny and the exempt Control Tower deny. */
const SEEDED = { accounts: 16, seed: 3, scpBlockedAccounts: 4 };

describe('preflight in the Root Access tree', function () {
  this.timeout(120_000);
  let api: OrgFeatures;

  /** Walks the tree (which starts the prediction), waits for it, and walks again. */
  async function predictedRows(): Promise<TreeRow[]> {
    await walkTree(api);
    await api.explorer.preflight.load();
    return walkTree(api);
  }
  const accountRow = (rows: TreeRow[], accountId: string) => {
    const found = rows.find((r) => r.node.kind === 'account' && r.node.accountId === accountId);
    assert.ok(found, `the row of ${accountId}`);
    return { description: String(found.item.description), tooltip: (found.item.tooltip as vscode.MarkdownString).value, contextValue: found.item.contextValue ?? '', icon: found.item.iconPath as vscode.ThemeIcon };
  };
  /** The tooltip shows Markdown-escaped text: `\(` for `(`. */
  const unescape = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

  before(async () => {
    api = await loadOrgFeatures();
  });
  after(() => vscode.commands.executeCommand('rootguard.disconnect'));

  it('shows each blocked account, before any audit, with the deciding policy and statement per task', async () => {
    const sandbox = await connectSandbox(api, SEEDED);
    const rows = await predictedRows();
    const { world } = sandbox;
    const attachedAccount = (policyId: string) => world.policies.targetsOf(policyId).find((id) => world.findAccount(id))!;
    const legacy = world.accounts.find((a) => world.findOu(a.parentId)?.name === 'LegacyRootDeny')!;

    const controlTower = accountRow(rows, legacy.id);
    assert.equal(controlTower.description, `${legacy.id} · not audited · root tasks blocked`);
    assert.deepEqual([controlTower.icon.id, controlTower.icon.color?.id], ['lock', 'problemsWarningIcon.foreground']);
    assert.match(controlTower.contextValue, /;notAudited;preflightBlocked$/);
    const ctText = unescape(controlTower.tooltip);
    for (const task of ['audit', 'allow-password-recovery', 'delete-credentials', 'unlock-s3-bucket', 'unlock-sqs-queue']) {
      assert.ok(ctText.includes(`- ${task} blocked by SCP aws-guardrails-RestrictRootUser (${IDS.controlTowerRootDeny}), statement 1 (GRRESTRICTROOTUSER)`), `${task} in\n${ctText}`);
    }

    const lza = unescape(accountRow(rows, attachedAccount(IDS.lzaRootNotAction)).tooltip);
    assert.ok(lza.includes(`- audit blocked by SCP AcceleratorGuardrails-Root (${IDS.lzaRootNotAction}), statement 2 (DenyRootUser)`), lza);
    // The RCP stops the deletion; what the account's SCP stops (listing the buckets to pick from) the unlock
    // does without, so the tooltip names the RCP alone.
    assert.ok(lza.includes(`- unlock-s3-bucket blocked by RCP ProtectS3BucketPolicies (${IDS.protectS3BucketPolicies}), statement 1 (DenyBucketPolicyChanges)\n`), lza);

    const sourceIpId = attachedAccount(IDS.rootOutsideCorporateNetwork);
    const sourceIp = accountRow(rows, sourceIpId);
    assert.equal(sourceIp.description, `${sourceIpId} · not audited · root tasks depend on aws:SourceIp`);
    assert.match(sourceIp.contextValue, /;preflightDepends$/);
    assert.ok(unescape(sourceIp.tooltip).includes(`- delete-credentials depends on aws:SourceIp (SCP DenyRootOutsideCorporateNetwork (${IDS.rootOutsideCorporateNetwork}), statement 1)`));

    const noFullAccessId = attachedAccount(IDS.computeAndStorageOnly);
    const noFullAccess = accountRow(rows, noFullAccessId);
    assert.equal(noFullAccess.description, `${noFullAccessId} · not audited · 4 of 5 root tasks blocked`);
    const noFullText = unescape(noFullAccess.tooltip);
    assert.ok(noFullText.includes(`- audit blocked: no SCP at ${noFullAccessId} allows iam:GetAccountSummary and 6 more calls`), noFullText);
    assert.ok(noFullText.includes('- unlock-s3-bucket works'), 'its allow list has s3:*');

    // Under the Workloads OU, Control Tower's deny exempts root sessions: every task works, the row is unchanged.
    const workloads = world.policies.targetsOf(IDS.controlTowerRootDenyExempt)[0];
    const exempt = world.accounts.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && world.pathOf(a.parentId).includes(workloads))!;
    const free = accountRow(rows, exempt.id);
    assert.equal(free.description, `${exempt.id} · not audited`);
    assert.doesNotMatch(free.contextValue, /preflight/);
    assert.match(free.tooltip, /- delete-credentials works\n/);

    const management = accountRow(rows, world.organization.managementAccountId);
    assert.match(management.tooltip, /Root tasks not predicted: the management account is not subject to SCPs/);
    assert.doesNotMatch(management.tooltip, /works/);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'AssumeRoot').length, 0, 'no root session was opened');
  });

  it('reads the policies again on refresh', async () => {
    const sandbox = await connectSandbox(api, SEEDED);
    const { world } = sandbox;
    const legacy = world.accounts.find((a) => world.findOu(a.parentId)?.name === 'LegacyRootDeny')!;
    assert.match(accountRow(await predictedRows(), legacy.id).description, /root tasks blocked$/);

    world.policies.detach(IDS.controlTowerRootDeny, legacy.parentId);
    await vscode.commands.executeCommand('rootguard.refresh');
    const row = accountRow(await predictedRows(), legacy.id);
    assert.equal(row.description, `${legacy.id} · not audited`);
    assert.match(row.tooltip, /- audit works\n/);
  });

  it('a caller that may not read the policies is told so in the tooltips, and the tree still lists every account', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, caller: 'delegatedAdmin' });
    const { world } = sandbox;
    // An SCP on the delegated administrator's own account refuses it the policy listing (before the tree asks).
    const id = 'p-denylistpol';
    world.policies.add({
      id,
      arn: customerPolicyArn(world.organization.managementAccountId, world.organization.id, 'SERVICE_CONTROL_POLICY', id),
      name: 'DenyPolicyListing',
      description: 'test',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:ListPolicies', Resource: '*' }] }),
    });
    world.policies.attach(id, world.accounts[1].id);

    const rows = await predictedRows();
    assert.equal(api.explorer.preflight.current, undefined);
    const accounts = rows.filter((r) => r.node.kind === 'account');
    assert.equal(accounts.length, world.accounts.length);
    for (const account of accounts) {
      const row = accountRow(rows, account.node.kind === 'account' ? account.node.accountId : '');
      assert.match(unescape(row.tooltip), /Root tasks \*\*not predicted\*\*: The caller may not read the organization's policies \(ListPolicies was denied\)/);
      assert.doesNotMatch(row.tooltip, /works/);
      assert.doesNotMatch(row.description, /root tasks/);
    }
  });
});

/** Answers confirmations in order and records every question; an unexpected one fails the test. */
class ScriptedPrompts implements Prompts {
  readonly asked: { method: string; text: string; actions?: readonly string[] }[] = [];
  answers: string[] = [];
  async confirm(message: string, detail: string, actions: readonly string[]) {
    this.asked.push({ method: 'confirm', text: `${message}\n${detail}`, actions });
    const prefix = this.answers.shift();
    const answer = prefix === undefined ? undefined : actions.find((a) => a.startsWith(prefix));
    if (!answer) throw new Error(`no scripted answer "${prefix}" among ${actions.join(', ')}`);
    return answer;
  }
  async typeCount(count: number, scope: string) {
    this.asked.push({ method: 'typeCount', text: `${count} ${scope}` });
    return true;
  }
  async pickCredentialKinds(): Promise<CredentialKind[]> {
    return ['accessKeys'];
  }
  async askBucket() {
    return undefined;
  }
  async askQueue() {
    return undefined;
  }
  async pickAccounts() {
    return undefined;
  }
  async pickKeptPolicy() {
    return undefined;
  }
  async showDocument() {}
  async inform(message: string) {
    this.asked.push({ method: 'inform', text: message });
    return undefined;
  }
}

describe('preflight in the task confirmations', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let prompts: ScriptedPrompts;
  let realPrompts: Prompts;
  const auditLogPath = path.join(os.tmpdir(), `rootguard-preflight-${process.pid}`, 'audit.jsonl');
  const config = () => vscode.workspace.getConfiguration('rootguard');

  before(async () => {
    api = await loadOrgFeatures();
    realPrompts = api.tasks.commands.prompts;
    await config().update('tasks.auditLogPath', auditLogPath, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.tasks.commands.prompts = prompts;
  });
  afterEach(() => assert.deepEqual(prompts.answers, [], 'every scripted answer was asked for'));
  after(async () => {
    api.tasks.commands.prompts = realPrompts;
    await config().update('tasks.auditLogPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rootguard.disconnect');
    fs.rmSync(path.dirname(auditLogPath), { recursive: true, force: true });
  });

  it('a bulk run names the accounts predicted blocked with the deciding statement, and skips them when asked to', async () => {
    const sandbox = await connectSandbox(api, SEEDED);
    const { world } = sandbox;
    const [org] = await walkTree(api);
    const blocked = world.accounts.filter((a) => a.scpDeniesRootSessions && !world.policies.targetsOf(IDS.rootOutsideCorporateNetwork).includes(a.id));
    const sourceIp = world.account(world.policies.targetsOf(IDS.rootOutsideCorporateNetwork)[0]);
    const legacy = blocked.find((a) => world.findOu(a.parentId)?.name === 'LegacyRootDeny')!;
    const lza = world.account(world.policies.targetsOf(IDS.lzaRootNotAction)[0]);
    const noFullAccess = world.account(world.policies.targetsOf(IDS.computeAndStorageOnly).find((id) => world.findAccount(id))!);
    const untouched = JSON.stringify(blocked.map((a) => a.root));

    prompts.answers = ['Skip Predicted Blocked'];
    const run = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', org.node)) as TaskRun;

    const [confirm] = prompts.asked;
    assert.equal(confirm.actions?.[0], 'Skip Predicted Blocked and Delete…');
    assert.ok(confirm.actions?.includes('Delete…'), 'the user can include them');
    const text = confirm.text;
    assert.ok(text.includes("Predicted blocked by the organization's SCPs or RCPs (3), skipped unless you include them:"), text);
    assert.ok(text.includes(`• ${legacy.name} (${legacy.id}): delete-credentials blocked by SCP aws-guardrails-RestrictRootUser (${IDS.controlTowerRootDeny}), statement 1 (GRRESTRICTROOTUSER)`), text);
    assert.ok(text.includes(`• ${lza.name} (${lza.id}): delete-credentials blocked by SCP AcceleratorGuardrails-Root (${IDS.lzaRootNotAction}), statement 2 (DenyRootUser)`), text);
    assert.ok(text.includes(`• ${noFullAccess.name} (${noFullAccess.id}): delete-credentials blocked: no SCP at ${noFullAccess.id} allows`), text);
    assert.ok(text.includes(`Predicted to depend on a condition (1):\n• ${sourceIp.name} (${sourceIp.id}): delete-credentials depends on aws:SourceIp`), text);

    const eligible = world.accounts.filter((a) => a.role !== 'management' && a.state === 'ACTIVE');
    assert.equal(prompts.asked.find((q) => q.method === 'typeCount')?.text, `${eligible.length - 3} organization ${world.organization.id}`);
    assert.deepEqual(run.results.map((r) => r.accountId).sort(), eligible.filter((a) => !blocked.includes(a)).map((a) => a.id).sort());
    assert.equal(JSON.stringify(blocked.map((a) => a.root)), untouched, 'no session in a skipped account');
    // The SourceIp deny refuses the sandbox's 127.0.0.1: the prediction said it depends, so nothing contradicts it.
    assert.equal(run.results.find((r) => r.accountId === sourceIp.id)?.status, 'failed');
    const summary = prompts.asked.at(-1)!;
    assert.equal(summary.method, 'inform');
    assert.match(summary.text, / 3 predicted blocked were skipped\./);
    assert.doesNotMatch(summary.text, /contradicted/);
  });

  it('an outcome that contradicts the prediction is reported in the run summary (and logged)', async () => {
    const sandbox = await connectSandbox(api, SEEDED);
    const { world } = sandbox;
    await walkTree(api);
    await api.explorer.preflight.load();
    const target = world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    assert.equal(api.explorer.preflight.predictions(target.id).find((p) => p.task === 'IAMDeleteRootUserCredentials')?.result, 'works');
    // The organization changes after the prediction was read: Control Tower's root deny lands on the account.
    world.policies.attach(IDS.controlTowerRootDeny, target.id);

    prompts.answers = ['Delete'];
    const run = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', target.id)) as TaskRun;
    assert.equal(run.results[0].status === 'failed' && run.results[0].code, 'AccessDenied');
    assert.doesNotMatch(prompts.asked[0].text, /Predicted blocked/, 'predicted to work when confirmed');
    assert.match(prompts.asked.at(-1)!.text, /The outcome contradicted the preflight in 1 account: see the log\.$/);
  });
});
