/**
 * CloudFormation's intrinsic functions, resolved symbolically: what is known at lint time is kept, each
 * part only known at deployment becomes UNKNOWN_PART. `Fn::Sub` keeps its literal text and IAM policy
 * variables (`${aws:username}`, which RG014 reports without their escape), `${!Literal}` becomes `${Literal}`, and every other `${X}` is unknown
 * unless its own variable map gives a string; `Fn::Join` joins known and unknown parts, `Fn::Split` splits a
 * known string, `Fn::Select` picks from a known list; `Fn::If` takes the side of its template condition the
 * caller chooses (the template is linted once per choice, so both sides are checked, and every `Fn::If` on one condition takes the same one); a
 * `Ref` to `AWS::NoValue` removes the property or item; a dynamic reference (`{{resolve:ssm:...}}`) in a
 * string is unknown too. Short (`!Sub`) and long (`Fn::Sub`) forms alike.
 */
import type { OffsetRange, TemplateBranch, UnescapedSubVariable } from '../model';
import { sidesKey } from '../templateSides';
import { withDynamicReferences } from './dynamicReferences';
import {
  computedString,
  concatTexts,
  entryValue,
  type IacEntry,
  type IacMap,
  type IacScalar,
  type IacValue,
  linearText,
  type MappedText,
  readOnly,
  unknownText,
} from './sourceTree';
import { UNKNOWN_PART } from '../../policy';

/** The result of resolving `Ref: AWS::NoValue`: the property or item is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * How a resolution picks `Fn::If` branches: by the template condition each one tests (`IsProd`), so that
 * every `Fn::If` on one condition takes the same side, as CloudFormation's own evaluation does.
 */
export interface Choices {
  /** `at`: where the `Fn::If` that asks is written. */
  holds(condition: string, at?: OffsetRange): boolean;
}

/** A map key that calls an intrinsic function in its long form: `Ref` or `Fn::...`. */
export function isFunctionKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** The name and argument of an intrinsic function call, in either form; undefined for plain values. */
export function intrinsicCall(value: IacValue): { name: string; arg: IacValue } | undefined {
  if (value.tag) {
    const short = value.tag.slice(1);
    const name = short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
    return { name, arg: { ...value, tag: undefined } };
  }
  if (value.kind !== 'map' || value.entries.length !== 1) return undefined;
  const [{ key, value: arg }] = value.entries;
  return isFunctionKey(key) ? { name: key, arg } : undefined;
}

/** The condition a well-formed `Fn::If` (`[condition, whenTrue, whenFalse]`) tests; undefined otherwise. */
function ifCondition(arg: IacValue): string | undefined {
  if (arg.kind !== 'seq' || arg.items.length !== 3) return undefined;
  const [condition] = arg.items;
  return condition.kind === 'scalar' && typeof condition.value === 'string' ? condition.value : undefined;
}

/**
 * What `select` finds in a list item that may be written under `Fn::If`
 * (`- !If [Breakglass, {PolicyName: root, PolicyDocument: {...}}, !Ref AWS::NoValue]`), with the item's
 * `Fn::If`s carried onto it, so that resolving it takes the same sides. A side with nothing to select holds
 * nothing (`AWS::NoValue`); a side given by another function stays that call, known only at deployment.
 * Undefined when no side is written with something to select.
 */
export function selectUnderIfs(item: IacValue, select: (value: IacValue) => IacValue | undefined): IacValue | undefined {
  const call = intrinsicCall(item);
  if (!call) return select(item);
  const condition = call.name === 'Fn::If' ? ifCondition(call.arg) : undefined;
  if (condition === undefined || call.arg.kind !== 'seq') return undefined;
  const [test, ...sides] = call.arg.items;
  const selected = sides.map((side) => selectUnderIfs(side, select));
  if (selected.every((value) => value === undefined)) return undefined;
  const items = sides.map((side, i): IacValue => selected[i] ?? (intrinsicCall(side) ? side : noValue(side.range)));
  return { kind: 'map', range: item.range, entries: [{ key: 'Fn::If', keyRange: item.range, value: { kind: 'seq', range: call.arg.range, items: [test, ...items] } }] };
}

