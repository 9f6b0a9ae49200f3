// Every quick fix the issue asks for, applied as the light bulb would, after which the document lints
// clean: the fixes are the rules' data, presented by the extension's code action provider.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  RESTRICT_COMMAND,
  applyCodeAction,
  openFixture,
  quickFixesFor,
  revert,
  ruleOf,
  waitForClean,
  waitForDiagnostics,
  waitForRule,
} from './lintSupport';
import { activateExtension } from './helpers/extension';
import { waitFor } from './helpers/waitFor';
import { closeAllEditors, workspaceUri } from './helpers/workspace';

interface FixCase {
  fixture: string;
  ruleId: string;
  /** What the fixed text must contain. */
  expectText: string;
}

const EDIT_FIXES: FixCase[] = [
  { fixture: 'policies/typo-task-policy.json', ruleId: 'RG103', expectText: 'root-task/IAMAuditRootUserCredentials"' },
  { fixture: 'policies/assumed-root-set-operator.json', ruleId: 'RG108', expectText: '"Bool"' },
  { fixture: 'scp/deny-root.json', ruleId: 'RG107', expectText: '"aws:AssumedRoot"' },
  { fixture: 'policies/missing-version.json', ruleId: 'RG003', expectText: '"Version": "2012-10-17"' },
];

describe('lint quick fixes', function () {
  this.timeout(30_000);
  let document: vscode.TextDocument | undefined;

  before(activateExtension);
  afterEach(async () => {
    if (document) await revert(document);
    await closeAllEditors();
  });

  for (const { fixture, ruleId, expectText } of EDIT_FIXES) {
    it(`${ruleId}: the preferred fix in ${fixture} applies and the file lints clean`, async () => {
      document = await openFixture(fixture);
      const diagnostic = await waitForRule(document.uri, ruleId);
      const actions = await quickFixesFor(document.uri, diagnostic);
      const fix = actions.find((a) => a.isPreferred && a.edit) ?? actions.find((a) => a.edit);
      assert.ok(fix, `no edit among ${ruleId}'s actions: ${actions.map((a) => a.title).join(', ')}`);
      await applyCodeAction(fix);
      assert.ok(document.getText().includes(expectText), `fixed text lacks ${expectText}:\n${document.getText()}`);
      await waitForClean(document.uri, `a clean lint after "${fix.title}"`);
    });
  }

  it('RG101: "restrict to task policies" builds the condition from the chosen policies and lints clean', async () => {
    document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const actions = await quickFixesFor(document.uri, diagnostic);
    const restrict = actions.find((a) => a.command?.command === RESTRICT_COMMAND);
    assert.ok(restrict, `no restrict action among: ${actions.map((a) => a.title).join(', ')}`);
    // The command takes the picker's answer as an extra argument, so the test needs no UI.
    await applyCodeAction(restrict, ['IAMAuditRootUserCredentials']);
    assert.match(document.getText(), /"sts:TaskPolicyArn"[^}]*root-task\/IAMAuditRootUserCredentials/);
    await waitForClean(document.uri, 'a clean lint after restricting to IAMAuditRootUserCredentials');
  });

  it('refuses a choice that is not task policy names, as any extension could pass one', async () => {
    document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const restrict = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.command?.command === RESTRICT_COMMAND);
    assert.ok(restrict?.command);
    const before = document.getText();
    const args = restrict.command.arguments ?? [];
    for (const choice of [['IAMAuditRootUserCredentials', 'arn:aws:iam::aws:policy/AdministratorAccess'], 'IAMAuditRootUserCredentials', []]) {
      const applied = await vscode.commands.executeCommand(RESTRICT_COMMAND, ...args, choice);
      assert.equal(applied, false, JSON.stringify(choice));
    }
    assert.equal(document.getText(), before);
  });

  it('refuses a stale interactive fix once the document has changed', async () => {
    document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const restrict = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.command?.command === RESTRICT_COMMAND);
    assert.ok(restrict?.command);
    await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(0, 1), ' '));
    const before = document.getText();
    const applied = await vscode.commands.executeCommand(RESTRICT_COMMAND, ...(restrict.command.arguments ?? []), ['IAMAuditRootUserCredentials']);
    assert.equal(applied, false);
    assert.equal(document.getText(), before);
  });

  it('offers "Show documentation" and "Disable" for the rule of a diagnostic', async () => {
    document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const titles = (await quickFixesFor(document.uri, diagnostic)).map((a) => a.title);
    assert.ok(titles.includes('Show documentation for RG101'), titles.join(', '));
    assert.ok(titles.includes('Disable RG101 in .rootguard.json'), titles.join(', '));
  });

  it('"Disable RG101 in .rootguard.json" writes the rule off and the diagnostic goes', async () => {
    const configUri = workspaceUri('.rootguard.json');
    const original = await vscode.workspace.fs.readFile(configUri);
    document = await openFixture('unscoped-assume-root.json');
    try {
      const diagnostic = await waitForRule(document.uri, 'RG101');
      const disable = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.title === 'Disable RG101 in .rootguard.json');
      assert.ok(disable);
      await applyCodeAction(disable);
      const config = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri)));
      assert.equal(config.rules.RG101, 'off');
      assert.deepEqual(config.types, { 'scp/**/*.json': 'scp' }, 'the rest of the file is kept');
      await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG101'), 'RG101 to be disabled');
    } finally {
      await vscode.workspace.fs.writeFile(configUri, original);
    }
  });

  it('"Show documentation for RG101" opens the rule page shipped with the extension in a Markdown preview', async () => {
    document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const docs = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.title === 'Show documentation for RG101');
    assert.ok(docs);
    await applyCodeAction(docs);
    const previewTab = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown/i.test(tab.input.viewType) && tab.label.includes('RG101'));
    await waitFor(previewTab, { message: 'a Markdown preview of RG101.md' });
  });
});
