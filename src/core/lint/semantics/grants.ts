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

/** True when an action pattern covers every action of every service (`*`, `*:*`). */
export function coversEveryAction(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}

/**
 * The positive `Action` values of a statement that cover some of `actions` without covering their whole
 * service, each with the actions it covers: the patterns to report when whole-service wildcards are left to
 * RG201/RG202.
 */
export function narrowGrants(statement: Statement, actions: readonly string[]): { pattern: Located<string>; actions: string[] }[] {
  if (!statement.action || statement.action.negated) return [];
  return statement.action.values.flatMap((pattern) => {
    const covered = actions.filter((action) => actionMatches(pattern.value, action));
    const wholeService = covered.some((action) => coversWholeService(pattern.value, action.split(':')[0]));
    return covered.length && !wholeService ? [{ pattern, actions: covered }] : [];
  });
}
