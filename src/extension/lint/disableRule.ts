/**
 * "Disable RGnnn in .rootguard.json": sets the rule to `off` in the configuration file of the document's
 * workspace folder, creating the file when there is none. The edit goes through a WorkspaceEdit, so it
 * can be undone, and keeps the file's comments and formatting (jsonc-parser's `modify`).
 */
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Log } from '../log';
import { CONFIG_FILE_NAME } from '../../core/lint/config';

export class DisableRule {
  constructor(private readonly log: Log) {}

  async run(documentUri: string, ruleId: string): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(documentUri));
    if (!folder) {
      this.log.info(`disable ${ruleId}: ${documentUri} is in no workspace folder`);
      return false;
    }
    const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const existing = await readIfExists(configUri);
    const edit = new vscode.WorkspaceEdit();
    if (existing === undefined) {
      const text = `${JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2)}\n`;
      edit.createFile(configUri, { contents: new TextEncoder().encode(text) });
    } else {
      const formatting = { insertSpaces: true, tabSize: 2, eol: existing.eol };
      const edits = modify(existing.text, ['rules', ruleId], 'off', { formattingOptions: formatting });
      const document = existing.document;
      edit.replace(configUri, new vscode.Range(document.positionAt(0), document.positionAt(existing.text.length)), applyEdits(existing.text, edits));
    }
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    // Saving makes the file watcher reload the configuration and re-lint with the rule off.
    const saved = await (await vscode.workspace.openTextDocument(configUri)).save();
    this.log.info(`${ruleId} turned off in ${configUri.fsPath}`);
    return saved;
  }
}

async function readIfExists(uri: vscode.Uri) {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  return { document, text: document.getText(), eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}
