/**
 * The nodes of the Root Access tree. Each holds plain data and builds its TreeItem on demand (nodes are not
 * TreeItem subclasses); ids are stable so expansion survives a refresh. Commands on a node receive the node
 * itself: an AccountNode exposes its OrgAccount, whether it is the management account and its cached audit.
 *
 * contextValue flags (for `view == rootguard.explorer && viewItem =~ /…/` menus):
 * - `organization;rootAccessOn|rootAccessOff;caller-management|caller-delegatedAdmin|caller-member[;sandbox]`
 * - `features;on|off|unknown;caller-<role>` (only the management account may enable), `feature;on|off`
 * - `ou`
 * - `account;management|member;active|inactive[;delegatedAdmin][;protected][;notAudited|audited|auditFailed]
 *    [;hasPassword][;hasKeys][;hasCertificates][;hasMfa][;hasRootCredentials][;stale][;recoveryAllowed]` (see presentation.ts)
 *    `[;preflightBlocked][;preflightDepends]` (a root task predicted blocked, or depending on a condition: preflightPresentation.ts)
 * - `message`, `error`; the history, holders and organization policies rows: see historyNodes.ts, holdersNodes.ts
 *   and orgPoliciesNodes.ts
 */
import * as vscode from 'vscode';
import type { OrgOverview } from '../../core/org/loadOrganization';
import type { OrgAccount, OrgUnit } from '../../core/org/model';
import type { AccountHistory } from '../../core/history/model';
import type { AuditCacheEntry } from '../../core/root/auditCache';
import { codeSpan, markdownText } from '../../core/text/markdown';
import type { AuditStore } from './auditStore';
import type { HistoryAccountNode, HistoryNode } from './historyNodes';
import { describeLastSession } from './historyPresentation';
import { type AccountPreflight, presentAccountPreflight, withPreflight } from './preflightPresentation';
import type { HolderGrantNode, HolderGroupNode, HolderNode, HoldersGapNode, HoldersNode, HolderStatementNode } from './holdersNodes';
import type { OrgPoliciesNode, OrgPolicyNode } from './orgPoliciesNodes';
import { featureRows, presentAccount, presentUnit, rootAccessEnabled, type FeatureRow, type IconSpec } from './presentation';

/** What nodes read when they build their TreeItem: live state, not copies, so a rebuilt item is current. */
export interface NodeContext {
  store: AuditStore;
  /** Cached results older than this are stale. */
  maxAgeMs: number;
  now(): Date;
  /** A one-line posture of the whole organization, once every account is known (`undefined` before). */
  organizationSummary(): string | undefined;
  /** True until the first account of this organization has an audit result. */
  nothingAudited(): boolean;
  /** True while a filter is on: OUs open by themselves so matches show without clicking. */
  filtered: boolean;
  /** When password recovery was allowed in the account, while it stays flagged (see RecoveryMarks). */
  recoveryAllowedAt(accountId: string): string | undefined;
  /** Whether the account is in `rootguard.protectedAccounts`. */
  isProtected(accountId: string): boolean;
  /** The account's last root session, once the root session history has been read. */
  lastRootSession?(accountId: string): AccountHistory | undefined;
  /** Which root tasks the SCPs and RCPs are predicted to let work in the account. */
  preflight?(accountId: string): AccountPreflight;
}

function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.icon, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

/** Filtered trees use their own ids, so their OUs start expanded whatever the unfiltered tree remembers. */
function scopedId(id: string, context: NodeContext): string {
  return context.filtered ? `filtered/${id}` : id;
}

export class OrganizationNode {
  readonly kind = 'organization';
  readonly parent = undefined;

  constructor(
    public overview: OrgOverview,
    readonly sandbox: boolean,
  ) {}

  get id(): string {
    return `org/${this.overview.organization.id}`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const { organization, caller, features } = this.overview;
    const on = rootAccessEnabled(features);
    const item = new vscode.TreeItem(this.sandbox ? `SANDBOX organization ${organization.id}` : `Organization ${organization.id}`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = scopedId(this.id, context);
    item.description = `management ${organization.managementAccountId}`;
    item.iconPath = new vscode.ThemeIcon(this.sandbox ? 'beaker' : 'organization', on ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    const flags = ['organization', on ? 'rootAccessOn' : 'rootAccessOff', `caller-${caller.role}`];
    if (this.sandbox) flags.push('sandbox');
    item.contextValue = flags.join(';');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${this.sandbox ? 'SANDBOX organization (local, not AWS)' : 'AWS organization'}** \`${organization.id}\``,
        '',
        `Management account \`${organization.managementAccountId}\`${organization.managementAccountEmail ? ` (${markdownText(organization.managementAccountEmail)})` : ''}`,
        '',
        `Signed in as ${codeSpan(caller.arn)} (${caller.role === 'delegatedAdmin' ? 'IAM delegated administrator' : caller.role === 'management' ? 'management account' : 'member account'})`,
        '',
        `Centralized root access: **${on ? 'on' : 'off'}** · feature set ${organization.featureSet}`,
      ].join('\n'),
    );
    return item;
  }
}

