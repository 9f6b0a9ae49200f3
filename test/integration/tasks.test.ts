// Privileged tasks in real VS Code against the extension's sandbox organization. A scripted Prompts answers
// every confirmation (and records what it was asked), so each flow runs end to end through the registered
// commands: the tree node in, the modal naming the account, the plan read in the session, the change in the
// sandbox, the audit log on disk, the re-audit in the tree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { OrgAccount } from '../../src/core/org/model';
import type { AuditRecord } from '../../src/core/root/auditLog';
import type { CredentialKind } from '../../src/core/root/deleteCredentials';
import type { TaskRun } from '../../src/core/root/taskRun';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { ExplorerNode } from '../../src/extension/explorer/nodes';
import type { ListedResources, Prompts } from '../../src/extension/tasks/prompts';
import type { KeptPolicyEntry } from '../../src/core/root/keptPolicyLookup';
import type { SandboxAccount, SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';
import { waitFor } from './helpers/waitFor';

/** Answers by rule and records every question; an unexpected question fails the test that asked it. */
class ScriptedPrompts implements Prompts {
  readonly asked: { method: string; text: string; actions?: readonly string[] }[] = [];
  confirmAnswers: ((message: string, actions: readonly string[]) => string | undefined)[] = [];
  countAnswer = true;
  kinds: CredentialKind[] = ['password', 'accessKeys', 'signingCertificates', 'mfaDevices'];
  bucket = '';
  queue = '';
  accounts: string[] = [];
  shown: { title: string; content: string }[] = [];
  /** Runs while the question is open, e.g. to look at the session countdown. */
  duringConfirm: () => void = () => undefined;

  async confirm(message: string, detail: string, actions: readonly string[]) {
    this.asked.push({ method: 'confirm', text: `${message}\n${detail}`, actions });
    this.duringConfirm();
    const answer = this.confirmAnswers.shift();
    if (!answer) throw new Error(`unexpected confirmation: ${message}`);
    return answer(message, actions);
  }
  async typeCount(count: number, scope: string) {
    this.asked.push({ method: 'typeCount', text: `${count} ${scope}` });
    return this.countAnswer;
  }
  async pickCredentialKinds(scope: string) {
    this.asked.push({ method: 'pickCredentialKinds', text: scope });
    return this.kinds;
  }
  listed: ListedResources[] = [];
  async askBucket(account: OrgAccount, listed: ListedResources) {
    this.asked.push({ method: 'askBucket', text: account.id });
    this.listed.push(listed);
    return this.bucket;
  }
  /** Typed into the queue prompt before answering: what its check says of each is in `queueProblems`. */
  queueTyped: string[] = [];
  queueProblems: (string | undefined)[] = [];
  async askQueue(account: OrgAccount, listed: ListedResources, problemOf: (typed: string) => string | undefined) {
    this.asked.push({ method: 'askQueue', text: account.id });
    this.listed.push(listed);
    this.queueProblems = this.queueTyped.map(problemOf);
    return this.queue || undefined;
  }
  async pickAccounts(accounts: readonly OrgAccount[]) {
    return accounts.filter((a) => this.accounts.includes(a.id));
  }
  async showDocument(title: string, content: string) {
    this.shown.push({ title, content });
  }
  keptOffered: KeptPolicyEntry[][] = [];
  /** The audit log lines the restore picker was told were skipped, one entry per time it was shown. */
  keptSkippedLines: number[] = [];
  /** False: the user presses Escape in the restore picker. */
  pickKept = true;
  async pickKeptPolicy(kept: readonly KeptPolicyEntry[], skippedLines: number) {
    this.keptOffered.push([...kept]);
    this.keptSkippedLines.push(skippedLines);
    return this.pickKept ? kept[0] : undefined;
  }
  /** The action chosen from a non-modal message, when it offers it. */
  informAnswer?: string;
  async inform(message: string, actions: readonly string[]) {
    this.asked.push({ method: 'inform', text: message, actions });
    return this.informAnswer && actions.includes(this.informAnswer) ? this.informAnswer : undefined;
  }
}

const pick = (label: string) => (_message: string, actions: readonly string[]) => {
  const found = actions.find((a) => a.startsWith(label));
  if (!found) throw new Error(`no "${label}" among ${actions.join(', ')}`);
  return found;
};

describe('privileged tasks against the sandbox organization', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  let prompts: ScriptedPrompts;
  let realPrompts: Prompts;
  const auditLogPath = path.join(os.tmpdir(), `rootguard-integration-${process.pid}`, 'audit.jsonl');
  const config = () => vscode.workspace.getConfiguration('rootguard');

  async function nodes(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await api.explorer.tree.getChildren(node);
    return [...children, ...(await Promise.all(children.map((c) => nodes(c)))).flat()];
  }
  async function accountNode(id: string) {
    const found = (await nodes()).find((n) => n.kind === 'account' && n.accountId === id);
    assert.ok(found, `node of ${id}`);
    return found;
  }
  /** A member seeded with `profile` whose seeded credentials an earlier test has not deleted. */
  const member = (profile: SandboxAccount['rootProfile']) => {
    const untouched = (a: SandboxAccount) => a.root.accessKeys.length + a.root.mfaDevices.length + a.root.signingCertificates.length + (a.root.loginProfile ? 1 : 0) > 0;
    const found = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.rootProfile === profile && untouched(a));
    assert.ok(found, profile);
    return found;
  };
  const auditRecords = (): AuditRecord[] =>
    fs.existsSync(auditLogPath) ? fs.readFileSync(auditLogPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord) : [];
  const descriptionOf = async (id: string) => String(api.explorer.tree.getTreeItem(await accountNode(id)).description);
  const rowOf = async (id: string) => api.explorer.tree.getTreeItem(await accountNode(id));
  const worldJson = () => JSON.stringify(sandbox.world.accounts.map((a) => ({ root: a.root, buckets: a.buckets, queues: a.queues })));

  before(async () => {
    api = await loadOrgFeatures();
    await config().update('tasks.auditLogPath', auditLogPath, vscode.ConfigurationTarget.Global);
    await config().update('tasks.sessionSeconds', 120, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rootguard.connectSandbox');
    sandbox = api.explorer.connection.sandboxHandle as SandboxHandle;
    realPrompts = api.tasks.commands.prompts;
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.tasks.commands.prompts = prompts;
  });
  afterEach(() => assert.deepEqual(prompts.confirmAnswers, [], 'every scripted answer was asked for'));
  after(async () => {
    api.tasks.commands.prompts = realPrompts;
    await config().update('tasks.auditLogPath', undefined, vscode.ConfigurationTarget.Global);
    await config().update('tasks.sessionSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('protectedAccounts', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('rootguard.disconnect');
    fs.rmSync(path.dirname(auditLogPath), { recursive: true, force: true });
  });

  it('deletes root credentials of one account from its node: modal naming it, plan in the session, audit log, re-audit', async () => {
    const account = member('everything');
    const others = sandbox.world.accounts.filter((a) => a.id !== account.id).map((a) => JSON.stringify(a.root));
    const keyIds = account.root.accessKeys.map((k) => k.accessKeyId);
    let sessionsDuringPlan = -1;
    prompts.confirmAnswers = [pick('Delete'), pick('Delete')];
    prompts.duringConfirm = () => (sessionsDuringPlan = api.tasks.countdown.openSessions().length);
    const run = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', await accountNode(account.id))) as TaskRun;

    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.deepEqual(prompts.asked.filter((q) => q.method === 'pickCredentialKinds').map((q) => q.text), [`${account.name} (${account.id})`], 'the kind picker names the account');
    const [first, plan] = prompts.asked.filter((q) => q.method === 'confirm');
    assert.match(first.text, new RegExp(`${account.name} \\(${account.id}\\)`));
    assert.match(plan.text, new RegExp(`in ${account.name} \\(${account.id}\\)`));
    for (const id of keyIds) assert.ok(plan.text.includes(id), `the plan lists ${id}`);
    assert.equal(sessionsDuringPlan, 1, 'the countdown showed the open session while the plan was on screen');
    assert.equal(api.tasks.countdown.openSessions().length, 0);
    assert.deepEqual(account.root, { ...account.root, loginProfile: undefined, accessKeys: [], signingCertificates: [], mfaDevices: [] });
    assert.deepEqual(sandbox.world.accounts.filter((a) => a.id !== account.id).map((a) => JSON.stringify(a.root)), others);
    const records = auditRecords().filter((r) => r.accountId === account.id);
    assert.deepEqual(records.map((r) => r.type), ['intent', 'outcome']);
    await waitFor(async () => (await descriptionOf(account.id)).endsWith('no root credentials'), { message: 'the re-audit in the tree' });
    assert.match(prompts.asked.at(-1)!.text, /: 1 changed\./);
  });

  it('bulk on an OU: a dry run changes nothing; the real run needs the typed count', async () => {
    const ou = (await nodes()).find((n) => n.kind === 'ou' && n.unit.name === 'Sandbox');
    assert.ok(ou && ou.kind === 'ou');
    const before = worldJson();
    prompts.confirmAnswers = [pick('Dry Run')];
    const dry = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', ou)) as TaskRun;
    assert.ok(dry.results.length > 1 && dry.results.every((r) => r.status === 'dry-run'));
    assert.equal(worldJson(), before);
    // The OU is named with its id: another OU may share or imitate its name.
    const [question] = prompts.asked.find((q) => q.method === 'confirm')!.text.split('\n');
    assert.ok(question.startsWith('Delete root credentials ') && question.endsWith(` in OU Sandbox (${ou.unit.id})?`), question);

    prompts.confirmAnswers = [pick('Delete')];
    prompts.countAnswer = false;
    assert.equal(await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', ou), undefined);
    assert.equal(worldJson(), before, 'a wrong count stops the run');

    prompts.confirmAnswers = [pick('Delete')];
    prompts.countAnswer = true;
    const run = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', ou)) as TaskRun;
    const typed = prompts.asked.filter((q) => q.method === 'typeCount').at(-1)!;
    assert.equal(typed.text, `${run.results.length} OU Sandbox (${ou.unit.id})`);
    for (const r of run.results) {
      assert.equal(r.status, 'done', JSON.stringify(r));
      const root = sandbox.world.account(r.accountId).root;
      assert.ok(!root.loginProfile && !root.accessKeys.length && !root.signingCertificates.length && !root.mfaDevices.length);
    }
  });

  it('shows a dry run\'s report rendered in the editor area: each account by name with its planned changes', async () => {
    const account = member('activeKeyUsed');
    const before = worldJson();
    prompts.confirmAnswers = [pick('Dry Run')];
    prompts.informAnswer = 'Show Report';
    const dry = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', await accountNode(account.id))) as TaskRun;
    assert.equal(dry.results[0].status, 'dry-run', JSON.stringify(dry.results[0]));
    assert.equal(worldJson(), before);

    const panel = await waitFor(() => api.tasks.commands.reports.lastShown, { message: 'the report' });
    assert.match(panel.title, /^Delete root credentials \(.*\) \(dry run\): report$/);
    assert.equal(await waitFor(() => panel.viewColumn, { message: 'the panel placed' }), vscode.ViewColumn.One, 'in the editor area, not a side column');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('rootguard.taskReport'));
    assert.equal(tab?.label, panel.title);
    const html = panel.webview.html;
    assert.match(html, /<h1>Delete root credentials \(console password, .*\) \(dry run\)<\/h1>/);
    const row = html.split('<tr>').find((r) => r.includes(`<td>${account.name} (${account.id})</td>`));
    assert.ok(row, html);
    assert.match(row, /<td>would change<\/td>/);
    for (const key of account.root.accessKeys) assert.ok(row.includes(key.accessKeyId), `the row lists ${key.accessKeyId}`);
    assert.ok(!/<script/i.test(html) && /default-src 'none'/.test(html), 'no script, nothing loaded');
    panel.dispose();
  });

  it('refuses a protected account unless the confirmation overrides it', async () => {
    const account = member('activeKeyUsed');
    await config().update('protectedAccounts', [account.id], vscode.ConfigurationTarget.Global);
    const marked = await waitFor(async () => {
      const row = await rowOf(account.id);
      return String(row.description).startsWith(`${account.id} · protected ·`) ? row : undefined;
    }, { message: 'the protected mark on the row' });
    assert.match(marked.contextValue!, /^account;member;active;protected;/);
    prompts.kinds = ['accessKeys'];
    prompts.confirmAnswers = [pick('Delete')];
    const refused = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', account.id)) as TaskRun;
    assert.equal(refused.results[0].status === 'skipped' && refused.results[0].reason, 'protected');
    assert.equal(account.root.accessKeys.length, 1);
    assert.match(prompts.asked.find((q) => q.method === 'confirm')!.text, /Protected \(rootguard\.protectedAccounts\)/);

    prompts.confirmAnswers = [pick('Override Protection'), pick('Delete')];
    const run = (await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', account.id)) as TaskRun;
    assert.equal(run.results[0].status, 'done');
    assert.equal(account.root.accessKeys.length, 0);
  });

  it('allows password recovery, says what happens next and flags the account until its password is deleted', async () => {
    const account = member('activeKeyNeverUsed');
    prompts.confirmAnswers = [pick('Allow Recovery'), pick('Allow Recovery')];
    const run = (await vscode.commands.executeCommand('rootguard.account.allowPasswordRecovery', await accountNode(account.id))) as TaskRun;
    assert.equal(run.results[0].status, 'done');
    assert.ok(account.root.loginProfile, 'a login profile without a password exists');
    assert.match(prompts.asked.at(-1)!.text, /Forgot password/);
    assert.ok(api.tasks.recovery.allowedAt(account.id));
    const flagged = await waitFor(async () => {
      const row = await rowOf(account.id);
      return String(row.description).endsWith('password · 1 key · password recovery allowed') ? row : undefined;
    }, { message: 'the recovery flag on the re-audited row' });
    assert.match(flagged.contextValue!, /;recoveryAllowed\b/);
    assert.match((flagged.tooltip as vscode.MarkdownString).value, /Password recovery allowed/);

    prompts.kinds = ['password'];
    prompts.confirmAnswers = [pick('Delete'), pick('Delete')];
    await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', account.id);
    assert.equal(account.root.loginProfile, undefined);
    assert.equal(api.tasks.recovery.allowedAt(account.id), undefined);
    const cleared = await waitFor(async () => {
      const row = await rowOf(account.id);
      return String(row.description).endsWith('· 1 key') ? row : undefined;
    }, { message: 'the row without the recovery flag' });
    assert.doesNotMatch(cleared.contextValue!, /recoveryAllowed/);
    assert.doesNotMatch((cleared.tooltip as vscode.MarkdownString).value, /Password recovery allowed/);
  });

  it('unlocks an S3 bucket policy after showing it', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.buckets.some((b) => b.policy))!;
    const bucket = account.buckets.find((b) => b.policy)!;
    const policy = bucket.policy!;
    prompts.bucket = bucket.name;
    prompts.confirmAnswers = [pick('Delete Policy'), pick('Delete Policy')];
    const run = (await vscode.commands.executeCommand('rootguard.account.unlockS3BucketPolicy', await accountNode(account.id))) as TaskRun;
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    // The picker got the account's buckets, listed in a session of the task's own policy, the locked one marked.
    const [listed] = prompts.listed;
    assert.ok('candidates' in listed, JSON.stringify(listed));
    assert.deepEqual(listed.candidates.map((c) => c.name).sort(), account.buckets.map((b) => b.name).sort());
    assert.equal(listed.candidates.find((c) => c.name === bucket.name)?.policy, 'locked');
    assert.deepEqual(JSON.parse(prompts.shown[0].content), JSON.parse(policy));
    assert.equal(bucket.policy, undefined);
  });

  it('offers to restore an unlocked bucket policy, and restores it from the palette picker or the offer', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.buckets.some((b) => b.policy))!;
    const bucket = account.buckets.find((b) => b.policy)!;
    const policy = bucket.policy!;
    prompts.bucket = bucket.name;
    prompts.confirmAnswers = [pick('Delete Policy'), pick('Delete Policy')];
    const unlock = (await vscode.commands.executeCommand('rootguard.account.unlockS3BucketPolicy', await accountNode(account.id))) as TaskRun;
    assert.equal(unlock.results[0].status, 'done', JSON.stringify(unlock.results[0]));
    assert.equal(bucket.policy, undefined);
    const offer = prompts.asked.find((a) => a.method === 'inform' && a.actions?.includes('Restore Policy'));
    assert.ok(offer, JSON.stringify(prompts.asked.filter((a) => a.method === 'inform')));

    prompts.confirmAnswers = [pick('Restore Policy'), pick('Restore Policy')];
    const restore = (await vscode.commands.executeCommand('rootguard.restorePolicy')) as TaskRun;
    assert.equal(restore.results[0].status, 'done', JSON.stringify(restore.results[0]));
    assert.equal(prompts.keptOffered.at(-1)?.[0].keptPolicy.target, bucket.name);
    assert.equal(bucket.policy, policy);
    assert.ok(!prompts.asked.some((a) => a.method === 'inform' && a.text.includes('Restore the policy') && a.actions?.includes('Restore Policy')), 'a restore offers no restore');

    // With the intent id, as the offer passes it: the policy is back already, so nothing changes.
    const intentId = prompts.keptOffered.at(-1)![0].intentId;
    prompts.confirmAnswers = [pick('Restore Policy')];
    const again = (await vscode.commands.executeCommand('rootguard.restorePolicy', intentId)) as TaskRun;
    assert.deepEqual(again.results[0].status === 'done' && again.results[0].changes, []);
    assert.equal(bucket.policy, policy);
  });

  it('tells the restore picker how many audit log lines were skipped as no whole record', async () => {
    const kept = fs.readFileSync(auditLogPath, 'utf8');
    try {
      fs.appendFileSync(auditLogPath, '{"v":1,"type":"int\n42\n');
      prompts.pickKept = false;
      assert.equal(await vscode.commands.executeCommand('rootguard.restorePolicy'), undefined);
      assert.deepEqual(prompts.keptSkippedLines, [2]);
      assert.ok(prompts.keptOffered[0].length > 0, 'the whole records are still offered');
    } finally {
      fs.writeFileSync(auditLogPath, kept);
    }
  });

  it('unlocks an SQS queue policy picked from the palette by queue name', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.queues.some((q) => q.attributes.Policy))!;
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    prompts.accounts = [account.id];
    prompts.queue = queue.name;
    prompts.confirmAnswers = [pick('Remove Policy'), pick('Remove Policy')];
    const run = (await vscode.commands.executeCommand('rootguard.account.unlockSqsQueuePolicy')) as TaskRun;
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.ok(prompts.shown[0].content.includes('DenyEveryone'));
    const [listed] = prompts.listed;
    assert.ok('candidates' in listed && listed.candidates.some((c) => c.name === queue.name && c.policy === 'locked' && c.ref.endsWith(`/${account.id}/${queue.name}`)));
    assert.equal(queue.attributes.Policy, undefined);
  });

  it('checks a typed queue URL as the run would, at the prompt: another host is refused in the CLI\'s words before any confirmation', async () => {
    const account = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.queues.length > 0)!;
    prompts.accounts = [account.id];
    prompts.queue = ''; // the user presses Escape after typing
    const foreign = `https://sqs.us-east-1.amazonaws.com.example.net/${account.id}/${account.queues[0].name}`;
    prompts.queueTyped = [foreign, account.queues[0].name];
    const run = await vscode.commands.executeCommand('rootguard.account.unlockSqsQueuePolicy');
    assert.equal(run, undefined);
    assert.ok(!prompts.asked.some((a) => a.method === 'confirm'), 'nothing to confirm');
    const [foreignProblem, nameProblem] = prompts.queueProblems;
    assert.match(foreignProblem ?? '(accepted)', /^A queue URL must be on the SQS endpoint of [a-z0-9-]+ \(https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/ or http:\/\/127\.0\.0\.1:\d+\/\.\.\.\), not https:\/\/sqs\.us-east-1\.amazonaws\.com\.example\.net$/);
    assert.equal(nameProblem, undefined);
  });

  it('never targets the management account', async () => {
    const run = await vscode.commands.executeCommand('rootguard.account.deleteRootCredentials', sandbox.world.organization.managementAccountId);
    assert.equal(run, undefined);
    assert.match(prompts.asked[0].text, /no account .* can be a target/);
  });

  it('shows the preview read-only in an editor and opens the audit log, which holds every intent with its outcome', async () => {
    await realPrompts.showDocument('Policy preview', '{ "Version": "2012-10-17" }');
    const preview = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'rootguard-preview');
    assert.equal(preview?.document.getText(), '{ "Version": "2012-10-17" }');

    const editor = (await vscode.commands.executeCommand('rootguard.openAuditLog')) as vscode.TextEditor;
    // Read-only: a content provider's document (VS Code offers no typing or saving there), not the file.
    assert.equal(editor.document.uri.scheme, 'rootguard-audit-log');
    assert.equal(editor.document.uri.path, auditLogPath);
    assert.equal(editor.document.getText(), fs.readFileSync(auditLogPath, 'utf8'));
    // Any caller can open a URI of the scheme: it reads the configured log only, whatever path the URI names.
    const other = path.join(path.dirname(auditLogPath), 'not-the-audit-log.jsonl');
    fs.writeFileSync(other, 'another file\n');
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'rootguard-audit-log', path: other }))));
    const records = auditRecords();
    const intents = records.filter((r) => r.type === 'intent');
    assert.ok(intents.length >= 5);
    for (const intent of intents) assert.ok(records.some((r) => r.type === 'outcome' && r.intentId === intent.id), intent.accountId);
    const text = fs.readFileSync(auditLogPath, 'utf8');
    for (const secret of sandbox.issuedSecrets()) assert.ok(!text.includes(secret), 'no secret in the audit log');
  });
});
