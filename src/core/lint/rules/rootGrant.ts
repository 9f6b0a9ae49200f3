/**
 * The effective `sts:AssumeRoot` grant of a whole identity policy (its Deny statements narrow its
 * Allows), from the engine, and how the root-access rules word it.
 */
import { FUTURE_TASK_POLICY, type Reach, type TaskGrant, TASK_POLICY_NAMES, type TaskPolicyName, UNKNOWN_VALUE, actionPatternCovers, assumeRootGrant } from '../../policy';
import { actionMatches, hasWildcard } from '../../policy/wildcards';
import { enginePolicy, perDocument } from '../enginePolicy';
import type { Located, PolicyDocument, Statement } from '../model';
import { listKeys, listNames } from '../semantics/describe';

/** The grant per task policy (the future one included), computed once per document. */
export const effectiveGrant = perDocument((document: PolicyDocument): TaskGrant[] =>
  document.statements.some(mayCoverAssumeRoot) ? assumeRootGrant(enginePolicy(document)) : [],
);

/**
 * Whether a statement's action element may cover sts:AssumeRoot, as the engine reads it: a policy without
 * one grants no root session, and most policies (a broad managed policy lists thousands of actions) need
 * not be read by the engine at all. The model reads the same elements of the same tree as the engine.
 */
function mayCoverAssumeRoot(statement: Statement): boolean {
  const element = statement.action;
  return element !== undefined && (element.negated || element.values.some((v) => actionPatternCovers(v.value, 'sts:AssumeRoot')));
}

export function grantOf(grants: readonly TaskGrant[], task: TaskPolicyName | typeof FUTURE_TASK_POLICY): TaskGrant | undefined {
  return grants.find((g) => g.task === task);
}

/**
 * The statements of the document an effective grant came through, in order. A statement whose Action only
 * may cover sts:AssumeRoot (a value known only at deployment, such as a template's `!FindInMap`) is not said
 * to allow it: the rules name what the text shows, and such a statement shows no sts:AssumeRoot.
 */
export function grantingStatements(document: PolicyDocument, grant: TaskGrant): Statement[] {
  return document.statements.filter(
    (s) => grant.allowedBy.includes(s.index) && s.effect?.value === 'Allow' && (s.action?.negated === true || assumeRootPattern(s) !== undefined),
  );
}

/**
 * Where the grant holds only for some requests, on what it depends: ", depending on aws:RequestedRegion" (a
 * condition of the Allow, or of a Deny that takes some task policies back), and ", as far as values known only
 * at deployment allow" where a template's intrinsic function (an account `Ref`) leaves it open.
 */
export function grantCaveat(grant: TaskGrant): string {
  const keys = grant.certain ? [] : grant.dependsOn.filter((key) => key !== UNKNOWN_VALUE);
  const depending = keys.length ? `, depending on ${listKeys(keys)}` : '';
  return depending + (grant.dependsOn.includes(UNKNOWN_VALUE) ? ', as far as values known only at deployment allow' : '');
}

/**
 * "every member account", "account 111122223333 and every account matching arn:aws:iam::1111*:root", with
 * "except account 111122224444" where a Deny carves named accounts out of them, and "of partition aws-cn"
 * where it holds in some partitions only (`arn:aws-cn:iam::*:root` reaches no account in `aws`).
 */
export function describeAccounts(grant: Reach): string {
  return `${accountsOf(grant)}${partitionsOf(grant)}`;
}

/**
 * " of partition aws-cn and aws-us-gov": said where it holds in some of the partitions tried only, or in
 * none of `aws` (the engine tries only the partitions a grant's ARNs name, so `arn:aws-cn:` is "every").
 */
function partitionsOf(reach: Reach): string {
  return reach.everyPartition && reach.partitions.includes('aws') ? '' : ` of partition ${listNames(reach.partitions)}`;
}

function accountsOf(grant: Reach): string {
  const except = grant.exceptAccounts.length ? ` except ${grant.exceptAccounts.length === 1 ? 'account' : 'accounts'} ${listNames(grant.exceptAccounts)}` : '';
  if (grant.everyAccount) return `every member account${except}`;
  const literal = grant.accounts.filter((a) => !a.pattern).map((a) => a.account);
  const patterns = grant.accounts.flatMap((a) => (a.pattern ? [a.pattern] : []));
  const parts: string[] = [];
  if (literal.length) parts.push(`${literal.length === 1 ? 'account' : 'accounts'} ${listNames(literal)}`);
  if (patterns.length) parts.push(`every account matching ${listNames(patterns)}${except}`);
  if (grant.uncheckedAccounts) parts.push(`possibly ${grant.uncheckedAccounts} more named accounts not checked one by one`);
  return parts.join(' and ') || 'no account';
}

/** Every task policy, future ones included, remains granted: RG101's case, which the narrower rules leave to it. */
export function grantsEveryTask(grants: readonly TaskGrant[]): boolean {
  return grantOf(grants, FUTURE_TASK_POLICY) !== undefined && grantedTasks(grants).length === TASK_POLICY_NAMES.length;
}

/** The task policies still granted, in catalog order. */
export function grantedTasks(grants: readonly TaskGrant[]): TaskPolicyName[] {
  return TASK_POLICY_NAMES.filter((name) => grantOf(grants, name));
}

/** The value of `Action` through which a statement covers sts:AssumeRoot, or undefined (NotAction). */
export function assumeRootPattern(statement: Statement): Located<string> | undefined {
  if (!statement.action || statement.action.negated) return undefined;
  return statement.action.values.find((v) => actionMatches(v.value, 'sts:AssumeRoot'));
}

/** How an action grant reads in a message: `via "sts:*"`, `through NotAction`, or nothing for the plain name. */
export function describeVia(statement: Statement): string {
  if (statement.action?.negated) return 'through NotAction';
  const pattern = assumeRootPattern(statement);
  return pattern && hasWildcard(pattern.value) ? `via "${pattern.value}"` : '';
}
