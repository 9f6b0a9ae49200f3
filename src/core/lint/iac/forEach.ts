/**
 * CloudFormation's `Fn::ForEach` (the `AWS::LanguageExtensions` transform) in `Resources` and `Conditions`:
 * `Fn::ForEach::Loop: [Identifier, Collection, {LogicalId${Identifier}: resource, ...}]` makes each resource
 * (or condition: `{"Is${Env}": !Equals [!Ref Env, "${Env}"]}`) of the fragment once per value of the collection, with `${Identifier}` and `!Ref Identifier` replaced by
 * the value wherever they are written, and `&{Identifier}` by its letters and digits. Over a list written in
 * place the linter does the same, each value placed where the list writes it (a misspelled task name is
 * reported there), and names each resource as CloudFormation does (`RootOpsAudit`); over any other
 * collection (`!Ref TaskNames`) it reads the fragment's resources once, each occurrence of the identifier an
 * unknown part (it could be any of the values), so that their policies are checked rather than skipped.
 * Loops nest. A loop written some other way, or over values written in place past the bounds of
 * iterationBudget.ts, is returned as not checked, never dropped.
 */
import { UNKNOWN_PART } from '../../policy';
import type { ParseProblem } from '../model';
import { type IterationBudget, iterationBudget, iterationRefused } from './iterationBudget';
import { computedString, concatTexts, entryValue, type IacEntry, type IacValue, linearText, type MappedText, readOnly, unknownText } from './sourceTree';

const FOR_EACH = 'Fn::ForEach::';

/** An identifier in scope: its value as written in the loop's list, or undefined when any value may be. */
interface Binding {
  identifier: string;
  value?: MappedText;
}

/**
 * The template's resources and conditions with every `Fn::ForEach` loop read into the entries it makes, both
 * sections' loops within one budget.
 */
export function templateSections(root: IacValue | undefined, unchecked: ParseProblem[]): { resources: IacEntry[]; conditions: IacEntry[] } {
  const budget = iterationBudget();
  const conditions = sectionEntries(entryValue(root, 'Conditions'), 'Conditions', budget, unchecked);
  return { conditions, resources: sectionEntries(entryValue(root, 'Resources'), 'Resources', budget, unchecked) };
}

type Section = 'Resources' | 'Conditions';

function sectionEntries(entries: IacValue | undefined, section: Section, budget: IterationBudget, unchecked: ParseProblem[]): IacEntry[] {
  if (entries?.kind !== 'map') return [];
  return entries.entries.flatMap((entry) => {
    if (entry.key.startsWith(FOR_EACH)) return loopEntries(entry, section, [], 1, budget, unchecked);
    // `Fn::Transform` (an `AWS::Include` snippet) among the resources: what it brings is only known at deployment.
    if (section === 'Resources' && entry.key === 'Fn::Transform') {
      unchecked.push({ message: 'Resources.Fn::Transform is not checked: the resources it brings are only known at deployment.', range: entry.value.range });
      return [];
    }
    return [entry];
  });
}

/**
 * `outer`: the identifiers of the loops around this one; `copies`: how many times they make its fragment;
 * `budget`: the text the template's loops may still copy.
 */
function loopEntries(loop: IacEntry, section: Section, outer: readonly Binding[], copies: number, budget: IterationBudget, unchecked: ParseProblem[]): IacEntry[] {
  const [identifier, collection, fragment] = loop.value.kind === 'seq' ? loop.value.items : [];
  const name = identifier?.kind === 'scalar' && typeof identifier.value === 'string' ? identifier.value : undefined;
  if (!name || fragment?.kind !== 'map' || loop.value.kind !== 'seq' || loop.value.items.length !== 3) {
    unchecked.push({ message: `${section}.${loop.key} is not checked: Fn::ForEach takes [identifier, collection, {${section.toLowerCase()}}].`, range: loop.value.range });
    return [];
  }
  const values = writtenValues(collection);
  const made = copies * (values?.length ?? 1);
  // Charged once per copy of the loop itself: an inner loop's are charged as each outer copy reads it.
  const refused = values && iterationRefused(budget, made, values.length * (fragment.range.end - fragment.range.start));
  if (refused) {
    // Once, not once per copy of the loops around it.
    const message = `${section}.${loop.key} is not checked: ${refused}.`;
    if (!unchecked.some((u) => u.message === message && u.range.start === loop.value.range.start)) unchecked.push({ message, range: loop.value.range });
    return [];
  }
  const scopes = values ? values.map((value) => [...outer, { identifier: name, value }]) : [[...outer, { identifier: name }]];
  return scopes.flatMap((scope) =>
    fragment.entries.flatMap((entry) => {
      if (entry.key.startsWith(FOR_EACH)) return loopEntries(entry, section, scope, made, budget, unchecked);
      // A logical id or condition name with an unknown part stays as written (`Policy${Name}`): messages and
      // `simulate FILE#NAME` name it that way.
      const key = keyWith(entry.key, scope);
      // A fragment read for more than one value is one text every copy reads: not edited for one. (Read once
      // for any value, its one reading already stands for every copy.)
      const value = substituted(entry.value, scope);
      return [{ ...entry, key: key.includes(UNKNOWN_PART) ? entry.key : key, value: made === 1 ? value : readOnly(value) }];
    }),
  );
}

