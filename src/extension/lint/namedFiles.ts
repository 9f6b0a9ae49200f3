/**
 * The files a Terraform document names with `file("...")` or `templatefile("...")`, read for the linter as
 * the CLI reads them (cli/readLintFile.ts `besideReader`): each as the editor has it when open, else as saved,
 * UTF-8 only, as Terraform reads it. The linter asks for them synchronously while it reads the document,
 * and the editor's file system answers asynchronously, so the lint runs twice when the document names any:
 * once to learn which files, once with them read. Without this the editor called every such policy "not
 * checked" where `rootguard lint` checks it.
 */
import * as vscode from 'vscode';
import { MAX_LINT_FILE_BYTES, megabytes } from '../../core/lint/limits';
import type { LintOptions } from '../../core/lint/linter';

type ReadRelative = NonNullable<LintOptions['readRelative']>;
type NamedFile = ReturnType<ReadRelative>;

/** The lint's result, and the files it read (their changes change its findings). */
export interface WithNamedFiles<T> {
  result: T;
  named: vscode.Uri[];
}

/** Runs `lint`, and again with the files it named read, when it named any. */
export async function lintWithNamedFiles<T>(document: vscode.TextDocument, lint: (readRelative?: ReadRelative) => T): Promise<WithNamedFiles<T>> {
  // An untitled or virtual document has no folder its paths are relative to.
  if (document.uri.scheme !== 'file') return { result: lint(), named: [] };
  const asked = new Set<string>();
  const first = lint((_from, relative) => {
    asked.add(relative);
    return { unreadable: 'not read yet' };
  });
  if (asked.size === 0) return { result: first, named: [] };
  const folder = vscode.Uri.joinPath(document.uri, '..');
  const uris = new Map([...asked].map((relative) => [relative, relative.startsWith('/') ? vscode.Uri.file(relative) : vscode.Uri.joinPath(folder, relative)]));
  const read = new Map(await Promise.all([...uris].map(async ([relative, uri]) => [relative, await namedFile(uri)] as const)));
  return { result: lint((_from, relative) => read.get(relative) ?? { unreadable: 'not read' }), named: [...uris.values()] };
}

async function namedFile(uri: vscode.Uri): Promise<NamedFile> {
  // A repository not trusted names only files of its own: not ~/.aws/credentials, nor another checkout.
  if (!vscode.workspace.isTrusted && !vscode.workspace.getWorkspaceFolder(uri)) return { unreadable: 'outside the workspace, which is not trusted' };
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? openText(open) : savedAsTerraformReadsIt(uri);
}

/** A saved file's text as Terraform reads it (UTF-8, byte order mark kept), or why it cannot be read. */
export async function savedAsTerraformReadsIt(uri: vscode.Uri): Promise<NamedFile> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { unreadable: 'a folder, not a file' };
    // A device or pipe (a committed link to /dev/zero) has no size to check, and reading it never ends.
    if (!(stat.type & vscode.FileType.File)) return { unreadable: 'not a regular file' };
    if (stat.size > MAX_LINT_FILE_BYTES) return { unreadable: `${megabytes(stat.size)}, over the ${megabytes(MAX_LINT_FILE_BYTES)} the linter reads` };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16;
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16;
    // Terraform reads the file as UTF-8, byte order mark included (and sends it), and refuses anything else.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return { unreadable: 'no such file or folder' };
    if (err instanceof TypeError) return { unreadable: 'not UTF-8, and Terraform reads only UTF-8' };
    return { unreadable: err instanceof Error ? err.message : String(err) };
  }
}

const UTF16 = { unreadable: 'saved as UTF-16, and Terraform reads only UTF-8' };

/** An open document's text with the byte order mark VS Code hides, as Terraform would read the file saved. */
function openText(document: vscode.TextDocument): NamedFile {
  const { encoding } = document;
  if (encoding === 'utf16le' || encoding === 'utf16be') return UTF16;
  return encoding === 'utf8bom' ? `\uFEFF${document.getText()}` : document.getText();
}
