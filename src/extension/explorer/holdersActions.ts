/**
 * The holders node's commands: read the holders again, and open the statement that grants a row's tasks.
 */
import type * as vscode from 'vscode';
import type { AccountPolicyDocuments } from './accountPolicyDocuments';
import { HolderGrantNode, HolderStatementNode } from './holdersNodes';
import { KIND_LABELS } from './holdersPresentation';
import type { HoldersState } from './holdersState';
import type { OrgTreeProvider } from './orgTreeProvider';

export class HoldersActions {
  constructor(
    private readonly state: HoldersState,
    private readonly tree: OrgTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
    private readonly documents: AccountPolicyDocuments,
  ) {}

  /** Drops what was read and reads again, expanding the node so the read starts now. */
  async refresh(): Promise<void> {
    this.state.reset();
    const node = this.tree.holdersRow;
    if (node) await this.view.reveal(node, { expand: true, focus: false, select: false });
  }

  /** Opens the granting statement of a grant row (with a single statement) or of a statement row. */
  async openGrant(node?: unknown): Promise<vscode.TextEditor | undefined> {
    const target = node instanceof HolderGrantNode || node instanceof HolderStatementNode ? node.target : undefined;
    if (!target) throw new Error('Open Granting Statement works on a grant of the Root session holders node: choose one there.');
    const { holder, statement } = target;
    const policy = this.state.policy(holder.kind, holder.arn, statement.policy);
    const report = this.state.current;
    // The rows outlive a refresh or a connection change only until the tree repaints.
    if (!policy || !report) throw new Error(`The policies of ${holder.name} are no longer loaded: expand Root session holders again.`);
    return this.documents.open(report.accountId, `${KIND_LABELS[holder.kind]} ${holder.name}`, policy.text, statement);
  }
}
