/**
 * The accounts a root session can target: `sts:AssumeRoot`'s TargetPrincipal is a member account of the
 * organization, never its management account. A grant reaching none of them lets its holder open no session;
 * where the organization's accounts are listed, one that reaches each member account reaches every account
 * (`arn:aws:iam::9999000000??:root` over an organization of ten).
 */
import { type Reach, reachesAccount } from '../policy';
import type { HolderSources } from './model';

export interface Targets {
  /** The organization's accounts but the management account, where listed. */
  members?: ReadonlySet<string>;
  /** The management account, where known. */
  management?: string;
}

export function targetsOf(sources: HolderSources): Targets {
  const management = sources.ownScps?.check.status === 'managementAccount' ? sources.accountId : sources.ownScps?.managementAccount;
  const members = sources.organizationAccounts && new Set(sources.organizationAccounts.filter((account) => account !== management));
  return { members, management };
}

/** Whether a named account may be a target: a member account, or where they are not listed, any but the management account. */
export function mayTarget(account: string, targets: Targets): boolean {
  return account !== targets.management && (targets.members?.has(account) ?? true);
}

/** Whether the grant reaches some account a root session can target. */
export function reachesATarget(reach: Reach, targets: Targets): boolean {
  // The named accounts the engine did not check one by one may be members.
  if (reach.uncheckedAccounts > 0) return true;
  if (targets.members) return [...targets.members].some((account) => reachesAccount(reach, account));
  return reach.everyAccount || reach.accounts.some(({ account, pattern }) => pattern !== undefined || mayTarget(account, targets));
}

/** Whether the grant reaches every account a root session can target: every account, or each member account where listed. */
export function reachesEveryTarget(reach: Reach, targets: Targets): boolean {
  if (reach.everyAccount) return true;
  const members = [...(targets.members ?? [])];
  return members.length > 0 && members.every((account) => reachesAccount(reach, account));
}