/** `!Ref AWS::NoValue`, written where nothing is: a side with no property or item. */
export function noValue(range: OffsetRange): IacValue {
  return { kind: 'scalar', value: 'AWS::NoValue', range, tag: '!Ref' };
}

/** The template conditions a value's `Fn::If`s test, each once, in document order: the choices to make. */
export function ifConditions(value: IacValue): string[] {
  const found = new Set<string>();
  const visit = (v: IacValue) => {
    const call = intrinsicCall(v);
    const condition = call?.name === 'Fn::If' ? ifCondition(call.arg) : undefined;
    if (condition !== undefined) found.add(condition);
    if (call) visit(call.arg);
    else if (v.kind === 'map') for (const entry of v.entries) visit(entry.value);
    else if (v.kind === 'seq') for (const item of v.items) visit(item);
  };
  visit(value);
  return [...found];
}

/**
 * Resolves the intrinsic functions of a value: undefined when the whole value is `AWS::NoValue`, with the
 * sides of the conditions its `Fn::If`s were read under (those met on the way, not in branches left out).
 */
export function resolveIntrinsics(value: IacValue, choices: Choices): { value: IacValue | undefined; branches: TemplateBranch[]; key: string } {
  const taken = new Map<string, TemplateBranch>();
  const recording: Choices = {
    holds(condition, at) {
      const holds = choices.holds(condition);
      const branch = taken.get(condition) ?? { condition, holds, at: [] };
      if (at) (branch.at as OffsetRange[]).push(at);
      taken.set(condition, branch);
      return holds;
    },
  };
  const resolved = resolve(value, recording);
  const branches = [...taken.values()];
  return { value: resolved === NO_VALUE ? undefined : resolved, branches, key: sidesKey(branches) };
}

type Resolved = IacValue | typeof NO_VALUE;

function resolve(value: IacValue, choices: Choices): Resolved {
  const call = intrinsicCall(value);
  if (call) return resolveCall(call.name, call.arg, value.range, choices);
  if (value.kind === 'map') {
    const entries: IacEntry[] = [];
    for (const entry of value.entries) {
      // `Fn::Transform` beside other keys: AWS::Include merges its snippet's keys into the map, whatever they are.
      const inner = entry.key === 'Fn::Transform' ? { ...unknown(entry.value.range), anyJson: true as const } : resolve(entry.value, choices);
      if (inner !== NO_VALUE) entries.push(inner === entry.value ? entry : { ...entry, value: inner });
    }
    const sided = entries.length < value.entries.length || entries.some((entry) => entry.value.sided);
    const resolved: IacMap = entries.length < value.entries.length ? { ...value, entries, written: value.written ?? value } : { ...value, entries };
    return sided ? { ...resolved, sided } : resolved;
  }
  if (value.kind === 'seq') {
    const items = value.items.map((item) => resolve(item, choices)).filter((item): item is IacValue => item !== NO_VALUE);
    const sided = items.length < value.items.length || items.some((item) => item.sided);
    return sided ? { ...value, items, sided } : { ...value, items };
  }
  return withDynamicReferences(value);
}

function resolveCall(name: string, arg: IacValue, range: OffsetRange, choices: Choices): Resolved {
  switch (name) {
    case 'Ref':
      return arg.kind === 'scalar' && arg.value === 'AWS::NoValue' ? NO_VALUE : unknown(range);
    case 'Fn::If': {
      const condition = ifCondition(arg);
      if (condition === undefined || arg.kind !== 'seq') return unknown(range);
      const chosen = resolve(choices.holds(condition, range) ? arg.items[1] : arg.items[2], choices);
      return chosen === NO_VALUE ? NO_VALUE : { ...chosen, chosen: true, sided: true };
    }
    case 'Fn::Sub':
      return resolveSub(arg, range, choices);
    case 'Fn::Join':
      return resolveJoin(arg, range, choices);
    case 'Fn::Split':
      return resolveSplit(arg, range, choices);
    case 'Fn::Select':
      return resolveSelect(arg, range, choices);
    case 'Fn::Transform':
      // An AWS::Include snippet: inserted where it is written, whatever JSON it holds.
      return { ...unknown(range), anyJson: true };
    default:
      // GetAtt, ImportValue, FindInMap, Base64, ...: a value known only at deployment.
      return unknown(range);
  }
}

