/**
 * The values a symbolic question enumerates: per condition key, the values the statements themselves name
 * (wildcards filled in), one value none of them names, and the key's absence. A condition can only tell
 * apart values that some policy value separates, so deciding over these candidates decides over every
 * value (design section 8); where the candidates are capped, answers stay sound but may say "depends".
 */
import { noRequestCarries } from './globalKeys';
import { FRESH_VALUE, representatives } from './keyClasses';
import { parseConditionOperator } from './operators';
import type { ConditionEntry, PolicyStatement } from './model';
import { splitArn, variablesOf, withVariablesGiven } from './patterns';
import { globMatches, globWitness } from './wildcards';
import { UNKNOWN_PART } from './unknown';

/** Partitions that exist; a policy may name others, which are added. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** Candidates per key beyond which the product of several keys is cut (per key, the first ones named). */
const MAX_PER_KEY = 4;
/** Valuations of the free keys beyond which the enumeration stops (answers then say "depends"). */
export const MAX_VALUATIONS = 64;

export type Valuation = Record<string, string | string[]>;

/** What one wildcard-bearing value becomes as an example: `*` filled, `?` one character. */
function instance(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, 'x').split(UNKNOWN_PART).join('x').replace(/\*/g, 'x').replace(/\?/g, 'x');
}

/**
 * Candidates for a key beyond the values its conditions name: values another part of the question names
 * (the Regions of a Resource's queue ARNs, which follow the requested Region), or that conditions on
 * another key name when both keys hold one value (a root session's organization, which its own bucket
 * shares). The key is enumerated even when no condition names it.
 */
export interface MoreCandidates {
  /** The key as valuations name it. */
  key: string;
  values: readonly string[];
  /** Every request carries the key: its absence is no candidate. */
  present?: boolean;
}

interface Slot {
  name: string;
  entries: ConditionEntry[];
  values: Set<string>;
  globs: Set<string>;
  multi: boolean;
  numeric: boolean;
  date: boolean;
  /** Given more candidates (MoreCandidates): its entries' classes do not cover them. */
  more?: { present: boolean };
}

/**
 * The valuations of every condition key of the statements except `fixed` (lower case) and those no request
 * carries, and of the keys `more` names, capped. A key whose
 * entries have exhaustive representatives (keyClasses.ts) takes those: one value per class of values, so
 * fewer valuations and none missed; the others take the values named, examples of patterns and a fresh one.
 * The keys of `present` (lower case) are carried by every request: their absence is no candidate.
 */
export function valuations(
  statements: readonly PolicyStatement[],
  fixed: ReadonlySet<string>,
  more: readonly MoreCandidates[] = [],
  present: ReadonlySet<string> = new Set(),
): { list: Valuation[]; keys: string[]; capped: boolean } {
  const byKey = new Map<string, Slot>();
  const slotOf = (key: string) => {
    let slot = byKey.get(key.toLowerCase());
    if (!slot) byKey.set(key.toLowerCase(), (slot = { name: key, entries: [], values: new Set(), globs: new Set(), multi: false, numeric: false, date: false }));
    return slot;
  };
  const inVariables = variableKeys(statements);
  for (const statement of statements) {
    for (const entry of statement.conditions) {
      const lower = entry.key.toLowerCase();
      // A key no request carries takes no value but its absence.
      if (fixed.has(lower) || noRequestCarries(lower)) continue;
      const operator = parseConditionOperator(entry.operator);
      const slot = slotOf(entry.key);
      slot.entries.push(entry);
      if (operator?.set) slot.multi = true;
      if (operator?.family === 'Numeric') slot.numeric = true;
      if (operator?.family === 'Date') slot.date = true;
      if (operator?.family === 'Null') continue;
      for (const value of entry.values) addCandidate(slot, value);
    }
  }
  for (const { key, values, present } of more) {
    const slot = slotOf(key);
    slot.more = { present: present ?? false };
    for (const value of values) addCandidate(slot, value);
  }
  let list: Valuation[] = [{}];
  let capped = false;
  for (const [lower, slot] of byKey) {
    // A key a policy variable reads matters beyond its entries, as one given more candidates does: its
    // classes do not cover it (and they may stand for every other value by the key's absence).
    const carried = slot.more?.present || present.has(lower);
    const exhaustive = inVariables.has(lower) || slot.more ? undefined : representatives(slot.name, slot.entries, carried);
    const options = (exhaustive ?? examples(slot)).filter((option) => option !== undefined || !carried);
    if (!exhaustive && slot.values.size > MAX_PER_KEY) capped = true;
    const next: Valuation[] = [];
    for (const valuation of list) {
      for (const option of options) {
        if (next.length >= MAX_VALUATIONS) {
          capped = true;
          break;
        }
        next.push(option === undefined ? valuation : { ...valuation, [slot.name]: option });
      }
    }
    list = next;
  }
  return { list, keys: [...byKey.values()].map((s) => s.name), capped };
}

