/**
 * Whether a statement's `Action`/`NotAction` covers an action, the way IAM matches: case-insensitive,
 * `*` and `?` wildcards (`*`, `sts:*`, `sts:Assume*`, `*:AssumeRoot`), and `NotAction` covering every
 * action it does not list.
 */
import { BoundedMemo } from '../../boundedMemo';
import { actionMatches, hasWildcard } from '../match';
import type { Located, Statement } from '../model';

export interface ActionCoverage {
  /** The `Action` values that cover the action; empty when it is covered through `NotAction`. */
  patterns: Located<string>[];
  viaNotAction: boolean;
}

/** How the statement's action element covers `action`, whatever its effect; undefined when it does not. */
export function actionCoverage(statement: Statement, action: string): ActionCoverage | undefined {
  const element = statement.action;
  if (!element) return undefined;
  const matching = element.values.filter((v) => actionMatches(v.value, action));
  if (element.negated) return matching.length === 0 ? { patterns: [], viaNotAction: true } : undefined;
  return matching.length > 0 ? { patterns: matching, viaNotAction: false } : undefined;
}

/** How an `Allow` statement grants `action`; undefined for a `Deny` or when it does not cover it. */
export function grantsAction(statement: Statement, action: string): ActionCoverage | undefined {
  return statement.effect?.value === 'Allow' ? actionCoverage(statement, action) : undefined;
}

/**
 * True when an `Allow` statement covers `action`: what `grantsAction` answers, without listing the
 * patterns, for callers that only ask whether (escalation paths ask it of every Allow of every policy).
 */
export function allowsAction(statement: Statement, action: string): boolean {
  const element = statement.action;
  if (statement.effect?.value !== 'Allow' || !element) return false;
  return coveredByAny(action, element.values) !== element.negated;
}

/** The actions of a list that the statement's action element covers, in list order. */
export function coveredActions(statement: Statement, actions: readonly string[]): string[] {
  return actions.filter((action) => actionCoverage(statement, action));
}

/**
 * True when an action pattern covers every action of a service (`iam:*`, `*`, `*:*`, `i*`): it matches
 * both the bare prefix and an arbitrary action name. Rules use it to leave whole-service grants to
 * RG201/RG202 instead of reporting them again action by action.
 */
export function coversWholeService(pattern: string, service: string): boolean {
  // Without a `*` a pattern matches names of one length only, never both probes: most patterns end here.
  if (!pattern.includes('*')) return false;
  const [bare, anyAction] = serviceProbes(service);
  return actionMatches(pattern, bare) && actionMatches(pattern, anyAction);
}

/** The two probe actions per service, built once: rules ask this for every pattern of every broad Allow. */
// Services come from the rules' own lists, so this stays small; the bound is for odd callers.
const probesByService = new BoundedMemo<string, readonly [string, string]>(1000);

function serviceProbes(service: string): readonly [string, string] {
  return probesByService.get(service) ?? probesByService.set(service, [`${service}:`, `${service}:Zq9AnyAction`]);
}

/** Regular expressions are module constants: a literal inside a function builds a new RegExp on every call. */
const EVERY_ACTION = /^\*+(:\*+)?$/;

/** How an action grant reads in a message: "via `sts:*`", "through NotAction". */
export function describeCoverage(coverage: ActionCoverage): string {
  if (coverage.viaNotAction) return 'through NotAction';
  const wildcard = coverage.patterns.find((p) => hasWildcard(p.value));
  return wildcard ? `via "${wildcard.value}"` : '';
}

/** True when an action pattern covers every action of every service (`*`, `*:*`). */
export function coversEveryAction(pattern: string): boolean {
  return EVERY_ACTION.test(pattern);
}

/**
 * The positive `Action` values of a statement that cover some of `actions` without covering their whole
 * service, each with the actions it covers: the patterns to report when whole-service wildcards are left to
 * RG201/RG202.
 */
export function narrowGrants(statement: Statement, actions: readonly string[]): { pattern: Located<string>; actions: string[] }[] {
  if (!statement.action || statement.action.negated) return [];
  const grants: { pattern: Located<string>; actions: string[] }[] = [];
  const initials = actions.map(foldedInitial);
  const byInitial = !initials.includes(ANY_INITIAL);
  for (const pattern of statement.action.values) {
    // Most patterns cover none of the few actions asked about: their first character rules nearly all of
    // them out (a broad Allow may list thousands), and the rest are tested before any list is built.
    const initial = foldedInitial(pattern.value);
    if (byInitial && initial !== ANY_INITIAL && !initials.includes(initial)) continue;
    if (!matchesAny(pattern.value, actions)) continue;
    const grant = narrowGrant(pattern, actions);
    if (grant) grants.push(grant);
  }
  return grants;
}

/**
 * The actions one pattern covers, unless it covers their whole service. A function of its own so that the
 * loop above has no closure over `pattern`: one would make V8 allocate a scope for every pattern.
 */
function narrowGrant(pattern: Located<string>, actions: readonly string[]): { pattern: Located<string>; actions: string[] } | undefined {
  const covered = actions.filter((action) => actionMatches(pattern.value, action));
  return covered.some((action) => coversWholeService(pattern.value, action.split(':')[0])) ? undefined : { pattern, actions: covered };
}

/** `actions.some(...)` without a closure per pattern, for the thousands of patterns of a broad Allow. */
function matchesAny(pattern: string, actions: readonly string[]): boolean {
  for (const action of actions) if (actionMatches(pattern, action)) return true;
  return false;
}

/** True when one of the patterns covers the action; a loop, not `some` with a closure, for the same reason. */
function coveredByAny(action: string, patterns: readonly Located<string>[]): boolean {
  for (const pattern of patterns) if (actionMatches(pattern.value, action)) return true;
  return false;
}

/** What foldedInitial gives when the first character may match others than itself. */
const ANY_INITIAL = -1;

/**
 * The first character of a name as actionMatches compares it, ASCII letters folded to lower case: two
 * names with different initials never match. A wildcard, or a non-ASCII character (which case folding
 * may map onto an ASCII letter), may match others, and gives ANY_INITIAL.
 */
function foldedInitial(name: string): number {
  const c = name.charCodeAt(0);
  if (c === 42 || c === 63 || c >= 128) return ANY_INITIAL;
  return c >= 65 && c <= 90 ? c | 32 : c;
}
