/**
 * The organization's filters alone (SCPs on the principal's path, RCPs on the resource's), answered with a
 * third value: a request whose context leaves keys unknown (the caller's IP address, the time, tags) is
 * `depends` exactly when some statement could go either way on them, and `denied` or `allowed` when every
 * value of those keys gives the same answer. `evaluate` answers for absent keys as absent; a prediction made
 * before the request exists needs this stricter reading.
 *
 * - denied: a Deny applies certainly (`explicitDeny`), or some level has no Allow that could apply
 *   (`implicitDeny`, `level` says which, 0-based);
 * - depends: no certain denial, but a Deny could apply, or a level's only Allows hinge on unknown keys;
 * - allowed: no Deny could apply and every level has a certain Allow.
 *
 * Where the keys it would depend on can be decided jointly (a key tested by several entries, joint.ts),
 * `depends` stays only if some values of them give different outcomes; if none do, the answer is `denied` or
 * `allowed` as for the request as given.
 */
import { deciding } from './decidingStatement';
import { UNKNOWN_VALUE, maybeMarkers } from './evaluate';
import { SHORT_ARN_PATTERN } from './patterns';
import { prepareRequest } from './prepare';
import { RCP_ON_NO_RESOURCE, rcpsGovernRequest } from './rcpServices';
import type { DecidingStatement, Policy, Request } from './model';
import { type PreparedRequest, statementApplies } from './statement';
import { jointlyDecisiveKeys } from './joint';
import { NO, YES } from './tri';

export interface OrgFilterPaths {
  /** SCPs per level of the principal's organization path, root first. */
  scps?: readonly (readonly Policy[])[];
  /** RCPs per level of the resource's organization path, root first. */
  rcps?: readonly (readonly Policy[])[];
}

export interface OrgFilterAnswer {
  outcome: 'allowed' | 'denied' | 'depends';
  /** For `denied`, which way. */
  denial?: 'explicitDeny' | 'implicitDeny';
  /** `scp` or `rcp` and the 0-based level of an implicit denial. */
  level?: { kind: 'scp' | 'rcp'; index: number };
  /**
   * denied (explicit): the Denies that apply certainly; depends: the statements that could go either way;
   * allowed: the certain Allows of each level. Decided jointly over the left-out keys (joint.ts): the
   * statements that deny, or allow at each level, the request as given.
   */
  deciding: DecidingStatement[];
  /** For `depends`: the keys (and `unknown policy value`) the answer hinges on. */
  dependsOn: string[];
  /** For `depends`: per entry of `deciding`, in its order, the keys of `dependsOn` that statement hinges on. */
  dependsOnEach?: string[][];
}

/** One statement's answer to the request: certainly applies, could apply (on these keys), or does not. */
interface Reading {
  statement: DecidingStatement;
  certain: boolean;
  dependsOn: string[];
}

function read(policies: readonly Policy[], request: PreparedRequest, withPrincipal: boolean, effect: 'Allow' | 'Deny'): Reading[] {
  const readings: Reading[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== effect) continue;
      const answer = statementApplies(statement, request, withPrincipal);
      // A "no" that hinged on absent keys could be a "yes" for some value of them.
      if (answer.applies === NO && answer.dependsOn.length === 0) continue;
      const certain = answer.applies === YES && answer.dependsOn.length === 0;
      const dependsOn = answer.applies === YES || answer.applies === NO ? answer.dependsOn : [...new Set([...answer.dependsOn, ...maybeMarkers(answer.dependsOn)])];
      readings.push({ statement: deciding(policy, statement), certain, dependsOn });
    }
  }
  return readings;
}

