/**
 * Who is expected to open root sessions, and whether a session's principal was. What a security engineer
 * expects is what the holders view says today: a session is expected when its principal (the role behind a role
 * session; the IAM Identity Center permission set behind an `AWSReservedSSO_` role) may open a session with that
 * task on that account. Conditions (MFA, network, tags) are not checked against the event: the event does not
 * carry them all, and a holder that met them is still the one expected. A session by a principal deleted or
 * narrowed since is flagged too: that is worth a look as well.
 */
import type { Holder, HoldersReport } from '../holders/model';
import { accountPart } from '../policy/candidates';
import { arnLike, stringLike } from '../policy/wildcards';
import type { HistorySession } from './model';

/** Where a principal may open root sessions. */
export interface ExpectedGrant {
  /** A root-task policy name, or `FutureTaskPolicy` for a task policy AWS may add. */
  task: string;
  everyAccount: boolean;
  /** Account ids, or ARN patterns whose account segment may hold wildcards. */
  accounts: readonly string[];
  /** Further accounts the policies name that were not checked one by one (the grant may hold there too). */
  uncheckedAccounts?: number;
  /** Accounts carved out of `everyAccount` or a pattern (by a Deny): a session there was not expected. */
  exceptAccounts?: readonly string[];
}

export interface ExpectedPrincipal {
  /** ArnLike pattern, matched against the role behind a role session and against the caller itself. */
  arn: string;
  /** How a report names it (`role BreakGlassRoot`); the pattern when given on its own. */
  name: string;
  /** What it may open; undefined: any task on any account (a principal named by the user). */
  grants?: readonly ExpectedGrant[];
}

/** An expected principal named by the user: any task, any account. */
export function givenPrincipal(pattern: string): ExpectedPrincipal {
  return { arn: pattern, name: pattern };
}

/** Identity Center names the role it provisions for a permission set `AWSReservedSSO_<set name>_<16 hex digits>`. */
const SSO_ROLE_SUFFIX = '?'.repeat(16);

function sessionArnPattern(holder: Holder, accountId: string): string {
  if (holder.kind !== 'permissionSet') return holder.arn;
  const partition = holder.arn.split(':')[1] || 'aws';
  // The path is `/aws-reserved/sso.amazonaws.com/`, with the Identity Center region after it outside us-east-1.
  return `arn:${partition}:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${holder.name}_${SSO_ROLE_SUFFIX}`;
}

const KIND_NAMES: Record<Holder['kind'], string> = { user: 'user', role: 'role', permissionSet: 'permission set' };

/** The holders view as expected principals, each with the tasks and accounts its policies grant. */
export function expectedFromHolders(report: HoldersReport): ExpectedPrincipal[] {
  return report.holders.map((h) => ({
    arn: sessionArnPattern(h, report.accountId),
    name: `${KIND_NAMES[h.kind]} ${h.name}`,
    grants: h.grants.map((g) => ({ task: g.task, everyAccount: g.everyAccount, accounts: g.accounts, uncheckedAccounts: g.uncheckedAccounts, exceptAccounts: g.exceptAccounts })),
  }));
}

const ACCOUNT_ID = /^\d{12}$/;

/** Whether the grant reaches the account: its accounts and exceptions are ids, or patterns (`9999*`, an ARN's). */
function coversAccount(grant: ExpectedGrant, account: string | undefined): boolean {
  const named = (value: string) => account !== undefined && (ACCOUNT_ID.test(value) ? value === account : stringLike(accountPart(value) ?? '', account));
  if (grant.exceptAccounts?.some(named)) return false;
  if (grant.everyAccount) return true;
  return grant.accounts.some(named);
}

function coversTask(grant: ExpectedGrant, session: HistorySession): boolean {
  return session.taskPolicy ? grant.task === session.taskPolicy : grant.task === 'FutureTaskPolicy';
}

/** Undefined when the session was expected; otherwise why not, in words. */
export function whyUnexpected(session: HistorySession, expected: readonly ExpectedPrincipal[]): string | undefined {
  const matching = expected.filter((p) => arnLike(p.arn, session.principalArn) || arnLike(p.arn, session.callerArn));
  if (matching.length === 0) return 'not an expected principal';
  if (matching.some((p) => !p.grants || p.grants.some((g) => coversTask(g, session) && coversAccount(g, session.targetAccountId)))) return undefined;
  const names = matching.map((p) => p.name).join(', ');
  const task = session.taskPolicy ?? session.taskPolicyArn;
  const forTask = matching.flatMap((p) => p.grants!.filter((g) => coversTask(g, session)));
  if (forTask.length === 0) return `${names} may not open ${task} sessions`;
  const where = `${names} may not open ${task} sessions on ${session.targetAccountId ?? 'this account'}`;
  // Still flagged, since nothing shows the grant holds there; but the reason says it might.
  const unchecked = Math.max(...forTask.map((g) => g.uncheckedAccounts ?? 0));
  return unchecked ? `${where}, unless it is one of ${unchecked} more named accounts not checked one by one` : where;
}
