/**
 * Values a template fixes before any deployment. `Fn::FindInMap` whose three keys are written in place
 * (`!FindInMap [Tasks, dev, Arn]`), read from the template's `Mappings`: the value it names, placed where the
 * mapping writes it, so findings and fixes land there. A key given by a function (`!FindInMap [Tasks, !Ref
 * Env, Arn]`) leaves the call as it is, a value known only at deployment. And a `Ref` to a parameter whose
 * `AllowedValues` is one value: that value, as no deployment can give another.
 */
import { intrinsicCall } from './intrinsics';
import { refAllowedValues } from './parameterAllowedValues';
import { entryValue, type IacValue, placedAt, stringOf } from './sourceTree';

export function withStaticMappings(value: IacValue, mappings: IacValue | undefined): IacValue {
  if (mappings?.kind !== 'map') return value;
  return replacingCalls(value, (name, arg) => (name === 'Fn::FindInMap' ? mapped(arg, mappings) : undefined));
}

/**
 * The value with each `Ref` to a parameter of one allowed value (`AllowedValues: ['arn:aws:iam::*:root']`)
 * replaced by it, placed on the `Ref` (findings land in the policy; nothing is edited there). A parameter of
 * several allowed values, or of an SSM parameter type (whose AllowedValues limit the SSM parameter's name),
 * stays a value known only at deployment.
 */
export function withFixedParameters(value: IacValue, parameters: IacValue | undefined): IacValue {
  const fixed = new Map<string, IacValue>();
  for (const { key, value: parameter } of parameters?.kind === 'map' ? parameters.entries : []) {
    const allowed = refAllowedValues(parameter);
    if (allowed?.kind === 'seq' && allowed.items.length === 1 && !intrinsicCall(allowed.items[0]) && stringOf(allowed.items[0]) !== undefined) fixed.set(key, allowed.items[0]);
  }
  if (fixed.size === 0) return value;
  return replacingCalls(value, (name, arg, call) => {
    const only = name === 'Ref' ? fixed.get(stringOf(arg) ?? '') : undefined;
    return only && placedAt(only, call.range);
  });
}

/** The value with each call `replace` gives a value for replaced by it; the others are read within. */
function replacingCalls(value: IacValue, replace: (name: string, arg: IacValue, call: IacValue) => IacValue | undefined): IacValue {
  const resolve = (item: IacValue): IacValue => {
    const call = intrinsicCall(item);
    const replaced = call && replace(call.name, call.arg, item);
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
