/**
 * Whether a statement's `Action`/`NotAction` covers an action, the way IAM matches: case-insensitive,
 * `*` and `?` wildcards (`*`, `sts:*`, `sts:Assume*`, `*:AssumeRoot`), and `NotAction` covering every
 * action it does not list.
 */
import { type ActionValueGrant, actionValueGrants } from '../../policy';
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
 * The positive `Action` values of a statement that grant some of `actions`, surely or (a part known only at
 * deployment, `iam:Put${var.action}`) maybe, each with the actions it grants, as the engine answers: the values
 * to report when whole-service wildcards (or values that may be one) are left to RG201/RG202 and values of an
 * unknown service to RG010.
 */
export function valueGrants(statement: Statement, actions: readonly string[]): Array<{ pattern: Located<string> } & ActionValueGrant> {
  if (!statement.action || statement.action.negated) return [];
  const grants: Array<{ pattern: Located<string> } & ActionValueGrant> = [];
  for (const pattern of statement.action.values) {
    const grant = actionValueGrants(pattern.value, actions);
    if (grant) grants.push({ pattern, ...grant });
  }
  return grants;
}

/** True when one of the patterns covers the action; a loop, not `some` with a closure, for the thousands of patterns of a broad Allow. */
function coveredByAny(action: string, patterns: readonly Located<string>[]): boolean {
  for (const pattern of patterns) if (actionMatches(pattern.value, action)) return true;
  return false;
}
