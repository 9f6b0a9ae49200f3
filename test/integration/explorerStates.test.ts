// The Root Access tree's error and empty states, each against a sandbox started for it (the connectSandbox
// command's test-only options): signed in as a plain member account, centralized root access off and then
// enabled from the tree's command, signed in as the IAM delegated administrator, and throttling past the
// SDK's retries. A scripted ExplorerPrompts answers the enable confirmation: a real modal would block the
// web workbench.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EnableStep } from '../../src/core/org/features';
import type { OrgAccount } from '../../src/core/org/model';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { ExplorerPrompts } from '../../src/extension/explorer/explorerPrompts';
import type { SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures, getExtension } from './helpers/extension';
import { connectSandbox, labelOf, messageRow, walkTree, type TreeRow } from './helpers/tree';

/** Answers confirmations in order and records them; an unexpected question fails the test that asked it. */
class ScriptedExplorerPrompts implements ExplorerPrompts {
  readonly asked: { message: string; actions: readonly string[] }[] = [];
  answers: (string | undefined)[] = [];
  accountToPick: string | undefined;

  async confirm(message: string, _detail: string, actions: readonly string[]) {
    this.asked.push({ message, actions });
    if (this.answers.length === 0) throw new Error(`unexpected confirmation: ${message}`);
    const answer = this.answers.shift();
    if (answer !== undefined && !actions.includes(answer)) throw new Error(`no "${answer}" among ${actions.join(', ')}`);
    return answer;
  }
  async pickAccount(accounts: readonly OrgAccount[]) {
    return accounts.find((a) => a.id === this.accountToPick);
  }
  readonly informed: string[] = [];
  async inform(message: string) {
    this.informed.push(message);
  }
}

const ENABLE_WITH_ADMIN = 'Enable and Register a Delegated Administrator…';
/** Trusted access and the delegated admin are for this service principal. */
const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';
const ALL_OFF = { iamTrustedAccess: false, rootCredentialsManagement: false, rootSessions: false };

