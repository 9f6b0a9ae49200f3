/**
 * Concrete evaluation of one request against a policy set, in the order of AWS's "Policy evaluation
 * logic": an explicit Deny in any policy wins; every level of the SCP path and of the RCP path must have an
 * Allow, and so must the VPC endpoint policy; then identity policies (within the permissions boundary and
 * the session policies) or the resource policy must allow. An account's root user needs no identity Allow
 * in its own account, nor does a root session, whose task policy only denies (rootUser.ts).
 */
import type { Decision, DecidingStatement, Policy, PolicySet, PolicyStatement, Request } from './model';
import { type PreparedRequest, type StatementAnswer, accountOf, grantedAs, statementApplies } from './statement';
import { deciding } from './decidingStatement';
import { jointlyDecisiveKeys } from './joint';
import { prepareRequest } from './prepare';
import { resourcePolicyRequired } from './resourceGrants';
import { ownPolicyIgnored, refusedToRootUser, rootUserAccount } from './rootUser';
import { rcpsExempt, resourceAccountOf, scpsExempt } from './orgExemptions';
import { SHORT_ARN_PATTERN } from './patterns';
import { RCP_ON_NO_RESOURCE, rcpsGovernRequest } from './rcpServices';
import { MAYBE, NO, type Tri, YES } from './tri';

/** The statements of a group of policies that apply, by effect. */
interface Scan {
  allows: DecidingStatement[];
  denies: DecidingStatement[];
  /**
   * Per effect, when some statement only may apply, why: the markers of those statements (`UNKNOWN_VALUE`,
   * `SHORT_ARN_PATTERN`). Undefined when none may.
   */
  maybeDeny?: string[];
  maybeAllow?: string[];
  /** What the applying denies hinged on: once one applies, nothing else can change the answer. */
  denyDependsOn: string[];
  /** What the Denies that do not apply hinged on: some value of these keys could make one apply. */
  otherDenyDependsOn: string[];
  /** What the Allows hinged on (applying or not): these can change whether this group allows. */
  allowDependsOn: string[];
  /** Some Deny applies whatever the absent keys hold. */
  certainDeny: boolean;
  /** Whether the group allows: YES whatever the absent keys hold, NO whatever they hold, or MAYBE. */
  allowing: Tri;
}

/**
 * With `boundaryAttached`, a Deny with `NotPrincipal` names every caller: AWS documents that such a
 * statement "will always deny any IAM principal that has a permissions boundary policy attached,
 * regardless of the values specified in the NotPrincipal element" (IAM User Guide, NotPrincipal, key points).
 * `admits` leaves out the statements that do not belong to this group (see grantStages).
 */
function scan(policies: readonly Policy[], request: PreparedRequest, withPrincipal: boolean, boundaryAttached = false, admits?: (statement: PolicyStatement) => boolean): Scan {
  const result: Scan = { allows: [], denies: [], denyDependsOn: [], otherDenyDependsOn: [], allowDependsOn: [], certainDeny: false, allowing: NO };
  let certainAllow = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (admits && !admits(statement)) continue;
      const sparesNobody = boundaryAttached && statement.effect === 'Deny' && statement.principal?.negated === true;
      const read = sparesNobody ? { ...statement, principal: { negated: false, any: true, byType: {} } } : statement;
      const answer: StatementAnswer = statementApplies(read, request, withPrincipal);
      if (answer.applies === MAYBE) {
        const markers = maybeMarkers(answer.dependsOn);
        if (statement.effect === 'Deny') result.maybeDeny = [...(result.maybeDeny ?? []), ...markers];
        else result.maybeAllow = [...(result.maybeAllow ?? []), ...markers];
      }
      const certain = answer.applies === YES && answer.dependsOn.length === 0;
      const possible = answer.applies !== NO || answer.dependsOn.length > 0;
      if (statement.effect === 'Deny') {
        if (certain) result.certainDeny = true;
        (answer.applies === YES ? result.denyDependsOn : result.otherDenyDependsOn).push(...answer.dependsOn);
      } else {
        if (certain) certainAllow = true;
        if (possible) result.allowing = MAYBE;
        result.allowDependsOn.push(...answer.dependsOn);
      }
      if (answer.applies !== YES) continue;
      (statement.effect === 'Deny' ? result.denies : result.allows).push(deciding(policy, statement));
    }
  }
  if (certainAllow) result.allowing = YES;
  return result;
}

