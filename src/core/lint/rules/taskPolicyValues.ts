/**
 * What the `sts:TaskPolicyArn` values of a statement let through, asked of the engine entry by entry: the
 * rules about how the key is written (RG103-RG106) point at one value or one operator, so they need the
 * answer per entry and per value, in the partitions the statement names.
 */
import { type ConditionOperator, FUTURE_TASK_POLICY, TASK_POLICY_NAMES, type TaskPolicyName, UNKNOWN_PART, conditionHolds, taskPolicyArn } from '../../policy';
import { hasWildcard } from '../match';
import type { Statement } from '../model';
import { editDistance } from '../spelling';
import { type ParsedEntry, TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';

/** The partitions that have the root-task policies. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** The partitions a statement names in its `sts:TaskPolicyArn` values and `Resource`; `aws` when none. */
export function statementPartitions(statement: Statement): string[] {
  const values = [...parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY).flatMap((e) => e.entry.values), ...(statement.resource?.values ?? [])].map((v) => v.value);
  const named = PARTITIONS.filter((p) => values.some((v) => v.startsWith(`arn:${p}:`)));
  return named.length ? named : ['aws'];
}

function holds(entry: ParsedEntry, values: string[], name: string, partition: string): boolean {
  const answer = conditionHolds(
    { operator: entry.entry.operator.value, key: TASK_POLICY_ARN_KEY, values },
    { [TASK_POLICY_ARN_KEY]: taskPolicyArn(name as TaskPolicyName, partition) },
  );
  return answer !== false;
}

/** The task policies (and whether a future one) that one entry alone lets through, in the statement's partitions. */
export function taskPoliciesPassingEntry(statement: Statement, parsed: ParsedEntry): { policies: TaskPolicyName[]; allowsFuture: boolean } {
  const partitions = statementPartitions(statement);
  const values = parsed.entry.values.map((v) => v.value);
  const passes = (name: string) => partitions.some((p) => holds(parsed, values, name, p));
  return { policies: TASK_POLICY_NAMES.filter(passes), allowsFuture: passes(FUTURE_TASK_POLICY) };
}

/** True when the entries on the key together let every task policy through, future ones too: the statement is unscoped. */
export function entriesLetEveryTaskThrough(statement: Statement): boolean {
  const entries = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY);
  const partitions = statementPartitions(statement);
  const passes = (name: string) => partitions.some((p) => entries.every((e) => holds(e, e.entry.values.map((v) => v.value), name, p)));
  return passes(FUTURE_TASK_POLICY) && TASK_POLICY_NAMES.every(passes);
}

/** The task policies one value matches under an operator, before negation (any partition). */
export function taskPoliciesMatchedBy(operator: ConditionOperator, value: string): TaskPolicyName[] {
  const positive = operator.canonical.replace(/Not(?=Equals|Like)/, '').replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  return TASK_POLICY_NAMES.filter((name) =>
    PARTITIONS.some((p) => conditionHolds({ operator: positive, key: TASK_POLICY_ARN_KEY, values: [value] }, { [TASK_POLICY_ARN_KEY]: taskPolicyArn(name, p) }) !== false),
  );
}

/** True when the operator compares by glob, so that one value may cover several task policies. */
export function globs(operator: ConditionOperator, value: string): boolean {
  return (operator.like || operator.family === 'Arn') && hasWildcard(value);
}

/**
 * The task-policy ARN a mistaken value most likely meant: the CLI's `arn=` prefix dropped, the name
 * matched case-insensitively or else by edit distance, in the value's partition (default `aws`).
 */
export function nearestTaskPolicyArn(value: string): string {
  const cleaned = value.trim().replace(/^arn=/i, '');
  // A partition known only at deployment (`${AWS::Partition}`) stays as the value writes it.
  const partition = PARTITIONS.find((p) => cleaned.toLowerCase().startsWith(`arn:${p}:`)) ?? (cleaned.startsWith(`arn:${UNKNOWN_PART}:`) ? UNKNOWN_PART : 'aws');
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
