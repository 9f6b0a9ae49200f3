/**
 * Symbolic questions about root sessions, answered by evaluating every candidate request (candidates.ts):
 *
 * - `rootSessionDenials`: which calls of which task an SCP's or RCP's Deny statements refuse a root session
 *   (`aws:PrincipalArn` = `arn:<partition>:iam::<account>:root`, `aws:AssumedRoot` = `true`), in which
 *   partitions and accounts, and whether certainly or depending on keys the text cannot fix.
 * - `assumeRootGrant`: which task policies an identity policy lets its holder open root sessions with, for
 *   which accounts, after its own Deny statements (the effective grant of the whole policy);
 *   `principalRootGrant` the same for all of a principal's policies within its permissions boundary.
 */
import { knownAbsent } from './absentKeys';
import { type Certainty, type Reach, Tally } from './answerTally';
import { freshAccount, namedAccounts, partitionsFor, valuations, variableKeys } from './candidates';
import { deciding as decidingStatement } from './decidingStatement';
import { evaluate, evaluateAsGiven } from './evaluate';
import { prepareRequest } from './prepare';
import { SHORT_ARN_PATTERN } from './patterns';
import type { DecidingStatement, Policy, PolicyStatement, Request } from './model';
import { RCP_ON_NO_RESOURCE, rcpsGovern, rcpsGovernRequest } from './rcpServices';
import { WHICH_RESOURCE, resourceNamesToTry, whichResource } from './resourceNames';
import { SessionCall, reportedKey, sessionValuations } from './rootSessionRequests';
import { type PreparedRequest, type StatementAnswer, actionApplies, statementApplies } from './statement';
import { ALWAYS_CARRIED_KEYS, ASSUME_ROOT_ABSENCE, type RootSessionTarget, TASK_CALLS, TASK_POLICY_NAMES, type TaskCall, type TaskPolicyName, callResource, rootSessionCallLacks, rootSessionRequest, taskPolicyArn } from './taskPolicies';
import { MAYBE, NO, YES } from './tri';

export type { Certainty, Reach };

export interface RootSessionDenial extends Certainty, Reach {
  statement: PolicyStatement;
  task: TaskPolicyName;
  /** The task's calls the statement denies, in the task's order. */
  actions: string[];
  /**
   * Per call of `actions`, in their order: denied for certain, or only depending on these keys. A Deny
   * certain for the task may refuse one call whatever the keys hold and another only for some values.
   */
  calls: CallDenial[];
  /**
   * The statement denies these calls to root sessions only, never to the root user signing in with its own
   * credentials (`aws:AssumedRoot` absent): a guardrail written for root sessions on purpose.
   */
  rootSessionsOnly: boolean;
}

export interface CallDenial {
  action: string;
  certain: boolean;
  /** The keys it depends on where it is not certain (in some partitions). */
  dependsOn: readonly string[];
}

/** Per Deny statement and task, the calls of the task it denies a root session. Tasks it never denies are left out. */
export function rootSessionDenials(policy: Policy, kind: 'scp' | 'rcp'): RootSessionDenial[] {
  const denials: RootSessionDenial[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Deny') continue;
    // An RCP statement must name its principals (`"Principal": "*"`); one that does not is read as naming all.
    const withPrincipal = kind === 'rcp' && statement.principal !== undefined;
    for (const task of TASK_POLICY_NAMES) {
      const denial = denialOfTask(statement, task, withPrincipal, kind === 'rcp');
      if (denial) denials.push(denial);
    }
  }
  return denials;
}

/** The keys a recorded answer of an RCP may hinge on that no valuation sets: which resource, and whether it governs the call at all. */
const WHICH_RESOURCE_OR_RCP_GOVERNANCE: ReadonlySet<string> = new Set([...WHICH_RESOURCE, RCP_ON_NO_RESOURCE]);