/**
 * Decides one request. A left-out key tested by several condition entries is decided jointly (joint.ts):
 * `dependsOn` then names it only when some value of it really changes the decision.
 */
export function evaluate(request: Request | PreparedRequest, policies: PolicySet): Decision {
  const prepared = request.context instanceof Map ? (request as PreparedRequest) : prepareRequest(request as Request);
  return withResourceAccount(prepared, policies, jointly(prepared, policies, evaluateAsGiven(prepared, policies)));
}

/** The decision with `dependsOn` narrowed to the keys that change it, each over every value (joint.ts). */
function jointly(prepared: PreparedRequest, policies: PolicySet, decision: Decision): Decision {
  if (decision.uncertain || decision.dependsOn.length === 0) return decision;
  const statements = everyPolicy(policies).flatMap((p) => p.statements);
  const decisive = jointlyDecisiveKeys(statements, prepared, (completed) => evaluateAsGiven(completed, policies).decision);
  if (!decisive) return decision;
  const named = decision.dependsOn.filter((key) => decisive.has(key.toLowerCase()));
  // Keys that change the decision only together with others, none named alone: the per-entry answer stands.
  if (named.length === 0 && decisive.size > 0) return decision;
  return { ...decision, dependsOn: named };
}

function everyPolicy(policies: PolicySet): Policy[] {
  const one = (policy: Policy | undefined) => (policy ? [policy] : []);
  return [
    ...(policies.identity ?? []),
    ...one(policies.permissionsBoundary),
    ...(policies.sessionPolicies ?? []),
    ...one(policies.taskPolicy),
    ...(policies.scps ?? []).flat(),
    ...(policies.rcps ?? []).flat(),
    ...one(policies.endpointPolicy),
    ...one(policies.resource),
  ];
}

/**
 * A request whose caller's account is known and whose resource's is not (an S3 object's ARN names none, and
 * `aws:ResourceAccount` was not given) is decided as within one account. When the answer across accounts
 * would differ (an identity Allow alone, a resource policy naming the caller), it depends on
 * `aws:ResourceAccount`, and says so rather than passing the assumption off as the answer.
 */
function withResourceAccount(prepared: PreparedRequest, policies: PolicySet, decision: Decision): Decision {
  const callerAccount = prepared.context.get('aws:principalaccount')?.[0];
  if (callerAccount === undefined || prepared.resource === '*' || prepared.action.toLowerCase() === 'sts:assumeroot') return decision;
  if (prepared.context.has('aws:resourceaccount') || accountOf(prepared.resource) !== undefined) return decision;
  const another = callerAccount === '000000000000' ? '000000000001' : '000000000000';
  const across = evaluateAsGiven({ ...prepared, context: new Map(prepared.context).set('aws:resourceaccount', [another]) }, policies);
  return across.decision === decision.decision ? decision : { ...decision, dependsOn: unique([...decision.dependsOn, 'aws:ResourceAccount']) };
}

/**
 * Decides one request with each left-out key read one condition entry at a time: the decision is exact,
 * `dependsOn` may name a key that two entries together make irrelevant. For enumerations that ask only for
 * the decision.
 */
