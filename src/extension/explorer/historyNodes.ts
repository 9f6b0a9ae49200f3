/**
 * The "Root session history" node under the organization and its rows: one per account that had a root
 * session, with the last session and its task, and the flags of the account's sessions. Reading the history
 * (CloudTrail, every region) happens when the node is expanded, not before.
 *
 * contextValue: `history;notLoaded|loaded[;flagged]`, `historyAccount[;flagged]`.
 */
import * as vscode from 'vscode';
import { FLAG_LABELS, type AccountHistory, type RootSessionHistory, type SessionFlag } from '../../core/history/model';
import { regionSourceLine } from '../../core/history/render';
import { codeSpan, markdownText } from '../../core/text/markdown';
import { AUDIT_LOG_SETTING } from '../tasks/auditLogSetting';
import { describeLastSession, missingAuditLogRow, presentHistoryAccount, skippedLinesDescription, skippedLinesRow } from './historyPresentation';
import type { HistoryRead } from './historyState';
import { MessageNode, type OrganizationNode } from './nodes';

const flaggedCount = (h: RootSessionHistory) => h.sessions.filter((s) => s.flags.length > 0).length;

export class HistoryNode {
  readonly kind = 'history';

  constructor(
    readonly parent: OrganizationNode,
    private readonly current: () => RootSessionHistory | undefined,
  ) {}

  get id(): string {
    return `${this.parent.id}/history`;
  }

  getTreeItem(): vscode.TreeItem {
    const history = this.current();
    const item = new vscode.TreeItem('Root session history', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    if (!history) {
      item.description = 'expand to read CloudTrail (90 days)';
      item.tooltip = 'Who opened root sessions (sts:AssumeRoot) from this account, read from CloudTrail Event history and joined with RootGuard’s audit log.';
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'history;notLoaded';
      return item;
    }
    const flagged = flaggedCount(history);
    item.description = `${history.totals.sessions} sessions · ${history.totals.startedByRootGuard} by RootGuard${flagged ? ` · ${flagged} flagged` : ''}${skippedLinesDescription(history)}`;
    item.tooltip = new vscode.MarkdownString(historyTooltip(history));
    item.iconPath = flagged || history.auditLogSkippedLines ? new vscode.ThemeIcon('history', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('history');
    item.contextValue = `history;loaded${flagged ? ';flagged' : ''}`;
    return item;
  }
}

/** Why the unexpected-principal flag was not evaluated. */
function notEvaluated(h: RootSessionHistory): string {
  const from = h.expectedFrom;
  return from?.from === 'holders' && from.error ? `not evaluated (the holders view could not be read: ${markdownText(from.error.code)})` : 'not evaluated';
}

function historyTooltip(h: RootSessionHistory): string {
  const lines = [`**Root sessions, last ${h.window.days} days**`, '', markdownText(regionSourceLine(h)), ...h.regions.filter((r) => r.error).map((r) => `- ${markdownText(r.region)} ${r.pages ? `read in part (${r.pages} pages)` : 'not read'}: ${markdownText(r.error!.code)}`), ''];
  for (const [flag, label] of Object.entries(FLAG_LABELS) as [SessionFlag, string][]) {
    lines.push(`- ${label}: ${flag === 'unexpected-principal' && !h.expectedPrincipals ? notEvaluated(h) : h.totals[flag]}`);
  }
  if (h.notFoundInCloudTrail.length) lines.push('', `${h.notFoundInCloudTrail.length} of RootGuard’s own sessions are in no region read.`);
  const skipped = skippedLinesRow(h);
  if (skipped) lines.push('', markdownText(skipped.tooltip));
  return lines.join('\n');
}

export class HistoryAccountNode {
  readonly kind = 'historyAccount';

  constructor(
    readonly parent: HistoryNode,
    readonly account: AccountHistory,
    private readonly name: string | undefined,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.account.accountId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.account;
    const flags = Object.keys(a.flagged) as SessionFlag[];
    const row = presentHistoryAccount(a, this.name);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = row.description;
    item.iconPath = flags.length ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('key');
    item.contextValue = `historyAccount${flags.length ? ';flagged' : ''}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**Account \`${a.accountId}\`**: ${a.sessions} root session${a.sessions === 1 ? '' : 's'}`,
        '',
        `Last: ${markdownText(describeLastSession(a))}, by ${codeSpan(a.last.callerArn)} in ${markdownText(a.last.region)}`,
        ...flags.map((f) => `- ${FLAG_LABELS[f]}: ${a.flagged[f]}`),
      ].join('\n'),
    );
    return item;
  }
}

/**
 * The history node's rows: first what the history could not join of the audit log (no log at the setting's
 * path, lines skipped), then one row per account that had a root session. `nameOf` names an account.
 */
export function historyRows(node: HistoryNode, read: HistoryRead, nameOf: (accountId: string) => string | undefined): (MessageNode | HistoryAccountNode)[] {
  const { history, missingAuditLog } = read;
  const missing = missingAuditLog === undefined ? undefined : missingAuditLogRow(missingAuditLog);
  const skipped = skippedLinesRow(history);
  const openSetting = { command: 'workbench.action.openSettings', title: 'Open Setting', arguments: [AUDIT_LOG_SETTING] };
  const openAuditLog = { command: 'rootguard.openAuditLog', title: 'Open Audit Log' };
  const warnings = [
    ...(missing ? [new MessageNode(node, 'noAuditLog', missing.label, { description: missing.description, tooltip: missing.tooltip, icon: missing.icon, command: openSetting })] : []),
    ...(skipped ? [new MessageNode(node, 'skippedAuditLines', skipped.label, { description: skipped.description, tooltip: skipped.tooltip, icon: skipped.icon, command: openAuditLog })] : []),
  ];
  if (history.accounts.length === 0) return [...warnings, new MessageNode(node, 'none', `No root sessions in the last ${history.window.days} days`, { icon: { icon: 'circle-slash' } })];
  return [...warnings, ...history.accounts.map((a) => new HistoryAccountNode(node, a, nameOf(a.accountId)))];
}