/** A value named for the key: itself filled in as an example, and as a pattern when it is one. */
function addCandidate(slot: Slot, value: string): void {
  slot.values.add(instance(value));
  if (value !== instance(value) && !value.includes('${') && !value.includes(UNKNOWN_PART)) {
    slot.values.add(value);
    slot.globs.add(value);
  }
}

/** A key's values named (per key, the first ones), examples of its patterns, neighbours of its bounds, a fresh one and its absence. */
function examples(slot: Slot): (string | string[] | undefined)[] {
  const singles = [...slot.values].slice(0, MAX_PER_KEY);
  const extras = slot.numeric ? singles.flatMap((v) => (Number.isFinite(Number(v)) ? [String(Number(v) - 1), String(Number(v) + 1)] : [])) : [];
  const dates = slot.date ? singles.flatMap(shiftedDates) : [];
  const options: (string | string[] | undefined)[] = [undefined, ...singles, ...bothMatching([...slot.globs]), ...extras, ...dates, FRESH_VALUE];
  if (slot.multi) options.push([], [...singles, FRESH_VALUE]);
  return options;
}

/** The keys (lower case) policy variables read in the statements' resources and condition values. */
export function variableKeys(statements: readonly PolicyStatement[]): Set<string> {
  const keys = new Set<string>();
  for (const statement of statements) {
    for (const value of [...(statement.resource?.values ?? []), ...statement.conditions.flatMap((e) => e.values)]) {
      for (const key of variablesOf(value).keys) keys.add(key);
    }
  }
  return keys;
}

/** Patterns per key paired for a value matching both (`r*` and `*d`: `rd`): 4 give 6 pairs. */
const MAX_PAIRED_GLOBS = 4;

/** Per pair of a key's patterns, a value both match: what two Like conditions on one key let through together. */
function bothMatching(globs: readonly string[]): string[] {
  const paired = globs.slice(0, MAX_PAIRED_GLOBS);
  return [...new Set(paired.flatMap((a, i) => paired.slice(i + 1).flatMap((b) => globWitness(a, b) ?? [])))];
}

function shiftedDates(value: string): string[] {
  const time = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(time)) return [];
  return [new Date(time - 1000).toISOString(), new Date(time + 1000).toISOString()];
}

const ACCOUNT = /^\d{12}$/;

export interface NamedAccount {
  account: string;
  /** The value naming the account pattern this example account stands for: an ARN, or the account's digits. */
  pattern?: string;
}

/** The account part of a value naming accounts: `9999*` itself, or the account of `arn:aws:iam::9999*:root`. */
export function accountPart(value: string): string | undefined {
  const trimmed = value.trim();
  return /^[\d*?]+$/.test(trimmed) ? trimmed : splitArn(trimmed, true)?.[4];
}

