/**
 * Left-out keys decided jointly. Read one condition entry at a time, a key tested by two entries that
 * contradict or complement each other (`StringEquals team red` in one SCP level, `StringNotEquals team red`
 * in the next) seems to decide the answer, though every value of it gives the same one. Where every left-out
 * key the statements test has exhaustive representatives (keyClasses.ts), the answer is worked out for each
 * combination of them: a key changes the answer exactly when two combinations that differ in it alone are
 * answered differently. Past `MAX_VALUATIONS` combinations, or where some key is not covered, the caller keeps
 * its per-entry answer.
 */
import { knownAbsent } from './absentKeys';
import { MAX_VALUATIONS } from './candidates';
import { type Representative, representatives } from './keyClasses';
import type { ConditionEntry, PolicyStatement } from './model';
import { variablesOf } from './patterns';
import { type PreparedRequest, statementApplies } from './statement';
import { NO } from './tri';
import { UNKNOWN_PART } from './unknown';

/** One combination: a representative (or absence) per left-out key, by lower-case name. */
type Combination = ReadonlyMap<string, Representative>;

/**
 * The left-out keys (lower case) whose value changes `answer`, over every value of them; undefined when that
 * cannot be decided jointly (the per-entry reading then stands). Only statements that may apply to the
 * request count; `answer` is asked once per combination, with the request's context completed by it.
 */
export function jointlyDecisiveKeys(statements: readonly PolicyStatement[], request: PreparedRequest, answer: (request: PreparedRequest) => string): Set<string> | undefined {
  // Most requests leave out no key tested twice: say so before matching any statement against the request.
  if (!testedTwice(statements, request)) return undefined;
  const relevant = statements.filter((s) => {
    const reading = statementApplies(s, request, false);
    return reading.applies !== NO || reading.dependsOn.length > 0;
  });
  const space = combinations(relevant, request);
  if (!space) return undefined;
  const answers = space.list.map((combination, valuation) => {
    const context = new Map(request.context);
    for (const [key, value] of combination) if (value !== undefined) context.set(key, [value]);
    return { request: '', valuation, answer: answer({ ...request, context }) };
  });
  const withoutKey = (valuation: number, key: string) => JSON.stringify([...space.list[valuation]].filter(([k]) => k !== key));
  return new Set(keysChangingAnswers(space.keys, answers, withoutKey));
}

/**
 * The keys whose value alone changes an answer: two answers to the same request (`request` names it) whose
 * valuations differ in that key only are different. `withoutKey` writes a valuation (by index) with the key
 * left out, so that valuations alike but in the key read the same.
 */
export function keysChangingAnswers(
  keys: readonly string[],
  answers: readonly { request: string; valuation: number; answer: unknown }[],
  withoutKey: (valuation: number, key: string) => string,
): string[] {
  return keys.filter((key) => {
    const rests = new Map<number, string>();
    const seen = new Map<string, unknown>();
    return answers.some(({ request, valuation, answer }) => {
      let rest = rests.get(valuation);
      if (rest === undefined) rests.set(valuation, (rest = withoutKey(valuation, key)));
      const pair = `${request}\u0000${rest}`;
      if (!seen.has(pair)) {
        seen.set(pair, answer);
        return false;
      }
      return seen.get(pair) !== answer;
    });
  });
}

/**
 * Every combination of the left-out keys' representatives, when some key is tested by two entries (even the
 * same one in two statements: otherwise the per-entry reading is already exact) and all of them are covered.
 */
function combinations(statements: readonly PolicyStatement[], request: PreparedRequest): { keys: string[]; list: Combination[] } | undefined {
  const byKey = new Map<string, { name: string; entries: ConditionEntry[] }>();
  for (const statement of statements) {
    if (readsFreeKeyElsewhere(statement, request)) return undefined;
    for (const entry of statement.conditions) {
      const lower = entry.key.toLowerCase();
      if (!leftOut(request, lower)) continue;
      const slot = byKey.get(lower) ?? { name: entry.key, entries: [] };
      slot.entries.push(entry);
      byKey.set(lower, slot);
    }
  }
  if (![...byKey.values()].some(({ entries }) => entries.length > 1)) return undefined;
  let list: Map<string, Representative>[] = [new Map()];
  for (const [lower, { name, entries }] of byKey) {
    const values = representatives(name, entries);
    if (!values || list.length * values.length > MAX_VALUATIONS) return undefined;
    list = list.flatMap((combination) => values.map((value) => new Map(combination).set(lower, value)));
  }
  return { keys: [...byKey.keys()], list };
}

/** Some left-out key is tested by two condition entries of the statements (a count, no matching). */
function testedTwice(statements: readonly PolicyStatement[], request: PreparedRequest): boolean {
  const seen = new Set<string>();
  for (const statement of statements) {
    for (const entry of statement.conditions) {
      const lower = entry.key.toLowerCase();
      if (!leftOut(request, lower)) continue;
      if (seen.has(lower)) return true;
      seen.add(lower);
    }
  }
  return false;
}

/**
 * A policy variable naming a left-out key (in a `Resource` or a condition value), or an unknown part, makes
 * an answer hinge on that key outside its own entries: its representatives would not cover it.
 */
function readsFreeKeyElsewhere(statement: PolicyStatement, request: PreparedRequest): boolean {
  const values = [...(statement.resource?.values ?? []), ...statement.conditions.flatMap((e) => e.values)];
  return values.some((value) => {
    if (value.includes(UNKNOWN_PART)) return true;
    const { keys, placeholder } = variablesOf(value);
    return placeholder || keys.some((key) => leftOut(request, key));
  });
}

/** A key the request neither gives nor certainly lacks: its value is open. */
function leftOut(request: PreparedRequest, lowerKey: string): boolean {
  return !request.context.has(lowerKey) && !knownAbsent(request, lowerKey);
}
