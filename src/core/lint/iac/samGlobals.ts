/**
 * SAM's `Globals` section: properties written once under `Globals.Function` that every
 * `AWS::Serverless::Function` inherits. The transform merges them into each function's properties before
 * it generates anything (samtranslator's GlobalProperties): maps merge key by key, lists concatenate (the
 * global items first), and for anything else, or two values of different kinds, the function's own value
 * wins. An intrinsic function counts as a value, not a map: `FunctionUrlConfig: !If [...]` replaces the
 * global map whole. Only the properties the linter reads are taken, each entry keeping its place in the
 * file, so a finding about an inherited property lands under `Globals`.
 */
import { intrinsicCall } from './intrinsics';
import { entryValue, type IacEntry, type IacMap, type IacValue } from './sourceTree';

/** The properties of a function the linter reads that SAM takes from `Globals.Function` (it rejects `Policies` there). */
const INHERITED_FUNCTION_PROPERTIES = ['AssumeRolePolicyDocument', 'FunctionUrlConfig'];

/** The function's properties with what it inherits from the template's `Globals.Function`; as given for other resources. */
export function withSamGlobals(root: IacValue | undefined, type: string, props: IacValue | undefined): IacValue | undefined {
  if (type !== 'AWS::Serverless::Function') return props;
  const globals = entryValue(entryValue(root, 'Globals'), 'Function');
  if (globals?.kind !== 'map' || intrinsicCall(globals)) return props;
  const inherited = globals.entries.filter((entry) => INHERITED_FUNCTION_PROPERTIES.includes(entry.key));
  if (inherited.length === 0) return props;
  // A function with no properties of its own (Globals give its code and handler) inherits them all.
  const own: IacMap = props?.kind === 'map' ? props : { kind: 'map', entries: [], range: globals.range };
  return merged({ ...globals, entries: inherited }, own);
}

type MergeKind = 'map' | 'list' | 'value';

function kindOf(value: IacValue): MergeKind {
  if (intrinsicCall(value)) return 'value';
  return value.kind === 'map' ? 'map' : value.kind === 'seq' ? 'list' : 'value';
}

function merged(global: IacValue, own: IacValue): IacValue {
  const kind = kindOf(own);
  if (kind !== kindOf(global) || kind === 'value') return own;
  if (global.kind === 'seq' && own.kind === 'seq') return { ...own, items: [...global.items, ...own.items] };
  if (global.kind !== 'map' || own.kind !== 'map') return own;
  const entries: IacEntry[] = global.entries.map((entry) => {
    const overriding = own.entries.find((o) => o.key === entry.key);
    return overriding ? { ...overriding, value: merged(entry.value, overriding.value) } : entry;
  });
  return { ...own, entries: [...entries, ...own.entries.filter((o) => !global.entries.some((entry) => entry.key === o.key))] };
}