export class FeaturesNode {
  readonly kind = 'features';

  constructor(readonly parent: OrganizationNode) {}

  get id(): string {
    return `${this.parent.id}/features`;
  }

  get enabled(): boolean {
    return rootAccessEnabled(this.parent.overview.features);
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const on = this.enabled;
    const rows = featureRows(this.parent.overview.features);
    const offRows = rows.filter((r) => !r.on);
    const item = new vscode.TreeItem('Centralized root access', on ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = scopedId(this.id, context);
    item.iconPath = on ? new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    // A member account may read none of the switches: "off" would be a guess, and enabling is not its to offer.
    if (!on && offRows.every((r) => r.error)) {
      item.description = 'unknown: this account cannot read it';
      item.iconPath = themeIcon({ icon: 'question', color: 'problemsWarningIcon.foreground' });
      item.contextValue = 'features;unknown';
      item.tooltip = 'Only the management account or the IAM delegated administrator can see whether centralized root access is on.';
      return item;
    }
    item.description = on ? 'enabled' : `off: ${offRows.map((r) => r.label.toLowerCase()).join(', ')}`;
    item.contextValue = `features;${on ? 'on' : 'off'};caller-${this.parent.overview.caller.role}`;
    item.tooltip = on
      ? 'Trusted access, root credentials management and privileged root sessions are enabled: root tasks can run.'
      : 'Root tasks need trusted access for IAM, root credentials management and root sessions. Enable them from the management account.';
    return item;
  }
}

export class FeatureNode {
  readonly kind = 'feature';

