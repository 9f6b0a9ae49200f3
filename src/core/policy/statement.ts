/**
 * Whether one statement applies to a request: its `Action`/`NotAction`, `Resource`/`NotResource`,
 * `Principal`/`NotPrincipal` (resource policies only) and every condition.
 */
import { knownAbsent } from './absentKeys';
import { entryHolds } from './conditions';
import type { PolicyStatement, PrincipalElement, Request, RequestPrincipal, ValueList } from './model';
import { type ContextValues, SHORT_ARN_PATTERN, arnMatches, matches, resolve, splitArn } from './patterns';
import { parseRootUserArn } from './rootUser';
import { MAYBE, NO, type Tri, YES, and, not, or } from './tri';
import { UNKNOWN_PART } from './unknown';
import { actionMatches } from './wildcards';

/** A request prepared for evaluation: context keys by lower-case name. */
export interface PreparedRequest {
  action: string;
  resource: string;
  principal?: RequestPrincipal;
  context: ContextValues;
  /** See `Request.absentKeys`. */
  absentKeys?: readonly string[];
  /** See `Request.absentUnlessSupported`. */
  absentUnlessSupported?: Request['absentUnlessSupported'];
}

export interface StatementAnswer {
  applies: Tri;
  /** Absent keys the answer hinged on: empty when given keys alone already rule the statement out. */
  dependsOn: string[];
}

const NOT_APPLYING: StatementAnswer = Object.freeze({ applies: NO, dependsOn: [] }) as StatementAnswer;

export function statementApplies(statement: PolicyStatement, request: PreparedRequest, withPrincipal: boolean): StatementAnswer {
  const action = actionApplies(statement, request.action);
  if (action === NO) return NOT_APPLYING;
  const principal = withPrincipal ? principalApplies(statement.principal, request.principal) : YES;
  if (principal === NO) return NOT_APPLYING;
  const dependsOn: string[] = [];
  const variables = statement.variablesAsText ? undefined : request.context;
  const resource = resourceApplies(statement, request, variables, dependsOn);
  if (resource !== MAYBE) dropShortArnMarker(dependsOn);
  if (resource === NO && dependsOn.length === 0) return NOT_APPLYING;
  // A statement partly known only at deployment may apply, never surely does.
  let applies = and(and(and(action, principal), resource), statement.undetermined ? MAYBE : YES);
  for (const entry of statement.conditions) {
    const scope = { context: request.context, variables, missing: [] as string[] };
    const holds = entryHolds(entry, scope);
    if (holds !== MAYBE) dropShortArnMarker(scope.missing);
    const missing = scope.missing.length === 0 ? scope.missing : scope.missing.filter((key) => !absentFrom(request, key));
    // An entry that fails on keys the request gave (or certainly lacks) rules the statement out whatever the absent keys hold.
    if (holds === NO && missing.length === 0) return NOT_APPLYING;
    applies = and(applies, holds);
    dependsOn.push(...missing);
  }
  return { applies, dependsOn: dependsOn.filter((key) => !absentFrom(request, key)) };
}

/** A key the request certainly lacks; `SHORT_ARN_PATTERN` is no key, and stays. */
function absentFrom(request: PreparedRequest, key: string): boolean {
  return key !== SHORT_ARN_PATTERN && knownAbsent(request, key);
}

/**
 * A short ARN pattern's "maybe" that another value settled (`ArnLike` with `arn:aws:iam::*` and
 * `arn:aws:iam::*:root`): the answer does not hinge on how AWS reads it.
 */
function dropShortArnMarker(missing: string[]): void {
  for (let at = missing.indexOf(SHORT_ARN_PATTERN); at >= 0; at = missing.indexOf(SHORT_ARN_PATTERN)) missing.splice(at, 1);
}

/** Whether the statement's `Action`/`NotAction` covers an action (its resource and conditions aside). */
export function actionApplies(statement: PolicyStatement, action: string): Tri {
  const element = statement.action;
  if (!element) return NO;
  let matched: Tri = NO;
  for (const pattern of element.values) {
    matched = or(matched, actionPatternMatches(pattern, action));
    if (matched === YES) break;
  }
  return element.negated ? not(matched) : matched;
}

/** True when the statement's `Action`/`NotAction` covers the action or may (an unknown part). */
export function actionCovered(statement: PolicyStatement, action: string): boolean {
  return actionApplies(statement, action) !== NO;
}

/**
 * Whether one `Action` value covers an action or may (an unknown part, a policy variable): what
 * `actionCovered` asks of each value, for callers that hold the values rather than the engine's statement.
 */
export function actionPatternCovers(pattern: string, action: string): boolean {
  return actionPatternMatches(pattern, action) !== NO;
}