export function evaluateAsGiven(request: Request | PreparedRequest, given: PolicySet): Decision {
  const prepared = request.context instanceof Map ? (request as PreparedRequest) : prepareRequest(request as Request);
  // Whether RCPs govern a call on no resource is not documented (rcpServices.ts): decided both ways.
  return given.rcps?.length && rcpsGovernRequest(prepared.action, prepared.resource) === MAYBE ? eitherRcpGovernance(prepared, given) : decideAsGiven(prepared, given);
}

/**
 * The answer both readings give, whether or not the RCPs govern the request (for an Allow, the one naming
 * the RCPs' Allows too); else, like an ARN pattern AWS does not document, the answer without the RCPs,
 * uncertain and depending on RCP_ON_NO_RESOURCE. The preflight's eitherGovernance (orgFilters.ts) alike.
 */
function eitherRcpGovernance(prepared: PreparedRequest, policies: PolicySet): Decision {
  const withRcps = decideAsGiven(prepared, policies);
  const without = decideAsGiven(prepared, { ...policies, rcps: undefined });
  if (withRcps.decision === without.decision) return without.decision === 'allowed' ? withRcps : without;
  return { ...without, uncertain: true, dependsOn: unique([...without.dependsOn, RCP_ON_NO_RESOURCE]) };
}

