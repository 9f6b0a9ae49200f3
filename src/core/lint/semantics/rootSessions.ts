/**
 * How a Deny treats centralized root access sessions. In the member account an AssumeRoot session *is*
 * the root principal (`aws:PrincipalArn` = `arn:aws:iam::<member>:root`), so a classic "deny the root
 * user" SCP also denies the task sessions, unless it exempts them with `"Null": {"aws:AssumedRoot": "true"}`
 * (the key is present, with value true, only in root sessions).
 */
import type { ConditionEntry, Located, Statement } from '../model';
import { TASK_POLICY_ALLOWED_ACTIONS, TASK_POLICY_NAMES, type TaskPolicyName } from '../../root/taskPolicies';
import { allHold, parsedEntriesForKey } from './conditionValues';
import { coveredActions } from './grants';

export const PRINCIPAL_ARN_KEY = 'aws:PrincipalArn';
export const ASSUMED_ROOT_KEY = 'aws:AssumedRoot';

/** The positive `aws:PrincipalArn` value through which a statement targets the root principal. */
export interface RootPrincipalMatch {
  entry: ConditionEntry;
  value: Located<string>;
}

/**
 * Where the statement explicitly targets root users: a positive `aws:PrincipalArn` entry (`ArnLike`,
 * `StringLike`, `StringEquals`, ...) with a value that names a root user, such that every
 * `aws:PrincipalArn` entry of the statement holds for that root user. A negated entry alone
 * (`ArnNotLike ...:role/Admin`) applies to everyone but the exceptions and is not a root deny.
 */
export function rootPrincipalMatch(statement: Statement): RootPrincipalMatch | undefined {
  const entries = parsedEntriesForKey(statement, PRINCIPAL_ARN_KEY);
  for (const { entry, operator } of entries) {
    if (operator.negated || (operator.family !== 'String' && operator.family !== 'Arn')) continue;
    for (const value of entry.values) {
      const rootUser = rootUserInstance(value.value);
      if (rootUser && allHold(entries, rootUser)) return { entry, value };
    }
  }
  return undefined;
}

/** A concrete root-user ARN that a pattern such as `arn:aws:iam::*:root` matches, if it names root users. */
function rootUserInstance(pattern: string): string | undefined {
  const instance = pattern.replace(/\*/g, '000000000000').replace(/\?/g, '0');
  return /^arn:[a-z-]+:iam::\d+:root$/.test(instance) ? instance : undefined;
}

/** Whom a statement's `aws:AssumedRoot` conditions let it apply to. */
export interface AssumedRootApplicability {
  /** Requests made in an AssumeRoot session (the key is present and true). */
  rootSessions: boolean;
  /** Every other request (the key is absent). */
  otherRequests: boolean;
}

/** Evaluates the statement's `aws:AssumedRoot` entries for a root session and for any other request. */
export function assumedRootApplicability(statement: Statement): AssumedRootApplicability {
  const entries = parsedEntriesForKey(statement, ASSUMED_ROOT_KEY);
  return { rootSessions: allHold(entries, 'true'), otherRequests: allHold(entries, undefined) };
}

/** Per task policy, the actions it leaves to the root session that the statement's actions cover. */
export type TaskActionCoverage = Partial<Record<TaskPolicyName, string[]>>;

/** The task actions a statement's `Action`/`NotAction` covers, by task policy; tasks with none are left out. */
export function coveredTaskActions(statement: Statement): TaskActionCoverage {
  const coverage: TaskActionCoverage = {};
  for (const name of TASK_POLICY_NAMES) {
    const covered = coveredActions(statement, TASK_POLICY_ALLOWED_ACTIONS[name]);
    if (covered.length) coverage[name] = covered;
  }
  return coverage;
}

/** "IAMAuditRootUserCredentials (all 7 actions), S3UnlockBucketPolicy (s3:ListAllMyBuckets)". */
export function describeTaskActionCoverage(coverage: TaskActionCoverage): string {
  const complete = (name: TaskPolicyName) => coverage[name]?.length === TASK_POLICY_ALLOWED_ACTIONS[name].length;
  if (TASK_POLICY_NAMES.every(complete)) return 'every action of all five task policies';
  return Object.entries(coverage)
    .map(([name, actions]) => {
      const all = actions!.length === TASK_POLICY_ALLOWED_ACTIONS[name as TaskPolicyName].length;
      return all ? `${name} (all its actions)` : `${name} (${actions!.join(', ')})`;
    })
    .join(', ');
}
