/**
 * Whether a resource policy (a role's trust policy included) lets in a stranger: a principal of an account the
 * policy does not name (a user, a role session, its root user: strangerIdentities.ts), whose own identity
 * policies allow everything (whoever controls that account can make them so). The request carries what
 * identifies the stranger (its ARN, account, type, organization), what it calls from and through, absent or
 * its own, and its principal's tags (strangerKeys.ts): a condition naming the owner's organization, endpoint
 * or external id keeps it out. The keys a caller sets for itself (aws:Referer, aws:UserAgent, TLS, the time,
 * the Region, MFA on its own user) take every value the policy's candidates give them (candidates.ts): a
 * condition on them limits nobody.
 * The linter's RG208, the holders view's "trusted by anyone" and the hovers ask this question. The holders
 * view, which knows its organization, asks also about the outsiders the policy names (strangerContexts.ts).
 */
import { BoundedMemo } from '../boundedMemo';
import { type Valuation, valuations } from './candidates';
import { evaluate, evaluateAsGiven } from './evaluate';
import { prepareRequest } from './prepare';
import type { Policy, PolicySet, PolicyStatement, Request } from './model';
import { readPolicy } from './read';
import { actionApplies, actionCovered } from './statement';
import { DEPLOYED_ACTION, denyMayCoverDeployed, deployedActions, deployedResources, notActionMayListService, notActionServiceKnown, unsettledDeny } from './strangerDeployed';
import { YES } from './tri';
import { type ResourceOwner, type StrangerContext, outsiderContexts, spareNames, strangerContextKey, strangerContexts } from './strangerContexts';
import { ownValuations, strangerOwnKey, strangerSets } from './strangerKeys';
import { UNKNOWN_PART } from './unknown';
import { exampleOf, globMatches } from './wildcards';

const SET_BY_CALLER = /^aws:(referer|useragent|securetransport|currenttime|epochtime|requestedregion|tokenissuetime|multifactorauth(present|age)|requesttag\/.*|tagkeys)$/i;

/** A key whose value the caller chooses: a condition on it admits anyone who sends the value. */
export function isSetByCaller(key: string): boolean {
  return SET_BY_CALLER.test(key);
}

/**
 * Statements weighed per policy before `publicStatements` stops: a repository's policy must not hang the
 * linter (a 2 MB bucket policy of thousands of `Principal "*"` statements). Real ones take a few hundred.
 */
const WORK_BUDGET = 1_500_000;

/**
 * The request a stranger got in with: its action as a statement writes it, or, where NotAction let it in, an
 * action of the service that no name in the list matches (`throughNotAction`), standing for the rest.
 */
export interface AdmittingRequest {
  action: string;
  throughNotAction: boolean;
}

/**
 * Which Allow statements let a stranger in, each with the request it got in with; `unanswered` those left
 * when the work budget ran out; `undecided` those that let it in unless a value known only at deployment
 * says otherwise (Undecided).
 */
export interface PublicAccess {
  statements: ReadonlyMap<number, AdmittingRequest>;
  unanswered: readonly number[];
  undecided: ReadonlyMap<number, Undecided>;
}

/**
 * A statement that lets a stranger in unless its own NotAction, known only at deployment in part, lists every
 * action of `service`: the one the policy guards, undefined where neither its resource's ARN nor its actions
 * name it (then no Deny is weighed either); `serviceKnown` when the NotAction names its service (`s3:${x}`,
 * which may be `s3:*`) rather than leaving it to deployment. Or one that lets it in with `admitting` unless
 * the Deny `deny`, whose action or the grant's is known only at deployment, covers it.
 */
export type Undecided = { by: 'NotAction'; service: string | undefined; serviceKnown: boolean } | { by: 'Deny'; deny: number; admitting: AdmittingRequest };

/**
 * The Allow statements of a resource policy that let a stranger in, each for an action and a resource it
 * covers (probeOf; a trust policy names no resource). A resource known only at deployment is probed as the
 * one the policy is deployed for (deployedResources); other values known only then are not: no answer is
 * claimed for them. One question per distinct probe.
 */
