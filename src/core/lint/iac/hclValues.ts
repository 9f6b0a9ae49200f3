/**
 * HCL expressions read as policy values. Literals, objects, tuples and templates are read with their
 * source ranges, and so is a `local.x` the file's `locals` block writes (read there); a conditional
 * (`var.on ? a : b`) becomes `Fn::If` on its condition, resolved per side as a template's is (its side only
 * where the test is decided: hclConditions.ts); an interpolation
 * (`${var.x}`) becomes one unknown part of its string (`${local.x}` the local's string), a `[for ...]` a list
 * of one item of its body's shape (past the bounds on iterations, said so: withLoopsNotRead), `concat(...)` the items of the lists it joins (any other argument one
 * unknown item), and any other expression (a variable, a reference, another function call, a `{for ...}`)
 * one unknown value. Escapes (`\"`, `$${`)
 * are decoded with each character mapped to where it was written.
 */
import { UNKNOWN_PART } from '../../policy';
import type { OffsetRange } from '../model';
import { takenSide } from './hclConditions';
import type { HclNode } from './hclParser';
import { decodeQuoted, heredocLiteral } from './hclLiterals';
import { localsOf, writtenLocal } from './hclLocals';
import { loopNotReadMet } from './hclLoops';
import { iterationRefused } from './iterationBudget';
import { computedString, concatTexts, type IacEntry, type IacScalar, type IacValue, linearText, type MappedText, placedAt, unknownText } from './sourceTree';

export function rangeOf(node: HclNode): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}

/** The single meaningful child of wrapper nodes (`expression`, `literal_value`, `collection_value`). */
export function unwrap(node: HclNode): HclNode {
  let current = node;
  while (['expression', 'literal_value', 'collection_value', 'template_expr'].includes(current.type) && current.namedChildCount === 1) {
    current = current.namedChildren[0]!;
  }
  return current;
}

/**
 * The values an iteration binds while its body is read, by the reference to them as written: a `for`
 * expression's variable (`t`), a `dynamic` block's iterator (`statement.value`), a resource's `each.value`.
 */
export type Scope = ReadonlyMap<string, IacScalar>;

export const NO_SCOPE: Scope = new Map();

/** The value `node` (a variable or a traversal, `each.value`) has in `scope`, if it is bound there. */
function boundValue(node: HclNode, scope: Scope): IacScalar | undefined {
  if (scope.size === 0) return undefined;
  const path = traversal(node);
  return path && scope.get(path.join('.'));
}