function unknown(range: OffsetRange): IacScalar {
  return computedString(unknownText(range), range);
}

function resolveSub(arg: IacValue, range: OffsetRange, choices: Choices): Resolved {
  const [template, variables] = arg.kind === 'seq' ? arg.items : [arg, undefined];
  const known = new Map<string, MappedText | undefined>();
  if (variables?.kind === 'map') {
    for (const entry of variables.entries) {
      const value = resolve(entry.value, choices);
      known.set(entry.key, value !== NO_VALUE && value.kind === 'scalar' && typeof value.value === 'string' ? textOf(value) : undefined);
    }
  }
  if (template?.kind !== 'scalar' || typeof template.value !== 'string') return unknown(range);
  return withDynamicReferences(computedString(substitute(textOf(template), known), range));
}

/**
 * A `${aws:username}`-style IAM policy variable (or `${*}`, `${?}`, `${$}`). `Fn::Sub` takes one written
 * without its `${!...}` escape for a parameter or resource, none of which is so named, and CloudFormation
 * rejects the template: the author meant the variable, so it is read as one (`subPolicyVariables` reports it).
 */
function isPolicyVariable(name: string): boolean {
  return /^[*?$]$/.test(name) || /^[A-Za-z][\w-]*:[^:]/.test(name);
}

function substitute(template: MappedText, known: ReadonlyMap<string, MappedText | undefined>): MappedText {
  const { text, offsets } = template;
  const parts: MappedText[] = [];
  let from = 0;
  const literal = (start: number, end: number) => {
    if (end > start) parts.push({ text: text.slice(start, end), offsets: offsets.slice(start, end + 1) });
  };
  for (let open = text.indexOf('${', from); open >= 0; open = text.indexOf('${', from)) {
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    const name = text.slice(open + 2, close).trim();
    literal(from, open);
    if (name.startsWith('!')) {
      // `${!Literal}`: written as `${Literal}`, each character from where it was written.
      parts.push({ text: '${', offsets: offsets.slice(open, open + 3) });
      literal(open + 3, close + 1);
    } else if (isPolicyVariable(name)) {
      literal(open, close + 1);
    } else {
      // A variable wholly unknown (`P: !Ref AWS::Partition`) stands where `${P}` is written, as an unnamed
      // one does: placed in the variable map, away from the text around it, messages showed it as "!Ref".
      const value = known.get(name);
      parts.push(value && value.text !== UNKNOWN_PART ? value : { text: UNKNOWN_PART, offsets: Int32Array.of(offsets[open], offsets[close + 1]) });
    }
    from = close + 1;
  }
  literal(from, text.length);
  return concatTexts(parts, offsets[text.length]);
}

/**
 * The IAM policy variables a value's `Fn::Sub`s write without the `${!...}` escape (`!Sub
 * arn:aws:s3:::home/${aws:username}/*`), in file offsets, with where a `!` makes each an escape; none where
 * the string is not written in the file as is, or the variable map names the variable.
 */
export function subPolicyVariables(value: IacValue): UnescapedSubVariable[] {
  const found: UnescapedSubVariable[] = [];
  const visit = (v: IacValue) => {
    const call = intrinsicCall(v);
    if (call?.name === 'Fn::Sub') found.push(...unescapedIn(call.arg));
    if (call) visit(call.arg);
    else if (v.kind === 'map') for (const entry of v.entries) visit(entry.value);
    else if (v.kind === 'seq') for (const item of v.items) visit(item);
  };
  visit(value);
  return found;
}