function decideAsGiven(prepared: PreparedRequest, given: PolicySet): Decision {
  const policies = given.resource && ownPolicyIgnored(prepared) ? { ...given, resource: undefined } : given;
  const crossAccount = isCrossAccount(prepared);
  // A key policy or a role's trust policy must grant, within one account too (resourceGrants.ts).
  const required = !crossAccount && policies.resource !== undefined && resourcePolicyRequired(prepared.action);
  const { identity, resource, delegated } = grantStages(policies, prepared, crossAccount, required);
  const boundary = policies.permissionsBoundary ? scan([policies.permissionsBoundary], prepared, false) : undefined;
  const session = policies.sessionPolicies?.length ? scan(policies.sessionPolicies, prepared, false) : undefined;
  const task = policies.taskPolicy ? scan([policies.taskPolicy], prepared, false) : undefined;
  // The root user has every permission in its own account (a root session too, within its task policy):
  // no identity policy grants it anything. In another account, a resource policy must grant it.
  const rootUser = task !== undefined || rootUserAccount(prepared.principal) !== undefined;
  const scpLevels = scpsExempt(prepared, policies) ? [] : (policies.scps ?? []).map((level) => scan(level, prepared, false));
  const rcpLevels = rcpsExempt(prepared, policies) ? [] : (policies.rcps ?? []).map((level) => scan(level, prepared, true));
  // The endpoint policy filters as one more level would, whoever the caller (it names principals).
  const endpoint = policies.endpointPolicy ? scan([policies.endpointPolicy], prepared, true) : undefined;
  const filterLevels = [...scpLevels, ...rcpLevels, ...(endpoint ? [endpoint] : [])];
  const all = [identity, ...(boundary ? [boundary] : []), ...(session ? [session] : []), ...(task ? [task] : []), ...filterLevels, ...(resource ? [resource] : []), ...(delegated ? [delegated] : [])];
  // A Deny that applies whatever the absent keys and unknown parts hold decides alone: nothing unknown
  // elsewhere can change the answer.
  const certainDeny = all.some((s) => s.certainDeny);
  const uncertain = !certainDeny && all.some(leavesUncertain);
  const uncertainBecause = uncertain ? all.flatMap(uncertainBecauseOf) : [];
  const decide = (decision: Decision['decision'], deciding: DecidingStatement[], reason: string, dependsOn: readonly string[]): Decision => ({
    decision,
    deciding,
    dependsOn: unique([...dependsOn, ...uncertainBecause]),
    uncertain,
    reason,
  });

  const denies = all.flatMap((s) => s.denies);
  if (denies.length > 0) return decide('explicitDeny', denies, 'an explicit Deny applies', certainDeny ? [] : all.flatMap((s) => s.denyDependsOn));
  if (refusedToRootUser(prepared)) return decide('implicitDeny', [], `the root user cannot call ${prepared.action}: only IAM users and roles can`, []);
  const everyDependency = [
    ...all.flatMap((s) => s.otherDenyDependsOn),
    ...allowDependencies(filterLevels, { identity, rootUser, boundary, session, resource, delegated, crossAccount, required }),
  ];
  const scpGap = scpLevels.findIndex((level) => level.allows.length === 0);
  if (scpGap >= 0) return decide('implicitDeny', [], `no SCP at level ${scpGap + 1} of the organization path allows it`, everyDependency);
  const rcpGap = rcpLevels.findIndex((level) => level.allows.length === 0);
  if (rcpGap >= 0) return decide('implicitDeny', [], `no RCP at level ${rcpGap + 1} of the resource's organization path allows it`, everyDependency);
  if (endpoint && endpoint.allows.length === 0) return decide('implicitDeny', [], 'the VPC endpoint policy does not allow it', everyDependency);
  const filters = filterLevels.flatMap((s) => s.allows);

  const boundaryAllows = !boundary || boundary.allows.length > 0;
  const sessionAllows = !session || session.allows.length > 0;
  const identityAllows = (rootUser || identity.allows.length > 0) && boundaryAllows && sessionAllows;
  const resourceAllows = (resource?.allows.length ?? 0) > 0;
  const delegatedAllows = (delegated?.allows.length ?? 0) > 0;
  const allowed = crossAccount ? identityAllows && resourceAllows : required ? resourceAllows || (identityAllows && delegatedAllows) : identityAllows || resourceAllows;
  if (allowed) {
    const byIdentity = identityAllows && (!required || !resourceAllows);
    // A grant to a session's role in a key or trust policy is on both of its sides: named once.
    const granting = uniqueStatements([...(byIdentity ? [...identity.allows, ...(boundary?.allows ?? []), ...(session?.allows ?? []), ...(required ? delegated!.allows : [])] : []), ...(resourceAllows ? resource!.allows : [])]);
    const reason = crossAccount
      ? rootUser
        ? "the resource policy allows another account's root user"
        : 'both the identity and the resource policy allow it'
      : rootUser && granting.length === 0
        ? task
          ? 'a root session may do what its task policy does not deny'
          : "the account's root user may do in its own account what no policy denies"
        : 'an Allow applies';
    return decide('allowed', [...granting, ...filters], reason, everyDependency);
  }
  const reason =
    identity.allows.length > 0 && !boundaryAllows
      ? 'the permissions boundary does not allow it'
      : identity.allows.length > 0 && !sessionAllows
        ? 'the session policies do not allow it'
        : crossAccount && (identityAllows || resourceAllows)
          ? `across accounts both the identity and the resource policy must allow it; the ${identityAllows ? 'resource' : 'identity'} policy does not`
          : required && identityAllows
            ? 'the resource policy (a key policy, a role trust policy) must allow it too, naming the caller or its account, and does not'
            : 'no identity or resource policy allows it';
  return decide('implicitDeny', [], reason, everyDependency);
}

/**
 * The identity side and the resource side of a grant. A resource policy's Allow that names the caller's
 * account delegates to its identity policies (grantedAs): across accounts it is the resource side of the
 * grant; within one it adds nothing. Within one account an Allow that names a session's role is limited by
 * the role's permissions boundary and the session policies as identity policies are, so it joins the
 * identity side, within both; one that names the session itself (or `*`) is not limited ("Session
 * policies" in the IAM User Guide: such permissions are added after the session is created).
 */