/** The value of an expression; `handle` is the node, for the writer (undefined for computed values). */
export function hclValue(expression: HclNode, scope: Scope = NO_SCOPE): IacValue {
  const node = unwrap(expression);
  const range = rangeOf(node);
  switch (node.type) {
    case 'string_lit':
    case 'quoted_template':
    case 'heredoc_template': {
      const mapped = templateText(node, scope);
      // A string with an interpolation is not its value as written: a fix writing the value would drop the
      // interpolation (a local's name, a `for`'s variable), so none is written there.
      const interpolated = node.children.some((child) => child.type === 'template_interpolation' || child.type === 'template_directive');
      return { kind: 'scalar', value: mapped.text, mapped, range, handle: interpolated || mapped.text.includes(UNKNOWN_PART) ? undefined : node };
    }
    case 'numeric_lit':
      return { kind: 'scalar', value: Number(node.text), range, handle: node };
    case 'bool_lit':
      return { kind: 'scalar', value: node.text === 'true', range, handle: node };
    case 'null_lit':
      return { kind: 'scalar', value: null, range, handle: node };
    case 'tuple':
      return { kind: 'seq', items: node.namedChildren.filter((c) => c?.type === 'expression').map((c) => hclValue(c!, scope)), range, handle: node };
    case 'object': {
      const entries = node.namedChildren.flatMap((elem): IacEntry[] => {
        if (elem?.type !== 'object_elem') return [];
        const key = elem.childForFieldName('key');
        const val = elem.childForFieldName('val');
        if (!key || !val) return [];
        const keyNode = unwrap(key);
        // A bare identifier key is its name; a quoted one its string; anything else is computed.
        const keyText = keyNode.type === 'variable_expr' && keyNode.namedChildCount === 1 ? keyNode.text : isString(keyNode) ? templateText(keyNode).text : UNKNOWN_PART;
        return [{ key: keyText, keyRange: rangeOf(keyNode), value: hclValue(val, scope), handle: elem }];
      });
      return { kind: 'map', entries, range, handle: node };
    }
    case 'function_call': {
      // `concat(local.base, [{...}])`: the lists written out are read, each other argument is one unknown
      // item (a list of any length), so that the statements written in place are still checked.
      const { name, args } = functionCall(node)!;
      if (name !== 'concat' || args.length === 0) return computedString(unknownText(range), range);
      const items = args.flatMap((arg): IacValue[] => {
        const value = hclValue(arg, scope);
        return value.kind === 'seq' ? value.items : [computedString(unknownText(value.range), value.range)];
      });
      return { kind: 'seq', items, range };
    }
    case 'conditional': {
      // `var.strict ? a : b`: read as CloudFormation's Fn::If on the condition as written, so that each side
      // is linted as one deployment has it (iac/intrinsics.ts), every conditional on one condition alike;
      // one the iteration decides (`each.key == "org"` in the instance keyed "org"), its side only.
      const taken = takenSide(node, scope);
      if (taken) return hclValue(taken, scope);
      const [test, whenTrue, whenFalse] = node.namedChildren.filter((c) => c.type === 'expression');
      if (!test || !whenTrue || !whenFalse) return computedString(unknownText(range), range);
      const condition: IacValue = { kind: 'scalar', value: test.text.replace(/\s+/g, ' ').trim(), range: rangeOf(test) };
      const sides: IacValue = { kind: 'seq', items: [condition, hclValue(whenTrue, scope), hclValue(whenFalse, scope)], range };
      return { kind: 'map', entries: [{ key: 'Fn::If', keyRange: range, value: sides }], range };
    }
    case 'for_expr': {
      // `[for b in var.buckets : {...}]`: one item per element of the collection, each of the body's shape,
      // read as one item whose references to the iteration are unknown, so the rules judge that shape; over a
      // list of strings written in place, one item per string, the iteration variable holding it.
      const tuple = node.namedChildren[0];
      const body = tuple?.type === 'for_tuple_expr' ? tuple.namedChildren.find((c) => c.type === 'expression') : undefined;
      if (!body) return computedString(unknownText(range), range);
      const iterations = literalIterations(tuple!, body, scope);
      if (iterations && 'notRead' in iterations) loopNotReadMet({ loop: node, reason: iterations.notRead });
      const read = iterations && !('notRead' in iterations) ? iterations.map((bound) => hclValue(body, bound)) : [hclValue(body, scope)];
      return { kind: 'seq', items: read, range };
    }
    case 'variable_expr':
      return boundValue(node, scope) ?? computedString(unknownText(range), range);
    default:
      return boundValue(node, scope) ?? localValue(node) ?? computedString(unknownText(range), range);
  }
}

/**
 * `local.actions` where the file's `locals` block writes it: its value, read where it is written (findings
 * land there, and a fix edits the local, which is what every use reads); where another file of the module
 * writes it, placed on the use (moduleLocals.ts). Undefined for any other expression, one being read already
 * (`local.a = local.b`, `local.b = local.a`), or past the file's budget of text read through locals: a file
 * cannot multiply the work by naming one local many times.
 */
function localValue(node: HclNode): IacValue | undefined {
  const path = traversal(node);
  if (path?.length !== 2 || path[0] !== 'local') return undefined;
  const file = localsOf(node);
  const { expression, elsewhere } = writtenLocal(node, path[1]) ?? {};
  if (!expression || readingLocals.has(expression) || file.spent + expression.text.length > MAX_EXPANDED_TEXT) return undefined;
  file.spent += expression.text.length;
  readingLocals.add(expression);
  try {
    const value = hclValue(expression);
    return elsewhere ? placedAt(value, rangeOf(node)) : value;
  } finally {
    readingLocals.delete(expression);
  }
}

/** The locals being read, innermost last. */
const readingLocals = new Set<HclNode>();

/** The most text a file reads through its locals, so that naming one local many times cannot multiply the work. */
const MAX_EXPANDED_TEXT = 256 * 1024;

/** Why `body`'s file cannot read it once per item of `items` (iterationBudget.ts); if it can, the text is counted. */
function iterationRefusedFor(body: HclNode, items: number): string | undefined {
  return iterationRefused(localsOf(body).iterations, items, items * body.text.length);
}

/**
 * The strings of a collection written in place (`["a", "b"]`, or `toset(...)` or `tolist(...)` of one, or a
 * local holding one); undefined for anything else.
 */
function writtenStrings(collection: HclNode, scope: Scope): IacScalar[] | undefined {
  const call = functionCall(unwrap(collection));
  const converted = (call?.name === 'toset' || call?.name === 'tolist') && call.args.length === 1;
  const list = hclValue(converted ? call.args[0] : collection, scope);
  if (list.kind !== 'seq') return undefined;
  const strings = list.items.filter((item): item is IacScalar => item.kind === 'scalar' && typeof item.value === 'string' && !item.value.includes(UNKNOWN_PART));
  return strings.length === list.items.length ? strings : undefined;
}

