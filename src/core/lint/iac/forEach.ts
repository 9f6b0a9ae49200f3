/**
 * CloudFormation's `Fn::ForEach` (the `AWS::LanguageExtensions` transform) in `Resources`:
 * `Fn::ForEach::Loop: [Identifier, Collection, {LogicalId${Identifier}: resource, ...}]` makes each resource
 * of the fragment once per value of the collection, with `${Identifier}` and `&{Identifier}` replaced by the
 * value wherever they are written. The linter reads the fragment's resources once, each occurrence of the
 * identifier an unknown part (it could be any of the values), so that their policies are checked rather than
 * skipped; loops nest. A loop written some other way is returned as not checked, never dropped.
 */
import { UNKNOWN_PART } from '../../policy';
import type { ParseProblem } from '../model';
import { computedString, concatTexts, type IacEntry, type IacValue, linearText, type MappedText, unknownText } from './sourceTree';

const FOR_EACH = 'Fn::ForEach::';

/** The template's resources with every `Fn::ForEach` loop read into the resources it makes. */
export function templateResources(resources: IacValue | undefined, unchecked: ParseProblem[]): IacEntry[] {
  if (resources?.kind !== 'map') return [];
  return resources.entries.flatMap((entry) => {
    if (entry.key.startsWith(FOR_EACH)) return loopResources(entry, [], unchecked);
    // `Fn::Transform` (an `AWS::Include` snippet) among the resources: what it brings is only known at deployment.
    if (entry.key === 'Fn::Transform') {
      unchecked.push({ message: 'Resources.Fn::Transform is not checked: the resources it brings are only known at deployment.', range: entry.value.range });
      return [];
    }
    return [entry];
  });
}

/** `identifiers`: those of the loops around this one, whose values are unknown in it too. */
function loopResources(loop: IacEntry, identifiers: readonly string[], unchecked: ParseProblem[]): IacEntry[] {
  const [identifier, , fragment] = loop.value.kind === 'seq' ? loop.value.items : [];
  const name = identifier?.kind === 'scalar' && typeof identifier.value === 'string' ? identifier.value : undefined;
  if (!name || fragment?.kind !== 'map' || loop.value.kind !== 'seq' || loop.value.items.length !== 3) {
    unchecked.push({ message: `Resources.${loop.key} is not checked: Fn::ForEach takes [identifier, collection, {resources}].`, range: loop.value.range });
    return [];
  }
  const inScope = [...identifiers, name];
  return fragment.entries.flatMap((entry) => {
    if (entry.key.startsWith(FOR_EACH)) return loopResources(entry, inScope, unchecked);
    // The logical id stays as written (`Policy${Name}`): messages and `simulate FILE#NAME` name it that way.
    return [{ ...entry, value: substituted(entry.value, inScope) }];
  });
}

/** The value with each `${identifier}` and `&{identifier}` an unknown part, keys included. */
function substituted(value: IacValue, identifiers: readonly string[]): IacValue {
  if (value.kind === 'map') return { ...value, entries: value.entries.map((e) => ({ ...e, key: withUnknown(e.key, identifiers), value: substituted(e.value, identifiers) })) };
  if (value.kind === 'seq') return { ...value, items: value.items.map((item) => substituted(item, identifiers)) };
  if (typeof value.value !== 'string' || !identifiers.some((id) => mentions(value.value as string, id))) return value;
  const mapped = value.mapped ?? linearText(value.value, value.range);
  // Computed now (no handle): a fix never writes a value the loop fills in.
  return { ...computedString(replaceIdentifiers(mapped, identifiers), value.range), tag: value.tag };
}

function mentions(text: string, identifier: string): boolean {
  return text.includes(`\${${identifier}}`) || text.includes(`&{${identifier}}`);
}

/** A key: text only (keys carry no offsets of their own). */
function withUnknown(text: string, identifiers: readonly string[]): string {
  return text.replace(identifierPattern(identifiers), UNKNOWN_PART);
}

/** `${id}` or `&{id}` of any of the identifiers. */
function identifierPattern(identifiers: readonly string[]): RegExp {
  return new RegExp(`[$&]\\{(?:${identifiers.map(escapeRegExp).join('|')})\\}`, 'g');
}

function replaceIdentifiers(mapped: MappedText, identifiers: readonly string[]): MappedText {
  const { text, offsets } = mapped;
  const pattern = identifierPattern(identifiers);
  const parts: MappedText[] = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > from) parts.push({ text: text.slice(from, at), offsets: offsets.slice(from, at + 1) });
    parts.push(unknownText({ start: offsets[at], end: offsets[at + match[0].length] }));
    from = at + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), offsets: offsets.slice(from) });
  return concatTexts(parts, offsets[text.length]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
