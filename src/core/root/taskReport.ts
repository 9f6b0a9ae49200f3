/**
 * The summary of a task run for people: counts, then every account under done, would change (dry run),
 * failed (with the reason and what changed before it), skipped (why) and not started. Plain text, so the
 * extension, the CLI and reports print the same thing.
 */
import type { AccountTaskResult, SessionPhase, TaskRun } from './taskRun';
import type { AppliedChange } from './taskModel';

type ResultOf<S extends AccountTaskResult['status']> = Extract<AccountTaskResult, { status: S }>;

/** A run's results grouped by what happened. */
export interface TaskRunSummary {
  done: ResultOf<'done'>[];
  dryRun: ResultOf<'dry-run'>[];
  failed: ResultOf<'failed'>[];
  skipped: ResultOf<'skipped'>[];
  notStarted: ResultOf<'not-started'>[];
}

/** What the session of an account not started was doing when the run was cancelled. */
export function cancelledSessionWas(phase: SessionPhase): string {
  return phase === 'opening' ? 'had just opened, nothing read' : phase === 'confirming' ? 'was waiting for confirmation' : 'was reading';
}

/** Groups `run.results` by status, keeping the targets' order within each group. */
export function summarizeTaskRun(run: TaskRun): TaskRunSummary {
  const pick = <S extends AccountTaskResult['status']>(status: S) => run.results.filter((r): r is ResultOf<S> => r.status === status);
  return { done: pick('done'), dryRun: pick('dry-run'), failed: pick('failed'), skipped: pick('skipped'), notStarted: pick('not-started') };
}

/**
 * "3 changed, 1 already as asked, 1 failed, 2 skipped" (only the non-zero groups). An account where nothing
 * needed changing is not "done": it is counted apart, so a run that changed nothing never reads as if it did.
 * A dry run counts what would change; the caller's headline says it was a dry run.
 */
export function countsLine(summary: TaskRunSummary): string {
  const changed = summary.done.filter((r) => r.changes.length > 0).length;
  const wouldChange = summary.dryRun.filter((r) => r.plan.changes.length > 0).length;
  const parts: [number, string][] = [
    [changed, 'changed'],
    [summary.done.length - changed, 'already as asked'],
    [wouldChange, 'would change'],
    [summary.dryRun.length - wouldChange, 'nothing to change'],
    [summary.failed.length, 'failed'],
    [summary.skipped.length, 'skipped'],
    [summary.notStarted.length, 'not started'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ') || 'no accounts';
}

const RESULT_MARKS: Record<AppliedChange['result'], string> = {
  changed: '',
  'already-done': ' [already so]',
  verified: ' [done; the response was lost, verified after]',
};

/** The line that tells the user an account's record is missing from the audit log, when it is. */
function notRecordedLine(r: { auditLogError?: string }): string[] {
  return r.auditLogError ? [`    NOT RECORDED in the audit log: ${r.auditLogError}`] : [];
}

function doneLine(r: ResultOf<'done'>): string {
  if (r.changes.length === 0) return [`  ${r.accountId}: nothing to change${r.note ? ` (${r.note})` : ''}`, ...notRecordedLine(r)].join('\n');
  const changes = r.changes.map((c) => `${c.description}${RESULT_MARKS[c.result]}`);
  return [`  ${r.accountId} (session ${r.sessionAccessKeyId}):`, ...changes.map((c) => `    - ${c}`), ...notRecordedLine(r)].join('\n');
}

function dryRunLine(r: ResultOf<'dry-run'>): string {
  if (r.plan.changes.length === 0) return `  ${r.accountId}: nothing would change${r.plan.note ? ` (${r.plan.note})` : ''}`;
  return `  ${r.accountId} would change:\n${r.plan.changes.map((c) => `    - ${c.description}`).join('\n')}`;
}

function failedLine(r: ResultOf<'failed'>): string {
  const lines = [`  ${r.accountId}: ${r.code}: ${r.message}`];
  if (r.likelyCause) lines.push(`    likely cause: ${r.likelyCause}`);
  for (const c of r.changed) lines.push(`    changed before the failure: ${c.description}${RESULT_MARKS[c.result]}`);
  for (const c of r.unknown ?? []) lines.push(`    may or may not have changed: ${c.description}`);
  for (const c of r.notChanged) lines.push(`    not changed: ${c.description}`);
  lines.push(...notRecordedLine(r));
  return lines.join('\n');
}

/** The whole summary as text: a headline, then one section per non-empty group. */
export function formatTaskRun(run: TaskRun): string {
  const summary = summarizeTaskRun(run);
  const sections: [string, string[]][] = [
    ['Done', summary.done.map(doneLine)],
    ['Would change (dry run, nothing was changed)', summary.dryRun.map(dryRunLine)],
    ['Failed', summary.failed.map(failedLine)],
    ['Skipped', summary.skipped.map((r) => `  ${r.accountId}: ${r.reason}: ${r.detail}`)],
    ['Not started (cancelled; untouched)', summary.notStarted.map((r) => [`  ${r.accountId}${r.sessionAccessKeyId ? ` (session ${r.sessionAccessKeyId} ${cancelledSessionWas(r.cancelledWhile)}; nothing changed)` : ''}`, ...notRecordedLine(r)].join('\n'))],
  ];
  const headline = `${run.title}${run.dryRun ? ' (dry run)' : ''}: ${run.results.length} account${run.results.length === 1 ? '' : 's'}, ${countsLine(summary)}${run.cancelled ? ' (cancelled)' : ''}`;
  const body = sections.filter(([, lines]) => lines.length).map(([title, lines]) => `${title}:\n${lines.join('\n')}`);
  return [headline, ...body].join('\n\n');
}