/** `actionPatternCovers` with its maybe told apart: YES, NO, or MAYBE where an unknown part or a policy variable may match. */
export function actionPatternMatches(pattern: string, action: string): Tri {
  if (!pattern.includes(UNKNOWN_PART) && !pattern.includes('${')) return actionMatches(pattern, action) ? YES : NO;
  const resolved = resolve(pattern, true, true, undefined);
  return resolved.compiled ? matches(resolved.compiled, action.toLowerCase()) : NO;
}

/** A statement without `Resource` (a trust policy) applies to the resource it is attached to. */
function resourceApplies(statement: PolicyStatement, request: PreparedRequest, variables: ContextValues | undefined, missing: string[]): Tri {
  const element = statement.resource;
  if (!element) return YES;
  if (element.values.some((value) => value.includes('${'))) return resourceElementMatches(element, request.resource, variables, missing);
  // Without a policy variable the answer depends on the resource alone, and symbolic questions ask one
  // resource under many valuations of the other keys: each resource is matched against the values once.
  let answers = plainResourceAnswers.get(element);
  if (!answers) plainResourceAnswers.set(element, (answers = new Map()));
  let answer = answers.get(request.resource);
  if (!answer) {
    // A statement kept long (an organization's SCPs) may be asked about ever more resources.
    if (answers.size >= MAX_RESOURCE_ANSWERS) answers.clear();
    const said: string[] = [];
    answers.set(request.resource, (answer = { applies: resourceElementMatches(element, request.resource, undefined, said), missing: said }));
  }
  missing.push(...answer.missing);
  return answer.applies;
}

/** Per `Resource` element without policy variables, its answer per resource (see resourceApplies). */
const MAX_RESOURCE_ANSWERS = 1000;
const plainResourceAnswers = new WeakMap<ValueList, Map<string, { applies: Tri; missing: readonly string[] }>>();

function resourceElementMatches(element: ValueList, resource: string, variables: ContextValues | undefined, missing: string[]): Tri {
  let matched: Tri = NO;
  for (const pattern of element.values) {
    matched = or(matched, resourcePatternMatches(pattern, resource, variables, missing));
    if (matched === YES) break;
  }
  return element.negated ? not(matched) : matched;
}

/**
 * Whether a Resource value matches an ARN, as a request's resource: a policy variable in it matches nothing
 * certain. A value of fewer than six parts (`arn:*`) is read as one glob, its author's evident meaning: the
 * linter then reports the breadth it may grant (the engine's answers say they depend on it).
 */
export function resourcePatternCovers(pattern: string, arn: string): boolean {
  const missing: string[] = [];
  const answer = resourcePatternMatches(pattern, arn, undefined, missing);
  return answer === YES || (answer === MAYBE && missing.includes(SHORT_ARN_PATTERN));
}

function resourcePatternMatches(pattern: string, resource: string, variables: ContextValues | undefined, missing: string[]): Tri {
  if (pattern === '*') return YES;
  return arnMatches(pattern, resource, variables, missing);
}

/**
 * `Principal`/`NotPrincipal` against the caller; a statement without either matches no caller. A request
 * without a principal is anonymous: `{"AWS": "*"}` names it as `"*"` does ("For anonymous users, these two
 * methods are equivalent", IAM User Guide, Principal).
 */
function principalApplies(element: PrincipalElement | undefined, principal: RequestPrincipal | undefined): Tri {
  if (!element) return NO;
  if (element.negated) return not(element.any ? YES : principal ? principalExempted(element, principal) : anonymousNamed(element));
  return element.any ? YES : principal ? principalNamed(element, principal) : anonymousNamed(element);
}

function anonymousNamed(element: PrincipalElement): Tri {
  const values = Object.entries(element.byType).find(([type]) => type.toLowerCase() === 'aws')?.[1] ?? [];
  return values.includes('*') ? YES : NO;
}

/**
 * Whether a `NotPrincipal` spares the caller. AWS may check the caller's account first, then a session's role,
 * then the caller ("NotPrincipal with Deny" in the IAM User Guide): the caller is spared only when every one
 * of those is named. Naming an account spares its root user, not everyone in it; naming a role spares the
 * role, not its sessions; naming a user without its account may deny the user, and is read as denying.
 */
function principalExempted(element: PrincipalElement, principal: RequestPrincipal): Tri {
  if (principal.type !== 'AWS') return principalNamed(element, principal);
  const account = accountOf(principal.id);
  const accountRoot = account && `arn:${splitArn(principal.id)?.[1]}:iam::${account}:root`;
  const chain = new Set([accountRoot, roleOfSession(principal.id), principal.id].filter((id): id is string => Boolean(id)));
  let spared: Tri = YES;
  for (const level of chain) spared = and(spared, principalNamed(element, { type: 'AWS', id: level }, true));
  return spared;
}

