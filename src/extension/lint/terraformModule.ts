/**
 * The Terraform module a `.tf` document belongs to, as the linter reads it (core/lint/iac/terraformModule.ts):
 * the `.tf` files of its folder, each as the editor has it when open (unsaved edits included), else as
 * saved. Only files on disk have a folder to read; an untitled or virtual document is linted alone.
 */
import * as vscode from 'vscode';
import { MODULE_FILE_LIMIT, type ModuleFile } from '../../core/lint/iac/terraformModule';
import { savedAsTerraformReadsIt } from './namedFiles';

/** The module's files, the document's current text among them; undefined when it is linted alone. */
export async function terraformModuleOf(document: vscode.TextDocument, text: string): Promise<ModuleFile[] | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  const folder = vscode.Uri.joinPath(document.uri, '..');
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return undefined;
  }
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && /\.tf$/i.test(name)).map(([name]) => name).sort();
  // Past the limit the linter reads each file alone: reading them all would be wasted.
  if (names.length < 2 || names.length > MODULE_FILE_LIMIT) return undefined;
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const files = await Promise.all(
    names.map(async (name): Promise<ModuleFile | undefined> => {
      const uri = vscode.Uri.joinPath(folder, name);
      if (uri.toString() === document.uri.toString()) return { path: document.uri.fsPath, text };
      const opened = open.get(uri.toString());
      return opened ? { path: uri.fsPath, text: opened.getText() } : savedText(uri);
    }),
  );
  return files.filter((file): file is ModuleFile => file !== undefined);
}

/** A saved file's text, as Terraform reads it (UTF-8); none for one too large to be a policy file or unreadable. */
async function savedText(uri: vscode.Uri): Promise<ModuleFile | undefined> {
  const text = await savedAsTerraformReadsIt(uri);
  // Linted, a .tf file is read as an editor shows it: without the byte order mark.
  return typeof text === 'string' ? { path: uri.fsPath, text: text.replace(/^\uFEFF/, '') } : undefined;
}

/** Whether two documents are `.tf` files of one folder: an edit to one may change the other's findings. */
export function sameTerraformModule(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.scheme === 'file' && b.scheme === 'file' && a.toString() !== b.toString() && /\.tf$/i.test(a.path) && /\.tf$/i.test(b.path) && vscode.Uri.joinPath(a, '..').toString() === vscode.Uri.joinPath(b, '..').toString();
}
