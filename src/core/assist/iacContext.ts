/**
 * Where a cursor stands in a policy written in a CloudFormation YAML template or a Terraform file. The
 * linter's own readers turn those into the policy JSON (with every part's source range); a marker written
 * at the cursor travels with the text into that JSON, and the JSON context (context.ts) is read where it
 * lands. So completion and hover see the same statement, element and word as in a JSON policy, including
 * a half-typed value (`sts:` is a YAML error alone, `sts:<marker>` a plain scalar) and a place with no
 * value yet (the marker is written as a quoted string, or as a key with no value).
 */
import type { HclParser } from '../lint/iac/hclParser';
import { readTerraform } from '../lint/iac/terraform';
import type { ModuleContext } from '../lint/iac/terraformModule';
import { readYamlTemplate } from '../lint/iac/yamlTemplate';
import type { PolicyDocument } from '../lint/model';
import { type AssistContext, contextAt } from './context';
import { describeReadings } from './statementSentence';

/**
 * The syntax a policy is written in; a Terraform file is read with the linter's HCL parser, and with its
 * module's other files when given (a document they attach as an SCP is described as one).
 */
export type AssistSyntax = { kind: 'json' } | { kind: 'yaml' } | { kind: 'hcl'; parser: HclParser; module?: ModuleContext };

type IacSyntax = Exclude<AssistSyntax, { kind: 'json' }>;

/** Letters only: a plain YAML scalar, an HCL identifier and a JSON string take it as is. */
const MARKER = 'RootGuardCursorMarker';

/** How the marker is written at the cursor: within the word there, as a new string, or as a new key. */
interface Probe {
  before: string;
  after: string;
  /** A completion written here is a new string: quoted JSON-style (HCL and JSON in a string share it). */
  quote: boolean;
}

const PROBES: Record<'yaml' | 'hcl', Probe[]> = {
  yaml: [
    { before: '', after: '', quote: false },
    // A policy written as JSON in a YAML string (`Content: |`), between its strings.
    { before: '"', after: '"', quote: true },
    // A key being typed on its own line (`aws:Pri` under an operator): a key with no value yet.
    { before: '', after: ':', quote: false },
  ],
  hcl: [
    { before: '', after: '', quote: false },
    // A list with no string yet (`actions = [ ]`), or between the strings of a heredoc's JSON.
    { before: '"', after: '"', quote: true },
    // A `jsonencode` object key being typed (`StringEq`) before its `=`.
    { before: '', after: ' = null', quote: false },
  ],
};

/** The context at `offset` of a YAML template or a Terraform file, in the policy JSON its reader builds. */
export function iacContextAt(text: string, offset: number, syntax: IacSyntax): AssistContext | undefined {
  const sources = [{ text, offset }];
  const filled = syntax.kind === 'hcl' ? withConditionDefaults(text, offset) : undefined;
  if (filled) sources.push(filled);
  for (const source of sources) {
    for (const probe of PROBES[syntax.kind]) {
      const marked = source.text.slice(0, source.offset) + probe.before + MARKER + probe.after + source.text.slice(source.offset);
      const { documents, parseErrors } = readFile(marked, syntax);
      const found = markedContext(documents, text, offset, probe, syntax);
      if (found) return found;
      // Outside every policy of a file that reads (most of a Terraform file), no other way of writing the marker helps.
      if (source === sources[0] && probe === PROBES[syntax.kind][0] && parseErrors.length === 0 && !documents.some((d) => spans(d, offset))) return undefined;
    }
  }
  return undefined;
}

/** The document is written around the file offset (parts computed from elsewhere map to where they are used). */
function spans(document: PolicyDocument, offset: number): boolean {
  return document.toFileOffset(0) <= offset && offset <= document.toFileOffset(document.text.length);
}

/** Supplied for a Terraform `condition` block being written, whose missing attributes would leave it unread. */
const CONDITION_DEFAULTS = '\ntest = "StringEquals"\nvariable = ""\nvalues = []\n';

/**
 * The text with the defaults written first in the `condition` block around the cursor: the attributes
 * written in it come after them, and an attribute written twice is read as its last.
 */