function denialOfTask(statement: PolicyStatement, task: TaskPolicyName, withPrincipal: boolean, rcp: boolean): RootSessionDenial | undefined {
  // An RCP limits only the calls of the services RCPs govern: the S3 and SQS calls of the unlock tasks.
  const calls = TASK_CALLS[task].filter((call) => actionMayMatch(statement, call.action) && (!rcp || rcpsGovern(call.action)));
  if (calls.length === 0) return undefined;
  const named = namedAccounts([statement]);
  const accounts = [...named.accounts, { account: freshAccount(named.accounts) }];
  const partitions = partitionsFor([statement]);
  const { list, keys, capped, organizationKey } = sessionValuations(statement, calls);
  // A key the statement reads only through a policy variable is read as absent too: principal tags are the
  // keys guardrails read that way.
  const tally = new Tally(partitions, accounts, named.unchecked, keys, list, capped, rcp ? WHICH_RESOURCE_OR_RCP_GOVERNANCE : WHICH_RESOURCE);
  const denied = new Set<string>();
  let rootSessionsOnly = true;
  const groups = callsAnsweredAlike(statement, calls);
  for (const { calls: alike, names, namesCapped } of groups) {
    const call = alike[0];
    // The calls' answers are one: recorded once, they tell the tally all that each would.
    const record = (p: number, a: number, applies: number, index: number, hingedOn?: readonly string[]) => tally.record(p, a, applies, index, call.action, hingedOn);
    const deny = () => alike.forEach(({ action }) => denied.add(action));
    const which = whichResource(call.target);
    // Whether an RCP governs a call on no resource is not documented (rcpsGovernRequest): its answer hinges on that.
    const rcpUndocumented = rcp && rcpsGovernRequest(call.action, callResource(call, { partition: 'aws', account: '' })) === MAYBE;
    const session = new SessionCall(call, list, organizationKey);
    for (const [p, partition] of partitions.entries()) {
      const requests = session.inPartition(partition);
      for (const [a, { account }] of accounts.entries()) {
        // Valuations whose requests are the same get the same answers, asked once.
        const answered = new Map<number, (StatementAnswer & { target: RootSessionTarget })[]>();
        for (const index of list.keys()) {
          const first = requests.firstAlike(index);
          let answers = answered.get(first);
          if (!answers) {
            const targets = requests.under(index, account, names.length > 1 ? names : [undefined]);
            answered.set(first, (answers = targets.map(({ target, prepared }) => ({ target, ...statementApplies(statement, prepared, withPrincipal) }))));
          }
          // Past the names tried, another may be one the statement spares or denies.
          const mixed = answers.some((answer) => answer.applies !== answers[0].applies) || namesCapped;
          const applying = answers.find((answer) => answer.applies !== NO);
          // A "maybe" says why: an ARN pattern of fewer than six parts, or (named by nothing) an unknown part.
          if (rcpUndocumented && applying) record(p, a, MAYBE, index, [RCP_ON_NO_RESOURCE]);
          else record(p, a, mixed ? MAYBE : answers[0].applies, index, mixed && which ? [which] : answers[0].dependsOn.filter((key) => key === SHORT_ARN_PATTERN));
          if (!applying) continue;
          deny();
          if (rootSessionsOnly) rootSessionsOnly = statementApplies(statement, prepareRequest(withoutAssumedRoot(requests.request(index, applying.target))), withPrincipal).applies === NO;
        }
        if (!capped) continue;
        const untried = rootSessionRequest(call, { partition, account }, {});
        if (!couldApply(statementApplies(statement, prepareRequest(untried), withPrincipal))) continue;
        record(p, a, MAYBE, UNTRIED, rcpUndocumented ? [RCP_ON_NO_RESOURCE] : undefined);
        deny();
        if (rootSessionsOnly) rootSessionsOnly = !couldApply(statementApplies(statement, prepareRequest(withoutAssumedRoot(untried)), withPrincipal));
      }
    }
  }
  const actions = calls.map(({ action }) => action).filter((action) => denied.has(action));
  if (actions.length === 0) return undefined;
  // Alike calls were recorded under their group's first: its answer is theirs, worked out once.
  const answerOf = new Map(groups.flatMap(({ calls: alike }) => alike.map(({ action }) => [action, alike[0].action] as const)));
  const groupAnswers = new Map<string, ReturnType<Tally['callAnswer']>>();
  const groupAnswer = (first: string) => groupAnswers.get(first) ?? groupAnswers.set(first, asNamed(tally.callAnswer(first))).get(first)!;
  const byCall = actions.map((action) => ({ action, ...groupAnswer(answerOf.get(action)!) }));
  return { statement, task, actions, calls: byCall, rootSessionsOnly, ...asNamed(tally.answer()) };
}

