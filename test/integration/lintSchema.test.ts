// The policy JSON schema (contributes.jsonValidation) as VS Code's JSON language service uses it:
// completion of Effect values and condition operators in files the include globs select.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers/extension';
import { waitFor } from './helpers/waitFor';
import { closeAllEditors } from './helpers/workspace';
import { openFixture } from './lintSupport';

/** Completion labels at the position just after `marker` (the JSON service starts lazily: poll). */
async function completionsAfter(document: vscode.TextDocument, marker: string, wanted: string): Promise<string[]> {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} not in the fixture`);
  const position = document.positionAt(offset + marker.length);
  return waitFor(async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, ''));
    return labels.includes(wanted) ? labels : undefined;
  }, { message: `completion ${wanted} after ${marker}`, timeoutMs: 20_000 });
}

describe('policy schema in the editor', function () {
  this.timeout(40_000);

  before(activateExtension);
  after(closeAllEditors);

  it('completes Effect with Allow and Deny', async () => {
    const document = await openFixture('policies/completion.json');
    const labels = await completionsAfter(document, '"Effect": "', 'Allow');
    assert.ok(labels.includes('Deny'), labels.join(', '));
  });

  it('completes condition operators, IfExists and set-operator forms included', async () => {
    const document = await openFixture('policies/completion.json');
    const labels = await completionsAfter(document, '"Condition": {\n        ', 'StringEquals');
    for (const operator of ['ArnLike', 'Null', 'BoolIfExists', 'ForAnyValue:StringLike']) assert.ok(labels.includes(operator), `${operator} missing`);
  });
});