function withConditionDefaults(text: string, offset: number): { text: string; offset: number } | undefined {
  const before = text.slice(0, offset);
  const opening = before.lastIndexOf('condition');
  const brace = opening < 0 ? -1 : before.indexOf('{', opening);
  if (brace < 0 || /[\w-]/.test(before[opening - 1] ?? '') || !/^condition\s*\{$/.test(before.slice(opening, brace + 1))) return undefined;
  // The block must still be open at the cursor.
  const between = before.slice(brace + 1);
  if (between.split('}').length > between.split('{').length) return undefined;
  const inside = brace + 1;
  return { text: text.slice(0, inside) + CONDITION_DEFAULTS + text.slice(inside), offset: offset + CONDITION_DEFAULTS.length };
}

function readFile(text: string, syntax: IacSyntax): { documents: PolicyDocument[]; parseErrors: readonly unknown[] } {
  return syntax.kind === 'yaml' ? readYamlTemplate(text, 'cloudformation') : readTerraform(text, syntax.parser, undefined, syntax.module);
}

/** The context of the first document whose JSON holds the marker in a string of a statement element. */
function markedContext(documents: readonly PolicyDocument[], text: string, offset: number, probe: Probe, syntax: IacSyntax): AssistContext | undefined {
  for (const [index, document] of documents.entries()) {
    const at = document.text.indexOf(MARKER);
    if (at < 0) continue;
    const json = document.text.slice(0, at) + document.text.slice(at + MARKER.length);
    const context = contextAt(json, at);
    const word = context?.word;
    if (!context || !word) return undefined;
    const written = placeInFile(text, offset, word.typed, word.text.slice(word.typed.length), probe);
    if (!written) return undefined;
    // A policy written with Fn::If (or a Terraform conditional) is read once per side: each reading's sentence.
    const readings = !document.reading
      ? []
      : documents.flatMap((d, i) => {
          const marked = d.origin === document.origin ? markedStatement(d) : undefined;
          return marked === undefined ? [] : [{ index: i, statement: marked }];
        });
    const statement = document.statements.find((s) => s.node.offset === context.statement.offset)?.index;
    if (statement !== undefined && readings.length === 0) readings.push({ index, statement });
    return {
      ...context,
      word: probe.quote ? undefined : { ...word, range: written },
      replace: probe.quote ? { start: offset, end: offset } : written,
      inString: !probe.quote,
      quotedInFile: !probe.quote && /["']/.test(text[written.start - 1] ?? ''),
      sentence: () => sentenceOf(text, syntax, document.origin, readings),
    };
  }
  return undefined;
}

/**
 * Where the word around the cursor is written in the file: the typed part just before the cursor, the rest
 * just after. Undefined when the file writes it otherwise (escapes), so that nothing replaces the wrong text.
 */
function placeInFile(text: string, offset: number, typed: string, rest: string, probe: Probe) {
  if (probe.quote) return typed === '' && rest === '' ? { start: offset, end: offset } : undefined;
  const start = offset - typed.length;
  const end = offset + rest.length;
  return text.slice(start, offset) === typed && text.slice(offset, end) === rest ? { start, end } : undefined;
}

/** The index of the statement that holds the marker in one reading of a document. */
function markedStatement(document: PolicyDocument): number | undefined {
  const at = document.text.indexOf(MARKER);
  return at < 0 ? undefined : document.statements.find((s) => s.node.offset <= at && at < s.node.offset + s.node.length)?.index;
}

/**
 * The statement's sentence from the file as written (without the marker), when it reads the same documents;
 * for a policy written with Fn::If, each reading's, under the sides it holds on when they differ.
 */
function sentenceOf(text: string, syntax: IacSyntax, origin: string, readings: readonly { index: number; statement: number }[]): string | undefined {
  const documents = readFile(text, syntax).documents;
  const read = readings.map(({ index, statement }) => ({ document: documents[index], statement }));
  return read.every(({ document }) => document?.origin === origin) ? describeReadings(read) : undefined;
}
