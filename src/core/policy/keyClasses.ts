/**
 * One value of a condition key per class of values its condition entries tell apart, and its absence: a set
 * of representatives such that every value of the key answers every entry exactly as one of them does. Deciding
 * over them then decides over every value (the candidates of candidates.ts, proved exhaustive). Given only where
 * that can be proved; undefined otherwise, and the caller keeps its per-entry answer:
 *
 * - one entry (however often it is written): its answer is yes or no, so absence and one value answering
 *   otherwise cover every value;
 * - several entries on a single-valued key that compare against literal values: `String(Not)Equals` (and
 *   `IgnoreCase`), `Arn*` and `String(Not)Like` without wildcards, `Bool`, `BinaryEquals`, `Null`: each value
 *   named, a case variant per value compared case-insensitively, and a value none names; or only ordered
 *   comparisons (`Numeric*`, `Date*`) with parseable bounds: each bound, one value between each two, one below
 *   and one above them all, and a value that reads as none; or only address blocks (`IpAddress`,
 *   `NotIpAddress`): per block an address no smaller block inside it holds, and a value that is no address.
 *
 * Wildcard patterns (their intersections have no instance to stand for them), policy
 * variables and unknown parts, and keys that may carry several values per request (a set operator on them,
 * a key IAM documents as multi-valued, any key but the global ones) are not covered: a list can match one
 * entry's value and miss another's.
 */
import { entryHolds } from './conditions';
import { globalConditionKey } from './globalKeys';
import type { ConditionEntry } from './model';
import { type ConditionOperator, parseConditionOperator } from './operators';
import { addressText, blockRange, parseDate, parseNumber } from './scalars';
import { MAYBE } from './tri';
import { UNKNOWN_PART } from './unknown';
import { exampleOf } from './wildcards';

/** A value no policy names (private-use characters never occur in policy text). */
export const FRESH_VALUE = 'fresh\uE002value';

/** A value of the key, or `undefined` for its absence. */
export type Representative = string | undefined;

/**
 * The representatives of a key's values for its entries, or undefined when they cannot be proved exhaustive.
 * With `present` (every request carries the key), only values: none stands for the key's absence.
 */
export function representatives(key: string, entries: readonly ConditionEntry[], present = false): Representative[] | undefined {
  const found = classes(key, entries, present);
  return present ? found?.filter((value) => value !== undefined) : found;
}

function classes(key: string, entries: readonly ConditionEntry[], present: boolean): Representative[] | undefined {
  const distinct = new Map<string, { entry: ConditionEntry; operator: ConditionOperator }>();
  for (const entry of entries) {
    const operator = parseConditionOperator(entry.operator);
    // An operator IAM lacks never holds: it tells no values apart.
    if (operator) distinct.set(`${operator.canonical}\u0000${JSON.stringify(entry.values)}`, { entry, operator });
  }
  const live = [...distinct.values()];
  if (live.length === 0) return [present ? FRESH_VALUE : undefined];
  if (live.some(({ entry }) => entry.values.some((v) => v.includes('${') || v.includes(UNKNOWN_PART)))) return undefined;
  if (live.length === 1) return bothAnswers(key, live[0].entry, present);
  if (live.some(({ operator }) => operator.set) || !knownSingleValued(key)) return undefined;
  const valued = live.filter(({ operator }) => operator.family !== 'Null');
  if (valued.every(({ operator }) => operator.family === 'Numeric')) return ordered(valued, NUMBERS);
  if (valued.every(({ operator }) => operator.family === 'Date')) return ordered(valued, DATES);
  if (valued.every(({ operator }) => operator.family === 'IpAddress')) return addresses(valued);
  return literals(valued);
}

/**
 * A global key IAM documents as single-valued (`aws:PrincipalTag/<tag>` included). Service keys are not known
 * here, nor global keys missing from the table, so such a key tested by several entries keeps its per-entry answer.
 */
function knownSingleValued(key: string): boolean {
  return globalConditionKey(key)?.multivalued === false;
}

/**
 * Absence and a value the entry answers otherwise, found among the values it names and one it does not; absence
 * alone when no value answers otherwise. With `present`, absence stands for nothing: a value per answer instead.
 */
function bothAnswers(key: string, entry: ConditionEntry, present: boolean): Representative[] | undefined {
  const answerFor = (value: Representative, missing: string[] = []) => {
    const context = new Map(value === undefined ? [] : [[key.toLowerCase(), [value]]]);
    return entryHolds(entry, { context, variables: context, missing });
  };
  const missing: string[] = [];
  const absent = answerFor(undefined, missing);
  if (absent === MAYBE) return undefined;
  // The entry names its key only when some value could answer otherwise (conditions.ts): here none can.
  if (missing.length === 0) return [present ? FRESH_VALUE : undefined];
  const probes = [...entry.values, ...entry.values.map(exampleOf), ...entry.values.flatMap(neighbours), FRESH_VALUE];
  if (present) return valuePerAnswer(probes, answerFor);
  const other = probes.find((value) => answerFor(value) !== absent);
  return other === undefined || answerFor(other) === MAYBE ? undefined : [undefined, other];
}

/** The first probe of each answer; undefined when one answers "maybe". */
function valuePerAnswer(probes: readonly string[], answerFor: (value: string) => number): Representative[] | undefined {
  const byAnswer = new Map<number, string>();
  for (const probe of probes) {
    const answer = answerFor(probe);
    if (answer === MAYBE) return undefined;
    if (!byAnswer.has(answer)) byAnswer.set(answer, probe);
  }
  return [...byAnswer.values()];
}

