/**
 * The findings behind the diagnostics on screen, per document URI and version. Code actions read fixes
 * from here instead of linting again (vscode-eslint's approach), and refuse to offer them once the
 * document has moved on, since their offsets would point at the wrong text.
 */
import type * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/lint/model';

export interface LintEntry {
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

interface LintedVersion {
  version: number;
  entries: LintEntry[];
}

export class FindingsCache {
  private readonly byUri = new Map<string, LintedVersion>();

  set(uri: vscode.Uri, version: number, entries: LintEntry[]): void {
    this.byUri.set(uri.toString(), { version, entries });
  }

  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  clear(): void {
    this.byUri.clear();
  }

  /** The entries of exactly this version of the document; none when it changed since it was linted. */
  entries(uri: vscode.Uri, version: number): LintEntry[] {
    const linted = this.byUri.get(uri.toString());
    return linted?.version === version ? linted.entries : [];
  }

  /**
   * The entry a diagnostic handed back by VS Code stands for. Diagnostics cross the process boundary, so
   * they are not our objects: match them by rule, range and message.
   */
  find(uri: vscode.Uri, version: number, diagnostic: vscode.Diagnostic): LintEntry | undefined {
    const key = diagnosticKey(diagnostic);
    return this.entries(uri, version).find((entry) => diagnosticKey(entry.diagnostic) === key);
  }

  /** The entry with a given key, for commands that carry the key as a plain string argument. */
  findByKey(uri: vscode.Uri, version: number, key: string): LintEntry | undefined {
    return this.entries(uri, version).find((entry) => diagnosticKey(entry.diagnostic) === key);
  }

  /**
   * The `index`-th fix of the finding with `key` in the document `uri` at `version`, from a command's untyped
   * arguments: any extension can run the command, so it names a fix the linter computed, never the edits.
   */
  fixAt(uri: unknown, version: unknown, key: unknown, index: unknown): Fix | undefined {
    const linted = typeof uri === 'string' ? this.byUri.get(uri) : undefined;
    if (!linted || linted.version !== version || !Number.isInteger(index)) return undefined;
    return linted.entries.find((entry) => diagnosticKey(entry.diagnostic) === key)?.finding.fixes[index as number];
  }
}

/** A stable identity for a diagnostic: rule id, range and message. */
export function diagnosticKey(diagnostic: vscode.Diagnostic): string {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const { start, end } = diagnostic.range;
  return `${String(code)}@${start.line}:${start.character}-${end.line}:${end.character}:${diagnostic.message}`;
}