/**
 * The strings of a collection written in place as a list, each with where it is written; undefined otherwise,
 * and for a value that names an outer loop's identifier (`${Env}-logs`), left to be any value.
 */
function writtenValues(collection: IacValue | undefined): MappedText[] | undefined {
  if (collection?.kind !== 'seq' || collection.tag) return undefined;
  const values = collection.items.map((item) => {
    const plain = item.kind === 'scalar' && !item.tag && (typeof item.value === 'string' || typeof item.value === 'number') && !/[$&]\{/.test(String(item.value));
    return plain ? (item.mapped ?? linearText(String(item.value), item.range)) : undefined;
  });
  return values.every((value) => value !== undefined) ? (values as MappedText[]) : undefined;
}

/** The value with each `${identifier}`, `&{identifier}` and `!Ref identifier` filled in, keys included. */
function substituted(value: IacValue, scope: readonly Binding[]): IacValue {
  const reference = referenced(value, scope);
  // Its value where the list writes it, or an unknown part where any value may be.
  if (reference) return computedString(reference.value ?? unknownText(value.range), value.range);
  if (value.kind === 'map') return { ...value, entries: value.entries.map((e) => ({ ...e, key: keyWith(e.key, scope), value: substituted(e.value, scope) })) };
  if (value.kind === 'seq') return { ...value, items: value.items.map((item) => substituted(item, scope)) };
  if (typeof value.value !== 'string' || !scope.some(({ identifier }) => mentions(value.value as string, identifier))) return value;
  const mapped = value.mapped ?? linearText(value.value, value.range);
  // Computed now (no handle): a fix never writes a value the loop fills in.
  return { ...computedString(replaceIdentifiers(mapped, scope), value.range), tag: value.tag };
}

/**
 * The binding `!Ref identifier` (or `{"Ref": "identifier"}`) names, the innermost loop's first: AWS's own
 * examples write the identifier so (`TopicName: !Ref TopicName`).
 */
function referenced(value: IacValue, scope: readonly Binding[]): Binding | undefined {
  const single = value.kind === 'map' && value.entries.length === 1 && value.entries[0].key === 'Ref' ? value.entries[0].value : undefined;
  const name = value.kind === 'scalar' && value.tag === '!Ref' ? value.value : single?.kind === 'scalar' && !single.tag ? single.value : undefined;
  return typeof name === 'string' ? [...scope].reverse().find((binding) => binding.identifier === name) : undefined;
}

function mentions(text: string, identifier: string): boolean {
  return text.includes(`\${${identifier}}`) || text.includes(`&{${identifier}}`);
}

/** A key: text only (keys carry no offsets of their own). */
function keyWith(text: string, scope: readonly Binding[]): string {
  return replaceIdentifiers({ text, offsets: new Int32Array(text.length + 1) }, scope).text;
}

/** `${id}` or `&{id}` of any of the identifiers; the second group is the identifier. */
function identifierPattern(scope: readonly Binding[]): RegExp {
  return new RegExp(`([$&])\\{(${scope.map(({ identifier }) => escapeRegExp(identifier)).join('|')})\\}`, 'g');
}

/**
 * The text with each identifier's value in place, mapped to where the list writes it (`&{id}`: its letters
 * and digits alone), or an unknown part where no value is known.
 */
function replaceIdentifiers(mapped: MappedText, scope: readonly Binding[]): MappedText {
  const { text, offsets } = mapped;
  const pattern = identifierPattern(scope);
  // The innermost loop's identifier wins over an outer one of the same name.
  const values = new Map(scope.map(({ identifier, value }) => [identifier, value]));
  const parts: MappedText[] = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > from) parts.push({ text: text.slice(from, at), offsets: offsets.slice(from, at + 1) });
    const value = values.get(match[2]);
    if (!value) parts.push(unknownText({ start: offsets[at], end: offsets[at + match[0].length] }));
    else parts.push(match[1] === '&' ? alphanumeric(value) : value);
    from = at + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), offsets: offsets.slice(from) });
  return concatTexts(parts, offsets[text.length]);
}

/** A value's letters and digits, each where it is written: what `&{id}` stands for. */
function alphanumeric(value: MappedText): MappedText {
  const kept = Array.from({ length: value.text.length }, (_, i) => i).filter((i) => /[A-Za-z0-9]/.test(value.text[i]));
  return { text: kept.map((i) => value.text[i]).join(''), offsets: Int32Array.from([...kept.map((i) => value.offsets[i]), value.offsets[value.text.length]]) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
