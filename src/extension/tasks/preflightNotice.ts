/**
 * What a task's confirmation says about the preflight: the chosen accounts where the task is predicted
 * blocked (skipped unless the user includes them) or to depend on a condition, each with the deciding
 * statement from core's prediction, and the accounts that could not be checked. Pure, no `vscode` import.
 */
import { describeAccount } from '../../core/org/describe';
import type { OrgAccount } from '../../core/org/model';
import type { TaskPrediction } from '../../core/preflight';
import { printable } from '../../core/report/cells';

export interface PredictedAccount {
  account: OrgAccount;
  prediction: TaskPrediction;
}

export interface PreflightNotice {
  blocked: PredictedAccount[];
  depends: PredictedAccount[];
  /** Accounts the preflight has no prediction for, and why (the policies could not be read, …). */
  unchecked: { accounts: OrgAccount[]; reason: string } | undefined;
}

/**
 * `predictionOf` gives the account's prediction for this task; `unavailable` why there are none at all
 * (the policies could not be read), undefined when the preflight ran.
 */
export function preflightNotice(accounts: readonly OrgAccount[], predictionOf: (accountId: string) => TaskPrediction | undefined, unavailable?: string): PreflightNotice {
  const blocked: PredictedAccount[] = [];
  const depends: PredictedAccount[] = [];
  const missing: OrgAccount[] = [];
  for (const account of accounts) {
    const prediction = unavailable === undefined ? predictionOf(account.id) : undefined;
    if (!prediction) missing.push(account);
    else if (prediction.result === 'blocked') blocked.push({ account, prediction });
    else if (prediction.result === 'depends') depends.push({ account, prediction });
  }
  const reason = unavailable ?? 'not in the organization as listed for the prediction';
  return { blocked, depends, unchecked: missing.length ? { accounts: missing, reason } : undefined };
}

/** The notice as paragraphs of the confirmation's detail; empty when every account is predicted to work. */
export function describeNotice(notice: PreflightNotice, skippable: boolean, namesShown: number): string[] {
  // A summary names the deciding policy and statement Sid: anyone's text, shown on one line like the names.
  const list = (entries: PredictedAccount[]) => [
    ...entries.slice(0, namesShown).map(({ account, prediction }) => `• ${describeAccount(account)}: ${printable(prediction.summary)}`),
    ...(entries.length > namesShown ? [`• and ${entries.length - namesShown} more`] : []),
  ];
  const paragraphs: string[] = [];
  if (notice.blocked.length) {
    const skip = skippable ? ', skipped unless you include them' : '';
    paragraphs.push([`Predicted blocked by the organization's SCPs or RCPs (${notice.blocked.length})${skip}:`, ...list(notice.blocked)].join('\n'));
  }
  if (notice.depends.length) paragraphs.push([`Predicted to depend on a condition (${notice.depends.length}):`, ...list(notice.depends)].join('\n'));
  if (notice.unchecked) {
    const names = notice.unchecked.accounts.slice(0, namesShown).map(describeAccount).join(', ');
    const more = notice.unchecked.accounts.length > namesShown ? ` and ${notice.unchecked.accounts.length - namesShown} more` : '';
    paragraphs.push(`Not checked against the SCPs and RCPs (${notice.unchecked.reason}): ${names}${more}.`);
  }
  return paragraphs;
}
