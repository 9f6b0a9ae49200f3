/**
 * Values a template fixes before any deployment. `Fn::FindInMap` whose three keys are written in place
 * (`!FindInMap [Tasks, dev, Arn]`), read from the template's `Mappings`: the value it names, placed where the
 * mapping writes it, so findings and fixes land there. A key given by a function (`!FindInMap [Tasks, !Ref
 * Env, Arn]`) leaves the call as it is, a value known only at deployment. And a parameter whose
 * `AllowedValues` are a few strings: one of them, as no deployment can give another.
 */
import { intrinsicCall } from './intrinsics';
import { parameterChoices, parameterCondition } from './parameterAllowedValues';
import { entryValue, type IacEntry, type IacValue, linearText, placedAt, stringOf } from './sourceTree';
import type { OffsetRange } from '../model';

export function withStaticMappings(value: IacValue, mappings: IacValue | undefined): IacValue {
  if (mappings?.kind !== 'map') return value;
  return replacingCalls(value, (name, arg) => (name === 'Fn::FindInMap' ? mapped(arg, mappings) : undefined));
}

/**
 * The value with each `Ref` to a parameter of allowed values (`AllowedValues: ['arn:aws:iam::*:root']`), and
 * each `${Param}` of an `Fn::Sub` that its own variables do not name, read as those values, placed on the
 * `Ref` or the `${Param}` (findings land in the policy; nothing is edited there). One value is that value;
 * several are an `Fn::If` on each but the last (templateConditions.ts reads each as the parameter's
 * comparison with it), so the policy is read once per value, as on each side of a template condition, and a
 * finding only some values have says which. A parameter of more values (parameterChoices), or of an SSM
 * parameter type (whose AllowedValues limit the SSM parameter's name), stays a value known only at deployment.
 */
export function withFixedParameters(value: IacValue, parameters: IacValue | undefined): IacValue {
  const choices = parameterChoices(parameters);
  if (choices.size === 0) return value;
  const chosen = (parameter: string | undefined, range: OffsetRange): IacValue | undefined => {
    const values = parameter === undefined ? undefined : choices.get(parameter);
    return values && oneOf(parameter!, values, range);
  };
  return replacingCalls(value, (name, arg, call, resolve) => {
    if (name === 'Ref') return chosen(stringOf(arg), call.range);
    return name === 'Fn::Sub' ? subWithParameters(arg, call.range, chosen, resolve) : undefined;
  });
}

/** A parameter's value, placed on `range`: its one value, or `!If [<it is the first>, first, !If [...,  last]]`. */
function oneOf(parameter: string, values: readonly IacValue[], range: OffsetRange): IacValue {
  return values.slice(0, -1).reduceRight((otherwise: IacValue, item): IacValue => {
    const condition: IacValue = { kind: 'scalar', value: parameterCondition(parameter, stringOf(item)!), range };
    const sides: IacValue = { kind: 'seq', range, items: [condition, placedAt(item, range), otherwise] };
    return { kind: 'map', range, entries: [{ key: 'Fn::If', keyRange: range, value: sides }] };
  }, placedAt(values[values.length - 1], range));
}

/**
 * An `Fn::Sub` whose text names parameters `chosen` gives values for (`!Sub arn:${Partition}:iam::*:root`),
 * with those values added to its variables, each placed on where its text first names it; undefined when it
 * names none.
 */
function subWithParameters(
  arg: IacValue,
  range: OffsetRange,
  chosen: (parameter: string, range: OffsetRange) => IacValue | undefined,
  resolve: (value: IacValue) => IacValue,
): IacValue | undefined {
  const [template, variables] = arg.kind === 'seq' ? arg.items : [arg, undefined];
  if ((arg.kind === 'seq' && (arg.items.length !== 2 || variables?.kind !== 'map' || intrinsicCall(variables))) || template?.kind !== 'scalar' || typeof template.value !== 'string') return undefined;
  const { text, offsets } = template.mapped ?? linearText(template.value, template.range);
  const added = new Map<string, IacEntry>();
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1].trim();
    if (added.has(name) || entryValue(variables, name)) continue;
    const at = { start: offsets[match.index], end: offsets[match.index + match[0].length - 1] + 1 };
    const value = chosen(name, at);
    if (value) added.set(name, { key: name, keyRange: at, value });
  }
  if (added.size === 0) return undefined;
  const written = variables?.kind === 'map' ? variables.entries.map((entry) => ({ ...entry, value: resolve(entry.value) })) : [];
  const map: IacValue = { kind: 'map', range: variables?.range ?? template.range, entries: [...written, ...added.values()] };
  return { kind: 'map', range, entries: [{ key: 'Fn::Sub', keyRange: range, value: { kind: 'seq', range: arg.range, items: [template, map] } }] };
}

/**
 * The value with each call `replace` gives a value for replaced by it; the others are read within.
 * `replace` may read parts of a call within itself, with `resolve`.
 */
function replacingCalls(value: IacValue, replace: (name: string, arg: IacValue, call: IacValue, resolve: (value: IacValue) => IacValue) => IacValue | undefined): IacValue {
  const resolve = (item: IacValue): IacValue => {
    const call = intrinsicCall(item);
    const replaced = call && replace(call.name, call.arg, item, resolve);
    if (replaced) return replaced;
    if (item.kind === 'map') return { ...item, entries: item.entries.map((entry) => ({ ...entry, value: resolve(entry.value) })) };
    if (item.kind === 'seq') return { ...item, items: item.items.map(resolve) };
    return item;
  };
  return resolve(value);
}

/** The value `[map, top, second]` names, when each key is a plain string and the mapping has it. */
function mapped(keys: IacValue, mappings: IacValue): IacValue | undefined {
  if (keys.kind !== 'seq' || keys.items.length !== 3) return undefined;
  const names = keys.items.map((key) => (intrinsicCall(key) ? undefined : stringOf(key)));
  if (names.some((name) => name === undefined)) return undefined;
  const [map, top, second] = names as string[];
  return entryValue(entryValue(entryValue(mappings, map), top), second);
}
