/**
 * Quick fixes for RootGuard diagnostics. The rules computed the fixes as data when the document was
 * linted; this provider only presents the cached ones (never re-lints), in vscode-eslint's order: the
 * fixes of the problem, then "show documentation" and "disable the rule".
 */
import * as vscode from 'vscode';
import type { Fix } from '../../core/lint/model';
import type { CommandId } from '../commands';
import { type FindingsCache, type LintEntry, diagnosticKey } from './findingsCache';
import { ACCOUNT_POLICY_SCHEME, ORG_POLICY_SCHEME } from './selection';
import { DIAGNOSTIC_SOURCE } from './toDiagnostic';

/** Command ids the actions call; declared in commands.ts and package.json. */
export const LINT_ACTION_COMMANDS = {
  applyInteractiveFix: 'rootguard.lint.restrictTaskPolicies',
  showRuleDocs: 'rootguard.lint.showRuleDocs',
  disableRule: 'rootguard.lint.disableRule',
  applyOrgPolicyFix: 'rootguard.policies.applyFix',
} as const satisfies Record<string, CommandId>;

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly cache: FindingsCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entries = context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE)
      .flatMap((d) => this.cache.find(document.uri, document.version, d) ?? []);
    // An account's policy shown read-only (the holders view) cannot take an edit: only the rules' pages are
    // offered. An organization's SCP or RCP cannot either, but its fixes make a fixed copy to save or write back.
    const editable = document.uri.scheme !== ACCOUNT_POLICY_SCHEME && document.uri.scheme !== ORG_POLICY_SCHEME;
    const fixes = document.uri.scheme === ORG_POLICY_SCHEME
      ? entries.flatMap((entry) => entry.finding.fixes.map((fix, index) => orgPolicyFixAction(document, entry, fix, index)))
      : editable
      ? entries.flatMap((entry) => [
          ...entry.finding.fixes.map((fix) => fixAction(document, entry, fix)),
          ...entry.finding.interactiveFixes.map((fix, index) => interactiveFixAction(document, entry, fix.title, index)),
        ])
      : [];
    const ruleIds = [...new Set(entries.map((e) => e.finding.ruleId))];
    const inFolder = vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
    const ruleActions = ruleIds.flatMap((ruleId) => [
      showDocsAction(ruleId),
      ...(inFolder ? [disableRuleAction(document, ruleId)] : []),
    ]);
    return [...fixes, ...ruleActions];
  }
}

/** A fix as a workspace edit; its offsets are valid for the cached version, which is this document's. */
export function fixToWorkspaceEdit(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  }
  return edit;
}

function fixAction(document: vscode.TextDocument, entry: LintEntry, fix: Fix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = fixToWorkspaceEdit(document, fix);
  action.diagnostics = [entry.diagnostic];
  action.isPreferred = fix.preferred === true;
  return action;
}

/** A fix of an organization's policy: the command makes the fixed text from the cached fix it names. */
function orgPolicyFixAction(document: vscode.TextDocument, entry: LintEntry, fix: Fix, index: number): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [entry.diagnostic];
  action.isPreferred = fix.preferred === true;
  action.command = { command: LINT_ACTION_COMMANDS.applyOrgPolicyFix, title: fix.title, arguments: [document.uri.toString(), document.version, diagnosticKey(entry.diagnostic), index] };
  return action;
}

/** A fix that needs a choice first: the command asks, then builds and applies it. */
function interactiveFixAction(document: vscode.TextDocument, entry: LintEntry, title: string, index: number): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [entry.diagnostic];
  action.command = {
    command: LINT_ACTION_COMMANDS.applyInteractiveFix,
    title,
    arguments: [document.uri.toString(), document.version, diagnosticKey(entry.diagnostic), index],
  };
  return action;
}

function showDocsAction(ruleId: string): vscode.CodeAction {
  const action = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
  action.command = { command: LINT_ACTION_COMMANDS.showRuleDocs, title: action.title, arguments: [ruleId] };
  return action;
}

function disableRuleAction(document: vscode.TextDocument, ruleId: string): vscode.CodeAction {
  const action = new vscode.CodeAction(`Disable ${ruleId} in .rootguard.json`, vscode.CodeActionKind.QuickFix);
  action.command = { command: LINT_ACTION_COMMANDS.disableRule, title: action.title, arguments: [document.uri.toString(), ruleId] };
  return action;
}
