/**
 * Completion and hover in policy documents: thin adapters from VS Code's providers to the core
 * (src/core/assist), only for documents the linter treats as policies (it records their type): JSON
 * policies, CloudFormation YAML templates and Terraform files (the documents the linter reads).
 */
import * as vscode from 'vscode';
import { type AssistCompletion, type CompletionKind, completionsAt } from '../../core/assist/completion';
import { hoverAt } from '../../core/assist/hover';
import type { AssistSyntax } from '../../core/assist/iacContext';
import type { HclParser } from '../../core/lint/iac/hclParser';
import { moduleContexts } from '../../core/lint/iac/terraformModule';
import type { FileType } from '../../core/lint/model';
import { terraformModuleOf } from './terraformModule';
import { editorSyntax } from './selection';

/**
 * The type the linter linted a document as, linting it first when it has not been yet (a completion asked
 * for right after the document opened); undefined for a document that is not a policy.
 */
export type LintedType = (document: vscode.TextDocument) => Promise<FileType | undefined>;

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  service: vscode.CompletionItemKind.Module,
  action: vscode.CompletionItemKind.Function,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  resource: vscode.CompletionItemKind.Reference,
};

export class PolicyAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(
    private readonly lintedType: LintedType,
    private readonly hclParser: () => Promise<HclParser>,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const syntax = (await this.lintedType(document)) && (await this.syntaxOf(document));
    if (!syntax) return undefined;
    const list = completionsAt(document.getText(), document.offsetAt(position), syntax);
    if (!list) return undefined;
    const range = new vscode.Range(document.positionAt(list.replace.start), document.positionAt(list.replace.end));
    // A completion range must stay on the cursor's line; a string never spans lines, but half-typed JSON might.
    if (!range.isSingleLine || !range.contains(position)) return undefined;
    return new vscode.CompletionList(list.items.map((item) => toCompletionItem(item, range)));
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const type = await this.lintedType(document);
    const syntax = type && (await this.syntaxOf(document));
    const found = syntax && hoverAt(document.getText(), document.offsetAt(position), type, syntax);
    if (!found) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(found.markdown), new vscode.Range(document.positionAt(found.range.start), document.positionAt(found.range.end)));
  }

  /**
   * How the linter reads the document; a Terraform file needs the HCL parser, which the linter loaded
   * already, and is read with its folder's module, as the linter reads it.
   */
  private async syntaxOf(document: vscode.TextDocument): Promise<AssistSyntax | undefined> {
    const syntax = editorSyntax(document.languageId, document.uri.path);
    if (syntax === 'hcl') {
      const parser = await this.hclParser();
      const files = await terraformModuleOf(document, document.getText());
      return { kind: 'hcl', parser, module: files && moduleContexts(files, parser).get(document.uri.fsPath) };
    }
    return syntax && { kind: syntax };
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