/** With `exactly`, a value names the principal itself only (an account ARN names the root user, a role ARN the role). */
function principalNamed(element: PrincipalElement, principal: RequestPrincipal, exactly = false): Tri {
  const values = Object.entries(element.byType).find(([type]) => type.toLowerCase() === principal.type.toLowerCase())?.[1] ?? [];
  let answer: Tri = NO;
  for (const value of values) answer = or(answer, principalValueMatches(value, principal, exactly));
  return answer;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * An AWS principal value names the caller when it is `*`, its ARN, the role of its role session, or its
 * account (`123456789012` or `arn:aws:iam::123456789012:root`: the account delegates to its own policies).
 */
function principalValueMatches(value: string, principal: RequestPrincipal, exactly = false): Tri {
  if (value === '*') return YES;
  if (value.includes(UNKNOWN_PART) || /\$\{[^}]*\}/.test(value)) {
    const resolved = resolve(value, false, false, undefined);
    return resolved.compiled && matches(resolved.compiled, principal.id) !== NO ? MAYBE : principalAccountMaybe(value, principal);
  }
  if (principal.type !== 'AWS') return value.toLowerCase() === principal.id.toLowerCase() ? YES : NO;
  if (namesDeletedPrincipal(value)) return NO;
  if (value === principal.id || sameRole(value, principal.id)) return YES;
  const account = ACCOUNT_ID.test(value) ? value : parseRootUserArn(value)?.account;
  if (account) return accountOf(principal.id) === account && (!exactly || parseRootUserArn(principal.id) !== undefined) ? YES : NO;
  return !exactly && sameRole(roleOfSession(principal.id), value) ? YES : NO;
}

/**
 * Whether an AWS principal value is a user's (`AIDA…`) or role's (`AROA…`) unique id. IAM stores a named
 * user or role as its unique id and shows it as its ARN while it exists; a policy shows the bare id once it
 * was deleted, and one re-created under the same name gets a new id ("AWS JSON policy elements: Principal",
 * IAM roles): the value names no principal that can call any more, so it matches nobody.
 */
export function namesDeletedPrincipal(value: string): boolean {
  return UNIQUE_ID.test(value);
}

const UNIQUE_ID = /^A(?:ID|RO)A[A-Z0-9]{12,}$/;

/**
 * How a resource policy's Allow names the caller, which decides what else its grant needs:
 * - `caller`: `*`, the caller's own ARN (a session's own assumed-role ARN), or a principal of another type;
 * - `role`: a role session named by its role's ARN, which a permissions boundary limits within one account
 *   (IAM User Guide, "Permissions boundaries": resource-based policies for roles and federated users);
 * - `account`: only its account (`123456789012`, `arn:aws:iam::123456789012:root`), which delegates to the
 *   account's identity policies ("AWS account principals"): the caller then needs an identity Allow too,
 *   within one account as across accounts, as KMS's "Enable IAM User Permissions" statement relies on.
 * The account's root user is the one principal its account names itself.
 */
export function grantedAs(statement: PolicyStatement, principal: RequestPrincipal | undefined): 'caller' | 'role' | 'account' {
  const element = statement.principal;
  if (!element || element.negated || element.any || principal?.type !== 'AWS' || parseRootUserArn(principal.id) !== undefined) return 'caller';
  const values = Object.entries(element.byType).find(([type]) => type.toLowerCase() === 'aws')?.[1] ?? [];
  const naming = values.filter((value) => principalValueMatches(value, principal) !== NO);
  const role = roleOfSession(principal.id);
  if (naming.some((value) => !namesAnAccount(value) && !sameRole(value, role))) return 'caller';
  return naming.some((value) => sameRole(value, role)) ? 'role' : 'account';
}

/** `123456789012`, `arn:aws:iam::123456789012:root`, or one with unknown parts written that way. */
function namesAnAccount(value: string): boolean {
  return ACCOUNT_ID.test(value) || /:root$/.test(value);
}

/** An unknown value might still name the caller's account (`arn:aws:iam::${AccountId}:root`). */
function principalAccountMaybe(value: string, principal: RequestPrincipal): Tri {
  return principal.type === 'AWS' && /:root$/.test(value) ? MAYBE : NO;
}

export function accountOf(arn: string): string | undefined {
  return splitArn(arn)?.[4] || undefined;
}

/**
 * Whether two ARNs name one role. Role names are unique in an account whatever their path, and a session's
 * ARN drops the path (roleOfSession), while IAM stores a policy's role principal as the role's unique id:
 * `role/service/Reader` names the role whose sessions are `assumed-role/Reader/...`.
 */
function sameRole(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  const [x, y] = [ROLE_ARN.exec(a), ROLE_ARN.exec(b)];
  return x !== null && y !== null && x[1] === y[1] && x[2] === y[2] && x[3] === y[3];
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:[^:]*\/)?([^/]+)$/;

/** `arn:aws:sts::A:assumed-role/R/s` → `arn:aws:iam::A:role/R` (without the role's path, which the session ARN drops). */
export function roleOfSession(arn: string): string | undefined {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}
