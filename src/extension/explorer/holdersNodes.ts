/**
 * The "Root session holders" node under the organization and its rows: what could not be read first, then
 * the principals grouped by what they can do (riskiest group first), each principal with a row per set of
 * grants and a way to the statement that grants them. Reading IAM and Identity Center happens when the node
 * is expanded (or refreshed), not before.
 *
 * contextValue: `holders;notLoaded|loaded[;recoveryEverywhere][;gaps]`, `holdersGap`, `holderGroup;<capability>`,
 * `holder;<kind>;<capability>`, `holderGrant;openable|several`, `holderStatement`.
 */
import * as vscode from 'vscode';
import { unconditionalRecoveryHolders } from '../../core/holders/analyze';
import { scpCheckText } from '../../core/holders/formats';
import type { GrantStatement, Holder, HoldersReport, PrincipalSource, ReadGap } from '../../core/holders/model';
import { codeSpan, markdownText } from '../../core/text/markdown';
import { describeHolder, describeReport, describeStatement, type GrantRow, grantRows, groupHolders, type HolderGroup, holderTooltip, KIND_LABELS } from './holdersPresentation';
import { MessageNode, type OrganizationNode } from './nodes';

export const OPEN_GRANT_COMMAND = 'rootguard.holders.openGrant';
export const REFRESH_HOLDERS_COMMAND = 'rootguard.holders.refresh';

const warning = (icon: string) => new vscode.ThemeIcon(icon, new vscode.ThemeColor('problemsWarningIcon.foreground'));

export class HoldersNode {
  readonly kind = 'holders';

  constructor(
    readonly parent: OrganizationNode,
    private readonly current: () => HoldersReport | undefined,
  ) {}

  get id(): string {
    return `${this.parent.id}/holders`;
  }

  getTreeItem(): vscode.TreeItem {
    const report = this.current();
    const item = new vscode.TreeItem('Root session holders', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const scpNote = report
      ? `\n\n${markdownText(scpCheckText(report.scps, report.accountId))}`
      : this.parent.overview.caller.role === 'delegatedAdmin'
        ? '\n\nThis account’s own SCPs (root, each OU, the account) are read and applied to its principals.'
        : '';
    if (!report) {
      item.description = 'expand to read IAM and IAM Identity Center';
      item.tooltip = new vscode.MarkdownString(`Who in this account can open root sessions (\`sts:AssumeRoot\`), for which tasks and accounts, under which conditions, and who can become them.${scpNote}`);
      item.iconPath = new vscode.ThemeIcon('person');
      item.contextValue = 'holders;notLoaded';
      return item;
    }
    const everywhere = unconditionalRecoveryHolders(report).length > 0;
    item.description = describeReport(report);
    item.tooltip = new vscode.MarkdownString(
      [`**Root session holders in \`${report.accountId}\`**`, '', markdownText(describeReport(report)), ...report.gaps.map((g) => `- not read: ${markdownText(g.part)} (${codeSpan(g.code)})`)].join('\n') + scpNote,
    );
    item.iconPath = everywhere || report.gaps.length ? warning('person') : new vscode.ThemeIcon('person');
    item.contextValue = ['holders', 'loaded', ...(everywhere ? ['recoveryEverywhere'] : []), ...(report.gaps.length ? ['gaps'] : [])].join(';');
    return item;
  }
}

/** The node's rows: the gaps first (what the answer leaves out), then the groups, or why there is no holder. */
export function holdersRows(node: HoldersNode, report: HoldersReport, sourceOf: (holder: Holder) => PrincipalSource | undefined): HoldersRow[] {
  const gaps = report.gaps.map((gap, i) => new HoldersGapNode(node, gap, i));
  const groups = groupHolders(report).map((group) => new HolderGroupNode(node, group, sourceOf));
  if (groups.length > 0) return [...gaps, ...groups];
  const none = gaps.length
    ? new MessageNode(node, 'none', `None among the ${report.examined} principals read`, { description: 'the parts above were not read', icon: { icon: 'warning', color: 'problemsWarningIcon.foreground' } })
    : new MessageNode(node, 'none', `None of the ${report.examined} principals can open root sessions`, { icon: { icon: 'circle-slash' } });
  return [...gaps, none];
}

export class HoldersGapNode {
  readonly kind = 'holdersGap';

  constructor(
    readonly parent: HoldersNode,
    readonly gap: ReadGap,
    private readonly index: number,
  ) {}