/** Decides a request against the SCP and RCP paths alone (no identity or resource policy is consulted). */
export function decideOrgFilters(request: Request | PreparedRequest, paths: OrgFilterPaths): OrgFilterAnswer {
  const prepared = request.context instanceof Map ? (request as PreparedRequest) : prepareRequest(request as Request);
  const scps: Level[] = (paths.scps ?? []).map((policies, index) => ({ kind: 'scp' as const, index, policies, withPrincipal: false }));
  const rcps: Level[] = (paths.rcps ?? []).map((policies, index) => ({ kind: 'rcp' as const, index, policies, withPrincipal: true }));
  // RCPs limit the requests of a few services only, and may or may not limit a call on no resource (rcpServices.ts).
  const governed = rcps.length === 0 ? NO : rcpsGovernRequest(prepared.action, prepared.resource);
  if (governed === NO) return decideLevels(prepared, scps);
  const withRcps = decideLevels(prepared, [...scps, ...rcps]);
  return governed === YES ? withRcps : eitherGovernance(withRcps, decideLevels(prepared, scps), rcps);
}

/**
 * One answer whether or not RCPs govern the request: the answer both readings give (an SCP's certain denial
 * named alone, RCPs or not), else `depends` on RCP_ON_NO_RESOURCE, the RCP statements hinging on it.
 */
function eitherGovernance(withRcps: OrgFilterAnswer, without: OrgFilterAnswer, rcps: readonly Level[]): OrgFilterAnswer {
  if (withRcps.outcome === 'denied' && without.outcome === 'denied') return without;
  if (withRcps.outcome === 'allowed' && without.outcome === 'allowed') return withRcps;
  // Both depending on the same statements: the RCPs add none.
  if (withRcps.outcome === 'depends' && without.outcome === 'depends' && withRcps.deciding.length === without.deciding.length) return withRcps;
  const rcpIds = new Set(rcps.flatMap((level) => level.policies.map((policy) => policy.name)));
  const entries = new Map<string, { statement: DecidingStatement; keys: string[] }>();
  for (const answer of [without, withRcps]) {
    if (answer.outcome === 'allowed') continue;
    answer.deciding.forEach((statement, i) => {
      const keys = [...(answer.dependsOnEach?.[i] ?? []), ...(rcpIds.has(statement.policy) ? [RCP_ON_NO_RESOURCE] : [])];
      entries.set(`${statement.policy}#${statement.statement}`, { statement, keys: uniqueKeys(keys) });
    });
  }
  const dependsOn = uniqueKeys([...without.dependsOn, ...withRcps.dependsOn, RCP_ON_NO_RESOURCE]);
  return { outcome: 'depends', deciding: [...entries.values()].map((e) => e.statement), dependsOn, dependsOnEach: [...entries.values()].map((e) => e.keys) };
}

/** Decides a request against the levels given, in their order. */
function decideLevels(prepared: PreparedRequest, levels: readonly Level[]): OrgFilterAnswer {
  const denies = levels.flatMap((l) => read(l.policies, prepared, l.withPrincipal, 'Deny'));
  const certainDenies = denies.filter((d) => d.certain);
  if (certainDenies.length > 0) return { outcome: 'denied', denial: 'explicitDeny', deciding: certainDenies.map((d) => d.statement), dependsOn: [] };

  const uncertain: Reading[] = denies.filter((d) => !d.certain);
  const granting: DecidingStatement[] = [];
  for (const level of levels) {
    const allows = read(level.policies, prepared, level.withPrincipal, 'Allow');
    if (allows.length === 0) return { outcome: 'denied', denial: 'implicitDeny', level: { kind: level.kind, index: level.index }, deciding: [], dependsOn: [] };
    const certain = allows.filter((a) => a.certain);
    if (certain.length > 0) granting.push(...certain.map((a) => a.statement));
    else uncertain.push(...allows);
  }
  if (uncertain.length > 0) {
    let dependsOn = uniqueKeys(uncertain.flatMap((u) => u.dependsOn));
    if (!dependsOn.includes(UNKNOWN_VALUE) && !dependsOn.includes(SHORT_ARN_PATTERN)) {
      // Keys tested by several entries, decided jointly: the same outcome for every value of them is certain.
      const statements = levels.flatMap((l) => l.policies.flatMap((p) => p.statements));
      const decisive = jointlyDecisiveKeys(statements, prepared, (completed) => asGiven(levels, completed).outcome);
      if (decisive?.size === 0) return asGiven(levels, prepared);
      const named = dependsOn.filter((key) => decisive?.has(key.toLowerCase()));
      // Keys that change the outcome only together with others, none named alone: the per-entry answer stands.
      if (named.length > 0) dependsOn = named;
    }
    return { outcome: 'depends', deciding: uncertain.map((u) => u.statement), dependsOn, dependsOnEach: uncertain.map((u) => amongKeys(u.dependsOn, dependsOn)) };
  }
  return { outcome: 'allowed', deciding: granting, dependsOn: [] };
}

