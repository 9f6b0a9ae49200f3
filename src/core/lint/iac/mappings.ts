/**
 * `Fn::FindInMap` whose three keys are written in place (`!FindInMap [Tasks, dev, Arn]`), read from the
 * template's `Mappings`: the value it names, placed where the mapping writes it, so findings and fixes land
 * there. A key given by a function (`!FindInMap [Tasks, !Ref Env, Arn]`) leaves the call as it is, a value
 * known only at deployment.
 */
import { intrinsicCall } from './intrinsics';
import { entryValue, type IacValue, stringOf } from './sourceTree';

export function withStaticMappings(value: IacValue, mappings: IacValue | undefined): IacValue {
  if (mappings?.kind !== 'map') return value;
  const resolve = (item: IacValue): IacValue => {
    const call = intrinsicCall(item);
    if (call?.name === 'Fn::FindInMap') return mapped(call.arg, mappings) ?? item;
    if (call) return item.kind === 'seq' ? { ...item, items: item.items.map(resolve) } : item.kind === 'map' ? resolveEntries(item) : item;
    if (item.kind === 'map') return resolveEntries(item);
    if (item.kind === 'seq') return { ...item, items: item.items.map(resolve) };
    return item;
  };
  const resolveEntries = (map: Extract<IacValue, { kind: 'map' }>): IacValue => ({ ...map, entries: map.entries.map((entry) => ({ ...entry, value: resolve(entry.value) })) });
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