/** An answer's keys as the statement names them (reportedKey), each once. */
function asNamed<T extends { dependsOn: readonly string[] }>(answer: T): T {
  return { ...answer, dependsOn: [...new Set(answer.dependsOn.map(reportedKey))] };
}

/**
 * The task's calls grouped by what the statement can tell apart: a root session's requests differ from call to
 * call only in the action, the resource and the keys the action supports, so calls on one kind of resource
 * whose action the statement matches alike, that lack the same of its condition keys (and try the same names)
 * get the same answers, and are asked once.
 */
function callsAnsweredAlike(statement: PolicyStatement, calls: readonly TaskCall[]): { calls: TaskCall[]; names: string[]; namesCapped: boolean }[] {
  const groups = new Map<string, { calls: TaskCall[]; names: string[]; namesCapped: boolean }>();
  for (const call of calls) {
    const { names, capped } = resourceNamesToTry(call, [{ ...NO_POLICY, statements: [statement] }]);
    const lacks = statement.conditions.map((entry) => rootSessionCallLacks(call, entry.key));
    const key = JSON.stringify([call.target, actionApplies(statement, call.action), lacks, capped, names]);
    const group = groups.get(key);
    if (group) group.calls.push(call);
    else groups.set(key, { calls: [call], names, namesCapped: capped });
  }
  return [...groups.values()];
}

/** A policy around one statement, for the questions asked of policies. */
const NO_POLICY: Policy = { name: '', text: '', statements: [] };

/**
 * Past the cap, valuations were left untried, and one of them may be the only one under which the statement
 * applies. Asked with the free keys left out, the statement says whether some value of them could make it
 * apply (it names such keys); if so, the answer is kept as "depends" rather than lost.
 */
const UNTRIED = -1;

function couldApply(answer: StatementAnswer): boolean {
  return answer.applies !== NO || answer.dependsOn.length > 0;
}

/** Adds to `deciding` the identity policies' Allow statements that may apply to the request. */
function addPossibleAllows(identity: readonly Policy[], request: PreparedRequest, deciding: Map<string, DecidingStatement>): void {
  for (const policy of identity) {
    for (const statement of policy.statements) {
      if (statement.effect === 'Allow' && couldApply(statementApplies(statement, request, false))) deciding.set(`${policy.name}\u0000${statement.index}`, decidingStatement(policy, statement));
    }
  }
}

/** The same request made by the root user with its own credentials: no `aws:AssumedRoot` in the context. */
function withoutAssumedRoot(request: Request): Request {
  const context = Object.fromEntries(Object.entries(request.context ?? {}).filter(([key]) => key.toLowerCase() !== 'aws:assumedroot'));
  return { ...request, context };
}

/** The keys (lower case) the statements' conditions name that the caller's AssumeRoot request certainly lacks. */
function assumeRootLacksNamed(statements: readonly PolicyStatement[]): string[] {
  const keys = statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase()));
  return keys.filter((key) => knownAbsent({ action: 'sts:AssumeRoot', ...ASSUME_ROOT_ABSENCE }, key));
}

/**
 * The absent keys as named (see `PrincipalPolicies.absent`): each one ending in `/` becomes the keys with
 * that start the statements read, in conditions or policy variables, that the context does not give.
 */
function absentKeysRead(absent: readonly string[], statements: readonly PolicyStatement[], context: Readonly<Record<string, unknown>>): string[] {
  const prefixes = absent.filter((key) => key.endsWith('/')).map((key) => key.toLowerCase());
  if (prefixes.length === 0) return [...absent];
  const givenKeys = new Set(Object.keys(context).map((key) => key.toLowerCase()));
  const read = [...statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase())), ...variableKeys(statements)];
  const started = read.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)) && !givenKeys.has(key));
  return [...absent.filter((key) => !key.endsWith('/')), ...new Set(started)];
}

/** A cheap pre-check so that statements about other actions cost one match per call. */
function actionMayMatch(statement: PolicyStatement, action: string): boolean {
  return actionApplies(statement, action) !== NO;
}