export function publicStatements(given: Policy): PublicAccess {
  const spare = spareNames(given);
  const policy = deployedActions(deployedResources(given, spare.accounts));
  const probes = new Map<string, Probe & { statements: number[] }>();
  const undecided = new Map<number, Undecided>();
  // The statements as given and as deployed correspond one to one; only those as given tell an unknown part.
  const mayListService = new Map(given.statements.filter(notActionMayListService).map((statement) => [statement.index, notActionServiceKnown(statement)]));
  for (const statement of policy.statements) {
    const probe = probeOf(statement);
    if (!probe) {
      const serviceKnown = mayListService.get(statement.index);
      if (serviceKnown !== undefined && mayLetStrangerIn(statement)) undecided.set(statement.index, { by: 'NotAction', service: undefined, serviceKnown });
      continue;
    }
    const key = `${probe.action}\u0000${probe.resource}`;
    const entry = probes.get(key) ?? { ...probe, statements: [] };
    entry.statements.push(statement.index);
    probes.set(key, entry);
  }
  // A statement another's request got in through (one with NotAction, say) is named with that request's action.
  const admitted = new Map<number, AdmittingRequest>();
  const unanswered: number[] = [];
  let work = 0;
  const ask = (scoped: Policy, probe: Probe) => {
    const free = callerValuations(scoped, spare.accounts[0]);
    const strangers = strangerContexts(spare, probe.action, probe.resource, scoped);
    work += policy.statements.length + strangers.length * free.length * scoped.statements.length;
    return admittedBy(scoped, probe.action, probe.resource, free, strangers);
  };
  for (const probe of probes.values()) {
    if (work > WORK_BUDGET) {
      unanswered.push(...probe.statements);
      continue;
    }
    const scoped = scopedTo(policy, probe.action, probe.resource);
    const got = ask(scoped, probe);
    for (const index of got) if (!admitted.has(index)) admitted.set(index, probe.admitting);
    // A Deny that only may cover the request leaves the answer up to it: asked without it, a grant it keeps
    // closed is open unless it covers the request. Said so, rather than nothing.
    const unsettled = scoped.statements.filter((statement) => unsettledDeny(statement, probe.action));
    if (unsettled.length === 0 || probe.statements.every((index) => got.has(index))) continue;
    const without = { ...scoped, statements: scoped.statements.filter((statement) => !unsettled.includes(statement)) };
    for (const index of ask(without, probe)) if (!got.has(index) && !undecided.has(index)) undecided.set(index, { by: 'Deny', deny: unsettled[0].index, admitting: probe.admitting });
  }
  // A grant another request gets in through for certain is open whatever the Deny covers.
  for (const index of admitted.keys()) if (undecided.get(index)?.by === 'Deny') undecided.delete(index);
  for (const [index, serviceKnown] of mayListService) {
    const admitting = admitted.get(index);
    if (admitting === undefined) continue;
    admitted.delete(index);
    undecided.set(index, { by: 'NotAction', service: admitting.action.slice(0, admitting.action.indexOf(':')), serviceKnown });
  }
  return { statements: admitted, unanswered, undecided };
}

/**
 * Whether the stranger may call `action` on `resource` under the policy, for some values of the keys it sets
 * itself, whatever the others hold, after the policy's Deny statements; with `through`, only when that
 * statement is among those that let it in.
 */
export function strangerGetsIn(policy: Policy, action: string, resource: string, through?: number, owner: ResourceOwner = {}): boolean {
  const scoped = scopedTo(policy, action, resource);
  const spare = spareNames(policy);
  const admitted = admittedBy(scoped, action, resource, callerValuations(scoped, spare.accounts[0]), strangerContexts(spare, action, resource, scoped, owner));
  return through === undefined ? admitted.size > 0 : admitted.has(through);
}

/**
 * Whether an outsider may call `action` on `resource`: a principal the policy names that is outside the
 * owner's organization, of another organization (`aws:PrincipalOrgID` of a partner's) or of an account not
 * among the organization's (outsiderContexts). Who is outside is what the owner tells: nobody, where it tells
 * neither its organization nor its accounts.
 */
