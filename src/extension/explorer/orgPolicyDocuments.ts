/**
 * The organization's SCPs and RCPs as the Organization policies node opens them: read-only virtual documents
 * (VS Code never offers to save them) holding the text AWS Organizations returned, linted as SCP or RCP from
 * their path (see lint/selection.ts). A quick fix applied to one does not edit it: it makes the policy's
 * "fixed" text, a second read-only document next to it, which can be saved to a file or written back.
 * Everything lives in memory, per connection.
 */
import * as vscode from 'vscode';
import type { Fix } from '../../core/lint/model';
import type { OrgPolicy } from '../../core/preflight';
import { ORG_POLICY_SCHEME } from '../lint/selection';

/** One opened policy: its text as read, and the fixed text with the fixes that made it. */
export interface OpenedPolicy {
  policy: OrgPolicy;
  organizationId: string;
  original: vscode.Uri;
  fixedUri: vscode.Uri;
  /** Undefined until a quick fix is applied. */
  fixed?: { text: string; fixes: string[] };
}

export class OrgPolicyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly opened = new Map<string, OpenedPolicy>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entryOf(uri);
    if (!entry) return '';
    return uri.toString() === entry.fixedUri.toString() ? (entry.fixed?.text ?? entry.policy.content) : entry.policy.content;
  }

  /** Opens the policy's text as read; the same policy reuses its document, updated if the text changed. */
  async open(organizationId: string, policy: OrgPolicy): Promise<vscode.TextEditor> {
    const folder = `/${organizationId}/${policy.kind === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : 'scp'}/${safeName(policy.name)} (${policy.id})`;
    const original = vscode.Uri.from({ scheme: ORG_POLICY_SCHEME, path: `${folder}.json` });
    const previous = this.opened.get(policy.id);
    const changed = previous !== undefined && previous.policy.content !== policy.content;
    const entry: OpenedPolicy = { policy, organizationId, original, fixedUri: vscode.Uri.from({ scheme: ORG_POLICY_SCHEME, path: `${folder} fixed.json` }), fixed: changed ? undefined : previous?.fixed };
    this.opened.set(policy.id, entry);
    if (changed) {
      this.changed.fire(entry.original);
      this.changed.fire(entry.fixedUri);
    }
    const document = await vscode.workspace.openTextDocument(original);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  /** The opened policy a document (as read, or fixed) shows. */
  entryOf(uri: vscode.Uri): OpenedPolicy | undefined {
    const key = uri.toString();
    return [...this.opened.values()].find((e) => e.original.toString() === key || e.fixedUri.toString() === key);
  }

  entry(policyId: string): OpenedPolicy | undefined {
    return this.opened.get(policyId);
  }

  /**
   * Applies a fix's edits (offsets of `text`, the version it was computed for) to the text of `uri` (the
   * policy as read, or its fixed text) and makes the result the policy's fixed text.
   */
  applyFix(uri: vscode.Uri, text: string, fix: Fix): OpenedPolicy {
    const entry = this.entryOf(uri);
    if (!entry) throw new Error('This policy is no longer open: open it again from the Organization policies node.');
    let result = text;
    for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) result = result.slice(0, e.start) + e.text + result.slice(e.end);
    const fromFixed = uri.toString() === entry.fixedUri.toString();
    entry.fixed = { text: result, fixes: [...(fromFixed ? (entry.fixed?.fixes ?? []) : []), fix.title] };
    this.changed.fire(entry.fixedUri);
    return entry;
  }

  /** After a write back: the policy as AWS now holds it, and no fixed text. */
  written(policyId: string, content: string): void {
    const entry = this.opened.get(policyId);
    if (!entry) return;
    entry.policy = { ...entry.policy, content };
    entry.fixed = undefined;
    this.changed.fire(entry.original);
    this.changed.fire(entry.fixedUri);
  }

  /** Another connection: nothing of the previous organization stays. */
  clear(): void {
    this.opened.clear();
  }

  dispose(): void {
    this.opened.clear();
    this.changed.dispose();
  }
}

/** Policy names made safe as a path segment. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|#%]/g, '_');
}
