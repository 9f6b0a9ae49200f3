/**
 * Where an answer about root sessions holds (`Reach`, answerTally.ts), asked of one account: the holders view
 * asks it of the organization's accounts, the ones a root session can target.
 */
import { accountPart } from './candidates';
import type { Reach } from './answerTally';
import { globMatches } from './wildcards';

/**
 * Whether the answer holds for the account: not carved out, and named there (literally, or by a pattern it
 * holds for: its example account stands for every account the pattern matches) or holding for every account.
 */
export function reachesAccount(reach: Reach, account: string): boolean {
  const matches = (value: string) => globMatches(accountPart(value) ?? value, account, false);
  if (reach.exceptAccounts.some(matches)) return false;
  return reach.everyAccount || reach.accounts.some(({ account: named, pattern }) => (pattern === undefined ? named === account : matches(pattern)));
}
