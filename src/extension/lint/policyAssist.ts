/**
 * Completion and hover in policy documents: thin adapters from VS Code's providers to the core
 * (src/core/assist), only for documents the linter treats as policies (it records their type).
 */
import * as vscode from 'vscode';
import { type AssistCompletion, type CompletionKind, completionsAt } from '../../core/assist/completion';
import { hoverAt } from '../../core/assist/hover';
import type { FileType } from '../../core/lint/model';

/** The languages the core reads: it completes in JSON text (YAML and HCL documents are linted, not completed). */
export const ASSIST_LANGUAGES: readonly string[] = ['json', 'jsonc'];

/** The type the linter last linted a document as; undefined for a document that is not a policy. */
export type LintedType = (uri: vscode.Uri) => FileType | undefined;

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  service: vscode.CompletionItemKind.Module,
  action: vscode.CompletionItemKind.Function,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  resource: vscode.CompletionItemKind.Reference,
};

export class PolicyAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly lintedType: LintedType) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    if (!this.lintedType(document.uri)) return undefined;
    const list = completionsAt(document.getText(), document.offsetAt(position));
    if (!list) return undefined;
    const range = new vscode.Range(document.positionAt(list.replace.start), document.positionAt(list.replace.end));
    // A completion range must stay on the cursor's line; a string never spans lines, but half-typed JSON might.
    if (!range.isSingleLine || !range.contains(position)) return undefined;
    return new vscode.CompletionList(list.items.map((item) => toCompletionItem(item, range)));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const type = this.lintedType(document.uri);
    const found = type && hoverAt(document.getText(), document.offsetAt(position), type);
    if (!found) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(found.markdown), new vscode.Range(document.positionAt(found.range.start), document.positionAt(found.range.end)));
  }
}

function toCompletionItem(item: AssistCompletion, range: vscode.Range): vscode.CompletionItem {
  const completion = new vscode.CompletionItem({ label: item.label, description: item.description }, KINDS[item.kind]);
  completion.detail = item.detail;
  if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
  completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  completion.range = range;
  completion.sortText = item.sortText;
  // Without it VS Code filters on the typed text against the label, which is the same text unquoted.
  completion.filterText = item.label;
  if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Show the actions' };
  return completion;
}
