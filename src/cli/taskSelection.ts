/**
 * Whether `rootguard task` can trust the organization listing for its selection. `loadOrganization` loads
 * what it can and names the listings that failed (`unlisted`); a task run on what was loaded would silently
 * leave out every account under those parents, so a selection that depends on one is refused instead.
 */
import type { OrgSnapshot, UnlistedParent } from '../core/org/model';
import { type AccountSelection, unitsUnder } from '../core/org/selectAccounts';
import { printable } from '../core/report/cells';

/** The failed listings the selection depends on, and the named ids it cannot place because of them. */
export interface IncompleteSelection {
  listings: UnlistedParent[];
  /** `--accounts` or `--exclude` ids not in what was listed: they may be under a parent that was not. */
  unplaced: string[];
}

/** Undefined when the listing holds every account the selection can name; otherwise what is missing. */
export function incompleteSelection(snapshot: OrgSnapshot, selection: AccountSelection): IncompleteSelection | undefined {
  const unlisted = snapshot.unlisted ?? [];
  if (unlisted.length === 0) return undefined;
  const known = new Set(snapshot.accounts.map((a) => a.id));
  const unplaced = [...(selection.accounts ?? []), ...(selection.exclude ?? [])].filter((id) => !known.has(id));
  let listings: UnlistedParent[] = [];
  if (selection.all || unplaced.length) listings = unlisted;
  else if (selection.ou !== undefined) {
    const isKnown = selection.ou === snapshot.root.id || snapshot.units.some((u) => u.id === selection.ou);
    // An OU the listing did not find may sit under a parent whose OUs could not be listed.
    listings = isKnown ? unlisted.filter((u) => unitsUnder(snapshot, selection.ou!).has(u.parentId)) : unlisted.filter((u) => u.listing === 'units');
  }
  return listings.length ? { listings, unplaced } : undefined;
}

/** Why the run does not start, for stderr: each failed listing with its error, then what it means. */
export function describeIncompleteSelection(incomplete: IncompleteSelection, organizationId: string): string {
  const lines = incomplete.listings.map((u) => `could not list the ${u.listing} of ${u.parentId} (${u.code}: ${printable(u.message)})`);
  if (incomplete.unplaced.length) {
    lines.push(`cannot tell whether ${incomplete.unplaced.join(', ')} ${incomplete.unplaced.length === 1 ? 'is' : 'are'} in organization ${organizationId}: ${incomplete.unplaced.length === 1 ? 'it' : 'they'} may be under a parent that could not be listed`);
  }
  lines.push('the selection depends on these listings, so no account was acted on and nothing was changed; run the task again');
  return lines.map((l) => `rootguard task: ${l}\n`).join('');
}