interface Level {
  kind: 'scp' | 'rcp';
  index: number;
  policies: readonly Policy[];
  withPrincipal: boolean;
}

/**
 * The answer for the request as given (left-out keys absent), when every value of them gives the same
 * outcome. Denied in different ways for different values (a Deny for one, no Allow at a level for others), it
 * says how the request as given is denied; allowed, it names the Allows that let the request as given through.
 */
function asGiven(levels: readonly Level[], request: PreparedRequest): OrgFilterAnswer {
  const applying = (level: Level, effect: 'Allow' | 'Deny') =>
    level.policies.flatMap((policy) => policy.statements.filter((s) => s.effect === effect && statementApplies(s, request, level.withPrincipal).applies === YES).map((s) => deciding(policy, s)));
  const denies = levels.flatMap((level) => applying(level, 'Deny'));
  if (denies.length > 0) return { outcome: 'denied', denial: 'explicitDeny', deciding: denies, dependsOn: [] };
  const granting: DecidingStatement[] = [];
  for (const level of levels) {
    const allows = applying(level, 'Allow');
    if (allows.length === 0) return { outcome: 'denied', denial: 'implicitDeny', level: { kind: level.kind, index: level.index }, deciding: [], dependsOn: [] };
    granting.push(...allows);
  }
  return { outcome: 'allowed', deciding: granting, dependsOn: [] };
}

/** The keys of `statementKeys` that are in `answerKeys` (compared ignoring case), as `answerKeys` spells them. */
function amongKeys(statementKeys: readonly string[], answerKeys: readonly string[]): string[] {
  const spelled = new Map(answerKeys.map((key) => [key.toLowerCase(), key]));
  return uniqueKeys(statementKeys.flatMap((key) => spelled.get(key.toLowerCase()) ?? []));
}

function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const key of keys) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

/** Keys whose values hold an account id (in an ARN or alone), and so may tell accounts apart. */
const ACCOUNT_BEARING_KEY = /arn|account|userid|owner/i;

/**
 * True when no statement of the policy can tell one account's request from another's that differs only in
 * its 12-digit account id (in the principal, the resource ARN and the account keys): no digit in a
 * `Resource`, `NotResource` or `Principal` value or in a condition value of an account-bearing key, and no
 * variable of an account-bearing key anywhere (`"aws:ResourceAccount": "${aws:PrincipalAccount}"` tells the
 * caller's own account from the others). A pattern without either matches all 12-digit ids alike, so the
 * answer for one account is the answer for every account on the same path, and a prediction may be
 * computed once per path.
 */
export function accountNeutral(policy: Policy): boolean {
  const tells = (values: readonly string[] | undefined, digits = true) => (values ?? []).some((v) => (digits && /\d/.test(v)) || ACCOUNT_VARIABLE.test(v));
  return policy.statements.every(
    (s) =>
      !tells(s.resource?.values) &&
      !Object.values(s.principal?.byType ?? {}).some((values) => tells(values)) &&
      !s.conditions.some((c) => tells(c.values, ACCOUNT_BEARING_KEY.test(c.key))),
  );
}

/** A policy variable of an account-bearing key (`${aws:PrincipalAccount}`). */
const ACCOUNT_VARIABLE = /\$\{[^}]*(arn|account|userid|owner)[^}]*\}/i;
