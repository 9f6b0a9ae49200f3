/**
 * How the preflight (core's prediction of which root tasks the SCPs and RCPs let work) shows on an account
 * row: a description part and a distinct icon on accounts where a task is predicted blocked, and the
 * prediction of every task in the tooltip. Pure functions over core's plain data, no `vscode` import. The
 * prediction itself is core's (src/core/preflight); nothing here decides what a policy allows.
 */
import type { OrgPolicyKind, PolicyTypeState, TaskPrediction } from '../../core/preflight';
import { printable } from '../../core/report/cells';
import { markdownText } from '../../core/text/markdown';
import { type AccountPresentation, formatDate } from './presentation';

/** The preflight of one account, as the explorer knows it at the moment. */
export type AccountPreflight =
  /** Not started (the organization is not loaded yet). */
  | { state: 'idle' }
  | { state: 'loading' }
  /** Read and predicted; `predictions` has one entry per task, empty with `notPredicted` saying why. */
  | { state: 'ready'; predictions: readonly TaskPrediction[]; notPredicted?: string; readAt: string; types: Record<OrgPolicyKind, PolicyTypeState> }
  /** The policies could not be read (AccessDenied, throttling, …): `reason` says which call and why. */
  | { state: 'failed'; reason: string }
  | { state: 'cancelled' };

/** What the preflight adds to an account row. */
export interface AccountPreflightView {
  /**
   * Appended to the row's description: `root tasks blocked`, `2 of 5 root tasks blocked`, `root tasks depend on
   * aws:SourceIp`, `2 of 5 root tasks blocked; others may be blocked too, depending on aws:SourceIp`.
   */
  description?: string;
  blocked: boolean;
  /** Some task, or some call of a blocked task, depends on a condition. */
  depends: boolean;
  /** Markdown lines appended to the tooltip. */
  tooltip: string[];
}

const KIND_LABEL: Record<OrgPolicyKind, string> = { SERVICE_CONTROL_POLICY: 'SCPs', RESOURCE_CONTROL_POLICY: 'RCPs' };

export function presentAccountPreflight(preflight: AccountPreflight): AccountPreflightView {
  const none = { blocked: false, depends: false };
  switch (preflight.state) {
    case 'idle':
      return { ...none, tooltip: [] };
    case 'loading':
      return { ...none, tooltip: ['Root tasks: predicting from the organization’s SCPs and RCPs…'] };
    case 'cancelled':
      return { ...none, tooltip: ['Root tasks **not predicted**: reading the SCPs and RCPs was cancelled. Refresh to try again.'] };
    case 'failed':
      return { ...none, tooltip: [`Root tasks **not predicted**: ${markdownText(preflight.reason)}`] };
    case 'ready':
      return presentReady(preflight);
  }
}

function presentReady({ predictions, notPredicted, readAt, types }: Extract<AccountPreflight, { state: 'ready' }>): AccountPreflightView {
  if (predictions.length === 0) {
    const why = notPredicted ?? 'the account was not in the organization as listed for the prediction';
    return { blocked: false, depends: false, tooltip: [`Root tasks not predicted: ${markdownText(why)}.`] };
  }
  const blocked = predictions.filter((p) => p.result === 'blocked');
  // The keys of tasks that depend and of blocked tasks' calls that only may be blocked, as their summaries name them.
  const keys = [...new Set(predictions.flatMap((p) => p.dependsOn))];
  const notEvaluated = (Object.entries(types) as [OrgPolicyKind, PolicyTypeState][]).filter(([, state]) => state !== 'ENABLED').map(([kind]) => KIND_LABEL[kind]);
  const tooltip = [
    `**Root tasks predicted from the SCPs and RCPs** (read ${formatDate(readAt)}):`,
    '',
    ...predictions.map((p) => `- ${markdownText(p.summary)}`),
    ...(notEvaluated.length ? ['', `${notEvaluated.join(' and ')} are not enabled on the root: not evaluated.`] : []),
  ];
  return { description: describe(blocked.length, predictions.length, keys), blocked: blocked.length > 0, depends: keys.length > 0, tooltip };
}

/** Worded as the CLI's summaries are: a blocked task's "...; iam:GetUser may be blocked too, depending on aws:SourceIp". */
function describe(blocked: number, total: number, keys: readonly string[]): string | undefined {
  const conditions = keys.length <= 2 ? keys.join(', ') : 'conditions';
  if (blocked === 0) return keys.length ? `root tasks depend on ${conditions}` : undefined;
  const blockedPart = blocked === total ? 'root tasks blocked' : `${blocked} of ${total} root tasks blocked`;
  return keys.length ? `${blockedPart}; others may be blocked too, depending on ${conditions}` : blockedPart;
}

/**
 * The row with its preflight: the description part, the `preflightBlocked`/`preflightDepends` flags, the
 * tooltip lines, and a warning-coloured lock instead of "not audited" where a task is predicted blocked (an
 * audited row keeps the icon of what the audit found).
 */
export function withPreflight(row: AccountPresentation, preflight: AccountPreflightView, auditing: boolean): AccountPresentation {
  const flags = [...(preflight.blocked ? ['preflightBlocked'] : []), ...(preflight.depends ? ['preflightDepends'] : [])];
  const lockIcon = preflight.blocked && row.risk === 'unknown' && !auditing;
  return {
    ...row,
    // The condition keys named come from the organization's policies, as names come from its accounts.
    description: preflight.description ? printable(`${row.description} · ${preflight.description}`) : row.description,
    icon: lockIcon ? { icon: 'lock', color: 'problemsWarningIcon.foreground' } : row.icon,
    tooltip: preflight.tooltip.length ? `${row.tooltip}\n\n${preflight.tooltip.join('\n')}` : row.tooltip,
    contextValue: [row.contextValue, ...flags].join(';'),
  };
}
