/** Opens a rule's documentation page (shipped in the extension under docs/rules/) as a Markdown preview. */
import * as vscode from 'vscode';
import { RULES } from '../../core/lint/rules';
import type { Log } from '../log';
import { ruleDocsUri } from './toDiagnostic';

export class RuleDocs {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  /** Shows the page of `ruleId`, or asks which rule when called from the palette without one. */
  async show(ruleId?: string): Promise<void> {
    const id = ruleId ?? (await pickRule());
    if (!id) return;
    const uri = ruleDocsUri(this.extensionUri, id);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      this.log.warn(`no documentation page for ${id} at ${uri.fsPath}`);
      void vscode.window.showWarningMessage(`RootGuard has no documentation page for ${id} yet.`);
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }
}

async function pickRule(): Promise<string | undefined> {
  const items = RULES.map((rule) => ({ label: rule.meta.id, description: rule.meta.name, detail: rule.meta.description }));
  const picked = await vscode.window.showQuickPick(items, { title: 'RootGuard rule documentation', matchOnDescription: true, matchOnDetail: true });
  return picked?.label;
}