/**
 * The keys and string values of a map written in place (`{ admin = "AdministratorAccess" }`, or `tomap(...)`
 * of one); undefined for anything else, or when a key or value is not a string known here.
 */
function writtenMap(collection: HclNode, scope: Scope): Array<[key: IacScalar, value: IacScalar]> | undefined {
  const call = functionCall(unwrap(collection));
  const map = hclValue(call?.name === 'tomap' && call.args.length === 1 ? call.args[0] : collection, scope);
  if (map.kind !== 'map') return undefined;
  const pairs = map.entries.flatMap(({ key, keyRange, value }): Array<[IacScalar, IacScalar]> => {
    const known = value.kind === 'scalar' && typeof value.value === 'string' && !value.value.includes(UNKNOWN_PART) && !key.includes(UNKNOWN_PART);
    return known ? [[{ kind: 'scalar', value: key, range: keyRange }, value]] : [];
  });
  return pairs.length === map.entries.length ? pairs : undefined;
}

/**
 * The scopes a block made once per item of its `for_each` (a resource, a `dynamic` block) reads its body in,
 * over strings written in place: `NAME.value` holds the string, and `NAME.key` too over a set (over a list
 * it is the index, left unknown); over a map of strings written in place, `NAME.key` its key and `NAME.value`
 * its string. Undefined for any other collection, or inside another iteration, so that nesting cannot
 * multiply the work; past the bounds of iterationBudget.ts, why it is not read.
 */
export function forEachScopes(forEach: HclNode, name: string, body: HclNode, scope: Scope = NO_SCOPE): Scope[] | { notRead: string } | undefined {
  if (scope.size > 0) return undefined;
  const strings = writtenStrings(forEach, scope);
  const pairs = strings ? undefined : writtenMap(forEach, scope);
  if (!strings && !pairs) return undefined;
  const refused = iterationRefusedFor(body, (strings ?? pairs)!.length);
  if (refused) return { notRead: refused };
  if (pairs) return pairs.map(([key, value]) => new Map([[`${name}.key`, key], [`${name}.value`, value]]));
  const isSet = functionCall(unwrap(forEach))?.name === 'toset';
  return strings!.map((item) => new Map([[`${name}.value`, item], ...(isSet ? [[`${name}.key`, item] as const] : [])]));
}

/**
 * The scopes a `[for v in [...] : body]` reads its body in, one per string of a list written in place; undefined
 * for anything else: another collection, a key and a value (`for k, v in`), a filter (`if ...`), which may drop
 * items no one can tell, or a `for` inside another's body (so that nesting cannot multiply the work). Past the
 * bounds of iterationBudget.ts, why it is not read.
 */
function literalIterations(forTuple: HclNode, body: HclNode, scope: Scope): Scope[] | { notRead: string } | undefined {
  const intro = forTuple.namedChildren.find((c) => c.type === 'for_intro');
  const names = intro?.namedChildren.filter((c) => c.type === 'identifier') ?? [];
  const collection = intro?.namedChildren.find((c) => c.type === 'expression');
  if (scope.size > 0 || names.length !== 1 || !collection || forTuple.namedChildren.some((c) => c.type === 'for_cond')) return undefined;
  const strings = writtenStrings(collection, scope);
  if (!strings) return undefined;
  const refused = iterationRefusedFor(body, strings.length);
  return refused ? { notRead: refused } : strings.map((item) => new Map([[names[0].text, item]]));
}

/** The name and arguments of a function call (`jsonencode({...})`); undefined for any other expression. */
export function functionCall(node: HclNode): { name: string | undefined; args: HclNode[] } | undefined {
  if (node.type !== 'function_call') return undefined;
  const args = node.namedChildren.find((c) => c?.type === 'function_arguments')?.namedChildren.filter((c): c is HclNode => c?.type === 'expression') ?? [];
  return { name: node.namedChildren[0]?.text, args };
}

/** A string written in place: quoted, with or without interpolations, or a heredoc. */
export function isTemplateString(node: HclNode): boolean {
  return node.type === 'string_lit' || node.type === 'quoted_template' || node.type === 'heredoc_template';
}

/**
 * The first template directive (`%{ if ... }`, `%{ for ... }`) of a quoted string or heredoc, if any. A
 * directive repeats or drops the text it encloses by values the linter does not evaluate, so the text
 * with it is no policy a deployment sends.
 */
export function firstDirective(node: HclNode): HclNode | undefined {
  return node.children.find((child) => child?.type === 'template_directive') ?? undefined;
}