/**
 * The keys (lower case) only policy variables read: no valuation sets them, as no condition names values of
 * theirs to try (`"sts:TaskPolicyArn": "${aws:PrincipalTag/task}"`). See Tally.record.
 */
function variableOnlyKeys(statements: readonly PolicyStatement[], enumerated: readonly string[], fixed: ReadonlySet<string>): Set<string> {
  const set = new Set(enumerated.map((key) => key.toLowerCase()));
  return new Set([...variableKeys(statements)].filter((key) => !set.has(key) && !fixed.has(key)));
}

/** Stands for a task policy AWS may add later: only negations and wide patterns let it through. */
export const FUTURE_TASK_POLICY = 'FutureTaskPolicy';

export interface TaskGrant extends Certainty, Reach {
  task: TaskPolicyName | typeof FUTURE_TASK_POLICY;
  /** The Allow statements (indices) that granted it in some candidate request. */
  allowedBy: readonly number[];
  /** The same statements with their policy, line and range (for a set of policies, the statements of each). */
  deciding: readonly DecidingStatement[];
}

/** The policies one principal is evaluated with: its identity policies, its permissions boundary, its account's SCPs. */
export interface PrincipalPolicies {
  identity: readonly Policy[];
  permissionsBoundary?: Policy;
  /** The SCPs per level of the principal's own account path, root first: absent for the management account (exempt). */
  scps?: readonly (readonly Policy[])[];
  /** Keys every request of this principal carries (its ARN, account, organization path): decided, not enumerated. */
  context?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Keys no request of this principal carries, decided as absent rather than enumerated: a request signed
   * with an IAM user's long-term access keys carries no `aws:MultiFactorAuthPresent`. One ending in `/`
   * (`aws:PrincipalTag/`) stands for every key it starts that `context` does not give: a user's requests
   * carry its tags and no others.
   */
  absent?: readonly string[];
}

/**
 * The task policies (and a future one) the policy lets its holder open root sessions with, after its own
 * Deny statements: `sts:AssumeRoot` on `arn:<partition>:iam::<account>:root` with `sts:TaskPolicyArn` set,
 * over every candidate partition, account and value of the other keys (the caller's own, the time, ...).
 */
export function assumeRootGrant(policy: Policy): TaskGrant[] {
  return principalRootGrant({ identity: [policy] }).map((grant) => ({
    ...grant,
    allowedBy: [...new Set(grant.deciding.filter((d) => d.policy === policy.name).map((d) => d.statement))].sort((a, b) => a - b),
  }));
}

/**
 * The same question for a principal: every identity policy together (a Deny in one removes an Allow of
 * another), within its permissions boundary when it has one and the SCPs of its account's path when given.
 * `allowedBy` is left empty: with several policies, `deciding` names the statements (SCPs' Allows included).
 */
