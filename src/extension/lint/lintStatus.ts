/**
 * A language status item (the `{}` entry of the status bar) saying how RootGuard linted the active
 * document: as which type, with how many problems, or not at all. SCPs and identity policies look alike,
 * so "why does RG107 not fire here?" is answered by "linted as: identity policy".
 */
import * as vscode from 'vscode';
import type { FileType } from '../../core/lint/model';

const TYPE_LABELS: Record<FileType, string> = {
  identity: 'identity policy',
  resource: 'resource policy',
  scp: 'SCP',
  rcp: 'RCP',
  'permission-set': 'permission set',
  cloudformation: 'CloudFormation template',
  terraform: 'Terraform configuration',
  'terraform-plan': 'Terraform plan',
};

export interface LintOutcome {
  /** The type the file was linted as; undefined when detection found no policy in it. */
  type?: FileType;
  problems: number;
  /** Why the document was not linted, when it was passed over (too large). */
  skipped?: string;
}

export class LintStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly outcomes = new Map<string, LintOutcome>();
  private readonly activeEditorListener: vscode.Disposable;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('rootguard.lint', selector);
    this.item.name = 'RootGuard lint';
    this.item.command = { command: 'rootguard.showLog', title: 'Show Log' };
    this.activeEditorListener = vscode.window.onDidChangeActiveTextEditor(() => this.render());
    this.render();
  }

  record(uri: vscode.Uri, outcome: LintOutcome): void {
    this.outcomes.set(uri.toString(), outcome);
    this.renderIfActive(uri);
  }

  /** Whether the document was linted (as a policy or not) since it opened. */
  has(uri: vscode.Uri): boolean {
    return this.outcomes.has(uri.toString());
  }

  /** The type the document was last linted as; undefined when it was not, or holds no policy. */
  typeOf(uri: vscode.Uri): FileType | undefined {
    return this.outcomes.get(uri.toString())?.type;
  }

  forget(uri: vscode.Uri): void {
    this.outcomes.delete(uri.toString());
    this.renderIfActive(uri);
  }

  dispose(): void {
    this.activeEditorListener.dispose();
    this.item.dispose();
  }

  private renderIfActive(uri: vscode.Uri): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const outcome = uri && this.outcomes.get(uri.toString());
    if (outcome?.skipped) {
      this.item.text = 'RootGuard: not linted';
      this.item.detail = outcome.skipped;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
    if (!outcome?.type) {
      this.item.text = 'RootGuard: not linted';
      this.item.detail = 'not a policy, or not selected by rootguard.lint.include / .rootguard.json';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    this.item.text = `RootGuard: ${TYPE_LABELS[outcome.type]}`;
    this.item.detail = outcome.problems === 1 ? '1 problem' : `${outcome.problems} problems`;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
  }
}
