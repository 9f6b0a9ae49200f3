/**
 * Whether a statement's `Action`/`NotAction` covers an action, the way IAM matches: case-insensitive,
 * `*` and `?` wildcards (`*`, `sts:*`, `sts:Assume*`, `*:AssumeRoot`), and `NotAction` covering every
 * action it does not list.
 */
import { actionMatches } from '../match';
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
  return actionMatches(pattern, `${service}:`) && actionMatches(pattern, `${service}:Zq9AnyAction`);
}

/** How an action grant reads in a message: "via `sts:*`", "through NotAction". */
export function describeCoverage(coverage: ActionCoverage): string {
  if (coverage.viaNotAction) return 'through NotAction';
  const wildcard = coverage.patterns.find((p) => /[*?]/.test(p.value));
  return wildcard ? `via "${wildcard.value}"` : '';
}