  get id(): string {
    return `${this.parent.id}/gap/${this.index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`Not read: ${this.gap.part}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.gap.code;
    item.iconPath = warning('warning');
    item.contextValue = 'holdersGap';
    item.tooltip = new vscode.MarkdownString(`**Not read: ${markdownText(this.gap.part)}** (${codeSpan(this.gap.code)})\n\n${markdownText(this.gap.message)}\n\nThe holders listed leave out whoever this part would add.`);
    return item;
  }
}

const GROUP_ICONS: Record<HolderGroup['capability'], vscode.ThemeIcon> = {
  recoveryOrDeletionEveryAccount: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  recoveryOrDeletion: warning('warning'),
  unlock: new vscode.ThemeIcon('unlock'),
  auditOnly: new vscode.ThemeIcon('eye'),
  blockedByBoundary: new vscode.ThemeIcon('circle-slash'),
  blockedByScp: new vscode.ThemeIcon('circle-slash'),
};

export class HolderGroupNode {
  readonly kind = 'holderGroup';

  constructor(
    readonly parent: HoldersNode,
    readonly group: HolderGroup,
    private readonly sourceOf: (holder: Holder) => PrincipalSource | undefined,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.group.capability}`;
  }

  children(): HolderNode[] {
    return this.group.holders.map((holder) => new HolderNode(this, holder, this.sourceOf(holder)));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `${this.group.holders.length} principal${this.group.holders.length === 1 ? '' : 's'}`;
    item.iconPath = GROUP_ICONS[this.group.capability];
    item.contextValue = `holderGroup;${this.group.capability}`;
    return item;
  }
}

const KIND_ICONS: Record<Holder['kind'], string> = { user: 'person', role: 'shield', permissionSet: 'key' };

export class HolderNode {
  readonly kind = 'holder';

  constructor(
    readonly parent: HolderGroupNode,
    readonly holder: Holder,
    readonly source: PrincipalSource | undefined,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.holder.kind}/${this.holder.arn}`;
  }

  children(): (HolderGrantNode | MessageNode)[] {
    const rows = grantRows(this.holder).map((row, i) => new HolderGrantNode(this, row, i));
    if (rows.length > 0) return rows;
    return [new MessageNode(this, 'boundary', 'Its permissions boundary removes every root task', { description: this.holder.boundaryRemoves.join(', '), icon: { icon: 'circle-slash' } })];
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.holder.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = describeHolder(this.holder);
    item.tooltip = new vscode.MarkdownString(holderTooltip(this.holder, this.source));
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[this.holder.kind]);
    item.contextValue = `holder;${this.holder.kind};${this.holder.capability}`;
    return item;
  }
}

/** What opening a grant needs: the principal and the statement (policy label, index, line). */
export interface GrantTarget {
  holder: Holder;
  statement: GrantStatement;
}

function openCommand(node: HolderGrantNode | HolderStatementNode, statement: GrantStatement): vscode.Command {
  return { command: OPEN_GRANT_COMMAND, title: 'Open Granting Statement', arguments: [node], tooltip: `Open ${describeStatement(statement)} read-only` };
}

/** Tasks with the same accounts and conditions; opens its statement, or lists them when several grant it. */
export class HolderGrantNode {
  readonly kind = 'holderGrant';

  constructor(
    readonly parent: HolderNode,
    readonly row: GrantRow,
    private readonly index: number,
  ) {}

  get id(): string {
    return `${this.parent.id}/grant/${this.index}`;
  }

  /** The statement the row opens; undefined when several grant it (its children open each). */
  get target(): GrantTarget | undefined {
    return this.row.statements.length === 1 ? { holder: this.parent.holder, statement: this.row.statements[0] } : undefined;
  }

  children(): HolderStatementNode[] {
    return this.row.statements.length > 1 ? this.row.statements.map((s) => new HolderStatementNode(this, s)) : [];
  }

  getTreeItem(): vscode.TreeItem {
    const several = this.row.statements.length > 1;
    const item = new vscode.TreeItem(this.row.tasks, several ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.row.description;
    item.iconPath = new vscode.ThemeIcon('pass');
    item.contextValue = several ? 'holderGrant;several' : 'holderGrant;openable';
    const statements = this.row.statements.map((s) => `- ${markdownText(describeStatement(s))}`);
    item.tooltip = new vscode.MarkdownString(
      [`**${markdownText(this.row.tasks)}** for ${KIND_LABELS[this.parent.holder.kind]} ${markdownText(this.parent.holder.name)}`, '', markdownText(this.row.description), '', 'Granted by:', '', ...statements].join('\n'),
    );
    if (!several && this.row.statements[0]) item.command = openCommand(this, this.row.statements[0]);
    return item;
  }
}

/** One of several statements that grant a row's tasks. */
export class HolderStatementNode {
  readonly kind = 'holderStatement';

  constructor(
    readonly parent: HolderGrantNode,
    readonly statement: GrantStatement,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.statement.policy}/${this.statement.statement}`;
  }

  get target(): GrantTarget {
    return { holder: this.parent.parent.holder, statement: this.statement };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.statement.policy, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `line ${this.statement.line}${this.statement.sid ? ` · ${this.statement.sid}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('file-code');
    item.contextValue = 'holderStatement';
    item.command = openCommand(this, this.statement);
    return item;
  }
}

export type HoldersRow = HoldersGapNode | HolderGroupNode | MessageNode;
