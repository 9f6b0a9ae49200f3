/**
 * Typed access to the `rootguard.*` settings. Every read goes through here so that names and defaults
 * live in one place next to package.json's `contributes.configuration` (a unit test cross-checks them).
 */
import * as vscode from 'vscode';
import { DEFAULT_LINT_INCLUDE } from './lint/selection';

export interface LintSettings {
  /** Lint at all. */
  enable: boolean;
  /** Globs (relative to the workspace folder) of files to lint whatever they hold. */
  include: string[];
  /** Also lint any other JSON file whose content looks like a policy, permission set or template. */
  detectPolicies: boolean;
}

export class Settings {
  /** Lint settings as they apply to one document (they are resource-scoped: folders may differ). */
  lint(scope?: vscode.Uri): LintSettings {
    const config = vscode.workspace.getConfiguration('rootguard.lint', scope);
    return {
      enable: config.get<boolean>('enable', true),
      include: config.get<string[]>('include', [...DEFAULT_LINT_INCLUDE]),
      detectPolicies: config.get<boolean>('detectPolicies', true),
    };
  }

  /** Fires when a setting under `rootguard.lint` changes. */
  onDidChangeLint(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rootguard.lint')) listener();
    });
  }
}