function unescapedIn(arg: IacValue): UnescapedSubVariable[] {
  const [template, variables] = arg.kind === 'seq' ? arg.items : [arg, undefined];
  if (template?.kind !== 'scalar' || typeof template.value !== 'string') return [];
  const { text, offsets } = textOf(template);
  const found: UnescapedSubVariable[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1].trim();
    if (name.startsWith('!') || !isPolicyVariable(name) || entryValue(variables, name)) continue;
    const [dollar, brace] = [offsets[match.index], offsets[match.index + 1]];
    // `!` goes right after `${`, when the file writes those two as is (not `$${` in HCL, nor an escape).
    const escapeAt = template.handle !== undefined && brace === dollar + 1 ? brace + 1 : undefined;
    found.push({ name, range: { start: dollar, end: offsets[match.index + match[0].length - 1] + 1 }, escapeAt });
  }
  return found;
}

function resolveJoin(arg: IacValue, range: OffsetRange, choices: Choices): Resolved {
  if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown(range);
  const [delimiter, list] = arg.items;
  const items = resolve(list, choices);
  if (delimiter.kind !== 'scalar' || typeof delimiter.value !== 'string' || items === NO_VALUE || items.kind !== 'seq') return unknown(range);
  const parts: MappedText[] = [];
  items.items.forEach((item, i) => {
    if (i > 0 && delimiter.value) parts.push(textOf(delimiter));
    parts.push(item.kind === 'scalar' && item.value !== null ? textOf(item) : unknownText(item.range));
  });
  return withDynamicReferences(computedString(concatTexts(parts, range.end), range));
}

/**
 * `Fn::Split` of a string known whole (`!Split [",", "s3:GetObject,sts:AssumeRoot"]`): its pieces, each
 * placed where it is written. A string with a part known only at deployment may hold any number of
 * delimiters, so its list is unknown.
 */
function resolveSplit(arg: IacValue, range: OffsetRange, choices: Choices): Resolved {
  if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown(range);
  const [delimiter, source] = arg.items;
  const whole = resolve(source, choices);
  if (delimiter.kind !== 'scalar' || typeof delimiter.value !== 'string' || delimiter.value === '') return unknown(range);
  if (whole === NO_VALUE || whole.kind !== 'scalar' || typeof whole.value !== 'string' || whole.value.includes(UNKNOWN_PART)) return unknown(range);
  const { text, offsets } = textOf(whole);
  const items: IacScalar[] = [];
  for (let from = 0; ; ) {
    const at = text.indexOf(delimiter.value, from);
    const end = at < 0 ? text.length : at;
    // A piece ends after its last character: the string's own end is past its closing quote.
    const stop = end > from ? offsets[end - 1] + 1 : offsets[from];
    const piece = { text: text.slice(from, end), offsets: Int32Array.of(...offsets.subarray(from, end), stop) };
    items.push(computedString(piece, { start: offsets[from], end: stop }));
    if (at < 0) break;
    from = at + delimiter.value.length;
  }
  return { kind: 'seq', items, range };
}

/**
 * `Fn::Select` of a known index in a known list (`!Select [0, ["*", "s3:GetObject"]]`, an `Fn::Split`): the
 * item where it is written, not edited (a list in its place would break the `Fn::Select`); else unknown.
 */
function resolveSelect(arg: IacValue, range: OffsetRange, choices: Choices): Resolved {
  if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown(range);
  const [indexValue, listValue] = arg.items;
  const index = resolve(indexValue, choices);
  const list = resolve(listValue, choices);
  if (index === NO_VALUE || index.kind !== 'scalar' || list === NO_VALUE || list.kind !== 'seq') return unknown(range);
  const at = typeof index.value === 'number' ? index.value : typeof index.value === 'string' && /^\d+$/.test(index.value) ? Number(index.value) : undefined;
  const item = at === undefined ? undefined : list.items[at];
  return item ? readOnly(list.sided ? { ...item, sided: true } : item) : unknown(range);
}

/** A scalar's text with offsets (numbers and booleans as written). */
function textOf(value: IacScalar): MappedText {
  return value.mapped ?? linearText(String(value.value), value.range);
}