export function outsiderGetsIn(policy: Policy, action: string, resource: string, through: number | undefined, owner: ResourceOwner): boolean {
  const scoped = scopedTo(policy, action, resource);
  // The keys an outsider sets itself may hold its own account (`${aws:PrincipalAccount}`): valued per account.
  return outsiderContexts(spareNames(policy), action, resource, scoped, owner).some(({ account, contexts }) => {
    const admitted = admittedBy(scoped, action, resource, callerValuations(scoped, account), contexts);
    return through === undefined ? admitted.size > 0 : admitted.has(through);
  });
}

/** The same for one statement, probed as publicStatements probes it; false where its answer is undecided. */
export function strangerGetsInThrough(given: Policy, statement: PolicyStatement): boolean {
  if (notActionMayListService(statement)) return false;
  const policy = deployedActions(deployedResources(given, spareNames(given).accounts));
  // The statement as deployedResources and deployedActions read it: the policies' statements correspond one to one.
  const probe = probeOf(policy.statements[given.statements.indexOf(statement)] ?? statement);
  return probe !== undefined && strangerGetsIn(policy, probe.action, probe.resource, statement.index);
}

/**
 * The Allow statements that let a stranger in, over the valuations of the keys it sets; `strangers`, their
 * requests' keys (strangerContexts).
 */
function admittedBy(policy: Policy, action: string, resource: string, free: readonly Valuation[], strangers: readonly StrangerContext[]): Set<number> {
  const admitted = new Set<number>();
  for (const { principal: id, context } of strangers) {
    const principal = { type: 'AWS', id };
    // Of the keys the stranger's requests hold, those it lacks are known to be absent: no answer depends on them.
    for (const valuation of free) {
      const asked: Request = { action, resource, principal, context: { ...context, ...valuation } };
      const request = prepareRequest(asked);
      const policies = { identity: [strangersOwnPolicy()], resource: policy };
      // The decision as given first: narrowing what it depends on (evaluate's joint pass) costs most of a
      // question, and is needed only where the stranger is let in depending on keys it does not hold.
      const given = evaluateAsGiven(request, policies);
      if (given.decision !== 'allowed' || given.uncertain) continue;
      const decision = given.dependsOn.every(known) ? given : evaluate(request, policies);
      if (decision.decision !== 'allowed' || decision.uncertain || !decision.dependsOn.every(known)) continue;
      if (!companionsAllowed(asked, policies)) continue;
      for (const d of decision.deciding) if (d.policy === policy.name) admitted.add(d.statement);
    }
  }
  return admitted;
}

/**
 * What a role's trust policy must also allow for an AssumeRole request to carry a key (IAM User Guide,
 * "Monitor and control actions taken with assumed roles" and "Passing session tags in AWS STS"): a source
 * identity, set now or carried from the caller's session, needs `sts:SetSourceIdentity`; session tags need
 * `sts:TagSession`. Without them the stranger's request carries neither, and a condition on them holds only
 * as it holds for a request without them.
 */
const COMPANIONS: ReadonlyArray<{ keys: RegExp; action: string }> = [
  { keys: /^(sts|aws):sourceidentity$/i, action: 'sts:SetSourceIdentity' },
  { keys: /^(aws:requesttag\/.*|aws:tagkeys|sts:transitivetagkeys)$/i, action: 'sts:TagSession' },
];

/** Whether the trust policy allows what the AssumeRole request's keys need beside it; any other request needs nothing. */
function companionsAllowed(request: Request, policies: PolicySet): boolean {
  if (!/^sts:assumerole/i.test(request.action)) return true;
  const present = Object.keys(request.context ?? {});
  return COMPANIONS.every(({ keys, action }) => {
    if (!present.some((key) => keys.test(key))) return true;
    const decision = evaluateAsGiven({ ...request, action }, policies);
    return decision.decision === 'allowed' && !decision.uncertain;
  });
}

/**
 * The policy's statements that may change whether the stranger gets in: the Deny statements that may apply
 * to the request, and the Allow statements that may let it in. An Allow that names other principals, or
 * tests a key the stranger cannot claim, never lets it in surely, and beside one that does changes nothing;
 * nor does one whose action only may be the one asked (`Action: !Ref Actions`, RG010's), which left the
 * answer uncertain and hid the public grant beside it. A Deny that may name the action an Allow's unknown
 * part stands for (denyMayCoverDeployed) is read as one whose action is known only at deployment: it may
 * apply, and the answer then depends on it.
 */
