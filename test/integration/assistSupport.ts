// Asking VS Code for completions and hovers the way the editor does (its provider commands, so every
// registered provider answers), waiting until RootGuard's answer is in: the linter reads a file first.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers/waitFor';

/** The position just after the `nth` occurrence of `marker` (1-based). */
export function positionAfter(document: vscode.TextDocument, marker: string, nth = 1): vscode.Position {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = document.getText().indexOf(marker, offset + 1);
  assert.ok(offset >= 0, `${marker} (${nth}) not in ${document.uri.path}`);
  return document.positionAt(offset + marker.length);
}

export const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** The completion items at a position, polled until `wanted` is among them. */
export async function completions(document: vscode.TextDocument, position: vscode.Position, wanted: string): Promise<vscode.CompletionItem[]> {
  return waitFor(async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    return list.items.some((item) => labelOf(item) === wanted) ? list.items : undefined;
  }, { message: `completion ${wanted} at ${position.line}:${position.character}`, timeoutMs: 20_000 });
}

/** The hovers' text at a position, joined. */
async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** The hovers' text once it matches `pattern`; a failure quotes the last hover seen. */
export async function waitForHover(document: vscode.TextDocument, position: vscode.Position, pattern: RegExp): Promise<string> {
  let last = '';
  try {
    return await waitFor(async () => {
      last = await hoverText(document, position);
      return pattern.test(last) ? last : undefined;
    }, { message: `a hover matching ${pattern}`, timeoutMs: 20_000 });
  } catch (err) {
    assert.fail(`${(err as Error).message}; last hover: ${last || 'none'}`);
  }
}