  constructor(
    readonly parent: FeaturesNode,
    readonly row: FeatureRow,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.row.id}`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const { row } = this;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = scopedId(this.id, context);
    item.description = row.error ? `${row.description} (unknown)` : row.description;
    const icon: IconSpec = row.error
      ? { icon: 'question', color: 'problemsWarningIcon.foreground' }
      : row.on
        ? { icon: 'check', color: 'testing.iconPassed' }
        : { icon: 'circle-slash', color: 'problemsErrorIcon.foreground' };
    item.iconPath = themeIcon(icon);
    item.contextValue = `feature;${row.on ? 'on' : 'off'}`;
    if (row.error) item.tooltip = `Could not check: ${row.error}`;
    return item;
  }

  /** The rows of a features node. */
  static rowsOf(parent: FeaturesNode): FeatureNode[] {
    return featureRows(parent.parent.overview.features).map((row) => new FeatureNode(parent, row));
  }
}

export class UnitNode {
  readonly kind = 'ou';

  constructor(
    readonly parent: OrganizationNode | UnitNode,
    public unit: OrgUnit,
  ) {}

  get id(): string {
    return `ou/${this.unit.id}`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const state = context.filtered ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const view = presentUnit(this.unit);
    const item = new vscode.TreeItem(view.label, state);
    item.id = scopedId(this.id, context);
    item.description = view.description;
    item.iconPath = new vscode.ThemeIcon('folder');
    item.contextValue = 'ou';
    // A plain-text tooltip: no Markdown, but a line break or a bidirectional override in the name still shows.
    item.tooltip = view.tooltip;
    return item;
  }
}

export class AccountNode {
  readonly kind = 'account';

  constructor(
    readonly parent: OrganizationNode | UnitNode,
    public account: OrgAccount,
  ) {}

  get id(): string {
    return `account/${this.account.id}`;
  }

  get accountId(): string {
    return this.account.id;
  }

  /** Root tasks can never target the management account (AssumeRoot refuses it). */
  get isManagement(): boolean {
    return this.account.isManagement;
  }

  /** The latest audit and the last successful one, from the cache the tree shows. */
  lastAudit(context: Pick<NodeContext, 'store'>): AuditCacheEntry | undefined {
    return context.store.get(this.account.id);
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const auditing = context.store.isAuditing(this.account.id);
    const audited = presentAccount({
      account: this.account,
      entry: context.store.get(this.account.id),
      auditing,
      maxAgeMs: context.maxAgeMs,
      now: context.now(),
      recoveryAllowedAt: context.recoveryAllowedAt(this.account.id),
      protected: context.isProtected(this.account.id),
      managementRoot: context.store.managementRoot(this.account.id),
    });
    const view = withPreflight(audited, presentAccountPreflight(context.preflight?.(this.account.id) ?? { state: 'idle' }), auditing);
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
    item.id = scopedId(this.id, context);
    item.description = view.description;
    item.iconPath = themeIcon(view.icon);
    const session = context.lastRootSession?.(this.account.id);
    const flags = session ? Object.keys(session.flagged).length : 0;
    item.tooltip = new vscode.MarkdownString(session ? `${view.tooltip}\n\nLast root session: ${markdownText(describeLastSession(session))}${flags ? ' (flagged in the root session history)' : ''}` : view.tooltip);
    item.contextValue = view.contextValue;
    return item;
  }
}

/**
 * The organization's root credential posture, a leaf under the organization node. It is a row of its own
 * because a repaint of a node reloads the node's whole subtree in the workbench, and while that happens a
 * context-menu command on an account row receives no account. A leaf repaints alone, so the summary can
 * follow an audit without ever disturbing the rows a user is clicking.
 */
export class PostureNode {
  readonly kind = 'posture';

  constructor(readonly parent: OrganizationNode) {}

  get id(): string {
    return `${this.parent.id}/posture`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    if (context.nothingAudited()) {
      const item = new vscode.TreeItem('Audit the organization to see root credentials', vscode.TreeItemCollapsibleState.None);
      item.id = scopedId(this.id, context);
      item.iconPath = themeIcon({ icon: 'play' });
      item.command = { command: 'rootguard.auditOrganization', title: 'Audit', arguments: [this.parent] };
      item.contextValue = 'posture;notAudited';
      return item;
    }
    const summary = context.organizationSummary();
    const item = new vscode.TreeItem('Root credentials', vscode.TreeItemCollapsibleState.None);
    item.id = scopedId(this.id, context);
    item.description = summary ?? 'summary after an audit of the organization';
    item.tooltip = summary
      ? `Root credential posture of every account in the organization: ${summary}.`
      : 'The summary counts every account of the organization; audit the organization to see it.';
    item.iconPath = themeIcon({ icon: 'shield' });
    item.contextValue = 'posture;audited';
    return item;
  }
}

/** A line of guidance: an empty list, a state that needs a next step; clicking runs the step when there is one. */
export class MessageNode {
  readonly kind = 'message';

  constructor(
    readonly parent: ExplorerNode | undefined,
    readonly key: string,
    readonly label: string,
    readonly options: { description?: string; tooltip?: string; icon?: IconSpec; command?: vscode.Command } = {},
  ) {}

  get id(): string {
    return `${this.parent?.id ?? ''}/message/${this.key}`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = scopedId(this.id, context);
    item.description = this.options.description;
    item.tooltip = this.options.tooltip;
    item.iconPath = themeIcon(this.options.icon ?? { icon: 'info' });
    item.command = this.options.command;
    item.contextValue = 'message';
    return item;
  }
}

/** A load that failed: says what and why, with Retry (click or inline) and Show Log inline. */
export class ErrorNode {
  readonly kind = 'error';

  constructor(
    readonly parent: ExplorerNode | undefined,
    readonly what: string,
    readonly message: string,
    readonly hint?: string,
  ) {}

  get id(): string {
    return `${this.parent?.id ?? ''}/error`;
  }

  getTreeItem(context: NodeContext): vscode.TreeItem {
    const item = new vscode.TreeItem(this.what, vscode.TreeItemCollapsibleState.None);
    item.id = scopedId(this.id, context);
    item.description = this.hint ?? this.message;
    item.tooltip = new vscode.MarkdownString([`**${markdownText(this.what)}**`, '', markdownText(this.message), ...(this.hint ? ['', markdownText(this.hint)] : []), '', 'Click to retry.'].join('\n'));
    item.iconPath = themeIcon({ icon: 'error', color: 'problemsErrorIcon.foreground' });
    item.command = { command: 'rootguard.refresh', title: 'Retry', arguments: [this.parent] };
    item.contextValue = 'error';
    return item;
  }
}

export type ExplorerNode =
  | OrganizationNode
  | FeaturesNode
  | FeatureNode
  | PostureNode
  | HistoryNode
  | HistoryAccountNode
  | HoldersNode
  | HoldersGapNode
  | HolderGroupNode
  | HolderNode
  | HolderGrantNode
  | HolderStatementNode
  | OrgPoliciesNode
  | OrgPolicyNode
  | UnitNode
  | AccountNode
  | MessageNode
  | ErrorNode;