/** Numbers and dates next to a bound, for an ordered comparison against it. */
function neighbours(value: string): string[] {
  const number = parseNumber(value);
  const time = parseDate(value);
  return [
    ...(number === undefined ? [] : [number - 1, number + 1].map(numberText)),
    ...(time === undefined ? [] : [time - 1000, time + 1000].map(dateText)),
  ].filter((v): v is string => v !== undefined);
}

/**
 * Equality-like comparisons: a value's class is which named values it equals exactly and which it equals
 * ignoring case. Case-insensitive values must be ASCII, so that lower-casing them is plain; a value equal to
 * one ignoring case but to none exactly is found among its case variants, or the key is not covered.
 */
function literals(entries: readonly { entry: ConditionEntry; operator: ConditionOperator }[]): Representative[] | undefined {
  const exact = new Set<string>();
  const folded = new Set<string>();
  for (const { entry, operator } of entries) {
    switch (operator.family) {
      case 'String':
      case 'Arn':
        if ((operator.like || operator.family === 'Arn') && entry.values.some((v) => /[*?]/.test(v))) return undefined;
        if (!operator.ignoreCase) entry.values.forEach((v) => exact.add(v));
        else if (entry.values.every(isAscii)) entry.values.forEach((v) => folded.add(v.toLowerCase()));
        else return undefined;
        break;
      case 'Binary':
        entry.values.forEach((v) => exact.add(v));
        break;
      case 'Bool':
        if (!entry.values.every(isAscii)) return undefined;
        entry.values.forEach((v) => folded.add(v.toLowerCase()));
        break;
      default:
        return undefined;
    }
  }
  const variants: string[] = [];
  for (const lower of folded) {
    const variant = [lower, lower.toUpperCase(), lower.charAt(0).toUpperCase() + lower.slice(1)].find((v) => v.toLowerCase() === lower && !exact.has(v));
    if (variant !== undefined) variants.push(variant);
    // Every variant tried is named: another one (a non-ASCII letter lower-casing to ASCII) may stand apart.
    else if (/[a-z]/.test(lower)) return undefined;
  }
  return [undefined, ...new Set([...exact, ...variants]), FRESH_VALUE];
}

function isAscii(value: string): boolean {
  return /^[\x00-\x7f]*$/.test(value);
}

/**
 * Ordered comparisons: a value's class is where it lies against each bound (below, at, above), or that it
 * does not parse. Values of the policy that do not parse match nothing and tell nothing apart.
 */
function ordered(entries: readonly { entry: ConditionEntry }[], { parse, text, middle }: Scale): Representative[] | undefined {
  const parsed = entries.flatMap(({ entry }) => entry.values.map(parse)).filter((b): b is number => b !== undefined);
  const bounds = [...new Set(parsed)].sort((a, b) => a - b);
  if (bounds.some((b) => !Number.isFinite(b))) return undefined;
  const points: number[] = [];
  bounds.forEach((bound, i) => {
    points.push(bound);
    const next = bounds[i + 1];
    const between = next === undefined ? undefined : middle(bound, next);
    // Between two bounds no representable value may lie: that class is empty.
    if (between !== undefined && between > bound && between < next) points.push(between);
  });
  if (bounds.length > 0) points.push(bounds[0] - Math.max(1000, Math.abs(bounds[0])), bounds[bounds.length - 1] + Math.max(1000, Math.abs(bounds[bounds.length - 1])));
  const values: string[] = [];
  for (const point of points) {
    const value = text(point);
    // A point that does not read back as itself would stand for another class.
    if (value === undefined || parse(value) !== point) return undefined;
    values.push(value);
  }
  return [undefined, ...values, FRESH_VALUE];
}

/**
 * Address blocks: two blocks are nested or apart, so an address's class is the smallest block holding it
 * (or none, as a value that is no address). Per block, the first address that no smaller block inside it
 * holds stands for its class; a block its smaller ones fill has none.
 */
function addresses(entries: readonly { entry: ConditionEntry }[]): Representative[] {
  const blocks = entries.flatMap(({ entry }) => entry.values.map(blockRange)).filter((b): b is NonNullable<typeof b> => b !== undefined);
  const values = new Set<string>();
  for (const block of blocks) {
    const inside = blocks.filter((b) => b.width === block.width && b.first >= block.first && b.last <= block.last && b.last - b.first < block.last - block.first);
    let candidate = block.first;
    for (const child of inside.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
      if (child.first > candidate) break;
      if (child.last >= candidate) candidate = child.last + 1n;
    }
    if (candidate <= block.last) values.add(addressText(candidate, block.width));
  }
  return [undefined, ...values, FRESH_VALUE];
}

/** How an ordered family reads values, writes them back, and finds one between two. */
interface Scale {
  parse: (text: string) => number | undefined;
  text: (value: number) => string | undefined;
  middle: (low: number, high: number) => number;
}

/** Dates read as whole milliseconds: the one between is one of those too. */
const NUMBERS: Scale = { parse: parseNumber, text: numberText, middle: (low, high) => low + (high - low) / 2 };
const DATES: Scale = { parse: parseDate, text: dateText, middle: (low, high) => Math.floor(low + (high - low) / 2) };

function numberText(value: number): string | undefined {
  return Number.isFinite(value) ? String(value) : undefined;
}

function dateText(time: number): string | undefined {
  const date = new Date(Math.floor(time));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