function grantStages(policies: PolicySet, request: PreparedRequest, crossAccount: boolean, required: boolean): { identity: Scan; resource?: Scan; delegated?: Scan } {
  const identity = scan(policies.identity ?? [], request, false);
  if (!policies.resource) return { identity };
  const boundaryAttached = policies.permissionsBoundary !== undefined;
  const bounded = boundaryAttached || (policies.sessionPolicies?.length ?? 0) > 0;
  const side = (statement: PolicyStatement) => (statement.effect === 'Allow' ? grantedAs(statement, request.principal) : 'caller');
  if (required) {
    // A key or trust policy grants whom it names; naming the account lets the identity policies grant. One
    // naming a session's role is limited by its boundary and session policies as elsewhere: such a grant G
    // allows as G or (identity and delegated) would, written (identity or G) and (delegated or G), each
    // side within the boundary and the session policies.
    const toBoundedRole = (s: PolicyStatement) => bounded && s.effect === 'Allow' && side(s) === 'role';
    const resource = scan([policies.resource], request, true, boundaryAttached, (s) => side(s) !== 'account' && !toBoundedRole(s));
    const delegated = scan([policies.resource], request, true, boundaryAttached, (s) => s.effect === 'Allow' && side(s) === 'account');
    if (!bounded) return { identity, resource, delegated };
    const toRole = scan([policies.resource], request, true, boundaryAttached, toBoundedRole);
    return { identity: joined(identity, toRole), resource, delegated: joined(delegated, toRole) };
  }
  const limited = (statement: PolicyStatement) => !crossAccount && bounded && side(statement) === 'role';
  const resource = scan([policies.resource], request, true, boundaryAttached, (s) => (crossAccount ? true : side(s) === 'caller' || (side(s) === 'role' && !bounded)));
  if (!bounded || crossAccount) return { identity, resource };
  return { identity: joined(identity, scan([policies.resource], request, true, boundaryAttached, limited)), resource };
}

/**
 * Whether a group's statements that only may apply can change the answer: a Deny always can; an Allow only
 * where no other Allow of the group applies for certain (the group allows whatever that one turns out to be).
 */
function leavesUncertain(scan: Scan): boolean {
  return scan.maybeDeny !== undefined || (scan.maybeAllow !== undefined && scan.allowing !== YES);
}

/** The markers of the statements that leave a group's answer uncertain (see leavesUncertain). */
function uncertainBecauseOf(scan: Scan): string[] {
  return [...(scan.maybeDeny ?? []), ...(scan.allowing === YES ? [] : (scan.maybeAllow ?? []))];
}

function uniqueStatements(statements: readonly DecidingStatement[]): DecidingStatement[] {
  return [...new Map(statements.map((d) => [`${d.policy}\u0000${d.statement}`, d])).values()];
}

/** Two scans read as one group: their statements together. */
function joined(a: Scan, b: Scan): Scan {
  const allowing = a.allowing === YES || b.allowing === YES ? YES : a.allowing === MAYBE || b.allowing === MAYBE ? MAYBE : NO;
  return {
    allows: [...a.allows, ...b.allows],
    denies: [...a.denies, ...b.denies],
    maybeDeny: a.maybeDeny || b.maybeDeny ? [...(a.maybeDeny ?? []), ...(b.maybeDeny ?? [])] : undefined,
    maybeAllow: a.maybeAllow || b.maybeAllow ? [...(a.maybeAllow ?? []), ...(b.maybeAllow ?? [])] : undefined,
    denyDependsOn: [...a.denyDependsOn, ...b.denyDependsOn],
    otherDenyDependsOn: [...a.otherDenyDependsOn, ...b.otherDenyDependsOn],
    allowDependsOn: [...a.allowDependsOn, ...b.allowDependsOn],
    certainDeny: a.certainDeny || b.certainDeny,
    allowing,
  };
}

/** The stages whose Allows decide whether a request is granted. */
interface GrantStages {
  identity: Scan;
  /** The caller is the root user (or a root session): its identity side allows, whatever its policies say. */
  rootUser: boolean;
  boundary?: Scan;
  session?: Scan;
  resource?: Scan;
  /** For a key or trust policy (`required`): its Allows that name the caller's account. */
  delegated?: Scan;
  crossAccount: boolean;
  required: boolean;
}

