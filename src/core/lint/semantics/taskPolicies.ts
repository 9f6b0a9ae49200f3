/**
 * Which of the five root-task policies a statement lets a caller obtain with `sts:AssumeRoot`, from its
 * conditions on `sts:TaskPolicyArn` (an ARN-typed, single-valued key that every AssumeRoot request
 * carries). A statement is evaluated in the partitions it names (in its task-policy values or its
 * `Resource`; `aws` when it names none), so that a negation written for `aws` is not undone by the same
 * ARN in `aws-cn`: a policy is permitted when, in one of those partitions, every entry holds for its ARN.
 */
import type { ConditionOperator } from '../conditions';
import type { Statement } from '../model';
import { editDistance } from '../spelling';
import { TASK_POLICY_NAMES, type TaskPolicyName, taskPolicyArn } from '../../root/taskPolicies';
import { type ParsedEntry, allHold, entryHolds, parsedEntriesForKey, policyValueMatches } from './conditionValues';
import { perStatement } from './perStatement';

export const TASK_POLICY_ARN_KEY = 'sts:TaskPolicyArn';

/** The partitions that have the root-task policies. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/**
 * Stands for a task policy AWS may add later. No real policy is named like this, so a condition lets it
 * through only when it lets unknown names through: a negation, or a pattern such as `root-task/*`.
 */
const FUTURE_TASK_POLICY = 'Zq9FutureTask';

/** What a statement's `sts:TaskPolicyArn` conditions permit. */
export interface TaskPolicyPermission {
  /** The task policies a request can obtain, in catalog order. */
  policies: TaskPolicyName[];
  /** Also lets through task policies that do not exist yet (negations, wide patterns). */
  allowsFuture: boolean;
  /** No condition narrows `sts:TaskPolicyArn`: every task policy, present and future, is permitted. */
  unrestricted: boolean;
  /** The entries on `sts:TaskPolicyArn` with an operator IAM knows, in document order. */
  entries: ParsedEntry[];
}

/**
 * Evaluates every `sts:TaskPolicyArn` entry of a statement (key names case-insensitive, entries AND-ed).
 * Five rules ask this of every Allow, so the answer is kept per statement (shared: do not modify it).
 */
export const permittedTaskPolicies = perStatement((statement: Statement): TaskPolicyPermission => {
  const entries = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY);
  // Nearly every statement has no such entry, and then every task policy passes, in any partition.
  if (entries.length === 0) return { policies: [...TASK_POLICY_NAMES], allowsFuture: true, unrestricted: true, entries };
  const partitions = statementPartitions(statement, entries);
  const permits = (name: string) => partitions.some((partition) => allHold(entries, taskPolicyArn(name as TaskPolicyName, partition)));
  const policies = TASK_POLICY_NAMES.filter(permits);
  const allowsFuture = permits(FUTURE_TASK_POLICY);
  return { policies, allowsFuture, unrestricted: allowsFuture && policies.length === TASK_POLICY_NAMES.length, entries };
});

/** The partitions a statement names in its `sts:TaskPolicyArn` values and `Resource`; `aws` when none. */
export function statementPartitions(statement: Statement, entries = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY)): string[] {
  const values = [...entries.flatMap((e) => e.entry.values), ...(statement.resource?.values ?? [])].map((v) => v.value);
  const named = PARTITIONS.filter((p) => values.some((v) => v.startsWith(`arn:${p}:`)));
  return named.length ? named : ['aws'];
}

/** The task policies one entry alone lets through (its operator and all its values), in the statement's partitions. */
export function taskPoliciesPassingEntry(statement: Statement, parsed: ParsedEntry): { policies: TaskPolicyName[]; allowsFuture: boolean } {
  const partitions = statementPartitions(statement);
  const passes = (name: string) => partitions.some((p) => entryHolds(parsed, taskPolicyArn(name as TaskPolicyName, p)));
  return { policies: TASK_POLICY_NAMES.filter(passes), allowsFuture: passes(FUTURE_TASK_POLICY) };
}

/**
 * The task policies one policy value matches under an operator's comparison, before negation: what an
 * `ArnLike` pattern covers, or the one policy an exact value names. Empty for a value naming none.
 */
export function taskPoliciesMatchedBy(operator: ConditionOperator, value: string): TaskPolicyName[] {
  return TASK_POLICY_NAMES.filter((name) => PARTITIONS.some((p) => policyValueMatches(operator, value, taskPolicyArn(name, p))));
}

/** A module constant: a regular expression literal inside a function builds a new RegExp on every call. */
const WILDCARD = /[*?]/;

/** True when the operator compares by glob, so that one value may cover several task policies. */
export function globs(operator: ConditionOperator, value: string): boolean {
  return (operator.like || operator.family === 'Arn') && WILDCARD.test(value);
}

/**
 * The task-policy ARN a mistaken value most likely meant: the CLI's `arn=` prefix dropped, the name
 * matched case-insensitively or else by edit distance, in the value's partition (default `aws`).
 */
export function nearestTaskPolicyArn(value: string): string {
  const cleaned = value.trim().replace(/^arn=/i, '');
  const partition = PARTITIONS.find((p) => cleaned.toLowerCase().startsWith(`arn:${p}:`)) ?? 'aws';
  // Task policy names are under 40 characters: past 100, a value's tail is no nearer any of them, and
  // comparing all of a hostile megabyte would cost its length times theirs.
  const tail = cleaned.slice(Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf(':')) + 1).slice(0, 100).toLowerCase();
  let best: TaskPolicyName = TASK_POLICY_NAMES[0];
  let bestDistance = Infinity;
  for (const name of TASK_POLICY_NAMES) {
    const distance = editDistance(tail, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return taskPolicyArn(best, partition);
}

