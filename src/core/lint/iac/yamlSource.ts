/**
 * YAML files (CloudFormation templates) read into the IaC tree with the `yaml` package, which keeps the
 * source range of every node and the custom tags (`!Sub`, `!Ref`) CloudFormation uses for its short forms.
 * Anchors and aliases resolve to their value, which is read-only here, at the anchor too when an alias or
 * merge key reads it (an edit would change every place that reads it), and placed at the alias.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { withThousands } from '../../text/numbers';
import type { OffsetRange, ParseProblem } from '../model';
import { MAX_NESTING } from '../parse';
import { alignedText, type IacEntry, type IacValue, placedAt } from './sourceTree';
import { type AliasTargets, aliasTargetsOf } from './yamlAliases';
import { doubleQuotedText } from './yamlQuoted';

/** What the writer needs to edit a value or an entry in place. */
export interface YamlHandle {
  node: YamlNode;
  pair?: Pair;
  map?: YAMLMap;
}

export interface ParsedYaml {
  root: IacValue | undefined;
  errors: ParseProblem[];
}

/**
 * How many values aliases may add, all uses together: each use of an alias is read as a copy of its anchor's
 * value, so a kilobyte of aliases of aliases ("billion laughs") once expanded to gigabytes and exhausted
 * the heap. Real templates use a handful of aliases, if any.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Parses YAML text; never throws. Only the first document of a multi-document file is read. A file nested
 * deeper than MAX_NESTING, or whose aliases expand beyond MAX_ALIAS_EXPANSION values, is reported and
 * yields no tree, as JSON nested too deep is: where the `yaml` package itself overflows its stack depends
 * on the stack it runs on, and the verdict must not.
 */
export function parseYaml(text: string): ParsedYaml {
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch (err) {
    if (err instanceof RangeError) return { root: undefined, errors: [tooDeepAt(0, text)] };
    return { root: undefined, errors: [{ message: err instanceof Error ? err.message : String(err), range: { start: 0, end: Math.min(1, text.length) } }] };
  }
  const reader = new YamlReader(text, document);
  const root = document.contents ? reader.read(document.contents as YamlNode, true, 0) : undefined;
  if (reader.stopped) return { root: undefined, errors: [reader.stopped] };
  const errors = document.errors.map((e) => ({
    // The package's own advice for this one names its API (`YAML.parseAllDocuments()`), not the author's fix.
    message: e.code === 'MULTIPLE_DOCS' ? `${MULTIPLE_DOCUMENTS}, and a CloudFormation template is one` : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    range: { start: Math.min(e.pos[0], text.length), end: Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length) },
  }));
  return { root, errors };
}

const MULTIPLE_DOCUMENTS = 'the file holds more than one YAML document (---)';

/** The problems of a YAML file read as a policy document, said of one (parseYaml speaks of templates). */
export function policyDocumentProblems(errors: readonly ParseProblem[]): ParseProblem[] {
  return errors.map((e) => (e.message.startsWith(MULTIPLE_DOCUMENTS) ? { ...e, message: `${MULTIPLE_DOCUMENTS}, and a policy document is one` } : e));
}

function tooDeepAt(offset: number, text: string): ParseProblem {
  return { message: `nesting deeper than ${MAX_NESTING} levels`, range: { start: offset, end: Math.min(offset + 1, text.length) } };
}