describe('Root Access explorer: error and empty states', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let prompts: ScriptedExplorerPrompts;
  let realPrompts: ExplorerPrompts;

  const walk = () => walkTree(api);
  const kindRows = (rows: TreeRow[], kind: TreeRow['node']['kind']) => rows.filter((r) => r.node.kind === kind);
  const only = (rows: TreeRow[], kind: TreeRow['node']['kind']) => {
    const found = kindRows(rows, kind);
    assert.equal(found.length, 1, `one ${kind} node`);
    return found[0];
  };
  /** An active member account a root session can reach (not the caller's own, not SCP-blocked). */
  const reachableMember = (sandbox: SandboxHandle) => {
    const found = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions);
    assert.ok(found, 'a reachable member account');
    return found;
  };

  before(async () => {
    api = await loadOrgFeatures();
    realPrompts = api.explorer.actions.prompts;
  });
  beforeEach(() => {
    prompts = new ScriptedExplorerPrompts();
    api.explorer.actions.prompts = prompts;
  });
  afterEach(() => assert.deepEqual(prompts.answers, [], 'every scripted answer was asked for'));
  after(async () => {
    api.explorer.actions.prompts = realPrompts;
    await vscode.commands.executeCommand('rootguard.disconnect');
  });

  it('signed in as a plain member account: says it is not the management or delegated-admin account, and what to do', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, caller: 'member' });
    // startSandbox gives its `member` user to the third account, never suspended or SCP-blocked.
    const callerAccount = sandbox.world.accounts[2];
    const rows = await walk();
    assert.match(only(rows, 'organization').item.contextValue!, /;caller-member\b/);
    const message = messageRow(rows, 'notManagement');
    assert.ok(message, 'a message node explains the caller');
    assert.equal(labelOf(message.item), `Account ${callerAccount.id} is not the management or delegated-admin account`);
    assert.equal(message.item.description, 'choose a profile of one of them');
    assert.equal(message.item.command?.command, 'rootguard.selectProfile');
    // It can read neither the organization's accounts nor the switches: no listing, no guess, no enable offer.
    assert.deepEqual(kindRows(rows, 'account'), []);
    assert.deepEqual(kindRows(rows, 'ou'), []);
    const features = only(rows, 'features');
    assert.equal(features.item.contextValue, 'features;unknown');
    assert.match(String(features.item.description), /^unknown/);
    assert.equal(messageRow(rows, 'enable'), undefined);
  });

  it('features off: the features node says which are off and offers "Enable centralized root access"', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, features: ALL_OFF, delegatedAdmin: false });
    const rows = await walk();
    const features = only(rows, 'features');
    assert.equal(features.item.description, 'off: trusted access for iam, root credentials management, privileged root sessions');
    assert.equal(features.item.contextValue, 'features;off;caller-management');
    // The manifest puts the enable command inline on exactly that node state, for the management account only.
    const menus = getExtension().packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[];
    assert.ok(menus.some((m) => m.command === 'rootguard.enableRootAccess' && m.group.startsWith('inline') && m.when.includes('features;off;caller-management')));
    const enable = messageRow(rows, 'enable');
    assert.equal(labelOf(enable!.item), 'Enable centralized root access…');
    assert.equal(enable!.item.command?.command, 'rootguard.enableRootAccess');
    const switches = kindRows(rows, 'feature').map((r) => `${labelOf(r.item)}: ${r.item.description}`);
    assert.deepEqual(switches, [
      'Trusted access for IAM: disabled',
      'Delegated administrator: none (optional)',
      'Root credentials management: disabled',
      'Privileged root sessions: disabled',
    ]);

    // One switch off is enough for the offer, and the node names just that one.
    sandbox.world.serviceAccess.push({ servicePrincipal: IAM_SERVICE_PRINCIPAL, dateEnabled: new Date() });
    sandbox.world.features.rootCredentialsManagement = true;
    await vscode.commands.executeCommand('rootguard.refresh');
    const oneOff = await walk();
    assert.equal(only(oneOff, 'features').item.description, 'off: privileged root sessions');
    assert.ok(messageRow(oneOff, 'enable'));
  });

  it('enables centralized root access after the confirmation, registers the chosen delegated admin, and a second run changes nothing', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, features: ALL_OFF, delegatedAdmin: false });
    const { world } = sandbox;
    const security = world.accounts[1];

    prompts.answers = [undefined];
    assert.equal(await vscode.commands.executeCommand('rootguard.enableRootAccess'), undefined, 'Cancel changes nothing');
    assert.equal(world.hasServiceAccess(IAM_SERVICE_PRINCIPAL), false);
    assert.match(prompts.asked[0].message, new RegExp(`organization ${world.organization.id}\\?$`));

    prompts.answers = [ENABLE_WITH_ADMIN];
    prompts.accountToPick = security.id;
    const steps = (await vscode.commands.executeCommand('rootguard.enableRootAccess')) as EnableStep[];
    assert.deepEqual(steps, [
      { step: 'trustedAccess', outcome: 'enabled' },
      { step: 'delegatedAdmin', outcome: 'enabled' },
      { step: 'rootCredentialsManagement', outcome: 'enabled' },
      { step: 'rootSessions', outcome: 'enabled' },
    ]);
    assert.equal(world.hasServiceAccess(IAM_SERVICE_PRINCIPAL), true);
    assert.deepEqual(world.features, { rootCredentialsManagement: true, rootSessions: true });
    assert.deepEqual(world.delegatedAdministrators.map((d) => [d.accountId, d.servicePrincipal]), [[security.id, IAM_SERVICE_PRINCIPAL]]);

    const rows = await walk();
    assert.equal(only(rows, 'features').item.description, 'enabled');
    assert.equal(messageRow(rows, 'enable'), undefined);
    const admin = kindRows(rows, 'feature').find((r) => labelOf(r.item) === 'Delegated administrator');
    assert.equal(admin?.item.description, `${security.name} (${security.id})`);

    // Everything on: nothing to ask, only to say so.
    const before = JSON.stringify({ access: world.serviceAccess, features: world.features, admins: world.delegatedAdministrators });
    const asked = prompts.asked.length;
    const again = (await vscode.commands.executeCommand('rootguard.enableRootAccess')) as EnableStep[];
    assert.deepEqual(again, []);
    assert.equal(prompts.asked.length, asked, 'no "Enable?" question when everything is on');
    assert.match(prompts.informed.at(-1)!, new RegExp(`already on for ${world.organization.id} .*delegated administrator ${security.id}\\)\\. Nothing to enable\\.`));
    assert.equal(JSON.stringify({ access: world.serviceAccess, features: world.features, admins: world.delegatedAdministrators }), before);
  });

  it('everything on but no delegated administrator: offers only to register one', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, delegatedAdmin: false });
    const security = sandbox.world.accounts[1];
    prompts.answers = [undefined];
    assert.equal(await vscode.commands.executeCommand('rootguard.enableRootAccess'), undefined);
    assert.deepEqual(prompts.asked.map((q) => q.actions), [['Register a Delegated Administrator…']]);
    assert.match(prompts.asked[0].message, /already on/);

    prompts.answers = ['Register a Delegated Administrator…'];
    prompts.accountToPick = security.id;
    const steps = (await vscode.commands.executeCommand('rootguard.enableRootAccess')) as EnableStep[];
    assert.deepEqual(steps.filter((s) => s.outcome === 'enabled'), [{ step: 'delegatedAdmin', outcome: 'enabled' }]);
    assert.deepEqual(sandbox.world.delegatedAdministrators.map((d) => d.accountId), [security.id]);
  });

  it('signed in as the IAM delegated administrator: lists and audits, but enabling is refused for the management account', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, caller: 'delegatedAdmin' });
    const rows = await walk();
    assert.match(only(rows, 'organization').item.contextValue!, /;caller-delegatedAdmin\b/);
    assert.equal(only(rows, 'features').item.description, 'enabled');
    assert.equal(kindRows(rows, 'account').length, sandbox.world.accounts.length);
    const target = reachableMember(sandbox);
    assert.equal((await api.explorer.runner.refreshAccount(target.id)).kind, 'ok');

    const managementId = sandbox.world.organization.managementAccountId;
    await assert.rejects(api.explorer.actions.enableRootAccess(), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'NotManagementAccount');
      assert.match(err.message, new RegExp(`^Only the management account \\(${managementId}\\) can enable centralized root access; this profile signs in to ${sandbox.world.accounts[1].id}, the IAM delegated administrator`));
      return true;
    });
    assert.deepEqual(prompts.asked, [], 'refused before asking');

    // Off for the organization: the delegated admin is told who can turn it on, with no enable command.
    sandbox.world.features.rootSessions = false;
    await vscode.commands.executeCommand('rootguard.refresh');
    const offRows = await walk();
    assert.equal(only(offRows, 'features').item.contextValue, 'features;off;caller-delegatedAdmin', 'no inline enable button');
    const off = messageRow(offRows, 'enable');
    assert.equal(labelOf(off!.item), 'Centralized root access is off');
    assert.equal(off!.item.description, 'the management account can enable it');
    assert.equal(off!.item.command, undefined);
  });

  it('throttled past the retries: the account shows "throttled: audit again" and a later audit recovers', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10, throttling: { perApi: { 'iam:GetAccountSummary': { capacity: 0, refillPerSecond: 0 } } } });
    const target = reachableMember(sandbox);
    await walk(); // the tree has shown the account, as a user would have
    const failed = await api.explorer.runner.refreshAccount(target.id);
    assert.equal(failed.kind === 'failed' && failed.code, 'Throttling');
    const row = api.explorer.tree.getTreeItem(api.explorer.tree.accountNode(target.id)!);
    assert.equal(row.description, `${target.id} · throttled: audit again`);
    const icon = row.iconPath as vscode.ThemeIcon;
    assert.deepEqual([icon.id, icon.color?.id], ['error', 'problemsWarningIcon.foreground'], 'a warning colour: it may pass next time');
    assert.match(row.contextValue!, /;auditFailed\b/);
    assert.match((row.tooltip as vscode.MarkdownString).value, /throttled past the SDK retries/);

    sandbox.setKnobs({ throttling: undefined });
    assert.equal((await api.explorer.runner.refreshAccount(target.id)).kind, 'ok');
    assert.doesNotMatch(String(api.explorer.tree.getTreeItem(api.explorer.tree.accountNode(target.id)!).description), /throttled/);
  });

  it('a listing throttled past the retries becomes a "Throttled by AWS" node that retries when clicked', async () => {
    const sandbox = await connectSandbox(api, { accounts: 10 });
    sandbox.setKnobs({ throttling: { perApi: { 'organizations:ListAccountsForParent': { capacity: 0, refillPerSecond: 0 } } } });
    const rows = await walk();
    const error = only(rows, 'error');
    assert.equal(labelOf(error.item), 'Throttled by AWS');
    assert.equal(error.item.description, 'the SDK retried; click to try again');
    assert.equal(error.item.command?.command, 'rootguard.refresh');
    assert.deepEqual(kindRows(rows, 'account'), []);

    sandbox.setKnobs({ throttling: undefined });
    await vscode.commands.executeCommand(error.item.command!.command, ...(error.item.command!.arguments ?? []));
    assert.equal(kindRows(await walk(), 'account').length, sandbox.world.accounts.length);
  });
});
