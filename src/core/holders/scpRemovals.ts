/**
 * Why the connected account's own SCPs take a root task away from a principal: the engine decides that
 * principal's `sts:AssumeRoot` for the task against the SCP levels alone, and names the Deny that applies or
 * the level without an Allow.
 */
import { ASSUME_ROOT_ABSENCE, type Policy, type TaskGrant, type TaskPolicyName, decideOrgFilters, statementName, taskPolicyArn } from '../policy';
import type { GrantStatement, ScpRemoval } from './model';

/** An account no policy names, for a grant that held on every account. */
const ANY_ACCOUNT = '999999999990';

export function scpRemovals(removed: readonly TaskGrant[], levels: readonly (readonly Policy[])[], context: Record<string, string | readonly string[]>, targets: readonly string[]): ScpRemoval[] {
  return removed.map((grant) => {
    const partition = grant.partitions[0] ?? 'aws';
    const account = grant.everyAccount ? ANY_ACCOUNT : (grant.accounts[0]?.account ?? ANY_ACCOUNT);
    const task = grant.task;
    const answer = decideOrgFilters(
      {
        action: 'sts:AssumeRoot',
        resource: `arn:${partition}:iam::${account}:root`,
        context: { ...context, ...(task === 'FutureTaskPolicy' ? {} : { 'sts:TaskPolicyArn': taskPolicyArn(task as TaskPolicyName, partition) }) },
        ...ASSUME_ROOT_ABSENCE,
      },
      { scps: levels },
    );
    const statements: GrantStatement[] = answer.deciding.map((d) => ({ policy: d.policy, statement: d.statement, sid: d.sid, line: d.line }));
    return { task, reason: reasonOf(answer, statements, targets), statements };
  });
}

function reasonOf(answer: ReturnType<typeof decideOrgFilters>, statements: readonly GrantStatement[], targets: readonly string[]): string {
  const named = statements.map((s) => `SCP ${s.policy} ${statementName(s.statement, s.sid)}, line ${s.line}`).join('; ');
  if (answer.outcome === 'denied' && answer.denial === 'implicitDeny' && answer.level) return `no SCP attached at ${targets[answer.level.index] ?? `level ${answer.level.index + 1} of the organization path`} allows sts:AssumeRoot`;
  if (answer.outcome === 'denied') return `denied by ${named}`;
  // Removed for every value the engine tried, though one request alone leaves keys open.
  return `denied by the SCPs${named ? ` (${named})` : ''} for every request the policies allow`;
}
