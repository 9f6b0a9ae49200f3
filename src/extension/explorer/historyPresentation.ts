/**
 * What the Root session history node says of audit log lines it skipped, decided without VS Code so it can be
 * tested alone. Skipped lines are a partial read: a session only they name shows as not started by RootGuard,
 * so they are shown as the holders node shows the parts it could not read, as a warning row of their own
 * first, with the node's tooltip and description saying it too.
 */
import type { RootSessionHistory } from '../../core/history/model';
import { skippedAuditLines } from '../../core/history/render';
import type { IconSpec } from './presentation';

export interface SkippedLinesRow {
  label: string;
  description: string;
  /** Plain text: the consequence, and where to look. */
  tooltip: string;
  icon: IconSpec;
}

/** The warning row for the audit log lines the history skipped; undefined when it skipped none. */
export function skippedLinesRow(history: RootSessionHistory): SkippedLinesRow | undefined {
  const count = history.auditLogSkippedLines;
  if (!count) return undefined;
  return {
    label: `${count} audit log ${count === 1 ? 'line' : 'lines'} skipped`,
    description: 'not a whole record: click to open the audit log',
    tooltip: `${skippedAuditLines(count, 'the audit log')}.`,
    icon: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  };
}

/** The part of the node's description that says so (` · 2 audit log lines skipped`), or nothing. */
export function skippedLinesDescription(history: RootSessionHistory): string {
  const row = skippedLinesRow(history);
  return row ? ` · ${row.label}` : '';
}