function scopedTo(policy: Policy, action: string, resource: string): Policy {
  const statements: PolicyStatement[] = [];
  for (const statement of policy.statements) {
    if (!resourceMayApply(statement, resource)) continue;
    if (statement.effect === 'Deny' ? actionCovered(statement, action) : mayLetStrangerIn(statement) && actionApplies(statement, action) === YES) statements.push(statement);
    else if (denyMayCoverDeployed(statement, action)) statements.push({ ...statement, action: { ...statement.action!, values: [UNKNOWN_PART] } });
  }
  return { ...policy, statements };
}

function resourceMayApply(statement: PolicyStatement, resource: string): boolean {
  return !statement.resource || statement.resource.negated || statement.resource.values.some((v) => globMatches(asGlob(v), resource, false));
}

/**
 * A Resource value as a glob: a policy variable or an unknown part may stand for anything. Remembered: each
 * probe of a policy asks it of every statement's resources again.
 */
function asGlob(value: string): string {
  let glob = globs.get(value);
  if (glob === undefined) {
    glob = value.includes('${') || value.includes(UNKNOWN_PART) ? value.replace(/\$\{[^}]*\}/g, '*').split(UNKNOWN_PART).join('*') : value;
    globs.set(value, glob);
  }
  return glob;
}

const globs = new BoundedMemo<string, string>(10_000);

/**
 * The valuations of the keys the stranger sets: those any caller sets and its principal's tags, from the
 * candidates the statements that may apply give them (their conditions' values, another one, none; a few per
 * key, so asked of the fewest statements), each with the stranger's own values of what it calls from and
 * through (strangerKeys.ts).
 */
function callerValuations(policy: Policy, account: string): Valuation[] {
  const keys = new Set(policy.statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase())));
  const chosen = [...valuations(policy.statements, new Set([...keys].filter((key) => !isSetByCaller(key) && !strangerSets(key)))).list, ...matchedVariables(policy)];
  const own = ownValuations(policy.statements, account);
  return chosen.flatMap((valuation) => own.map((values) => ({ ...valuation, ...values })));
}

/**
 * A key the stranger sets compared with a policy variable (`"aws:PrincipalTag/team": "${aws:ResourceTag/team}"`,
 * the ABAC trust): whatever the variable holds for the owner's resource, the stranger sets its key to the same.
 */
function matchedVariables(policy: Policy): Valuation[] {
  return policy.statements.flatMap((statement) =>
    statement.conditions.flatMap((entry) => {
      if (!strangerSets(entry.key)) return [];
      return entry.values.flatMap((value) => {
        const variable = /^\$\{([^}]+)\}$/.exec(value)?.[1];
        // Not a key the stranger's requests fix (its account, its ARN): setting it here would change who it is.
        return variable && !strangerContextKey(variable) ? [{ [variable]: 'rgmatched', [entry.key]: 'rgmatched' }] : [];
      });
    }),
  );
}

/** Whether the stranger's requests say what a key holds (or that it is absent): an answer may depend on it. */
function known(key: string): boolean {
  return isSetByCaller(key) || strangerSets(key) || strangerOwnKey(key) || strangerContextKey(key);
}

/** A request put to the policy, and how a statement it lets in names it. */
interface Probe {
  action: string;
  resource: string;
  admitting: AdmittingRequest;
}

/**
 * An action and a resource the statement covers; undefined when it covers none to probe. A written value is
 * probed with its wildcards filled in; NotAction and NotResource with a request they leave in
 * (notListedAction, notListedResource).
 */
function probeOf(statement: PolicyStatement): Probe | undefined {
  if (statement.effect !== 'Allow' || !mayLetStrangerIn(statement)) return undefined;
  const resource = probedResource(statement);
  if (resource === undefined) return undefined;
  if (statement.action?.negated) {
    const action = notListedAction(statement, resource);
    return action === undefined ? undefined : { action, resource, admitting: { action, throughNotAction: true } };
  }
  const action = statement.action?.values.find(isWritten);
  if (action === undefined) return undefined;
  // A statement names the action as written: an unknown part deployedActions filled is shown as unknown again.
  return { action: fillWildcards(action), resource, admitting: { action: action.split(DEPLOYED_ACTION).join(UNKNOWN_PART), throughNotAction: false } };
}

