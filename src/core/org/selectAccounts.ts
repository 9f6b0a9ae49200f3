/**
 * Which accounts of an organization a command acts on: all of them, the ids named, or everything under an
 * OU (nested OUs included), minus the ids excluded. Shared by `rootguard audit`, `rootguard task` and the
 * explorer, so "under an OU" means the same everywhere.
 */
import { RootGuardError } from '../aws/errors';
import type { OrgAccount, OrgSnapshot } from './model';

/** A root or OU and every OU under it that the listing found. */
export function unitsUnder(snapshot: Pick<OrgSnapshot, 'units'>, parentId: string): Set<string> {
  const units = new Set([parentId]);
  // Units are listed level by level, so a parent always comes before its children.
  for (const unit of snapshot.units) if (units.has(unit.parentId)) units.add(unit.id);
  return units;
}

/** Every account under a root or OU, at any depth. */
export function accountsUnder(snapshot: Pick<OrgSnapshot, 'units' | 'accounts'>, parentId: string): OrgAccount[] {
  const units = unitsUnder(snapshot, parentId);
  return snapshot.accounts.filter((a) => units.has(a.parentId));
}

/** One of `accounts`, `ou` or `all`, and optionally ids to leave out. */
export interface AccountSelection {
  accounts?: readonly string[];
  ou?: string;
  all?: boolean;
  exclude?: readonly string[];
}

/**
 * The selected accounts in listing order (named ids in the order given). Throws `Usage` for an id or OU the
 * organization does not have, so a typo never silently shrinks a run.
 */
export function selectAccounts(snapshot: OrgSnapshot, selection: AccountSelection): OrgAccount[] {
  const chosen = [selection.accounts !== undefined, selection.ou !== undefined, selection.all === true].filter(Boolean).length;
  if (chosen !== 1) throw new RootGuardError('Usage', 'choose the accounts with exactly one of --accounts, --ou or --all');
  const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const unknown = [...(selection.accounts ?? []), ...(selection.exclude ?? [])].filter((id) => !byId.has(id));
  if (unknown.length) throw new RootGuardError('Usage', `not in organization ${snapshot.organization.id}: ${unknown.join(', ')}`);
  let accounts: OrgAccount[];
  if (selection.accounts) accounts = [...new Set(selection.accounts)].map((id) => byId.get(id)!);
  else if (selection.ou !== undefined) {
    const isParent = selection.ou === snapshot.root.id || snapshot.units.some((u) => u.id === selection.ou);
    if (!isParent) throw new RootGuardError('Usage', `no OU ${selection.ou} in organization ${snapshot.organization.id}`);
    accounts = accountsUnder(snapshot, selection.ou);
  } else accounts = [...snapshot.accounts];
  const excluded = new Set(selection.exclude ?? []);
  return accounts.filter((a) => !excluded.has(a.id));
}
