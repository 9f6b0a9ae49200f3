/**
 * CloudFormation's intrinsic functions, resolved symbolically: what is known at lint time is kept, each
 * part only known at deployment becomes UNKNOWN_PART. `Fn::Sub` keeps its literal text and IAM policy
 * variables (`${aws:username}`), `${!Literal}` becomes `${Literal}`, and every other `${X}` is unknown
 * unless its own variable map gives a string; `Fn::Join` joins known and unknown parts; `Fn::If` takes the
 * branch its caller chooses (the template is linted once per choice, so both branches are checked); a
 * `Ref` to `AWS::NoValue` removes the property or item. Short (`!Sub`) and long (`Fn::Sub`) forms alike.
 */
import type { OffsetRange } from '../model';
import {
  computedString,
  concatTexts,
  type IacEntry,
  type IacScalar,
  type IacValue,
  linearText,
  type MappedText,
  unknownText,
} from './sourceTree';
import { UNKNOWN_PART } from '../../policy';

/** The result of resolving `Ref: AWS::NoValue`: the property or item is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/** How a resolution picks `Fn::If` branches: `choose(i)` for the i-th `Fn::If` met, in document order. */
export interface Choices {
  choose(index: number): 0 | 1;
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

/** Counts the `Fn::If` calls in a value, so that the caller knows how many choices to make. */
export function countIfs(value: IacValue): number {
  const call = intrinsicCall(value);
  const own = call?.name === 'Fn::If' ? 1 : 0;
  const inner = call ? [call.arg] : value.kind === 'map' ? value.entries.map((e) => e.value) : value.kind === 'seq' ? value.items : [];
  return inner.reduce((n, v) => n + countIfs(v), own);
}

/**
 * The choices to lint a value with: every combination for up to three `Fn::If`s; beyond that the i-th
 * `Fn::If` follows bit `i % 3`, so every branch of every `Fn::If` is still linted in some choice.
 */
export function choicesFor(ifCount: number): Choices[] {
  const bits = Math.min(ifCount, 3);
  return Array.from({ length: 2 ** bits }, (_, k) => ({ choose: (i: number) => ((k >> (i % 3)) & 1) as 0 | 1 }));
}

/** Resolves the intrinsic functions of a value; undefined when the whole value is `AWS::NoValue`. */
export function resolveIntrinsics(value: IacValue, choices: Choices): IacValue | undefined {
  const counter = { ifs: 0 };
  const resolved = resolve(value, choices, counter);
  return resolved === NO_VALUE ? undefined : resolved;
}

type Resolved = IacValue | typeof NO_VALUE;

function resolve(value: IacValue, choices: Choices, counter: { ifs: number }): Resolved {
  const call = intrinsicCall(value);
  if (call) return resolveCall(call.name, call.arg, value.range, choices, counter);
  if (value.kind === 'map') {
    const entries: IacEntry[] = [];
    for (const entry of value.entries) {
      const inner = resolve(entry.value, choices, counter);
      if (inner !== NO_VALUE) entries.push(inner === entry.value ? entry : { ...entry, value: inner });
    }
    return { ...value, entries };
  }
  if (value.kind === 'seq') {
    const items = value.items.map((item) => resolve(item, choices, counter)).filter((item): item is IacValue => item !== NO_VALUE);
    return { ...value, items };
  }
  return value;
}

function resolveCall(name: string, arg: IacValue, range: OffsetRange, choices: Choices, counter: { ifs: number }): Resolved {
  switch (name) {
    case 'Ref':
      return arg.kind === 'scalar' && arg.value === 'AWS::NoValue' ? NO_VALUE : unknown(range);
    case 'Fn::If': {
      const index = counter.ifs++;
      if (arg.kind !== 'seq' || arg.items.length !== 3) return unknown(range);
      // The other branch still counts its own Fn::Ifs, so that indexes stay the same in every choice.
      const [chosen, other] = choices.choose(index) === 0 ? [arg.items[1], arg.items[2]] : [arg.items[2], arg.items[1]];
      counter.ifs += countIfs(other);
      return resolve(chosen, choices, counter);
    }
    case 'Fn::Sub':
      return resolveSub(arg, range, choices, counter);
    case 'Fn::Join':
      return resolveJoin(arg, range, choices, counter);
    default:
      // GetAtt, ImportValue, FindInMap, Select, Base64, ...: a value known only at deployment.
      counter.ifs += countIfs(arg);
      return unknown(range);
  }
}

function unknown(range: OffsetRange): IacScalar {
  return computedString(unknownText(range), range);
}

function resolveSub(arg: IacValue, range: OffsetRange, choices: Choices, counter: { ifs: number }): Resolved {
  const [template, variables] = arg.kind === 'seq' ? arg.items : [arg, undefined];
  const known = new Map<string, MappedText | undefined>();
  if (variables?.kind === 'map') {
    for (const entry of variables.entries) {
      const value = resolve(entry.value, choices, counter);
      known.set(entry.key, value !== NO_VALUE && value.kind === 'scalar' && typeof value.value === 'string' ? textOf(value) : undefined);
    }
  }
  if (template?.kind !== 'scalar' || typeof template.value !== 'string') return unknown(range);
  return computedString(substitute(textOf(template), known), range);
}

/** A `${aws:username}`-style IAM policy variable (or `${*}`, `${?}`, `${$}`), left as written by `Fn::Sub`. */
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
      const value = known.get(name);
      parts.push(value ?? { text: UNKNOWN_PART, offsets: Int32Array.of(offsets[open], offsets[close + 1]) });
    }
    from = close + 1;
  }
  literal(from, text.length);
  return concatTexts(parts, offsets[text.length]);
}

function resolveJoin(arg: IacValue, range: OffsetRange, choices: Choices, counter: { ifs: number }): Resolved {
  if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown(range);
  const [delimiter, list] = arg.items;
  const items = resolve(list, choices, counter);
  if (delimiter.kind !== 'scalar' || typeof delimiter.value !== 'string' || items === NO_VALUE || items.kind !== 'seq') return unknown(range);
  const parts: MappedText[] = [];
  items.items.forEach((item, i) => {
    if (i > 0 && delimiter.value) parts.push(textOf(delimiter));
    parts.push(item.kind === 'scalar' && item.value !== null ? textOf(item) : unknownText(item.range));
  });
  return computedString(concatTexts(parts, range.end), range);
}

/** A scalar's text with offsets (numbers and booleans as written). */
function textOf(value: IacScalar): MappedText {
  return value.mapped ?? linearText(String(value.value), value.range);
}