/** `x` for `data.aws_iam_policy_document.x.json`: a local policy document's rendered JSON. */
export function localDocumentName(expression: HclNode): string | undefined {
  // One instance of a document made with for_each or count (`...x[each.key].json`) is read as the block,
  // its `each` and `count` values known only at deployment.
  const path = traversal(expression, true)?.filter((part, i) => !(i === 3 && part === '[]'));
  // `.minified_json` is the same document without its blanks (AWS provider 5).
  return path?.length === 4 && path[0] === 'data' && path[1] === 'aws_iam_policy_document' && (path[3] === 'json' || path[3] === 'minified_json') ? path[2] : undefined;
}

/**
 * The expression a string made of one interpolation and nothing else stands for: Terraform reads
 * `"${data.x.json}"` (the 0.11 way of writing it) as `data.x.json`. Undefined for any other string.
 */
export function soleInterpolation(node: HclNode): HclNode | undefined {
  if (node.type !== 'quoted_template') return undefined;
  const parts = node.namedChildren.filter((c) => c?.type !== 'quoted_template_start' && c?.type !== 'quoted_template_end');
  if (parts.length !== 1 || parts[0]?.type !== 'template_interpolation') return undefined;
  return parts[0].namedChildren.find((c) => c?.type === 'expression') ?? undefined;
}

/** Whether a reference to a policy document names its `.minified_json`, rather than its indented `.json`. */
export function isMinifiedReference(expression: HclNode): boolean {
  return traversal(expression, true)?.at(-1) === 'minified_json';
}

function isString(node: HclNode): boolean {
  return node.type === 'string_lit' || node.type === 'quoted_template';
}

/**
 * The text of a quoted string or heredoc: literal parts decoded, each interpolation or directive one
 * unknown part. A heredoc keeps its lines as written (for JSON, indentation does not matter).
 */
export function templateText(node: HclNode, scope: Scope = NO_SCOPE): MappedText {
  const parts: MappedText[] = [];
  const heredoc = node.type === 'heredoc_template';
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'template_literal') parts.push(heredoc ? heredocLiteral(child) : decodeQuoted(child));
    else if (child.type === 'template_interpolation') parts.push(boundText(child, scope) ?? unknownText(rangeOf(child)));
    else if (child.type === 'template_directive') parts.push(unknownText(rangeOf(child)));
  }
  return concatTexts(parts, heredoc ? closingLineStart(node) : node.endIndex - 1);
}

/**
 * `${v}` where `v` is a `for` expression's iteration variable: the string it holds, where that is written;
 * `${local.name}` where the file's locals write a string: that string, placed on the interpolation;
 * `${"InvokeFunction"}`, a string written in place: that string.
 */
function boundText(interpolation: HclNode, scope: Scope): MappedText | undefined {
  const inner = interpolation.namedChildren.find((c) => c.type === 'expression');
  const written = inner && unwrap(inner);
  if (written && isString(written)) {
    const text = templateText(written, scope);
    return text.text.includes(UNKNOWN_PART) ? undefined : text;
  }
  const bound = inner && boundValue(unwrap(inner), scope);
  if (bound) return typeof bound.value === 'string' ? (bound.mapped ?? linearText(bound.value, bound.range)) : undefined;
  const local = inner && localValue(unwrap(inner));
  if (local?.kind !== 'scalar' || typeof local.value !== 'string' || local.value.includes(UNKNOWN_PART)) return undefined;
  const offsets = new Int32Array(local.value.length + 1).fill(interpolation.startIndex);
  offsets[local.value.length] = interpolation.endIndex;
  return { text: local.value, offsets };
}

function closingLineStart(node: HclNode): number {
  const last = node.lastChild;
  return last ? last.startIndex : node.endIndex;
}

/**
 * A traversal's parts (`data.aws_iam_policy_document.x.json` → data, aws_iam_policy_document, x, json); with
 * `indexes`, an index is a part too, `[]` whatever it holds (`x[each.key]` → x, []).
 */
export function traversal(expression: HclNode, indexes = false): string[] | undefined {
  const children = expression.type === 'expression' ? expression.namedChildren : [expression];
  const [head, ...rest] = children;
  if (head?.type !== 'variable_expr') return undefined;
  const names = [head.text];
  for (const part of rest) {
    if (indexes && part?.type === 'index') {
      names.push('[]');
      continue;
    }
    if (part?.type !== 'get_attr') return undefined;
    const id = part.namedChildren.find((c) => c?.type === 'identifier');
    if (!id) return undefined;
    names.push(id.text);
  }
  return names;
}

/** An expression as written, on one line and cut short: for messages. */
export function describeExpression(node: HclNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
