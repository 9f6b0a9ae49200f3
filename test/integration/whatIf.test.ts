// The what-if from the editor, in real VS Code against the extension's sandbox organization: an SCP open in
// an editor is predicted as if attached at the root, or (one of a CloudFormation template's) as the new text
// of Control Tower's root deny; the Markdown that opens lists exactly the predictions that change, with the
// policy that decides them now. Nothing changes in the organization or in the explorer's own predictions.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Placement, WhatIfPrompts } from '../../src/extension/explorer/whatIfActions';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import type { SandboxHandle } from '../../src/sandbox/index';
import { SEEDED_POLICY_IDS as IDS } from '../../src/sandbox/policySeed';
import { loadOrgFeatures } from './helpers/extension';
import { connectSandbox } from './helpers/tree';
import { closeAllEditors, workspaceUri, writeWorkspaceFile } from './helpers/workspace';

const SEEDED = { accounts: 16, seed: 3, scpBlockedAccounts: 4 };
const ROOT_DENY = { Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } } };
const ROOT_DENY_CONDITION = '{ArnLike: {aws:PrincipalArn: "arn:*:iam::*:root"}}';

/** Answers with what the test scripted, and keeps what it was offered. */
class ScriptedWhatIfPrompts implements WhatIfPrompts {
  origins: string[] = [];
  sides: string[] = [];
  placements: Placement[] = [];
  constructor(
    private readonly place: (placements: readonly Placement[]) => Placement | undefined,
    private readonly origin?: string,
    private readonly side?: string,
  ) {}
  async pickDocument(origins: readonly string[]) {
    this.origins = [...origins];
    return this.origin;
  }
  async pickSides(sides: readonly string[]) {
    this.sides = [...sides];
    return this.side;
  }
  async pickPlacement(placements: readonly Placement[]) {
    this.placements = [...placements];
    return this.place(placements);
  }
}