/** A trust policy's `*` (it names no resource), a written resource, or one NotResource leaves in. */
function probedResource(statement: PolicyStatement): string | undefined {
  if (!statement.resource) return '*';
  if (statement.resource.negated) return notListedResource(statement);
  const written = statement.resource.values.find(isWritten);
  return written === undefined ? undefined : fillWildcards(written);
}

/**
 * An action NotAction leaves in, of the service the policy guards: a trust policy's (no Resource) is
 * sts:AssumeRole; a resource's, the service its ARN names (or the listed actions' when it is `*`), where an
 * action no pattern lists stands for the rest of that service.
 */
function notListedAction(statement: PolicyStatement, resource: string): string | undefined {
  if (!statement.resource) return actionCovered(statement, 'sts:AssumeRole') ? 'sts:AssumeRole' : undefined;
  // Not a NotAction's service known only at deployment: DEPLOYED_ACTION stands there for any service.
  const service = /^arn:[^:]*:([^:]+):/.exec(resource)?.[1] ?? statement.action!.values.find((value) => isWritten(value) && !value.startsWith(DEPLOYED_ACTION))?.split(':')[0];
  return service ? UNLISTED_NAMES.map((name) => `${service}:${name}`).find((action) => actionCovered(statement, action)) : undefined;
}

/** Action names no real action has, tried in turn until NotAction's patterns leave one in. */
const UNLISTED_NAMES = ['RootGuardProbe', 'XProbe', 'QProbe'];

/**
 * A resource NotResource leaves in, beside the listed ones: another object under the listed one's container
 * (`arn:aws:s3:::reports/private/*` leaves `arn:aws:s3:::reports/rootguard-probe`). A value with no path
 * (a queue, a key) has no such sibling that the same policy guards: nothing is probed.
 */
function notListedResource(statement: PolicyStatement): string | undefined {
  const listed = statement.resource!.values;
  const siblings = listed.filter(isWritten).flatMap((value) => {
    const slash = value.indexOf('/');
    if (slash >= 0) return [`${fillWildcards(value.slice(0, slash))}/rootguard-probe`];
    return /^arn:[^:]*:s3:::[^/]+$/.test(value) ? [`${fillWildcards(value)}/rootguard-probe`] : [];
  });
  return siblings.find((sibling) => !listed.some((value) => globMatches(asGlob(value), sibling, false)));
}

function mayLetStrangerIn(statement: PolicyStatement): boolean {
  return opensToAnyone(statement) && testsOnlyKnownKeys(statement);
}

/**
 * Whether every key the statement tests is one the stranger's request holds or sets itself. A key it cannot
 * claim (aws:PrincipalOrgID, aws:SourceVpce, sts:ExternalId) leaves any answer through this statement
 * depending on that key, never a yes: no question needs asking.
 */
function testsOnlyKnownKeys(statement: PolicyStatement): boolean {
  return statement.conditions.every((entry) => known(entry.key));
}

/**
 * A Principal that may name a stranger: `"*"`, `{"AWS": "*"}` or NotPrincipal. Principals admit no other
 * wildcard, so a statement naming accounts, roles or services never does, and needs no question.
 */
function opensToAnyone(statement: PolicyStatement): boolean {
  const principal = statement.principal;
  if (!principal) return false;
  if (principal.negated || principal.any) return true;
  return Object.entries(principal.byType).some(([type, values]) => type.toLowerCase() === 'aws' && values.some((v) => v === '*' || v.includes(UNKNOWN_PART)));
}

function isWritten(value: string): boolean {
  return !value.includes('${') && !value.includes(UNKNOWN_PART);
}

/** One request a pattern matches: each wildcard filled with a letter (`*` alone stands for any resource). */
function fillWildcards(pattern: string): string {
  return pattern === '*' ? '*' : exampleOf(pattern);
}

let allowEverything: Policy | undefined;

/** The stranger's own identity policy: its account's administrator can grant it anything. */
function strangersOwnPolicy(): Policy {
  allowEverything ??= readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', "the stranger's own policy");
  return allowEverything;
}