/**
 * Accounts a statement names in ARNs and condition values: literal ones, examples of account patterns, and
 * those its policy variables name with the keys `given`, or their defaults (`arn:aws:iam::${aws:PrincipalTag/account}:root`).
 * Each is tried one by one up to `MAX_ACCOUNTS`; the rest are counted (`unchecked`) so that answers say so.
 */
export function namedAccounts(statements: readonly PolicyStatement[], given: Readonly<Record<string, string | readonly string[]>> = {}): { accounts: NamedAccount[]; unchecked: number } {
  const found = new Map<string, NamedAccount>();
  const givenValues = new Map(Object.entries(given).map(([key, value]) => [key.toLowerCase(), typeof value === 'string' ? [value] : value]));
  // An aws:ResourceAccount or aws:PrincipalAccount value names accounts by their digits (`9999*` too).
  const visit = (value: string) => {
    const trimmed = value.includes('${') ? withVariablesGiven(value.trim(), givenValues) : value.trim();
    const account = trimmed === undefined ? undefined : accountPart(trimmed);
    if (!account || account.includes(UNKNOWN_PART)) return;
    if (ACCOUNT.test(account)) found.set(account, { account });
    else if (/^[\d*?]+$/.test(account) && /\d/.test(account)) {
      const example = account.replace(/\?/g, '0').replace(/\*/g, '').padEnd(12, '0').slice(0, 12);
      if (!found.has(example)) found.set(example, { account: example, pattern: trimmed });
    }
  };
  for (const statement of statements) {
    statement.resource?.values.forEach(visit);
    for (const entry of statement.conditions) entry.values.forEach(visit);
    for (const values of Object.values(statement.principal?.byType ?? {})) values.forEach(visit);
  }
  const all = [...found.values()];
  return { accounts: all.slice(0, MAX_ACCOUNTS), unchecked: Math.max(0, all.length - MAX_ACCOUNTS) };
}

/**
 * Each named account multiplies the requests to try, and each request scans the statements' account lists:
 * 16 keeps a grant or deny naming them all within a few hundred milliseconds; past it, answers count the rest.
 */
const MAX_ACCOUNTS = 16;

/**
 * An account no statement names, literally or through a pattern (`9999*`): it stands for every account the
 * policies do not name, so it must match none of their patterns, or `9999*` would read as every account.
 */
export function freshAccount(named: readonly NamedAccount[]): string {
  const patterns = named.flatMap((n) => (n.pattern ? [accountPart(n.pattern) ?? ''] : []));
  return unnamedAccount((account) => named.some((n) => n.account === account) || patterns.some((p) => globMatches(p, account, false)));
}

/** Accounts to pick one no policy names from, with leading digits far apart: no one pattern takes them all. */
const FRESH_STARTS = [999_999_999_990, 514_259_073_860, 187_364_920_550, 736_218_450_970, 305_918_274_630];

/** The first account `taken` refuses; where every one is taken (a pattern `*`), the first. */
function unnamedAccount(taken: (account: string) => boolean): string {
  for (const start of FRESH_STARTS) {
    for (let candidate = start; candidate > start - 10; candidate--) if (!taken(String(candidate))) return String(candidate);
  }
  return String(FRESH_STARTS[0]);
}

/**
 * The partitions to try: the real ones and any other a statement names in an ARN. With `namedOnly`, just
 * those named when there are any: a policy that writes `arn:aws:` is deployed in `aws`, and reading its
 * values in `aws-cn` would find grants nobody can use.
 */
export function partitionsFor(statements: readonly PolicyStatement[], namedOnly = false): string[] {
  const named = new Set<string>();
  const visit = (value: string) => {
    const partition = splitArn(value, true)?.[1];
    if (partition && /^aws[a-z-]*$/.test(partition)) named.add(partition);
  };
  for (const statement of statements) {
    statement.resource?.values.forEach(visit);
    for (const entry of statement.conditions) entry.values.forEach(visit);
  }
  if (namedOnly && named.size > 0) return [...named];
  return [...new Set([...PARTITIONS, ...named])];
}