describe('preflight what-if from the editor', function () {
  this.timeout(120_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  let realPrompts: WhatIfPrompts;
  const files = ['whatif/deny-root.json', 'whatif/guardrails.yaml'];

  async function whatIf(file: string, prompts: ScriptedWhatIfPrompts): Promise<string> {
    await vscode.window.showTextDocument(workspaceUri(file));
    api.explorer.whatIf.prompts = prompts;
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('rootguard.preflight.whatIf');
    assert.ok(document, 'a Markdown document with the changes');
    return document.getText();
  }

  before(async () => {
    api = await loadOrgFeatures();
    realPrompts = api.explorer.whatIf.prompts;
    sandbox = await connectSandbox(api, SEEDED);
    await writeWorkspaceFile(files[0], JSON.stringify({ Version: '2012-10-17', Statement: [ROOT_DENY] }, null, 2));
    const exempt = '{ArnLike: {aws:PrincipalArn: "arn:*:iam::*:root"}, "Null": {aws:AssumedRoot: "true"}}';
    await writeWorkspaceFile(
      files[1],
      [
        'Resources:',
        '  Strict:',
        '    Type: AWS::Organizations::Policy',
        '    Properties: {Type: SERVICE_CONTROL_POLICY, Content: {Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}}',
        '  Exempt:',
        '    Type: AWS::Organizations::Policy',
        '    Properties:',
        '      Type: SERVICE_CONTROL_POLICY',
        `      Content: {Statement: [{Sid: GRRESTRICTROOTUSER, Effect: Deny, Action: "*", Resource: "*", Condition: ${exempt}}]}`,
        '  Switchable:',
        '    Type: AWS::Organizations::Policy',
        '    Properties:',
        '      Type: SERVICE_CONTROL_POLICY',
        `      Content: {Statement: [{Sid: GRRESTRICTROOTUSER, Effect: Deny, Action: "*", Resource: "*", Condition: !If [ExemptRootSessions, ${exempt}, ${ROOT_DENY_CONDITION}]}]}`,
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    api.explorer.whatIf.prompts = realPrompts;
    await closeAllEditors();
    for (const file of files) await vscode.workspace.fs.delete(workspaceUri(file));
    await vscode.commands.executeCommand('rootguard.disconnect');
  });

  it('an SCP attached at the root: every prediction that worked is newly blocked, by the proposed policy', async () => {
    const before = await api.explorer.preflight.load();
    assert.ok(before, 'the explorer predicted');
    const working = before.predictions.filter((p) => p.result !== 'blocked');
    const free = working.find((p) => p.task === 'IAMDeleteRootUserCredentials')!.accountId;
    const rootId = sandbox.world.organization.rootId;
    const prompts = new ScriptedWhatIfPrompts((placements) => placements.find((p) => p.attachTo === rootId));
    const text = await whatIf(files[0], prompts);
    assert.ok(!prompts.placements.some((p) => p.replaces === 'p-FullAWSAccess'), 'an AWS-managed policy is not offered to replace');
    assert.ok(prompts.placements.some((p) => p.replaces === IDS.controlTowerRootDeny), 'the organization’s own SCPs are');
    const lines = text.split('\n');
    assert.equal(lines[0], `# What-if: SCP whatif/deny-root.json attached to Root (${rootId})`);
    // Every prediction changes: those already blocked are now blocked by the proposed policy too.
    const total = before.predictions.length;
    const accounts = new Set(working.map((p) => p.accountId)).size;
    assert.equal(lines[4], `${total} of ${total} predictions change: ${working.length} newly blocked (in ${accounts} accounts), 0 newly working, the rest decided otherwise.`);
    const name = sandbox.world.findAccount(free)!.name;
    assert.ok(lines.includes(`| ${free} | ${name} | delete-credentials | works | **blocked** | blocked by SCP whatif/deny-root.json (proposed-1), statement 1 (GRRESTRICTROOTUSER) |`), text);
    assert.equal(api.explorer.preflight.predictions(free).find((p) => p.task === 'IAMDeleteRootUserCredentials')?.result, 'works', 'the explorer’s own prediction stands');
  });

  it('an SCP attached to one account changes that account’s predictions only; the management account is not offered', async () => {
    const before = await api.explorer.preflight.load();
    const target = before!.predictions.find((p) => p.task === 'IAMDeleteRootUserCredentials' && p.result === 'works')!.accountId;
    const prompts = new ScriptedWhatIfPrompts((placements) => placements.find((p) => p.attachTo === target));
    const text = await whatIf(files[0], prompts);
    const management = sandbox.world.accounts.find((a) => a.id === sandbox.world.organization.managementAccountId)!;
    assert.ok(!prompts.placements.some((p) => p.attachTo === management.id), 'no SCP applies to the management account');
    assert.deepEqual(
      [...new Set(prompts.placements.map((p) => p.group))],
      ['Root and OUs', 'In place of a policy', 'Accounts'],
      'the picker’s sections, in this order',
    );
    const account = sandbox.world.findAccount(target)!;
    const lines = text.split('\n');
    assert.equal(lines[0], `# What-if: SCP whatif/deny-root.json attached to ${account.name} (${target})`);
    const working = before!.predictions.filter((p) => p.accountId === target && p.result !== 'blocked').length;
    assert.match(lines[4], new RegExp(`^${working} of ${before!.predictions.length} predictions change: ${working} newly blocked \\(in 1 account\\)`));
    const rows = lines.filter((line) => /^\| \d{12} \|/.test(line));
    assert.ok(rows.length > 0 && rows.every((row) => row.startsWith(`| ${target} |`)), text);
  });

  it('one SCP of a template in place of the legacy root deny: its blocked accounts work again', async () => {
    const legacy = sandbox.world.accounts.find((a) => sandbox.world.findOu(a.parentId)?.name === 'LegacyRootDeny')!;
    const prompts = new ScriptedWhatIfPrompts((placements) => placements.find((p) => p.replaces === IDS.controlTowerRootDeny), 'Resources.Exempt.Properties.Content');
    const text = await whatIf(files[1], prompts);
    assert.deepEqual(prompts.origins, ['Resources.Strict.Properties.Content', 'Resources.Exempt.Properties.Content', 'Resources.Switchable.Properties.Content']);
    assert.equal(text.split('\n')[0], `# What-if: SCP aws-guardrails-RestrictRootUser (${IDS.controlTowerRootDeny}) with the text of whatif/guardrails.yaml\\#Resources.Exempt.Properties.Content`);
    assert.ok(text.includes(`| ${legacy.id} | ${legacy.name} | delete-credentials | blocked | **works** |  |`), text);
    assert.match(text, /predictions change: 0 newly blocked \(in 0 accounts\), \d+ newly working/);
  });

  it('a template SCP written with Fn::If: predicted on the side of its condition the user picks', async () => {
    const legacy = sandbox.world.accounts.find((a) => sandbox.world.findOu(a.parentId)?.name === 'LegacyRootDeny')!;
    const replaceLegacy = (placements: readonly Placement[]) => placements.find((p) => p.replaces === IDS.controlTowerRootDeny);
    const exempting = new ScriptedWhatIfPrompts(replaceLegacy, 'Resources.Switchable.Properties.Content', 'when condition ExemptRootSessions is true');
    const text = await whatIf(files[1], exempting);
    assert.deepEqual(exempting.sides, ['when condition ExemptRootSessions is true', 'when condition ExemptRootSessions is false']);
    assert.equal(text.split('\n')[0], `# What-if: SCP aws-guardrails-RestrictRootUser (${IDS.controlTowerRootDeny}) with the text of whatif/guardrails.yaml\\#Resources.Switchable.Properties.Content (condition ExemptRootSessions is true)`);
    assert.ok(text.includes(`| ${legacy.id} | ${legacy.name} | delete-credentials | blocked | **works** |  |`), text);
    // The other side is the legacy deny's own text: what it blocks stays blocked, now by the proposed text.
    const strict = new ScriptedWhatIfPrompts(replaceLegacy, 'Resources.Switchable.Properties.Content', 'when condition ExemptRootSessions is false');
    assert.match(await whatIf(files[1], strict), /predictions change: 0 newly blocked \(in 0 accounts\), 0 newly working, the rest decided otherwise\./);
  });
});
