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
      const found = foundContext(documents, text, offset, probe, syntax, markerIn);
      if (found) return found;
      // Outside every policy of a file that reads (most of a Terraform file), no other way of writing the marker helps.
      if (source === sources[0] && probe === PROBES[syntax.kind][0] && parseErrors.length === 0 && !documents.some((d) => spans(d, offset))) return undefined;
    }
  }
  return undefined;
}

/**
 * The context for a hover. In a file that reads, the file as written (read once per text, not once per
 * hover: a large template takes a tenth of a second to read) locates the cursor through the documents'
 * offset maps; in one being written, as for a completion.
 */
export function iacHoverContextAt(text: string, offset: number, syntax: IacSyntax): AssistContext | undefined {
  const { documents, parseErrors } = readFile(text, syntax);
  if (parseErrors.length > 0) return iacContextAt(text, offset, syntax);
  const found = (locate: Locate) => foundContext(documents, text, offset, PROBES[syntax.kind][0], syntax, locate);
  return found((document) => writtenAt(document, text, offset)) ?? found((document) => writtenAfter(document, text, offset));
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

interface FileRead {
  documents: PolicyDocument[];
  parseErrors: readonly unknown[];
}

/** The last file read as written, with how: hovers over one version of a file ask for it again and again. */
let lastRead: { text: string; syntax: IacSyntax; read: FileRead } | undefined;

function readFile(text: string, syntax: IacSyntax): FileRead {
  if (lastRead?.text === text && sameSyntax(lastRead.syntax, syntax)) return lastRead.read;
  const read = syntax.kind === 'yaml' ? readYamlTemplate(text, 'cloudformation') : readTerraform(text, syntax.parser, undefined, syntax.module);
  // Marked texts are read once each; only a file as written is read again.
  if (!text.includes(MARKER)) lastRead = { text, syntax, read };
  return read;
}

function sameSyntax(a: IacSyntax, b: IacSyntax): boolean {
  return a.kind === 'yaml' ? b.kind === 'yaml' : b.kind === 'hcl' && a.parser === b.parser && a.module === b.module;
}

/**
 * Where the cursor stands in a document's JSON, and that JSON (without the marker, where one was written):
 * each place, first to last, since a statement a loop makes once per value holds the cursor once in each.
 */
type Locate = (document: PolicyDocument) => { json: string; places: number[] } | undefined;

const markerIn: Locate = (document) => {
  const pieces = document.text.split(MARKER);
  if (pieces.length < 2) return undefined;
  let at = 0;
  const places = pieces.slice(0, -1).map((piece) => (at += piece.length));
  return { json: pieces.join(''), places };
};

/** The places in the JSON that the file's character at the cursor became, written the same (not an escape). */
function writtenAt(document: PolicyDocument, text: string, offset: number): { json: string; places: number[] } | undefined {
  const places = sameCharacters(document, text, offset);
  return places.length ? { json: document.text, places } : undefined;
}

/** The places just after those the character before the cursor became: the cursor at a word's end. */
function writtenAfter(document: PolicyDocument, text: string, offset: number): { json: string; places: number[] } | undefined {
  const places = offset > 0 ? sameCharacters(document, text, offset - 1).map((at) => at + 1) : [];
  return places.length ? { json: document.text, places } : undefined;
}

function sameCharacters(document: PolicyDocument, text: string, offset: number): number[] {
  if (!spans(document, offset)) return [];
  const places: number[] = [];
  for (let at = 0; at < document.text.length; at++) if (document.toFileOffset(at) === offset && document.text[at] === text[offset]) places.push(at);
  return places;
}

/**
 * The context of the first document in whose JSON the cursor stands in a string of a statement element,
 * with what to describe it by: every statement the text at the cursor makes, in every document (each side
 * of a template's conditions, each instance of a loop).
 */
function foundContext(documents: readonly PolicyDocument[], text: string, offset: number, probe: Probe, syntax: IacSyntax, locate: Locate): AssistContext | undefined {
  for (const document of documents) {
    const located = locate(document);
    if (!located) continue;
    // The first place that is a word written there: a part the reader adds around what is written (an event
    // bus's `{"Version": ..., "Statement": ...}`) stands where the statement starts, and its `S` is no `Sid`.
    for (const at of located.places) {
      const context = contextAt(located.json, at);
      const word = context?.word;
      const written = word && placeInFile(text, offset, word.typed, word.text.slice(word.typed.length), probe);
      if (!context || !word || !written) continue;
      // Asked for on a statement's hover only: completion never reads them.
      const readings = () => documents.flatMap((d, index) => locatedStatements(d, locate).map((statement) => ({ index, origin: d.origin, statement })));
      return {
        ...context,
        word: probe.quote ? undefined : { ...word, range: written },
        replace: probe.quote ? { start: offset, end: offset } : written,
        inString: !probe.quote,
        quotedInFile: !probe.quote && /["']/.test(text[written.start - 1] ?? ''),
        sentence: () => sentenceOf(text, syntax, readings()),
      };
    }
    return undefined;
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

/** The indexes of the statements the cursor stands in, in one reading of a document, each once. */
function locatedStatements(document: PolicyDocument, locate: Locate): number[] {
  const places = locate(document)?.places ?? [];
  const found = places.map((at) => document.statements.find((s) => s.node.offset <= at && at < s.node.offset + s.node.length)?.index);
  return [...new Set(found.filter((index) => index !== undefined))];
}

/**
 * The statement's sentence from the file as written (without the marker), when it reads the same documents;
 * for a statement read once per side of its template conditions or per instance of a loop, each one's.
 */
function sentenceOf(text: string, syntax: IacSyntax, readings: readonly { index: number; origin: string; statement: number }[]): string | undefined {
  const documents = readFile(text, syntax).documents;
  const read = readings.map(({ index, statement }) => ({ document: documents[index], statement }));
  return read.length && readings.every(({ index, origin }) => documents[index]?.origin === origin) ? describeReadings(read) : undefined;
}
