/**
 * What the Root session history node and its rows say, decided without VS Code so it can be tested alone.
 * Skipped audit log lines are a partial read: a session only they name shows as not started by RootGuard,
 * so they are shown as the holders node shows the parts it could not read, as a warning row of their own
 * first, with the node's tooltip and description saying it too.
 * A missing audit log is a row too: every session then shows as not started by RootGuard.
 */
import { type AccountHistory, FLAG_LABELS, type RootSessionHistory, type SessionFlag } from '../../core/history/model';
import { noAuditLog, skippedAuditLines } from '../../core/history/render';
import { printable } from '../../core/report/cells';
import { skippedLinesLabel } from '../../core/root/auditLog';
import { AUDIT_LOG_SETTING } from '../tasks/auditLogSetting';
import type { IconSpec } from './presentation';

/** A warning row first under the history node: what of the audit log the history could not join. */
export interface AuditLogRow {
  label: string;
  description: string;
  /** Plain text: the consequence, and where to look. */
  tooltip: string;
  icon: IconSpec;
}

/** The warning row for the audit log lines the history skipped; undefined when it skipped none. */
export function skippedLinesRow(history: RootSessionHistory): AuditLogRow | undefined {
  const count = history.auditLogSkippedLines;
  if (!count) return undefined;
  return {
    label: skippedLinesLabel(count),
    description: 'not a whole record: click to open the audit log',
    tooltip: `${skippedAuditLines(count, 'the audit log')}.`,
    icon: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  };
}

/**
 * The row for an audit log that is not there (no task has run yet, or the setting names the wrong file): the
 * history then says none of the sessions was started by RootGuard, so the row says why, in the CLI's words.
 */
export function missingAuditLogRow(path: string): AuditLogRow {
  const said = noAuditLog(path, `the ${AUDIT_LOG_SETTING} setting`);
  return {
    label: 'No audit log yet',
    description: printable(path),
    tooltip: `${said[0].toUpperCase()}${said.slice(1)}.`,
    icon: { icon: 'info' },
  };
}

/** The part of the node's description that says so (` · 2 audit log lines skipped`), or nothing. */
export function skippedLinesDescription(history: RootSessionHistory): string {
  const row = skippedLinesRow(history);
  return row ? ` · ${row.label}` : '';
}

/** One line for an account's row and tooltip: when, which task, by whom. */
export function describeLastSession(a: AccountHistory): string {
  return `${a.last.time.replace(/\.\d{3}Z$/, 'Z')} · ${a.last.task}${a.last.startedByRootGuard ? ' · RootGuard' : ''}`;
}

/**
 * An account's row: its name (anyone's with organizations:UpdateAccount) and the task CloudTrail recorded,
 * printable as the explorer's account rows are; the flags count every session of the account, not only the
 * last one shown first, and say so.
 */
export function presentHistoryAccount(a: AccountHistory, name: string | undefined): { label: string; description: string } {
  const flags = Object.keys(a.flagged) as SessionFlag[];
  return {
    label: printable(name ? `${name} (${a.accountId})` : a.accountId),
    description: printable(`${describeLastSession(a)}${flags.length ? ` · flagged: ${flags.map((f) => FLAG_LABELS[f]).join('; ')}` : ''}`),
  };
}
