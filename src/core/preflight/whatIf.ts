/**
 * A what-if's answer: the predictions a proposed policy changes, against the organization as it is, in
 * Markdown for the editor. Only changes are listed: a guardrail's author asks what it breaks (or mends),
 * and the thousands of predictions it leaves alone would bury that.
 */
import type { OrgSnapshot } from '../org/model';
import { markdownCell } from '../report/cells';
import { markdownText } from '../text/markdown';
import type { Preflight, PredictionResult, TaskPrediction } from './model';
import { TASK_LABELS } from './tasks';

export interface PredictionChange {
  before: TaskPrediction;
  after: TaskPrediction;
}

/** The predictions whose result or deciding statements differ, in the order of `after`. */
export function changedPredictions(before: Preflight, after: Preflight): PredictionChange[] {
  const byKey = new Map(before.predictions.map((p) => [`${p.accountId}/${p.task}`, p]));
  const changes: PredictionChange[] = [];
  for (const prediction of after.predictions) {
    const previous = byKey.get(`${prediction.accountId}/${prediction.task}`);
    if (previous && (previous.result !== prediction.result || previous.summary !== prediction.summary)) changes.push({ before: previous, after: prediction });
  }
  return changes;
}

/**
 * `title` says what was proposed (`SCP deny-root.json attached to Workloads (ou-…)`); `refused`, why
 * Organizations would not take it as proposed (describeRefused), said before the predictions.
 */
export function renderWhatIf(title: string, changes: readonly PredictionChange[], total: number, snapshot: Pick<OrgSnapshot, 'accounts'>, refused: readonly string[] = []): string {
  const names = new Map(snapshot.accounts.map((a) => [a.id, a.name]));
  const count = (from: PredictionResult, to: PredictionResult) => changes.filter((c) => c.before.result === from && c.after.result === to).length;
  const newlyBlocked = count('works', 'blocked') + count('depends', 'blocked');
  const accounts = new Set(changes.filter((c) => c.after.result === 'blocked' && c.before.result !== 'blocked').map((c) => c.after.accountId)).size;
  const lines = [
    `# What-if: ${markdownText(title)}`,
    '',
    'Predicted as if deployed, from the SCPs and RCPs the explorer read; nothing was changed in the organization.',
    '',
    ...refused.flatMap((sentence) => [`**Organizations would refuse this:** ${markdownText(sentence)}`, '']),
    changes.length === 0
      ? `No prediction changes: all ${total} stay as they are.`
      : `${changes.length} of ${total} predictions change: ${newlyBlocked} newly blocked (in ${accounts} account${accounts === 1 ? '' : 's'}), ` +
        `${count('blocked', 'works') + count('depends', 'works')} newly working, the rest decided otherwise.`,
  ];
  if (changes.length > 0) {
    lines.push('', '| Account | Name | Task | Before | After | Decided by |', '| --- | --- | --- | --- | --- | --- |');
    for (const { before, after } of changes) {
      const label = TASK_LABELS[after.task];
      const decided = after.result === 'works' ? '' : after.summary.slice(label.length + 1);
      lines.push(`| ${after.accountId} | ${markdownCell(names.get(after.accountId))} | ${label} | ${before.result} | **${after.result}** | ${markdownCell(decided)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