export function principalRootGrant(policies: PrincipalPolicies): TaskGrant[] {
  const scope = (policy: Policy): Policy => ({ ...policy, statements: policy.statements.filter((s) => actionMayMatch(s, 'sts:AssumeRoot')) });
  const identity = policies.identity.map(scope).filter((p) => p.statements.length > 0);
  if (!identity.some((p) => p.statements.some((s) => s.effect === 'Allow'))) return [];
  const boundary = policies.permissionsBoundary && scope(policies.permissionsBoundary);
  // A level keeps its (now empty) policies: a level left without an Allow still denies.
  const scps = policies.scps?.map((level) => level.map(scope));
  const relevant = [...identity, ...(boundary ? [boundary] : []), ...(scps ?? []).flat()].flatMap((p) => p.statements);
  const fixed = policies.context ?? {};
  const named = namedAccounts(relevant, fixed);
  const accounts = [...named.accounts, { account: freshAccount(named.accounts) }];
  const partitions = partitionsFor(relevant, true);
  // The task policy is set per question, and aws:ResourceAccount is the account whose root user is asked for.
  // Keys no AssumeRoot request carries (aws:AssumedRoot, tag keys) are decided absent, not enumerated.
  const given = [...Object.keys(fixed), ...absentKeysRead(policies.absent ?? [], relevant, fixed)].map((k) => k.toLowerCase());
  const fixedKeys = new Set(['sts:taskpolicyarn', 'aws:resourceaccount', ...given, ...assumeRootLacksNamed(relevant)]);
  // sts:AssumeRoot has no global endpoint: every request goes to a Regional one and carries aws:RequestedRegion.
  const { list, keys, capped } = valuations(relevant, fixedKeys, [], ALWAYS_CARRIED_KEYS);
  const variableOnly = variableOnlyKeys(relevant, keys, fixedKeys);
  const policySet = { identity, permissionsBoundary: boundary, scps };
  // Each valuation's context as the engine reads it, prepared once. Only the task policy and the account
  // differ from one request to the next, and they are set in place: evaluateAsGiven keeps nothing of a request.
  const contexts = list.map((valuation) => new Map(prepareRequest({ action: 'sts:AssumeRoot', resource: '', context: { ...valuation, ...fixed } }).context));
  const answerFor = (task: TaskPolicyName | typeof FUTURE_TASK_POLICY): Certainty & Reach & { deciding: DecidingStatement[] } => {
    const tally = new Tally(partitions, accounts, named.unchecked, keys, list, capped, variableOnly);
    const deciding = new Map<string, DecidingStatement>();
    for (const [p, partition] of partitions.entries()) {
      const taskPolicy = [taskPolicyArn(task as TaskPolicyName, partition)];
      for (const [a, { account }] of accounts.entries()) {
        const resource = `arn:${partition}:iam::${account}:root`;
        for (let index = 0; index < contexts.length; index++) {
          const context = contexts[index].set('sts:taskpolicyarn', taskPolicy).set('aws:resourceaccount', [account]);
          const request = { action: 'sts:AssumeRoot', resource, context, ...ASSUME_ROOT_ABSENCE };
          const decision = evaluateAsGiven(request, policySet);
          const applies = decision.decision === 'allowed' ? (decision.uncertain ? MAYBE : YES) : decision.uncertain ? MAYBE : NO;
          tally.record(p, a, applies, index, '', decision.dependsOn);
          if (decision.decision === 'allowed') for (const d of decision.deciding) deciding.set(`${d.policy}\u0000${d.statement}`, d);
          // Not allowed while unknown parts match nothing, or a key only a policy variable reads holds nothing,
          // but maybe once deployed or given: the Allows that may then grant.
          else if (decision.uncertain || decision.dependsOn.some((key) => variableOnly.has(key.toLowerCase()))) addPossibleAllows(identity, request, deciding);
        }
        if (!capped) continue;
        // As for denials (UNTRIED): a decision some value of the left-out keys could turn into "allowed".
        const context = { ...fixed, 'sts:TaskPolicyArn': taskPolicy[0], 'aws:ResourceAccount': account };
        const request = prepareRequest({ action: 'sts:AssumeRoot', resource, context, ...ASSUME_ROOT_ABSENCE });
        const untried = evaluate(request, policySet);
        if (untried.decision !== 'allowed' && untried.dependsOn.length === 0) continue;
        tally.record(p, a, MAYBE, UNTRIED);
        // The identity Allows such a value could let through are what grants it, if anything does.
        addPossibleAllows(identity, request, deciding);
      }
    }
    return { deciding: [...deciding.values()], ...tally.answer() };
  };
  // Requests for different tasks differ in sts:TaskPolicyArn alone. When no statement reads that key (in a
  // condition or a policy variable), they are decided alike and one task's answer is every task's: for most
  // grants as written, one question instead of six.
  const readsTask = relevant.some((s) => s.conditions.some((e) => e.key.toLowerCase() === 'sts:taskpolicyarn')) || variableKeys(relevant).has('sts:taskpolicyarn');
  let taskBlind: ReturnType<typeof answerFor> | undefined;
  const grants: TaskGrant[] = [];
  for (const task of [...TASK_POLICY_NAMES, FUTURE_TASK_POLICY] as const) {
    const answer = readsTask ? answerFor(task) : (taskBlind ??= answerFor(task));
    if (answer.partitions.length > 0) grants.push({ task, allowedBy: [], ...answer });
  }
  return grants;
}
