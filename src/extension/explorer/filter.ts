/**
 * The explorer's filter: accounts with root credentials, accounts where the preflight predicts a root task
 * blocked, and/or a name or id fragment. Pure data and
 * matching (no `vscode`), shared by the tree and its tests; the picker that edits it is filterPicker.ts.
 */
import { hasRootCredentials, type OrgAccount } from '../../core/org/model';
import type { AuditCacheEntry } from '../../core/root/auditCache';

export interface AccountFilter {
  /** Only accounts whose latest successful audit found a password, an access key or a certificate. */
  withRootCredentials: boolean;
  /** Only accounts where the preflight predicts some root task blocked by an SCP or RCP. */
  rootTaskBlocked: boolean;
  /** Case-insensitive fragment of the account name or id; empty matches all. */
  text: string;
}

export const NO_FILTER: AccountFilter = { withRootCredentials: false, rootTaskBlocked: false, text: '' };

export function isFilterActive(filter: AccountFilter): boolean {
  return filter.withRootCredentials || filter.rootTaskBlocked || filter.text.trim() !== '';
}

/**
 * Whether an account passes; an account never audited has no known credentials, so the first option hides it,
 * and one without a prediction (not read yet, or not predictable) has no task known blocked.
 */
export function matchesFilter(filter: AccountFilter, account: OrgAccount, entry: AuditCacheEntry | undefined, rootTaskBlocked = false): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text && !account.name.toLowerCase().includes(text) && !account.id.includes(text)) return false;
  if (filter.rootTaskBlocked && !rootTaskBlocked) return false;
  if (!filter.withRootCredentials) return true;
  const latest = entry?.latest.kind === 'ok' ? entry.latest : undefined;
  return latest !== undefined && hasRootCredentials(latest.status);
}

/** For the view's message line: `accounts with root credentials matching "prod"`. */
export function describeFilter(filter: AccountFilter): string {
  const text = filter.text.trim();
  const who = [filter.withRootCredentials ? 'accounts with root credentials' : 'accounts', ...(filter.rootTaskBlocked ? ['where a root task is blocked'] : [])].join(' ');
  return text ? `${who} matching "${text}"` : who;
}