/**
 * The keys of the Allows that can change the answer: those of each group whose allowing hinges on absent
 * keys, when some way the other such groups could go lets it flip the outcome. Every filter level (SCP, RCP,
 * endpoint) must allow, then the identity policies within the boundary and the session policies, and the
 * resource policy (both across accounts, either within one). A group that allows (or cannot allow) whatever
 * the keys hold fixes its part, so an Allow beside a certain one, or behind a boundary that cannot allow,
 * names nothing.
 */
function allowDependencies(filters: readonly Scan[], grant: GrantStages): string[] {
  // Most requests leave no group open: that is settled before any list is built (this runs per request).
  const isOpen = (g: Scan | undefined) => g?.allowing === MAYBE;
  const grantGroups = [grant.rootUser ? undefined : grant.identity, grant.boundary, grant.session, grant.resource, grant.delegated].filter((g): g is Scan => g !== undefined);
  if (!filters.some(isOpen) && !grantGroups.some(isOpen)) return [];
  const groups = [...filters, ...grantGroups];
  const open = groups.filter(isOpen);
  const allows = (assumed: ReadonlyMap<Scan, boolean>): boolean => {
    const holds = (g: Scan | undefined, absent: boolean) => (g === undefined ? absent : (assumed.get(g) ?? g.allowing === YES));
    if (!filters.every((g) => holds(g, true))) return false;
    const identity = (grant.rootUser || holds(grant.identity, false)) && holds(grant.boundary, true) && holds(grant.session, true);
    const resource = holds(grant.resource, false);
    if (grant.required) return resource || (identity && holds(grant.delegated, false));
    return grant.crossAccount ? identity && resource : identity || resource;
  };
  // Past a dozen open groups the 2^n ways to go are too many to try: every open group is named (still sound).
  if (open.length > MAX_OPEN_GROUPS) return open.flatMap((g) => g.allowDependsOn);
  const deciding = new Set<Scan>();
  for (let ways = 0; ways < 1 << open.length; ways++) {
    const assumed = new Map(open.map((g, i) => [g, (ways & (1 << i)) !== 0]));
    const outcome = allows(assumed);
    open.forEach((g, i) => {
      if (deciding.has(g) || (ways & (1 << i)) !== 0) return;
      if (allows(new Map(assumed).set(g, true)) !== outcome) deciding.add(g);
    });
  }
  return open.filter((g) => deciding.has(g)).flatMap((g) => g.allowDependsOn);
}

const MAX_OPEN_GROUPS = 12;

/** What `dependsOn` says when an unknown part of a policy value (a template parameter) could change the answer. */
export const UNKNOWN_VALUE = 'unknown policy value';

/**
 * Why an answer is "maybe": the markers its `dependsOn` names, an ARN pattern of fewer than six parts
 * (`SHORT_ARN_PATTERN`) or an unknown part of a value; an unknown part where it names neither.
 */
export function maybeMarkers(dependsOn: readonly string[]): string[] {
  const named = [UNKNOWN_VALUE, SHORT_ARN_PATTERN].filter((marker) => dependsOn.includes(marker));
  return named.length > 0 ? named : [UNKNOWN_VALUE];
}

/**
 * Cross-account when the principal's account and the resource's account are both known and differ.
 * `sts:AssumeRoot` is the exception: a member account's root user has no resource policy, and centralized
 * root access lets the management account's or delegated administrator's identity Allow alone open the session.
 */
function isCrossAccount(request: PreparedRequest): boolean {
  if (request.action.toLowerCase() === 'sts:assumeroot') return false;
  const principalAccount = request.context.get('aws:principalaccount')?.[0];
  const resourceAccount = resourceAccountOf(request);
  return principalAccount !== undefined && resourceAccount !== undefined && principalAccount !== resourceAccount;
}

function unique(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) if (!seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}