/** Reads a parsed document into the IaC tree, stopping (with `stopped` set) at the first limit it meets. */
class YamlReader {
  stopped: ParseProblem | undefined;
  /** The values read through aliases so far, and the alias, written in the document, whose value is being read. */
  private expanded = 0;
  private outermostAlias: OffsetRange | undefined;
  /** Worked out at the first alias: most templates have none. */
  private aliasTargets: AliasTargets | undefined;
  private aliasedNodes: Set<YamlNode | undefined> | undefined;

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
  ) {}

  /** `depth`: the collections around `node`; `aliased`: whether it is read through an alias (a copy). */
  read(node: YamlNode, editable: boolean, depth: number, aliased = false): IacValue {
    const range = rangeOf(node);
    if (this.stopped) return nullAt(range.start);
    if (isAlias(node)) {
      this.aliasTargets ??= aliasTargetsOf(this.document);
      const target = this.aliasTargets.get(node);
      if (target) {
        // A limit met below is reported at the alias the document names, not at one reached through another.
        if (aliased) return this.read(target as YamlNode, false, depth, true);
        this.outermostAlias = range;
        // What the statement reads through an alias is reported at the alias, in that statement, not at the
        // anchor, which may be in another statement that reads it differently (one exempting root sessions).
        return placedAt(this.read(target as YamlNode, false, depth, true), range);
      }
    }
    // An anchored node an alias or merge key reads again is read-only where it is written too: an edit for
    // this reader would change the other, where it may widen what is allowed.
    if (editable && node.anchor && this.isAliasTarget(node)) return this.read(node, false, depth, aliased);
    if (aliased && ++this.expanded > MAX_ALIAS_EXPANSION) {
      const at = this.outermostAlias ?? range;
      this.stopped = { message: `aliases expand to more than ${withThousands(MAX_ALIAS_EXPANSION)} values; not read`, range: { start: at.start, end: Math.max(at.end, at.start + 1) } };
      return nullAt(range.start);
    }
    const tag = customTag(node);
    const handle: YamlHandle | undefined = editable ? { node } : undefined;
    if ((isMap(node) || isSeq(node)) && depth === MAX_NESTING) {
      this.stopped = tooDeepAt(range.start, this.text);
      return nullAt(range.start);
    }
    if (isMap(node)) return { kind: 'map', entries: this.entries(node, editable, depth + 1, aliased), range, tag, handle };
    if (isSeq(node)) {
      const items = node.items.map((item) => (item && typeof item === 'object' && 'range' in item ? this.read(item as YamlNode, editable, depth + 1, aliased) : nullAt(range.end)));
      return { kind: 'seq', items, range, tag, handle };
    }
    if (isScalar(node)) {
      const value = node.value;
      const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value);
      const written = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? withoutTrailingBlanks(range, this.text) : range;
      return {
        kind: 'scalar',
        value: scalar,
        mapped: typeof scalar === 'string' ? ((node.type === 'QUOTE_DOUBLE' ? doubleQuotedText(scalar, this.text, written) : undefined) ?? alignedText(scalar, this.text, written)) : undefined,
        range: written,
        tag,
        handle,
      };
    }
    return nullAt(range.start);
  }

  private isAliasTarget(node: YamlNode): boolean {
    this.aliasTargets ??= aliasTargetsOf(this.document);
    this.aliasedNodes ??= new Set(this.aliasTargets.values());
    return this.aliasedNodes.has(node);
  }

  /**
   * A map's entries, its YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) resolved as `aws cloudformation
   * package` and SAM resolve them before deploying: each merged map's entries the map does not write itself,
   * within one `<<` key's list an earlier map's before a later one's, a later `<<` key's before an earlier
   * key's, in the merge key's place. A merged map is read as an
   * alias is, a copy within MAX_ALIAS_EXPANSION. (The `yaml` package's `merge` option merges only when
   * converting to plain objects, without source ranges.)
   */
  private entries(map: YAMLMap, editable: boolean, depth: number, aliased: boolean): IacEntry[] {
    const read = map.items.flatMap((pair): (IacEntry | { merged: IacEntry[] })[] => {
      if (!isPair(pair)) return [];
      const merged = isMergeKey(pair.key) ? this.mergedEntries(pair.value, editable, depth, aliased) : undefined;
      return [merged ? { merged } : this.entry(pair, map, editable, depth, aliased)];
    });
    // PyYAML appends each `<<` key's pairs in turn and the last pair wins, so a later `<<` key overrides an
    // earlier one; within one key's list it appends the maps in reverse, so there the first map wins.
    const taken = new Set(read.flatMap((item) => ('merged' in item ? [] : [item.key])));
    const kept = new Map<{ merged: IacEntry[] }, IacEntry[]>();
    for (const item of [...read].reverse()) {
      if ('merged' in item) kept.set(item, item.merged.filter((entry) => !taken.has(entry.key) && taken.add(entry.key)));
    }
    return read.flatMap((item) => ('merged' in item ? (kept.get(item) ?? []) : [item]));
  }

  /** The entries a merge key's value brings: a map, an alias of one, or a list of those; undefined for anything else. */
  private mergedEntries(value: unknown, editable: boolean, depth: number, aliased: boolean): IacEntry[] | undefined {
    const sources = isSeq(value) ? value.items : [value];
    if (!sources.every((source) => isAlias(source) || isMap(source))) return undefined;
    return sources.flatMap((source) => {
      const read = this.read(source as YamlNode, editable && !isAlias(source), depth, aliased);
      return read.kind === 'map' ? read.entries : [];
    });
  }

  private entry(pair: Pair, map: YAMLMap, editable: boolean, depth: number, aliased: boolean): IacEntry {
    const key = pair.key as YamlNode | null;
    const valueRange = key ? rangeOf(key) : { start: rangeOf(map).start, end: rangeOf(map).start };
    // A plain key is its text: `Null:` is the IAM condition operator, not YAML's null.
    const keyText = isScalar(key) ? (key.type === 'PLAIN' ? this.text.slice(valueRange.start, valueRange.end) : String(key.value)) : '';
    // CloudFormation resolves intrinsic functions in values only: a key `!Ref Op` stays that text, tag and
    // all, and is read (and reported) as written.
    const keyTag = key ? customTag(key) : undefined;
    const tagStart = keyTag ? tagStartBefore(this.text, valueRange.start, keyTag) : undefined;
    const keyRange = tagStart === undefined ? valueRange : { start: tagStart, end: valueRange.end };
    const value = pair.value ? this.read(pair.value as YamlNode, editable, depth, aliased) : nullAt(keyRange.end);
    const entryKey = tagStart === undefined ? keyText : `${keyTag} ${keyText}`;
    return { key: entryKey, keyRange, value, handle: editable && isScalar(key) && tagStart === undefined ? { node: key, pair, map } : undefined };
  }
}

/** YAML 1.1's merge key, `<<` written plain (a quoted `"<<"` is an ordinary key). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.value === '<<';
}

/** A CloudFormation short form (`!Ref`, `!Sub`), not a YAML core tag (`!!str`). */
function customTag(node: YamlNode): string | undefined {
  return node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
}

/** Where `tag` is written before the node starting at `valueStart`, blanks between; undefined when it is not. */
function tagStartBefore(text: string, valueStart: number, tag: string): number | undefined {
  let end = valueStart;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end < valueStart && text.startsWith(tag, end - tag.length) ? end - tag.length : undefined;
}

/**
 * A block scalar's range ends after its last line break and the next line's indentation: a finding there ran
 * onto the next line, and a fix replacing it joined the next key to its line.
 */
function withoutTrailingBlanks(range: OffsetRange, text: string): OffsetRange {
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1])) end--;
  return { start: range.start, end };
}

function rangeOf(node: YamlNode): OffsetRange {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}

function nullAt(offset: number): IacValue {
  return { kind: 'scalar', value: null, range: { start: offset, end: offset } };
}
