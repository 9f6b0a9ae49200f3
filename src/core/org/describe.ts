/**
 * Accounts and OUs as confirmations and prompts name them. A member account can rename itself and an OU's
 * name may hold any character: a line break or a bidirectional override in it could add a line to, or
 * reorder, what is being confirmed, so control characters are shown as `\u{…}`, in the editor as in a terminal.
 */
import { printable } from '../report/cells';
import type { OrgAccount, OrgUnit } from './model';

/** `member-0004 (999900000004)`. */
export function describeAccount(account: Pick<OrgAccount, 'name' | 'id'>): string {
  return printable(`${account.name} (${account.id})`);
}

/** `OU Prod (ou-ab12-cdef3456)`: its id beside the name, which another OU may share or imitate. */
export function describeUnit(unit: Pick<OrgUnit, 'name' | 'id'>): string {
  return printable(`OU ${unit.name} (${unit.id})`);
}
