/**
 * The one place a linter finding becomes a VS Code diagnostic (vscode-eslint's `Diagnostics.create`):
 * source, rule id with a link to its documentation page, severity, and the range from file offsets.
 */
import * as vscode from 'vscode';
import { shownMessage } from '../../core/lint/formatters/summary';
import { type Finding, type Severity, ruleDocsPath } from '../../core/lint/model';

export const DIAGNOSTIC_SOURCE = 'RootGuard';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(document: vscode.TextDocument, finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  // positionAt counts UTF-16 code units, as the linter's offsets do; an empty range would be invisible,
  // so widen it to the word VS Code sees there.
  let range = new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
  if (range.isEmpty) range = document.getWordRangeAtPosition(range.start) ?? document.lineAt(range.start.line).range;
  const diagnostic = new vscode.Diagnostic(range, shownMessage(finding), SEVERITIES[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocsUri(extensionUri, finding.ruleId) };
  return diagnostic;
}

/** The rule's page shipped inside the extension. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ruleDocsPath(ruleId));
}
