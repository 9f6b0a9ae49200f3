/**
 * A task run as a Markdown report for people: what ran and when, the counts, then one table row per account
 * with its outcome and every change (made, planned or left undone), then the failures' causes. The extension
 * shows it in the Markdown preview (the width of the window, not a side editor of plain text); the CLI prints
 * it for tickets and runbooks (`--format markdown`). Names come from the organization, which anyone allowed
 * to rename an account can set, so every cell is escaped: no table break, no HTML, no control character.
 */
import { markdownCell } from '../report/cells';
import { codeSpan } from '../text/markdown';
import type { AccountTaskResult, TaskRun } from './taskRun';
import type { AppliedChange } from './taskModel';
import { cancelledSessionWas, countsLine, summarizeTaskRun } from './taskReport';

/** Several lines in one cell: escaped each, joined with a line break Markdown tables allow. */
const lines = (items: string[]) => items.map(markdownCell).join('<br>') || '—';

const APPLIED: Record<AppliedChange['result'], string> = {
  changed: '',
  'already-done': ' (already so)',
  verified: ' (the response was lost; verified after)',
};

/** The outcome column and the changes column of one account. */
function outcomeOf(r: AccountTaskResult): [string, string] {
  switch (r.status) {
    case 'done':
      return r.changes.length
        ? ['**changed**', lines(r.changes.map((c) => `${c.description}${APPLIED[c.result]}`))]
        : ['nothing to change', markdownCell(r.note ?? '—')];
    case 'dry-run':
      return r.plan.changes.length
        ? ['would change', lines(r.plan.changes.map((c) => c.description))]
        : ['nothing would change', markdownCell(r.plan.note ?? '—')];
    case 'failed':
      return [
        `**failed**: ${markdownCell(r.code)}`,
        lines([...r.changed.map((c) => `changed before the failure: ${c.description}${APPLIED[c.result]}`), ...(r.unknown ?? []).map((c) => `may or may not have changed: ${c.description}`), ...r.notChanged.map((c) => `not changed: ${c.description}`)]),
      ];
    case 'skipped':
      return [`skipped: ${markdownCell(r.reason)}`, markdownCell(r.detail)];
    case 'not-started':
      return ['not started (cancelled)', r.sessionAccessKeyId ? `a session ${cancelledSessionWas(r.cancelledWhile)}; nothing changed` : 'untouched'];
  }
}

/** A note under the row's account when its record could not be written. */
const unrecorded = (r: AccountTaskResult) => ('auditLogError' in r && r.auditLogError ? `<br>**not in the audit log**: ${markdownCell(r.auditLogError)}` : '');

export interface TaskReportContext {
  /** Account names by id, from the organization; an account without one is shown by its id. */
  names?: ReadonlyMap<string, string>;
  /** Where the run's records are, for the reader who needs the full trail. */
  auditLogPath?: string;
}

/** The whole report as Markdown. */
export function taskRunMarkdown(run: TaskRun, context: TaskReportContext = {}): string {
  const summary = summarizeTaskRun(run);
  const account = (id: string) => {
    const name = context.names?.get(id);
    return name ? `${markdownCell(name)} (${id})` : id;
  };
  const out = [`# ${markdownCell(run.title)}${run.dryRun ? ' (dry run)' : ''}`, ''];
  if (run.dryRun) out.push('A dry run: each plan was read in its own root session and **nothing was changed**.', '');
  if (run.cancelled) out.push('**Cancelled**: accounts not started were left untouched.', '');
  out.push(
    `**${run.results.length} account${run.results.length === 1 ? '' : 's'}: ${countsLine(summary)}**`,
    '',
    `Run \`${run.runId}\`, ${run.startedAt} to ${run.finishedAt}${context.auditLogPath ? `; audit log ${codeSpan(context.auditLogPath)}` : ''}.`,
    '',
    '| Account | Outcome | Changes |',
    '| --- | --- | --- |',
    ...run.results.map((r) => {
      const [outcome, changes] = outcomeOf(r);
      return `| ${account(r.accountId)}${unrecorded(r)} | ${outcome} | ${changes} |`;
    }),
  );
  if (summary.failed.length) {
    out.push('', '## Why it failed', '');
    for (const r of summary.failed) out.push(`- ${account(r.accountId)}: ${markdownCell(r.code)}: ${markdownCell(r.message)}${r.likelyCause ? `. Likely cause: ${markdownCell(r.likelyCause)}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
