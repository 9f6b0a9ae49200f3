/**
 * Which task policies a Deny means to spare by its conditions on `sts:TaskPolicyArn` ("deny everything
 * unless the task policy is the audit's"). Only the caller's `sts:AssumeRoot` request carries that key, never
 * the session's own calls, so in the member account such a Deny spares no root session: what it means to
 * spare is what a fix must let through, and no more.
 */
import { PARTITIONS } from './candidates';
import { conditionHolds } from './conditions';
import type { PolicyStatement } from './model';
import { TASK_POLICY_NAMES, type TaskPolicyName, taskPolicyArn } from './taskPolicies';

const TASK_POLICY_ARN_KEY = 'sts:taskpolicyarn';

/**
 * The task policies whose `sts:AssumeRoot` request some `sts:TaskPolicyArn` entry of the statement certainly
 * does not hold for (in some partition): the tasks it exempts. A value known only at deployment exempts none.
 */
export function taskPoliciesSpared(statement: PolicyStatement): TaskPolicyName[] {
  const entries = statement.conditions.filter((entry) => entry.key.toLowerCase() === TASK_POLICY_ARN_KEY);
  if (entries.length === 0) return [];
  return TASK_POLICY_NAMES.filter((task) =>
    PARTITIONS.some((partition) => entries.some((entry) => conditionHolds(entry, { [TASK_POLICY_ARN_KEY]: taskPolicyArn(task, partition) }) === false)),
  );
}

/** Whether the statement's conditions on the key all hold, certainly, for a request without it. */
export function holdsWithoutKeyIn(statement: PolicyStatement, key: string): boolean {
  const wanted = key.toLowerCase();
  return statement.conditions.filter((entry) => entry.key.toLowerCase() === wanted).every((entry) => conditionHolds(entry, {}) === true);
}
