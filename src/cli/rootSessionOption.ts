/**
 * `simulate --root-session TASK`: the request is one call made inside a root session opened with that task
 * policy. The caller is then the member account's root user, the task policy applies (it only denies), and
 * the request carries the keys every root session's call does (`aws:AssumedRoot`, `aws:PrincipalArn`...),
 * each unless the command line gives it.
 */
import { type Policy, type Request, prepareRequest, rootSessionAbsence, rootSessionContext, taskPolicyDocument } from '../core/policy';
import { splitArn } from '../core/policy/patterns';
import { parseRootUserArn } from '../core/policy/rootUser';
import { parseTaskName } from '../core/preflight/tasks';
import { parseTaskPolicyArn } from '../core/root/taskPolicies';

export interface RootSessionCall {
  request: Request;
  taskPolicy: Policy;
}

/** The request as a root session makes it; `fail` makes the usage error for a task or account it cannot place. */
export function asRootSessionCall(task: string, request: Request, fail: (message: string) => Error): RootSessionCall {
  const name = parseTaskName(task) ?? parseTaskPolicyArn(task.trim())?.name;
  if (!name) throw fail(`--root-session names a task policy (IAMDeleteRootUserCredentials, or delete-credentials, or its ARN), not "${task}"`);
  const { partition, account } = memberAccount(request, fail);
  const root = `arn:${partition}:iam::${account}:root`;
  const given = new Set(Object.keys(request.context ?? {}).map((key) => key.toLowerCase()));
  const implied = Object.entries(rootSessionContext({ partition, account })).filter(([key]) => !given.has(key.toLowerCase()));
  return {
    // A root session carries no principal tags, nor keys its call does not support, nor on the root user
    // itself resource tags: the engine decides a condition on one, as the preflight does.
    request: { ...request, principal: { type: 'AWS', id: root }, context: { ...Object.fromEntries(implied), ...request.context }, ...rootSessionAbsence(request.resource) },
    taskPolicy: taskPolicyDocument(name),
  };
}

/** The member account the session is in: `--principal`'s, else the one the resource names. */
function memberAccount(request: Request, fail: (message: string) => Error): { partition: string; account: string } {
  if (request.principal) {
    const root = parseRootUserArn(request.principal.id);
    if (!root) throw fail(`in a root session the caller is the member account's root user: --principal arn:aws:iam::<account>:root, not "${request.principal.id}"`);
    return root;
  }
  const arn = splitArn(request.resource);
  const account = arn?.[4] || prepareRequest(request).context.get('aws:resourceaccount')?.[0];
  if (!account) throw fail('--root-session needs the member account: give --principal arn:aws:iam::<account>:root');
  return { partition: arn?.[1] || 'aws', account };
}
