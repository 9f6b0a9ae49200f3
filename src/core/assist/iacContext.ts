/**
 * Where a cursor stands in a policy written in a CloudFormation YAML template or a Terraform file. The
 * linter's own readers turn those into the policy JSON (with every part's source range); a marker written
 * at the cursor travels with the text into that JSON, and the JSON context (context.ts) is read where it
 * lands. So completion and hover see the same statement, element and word as in a JSON policy, including
 * a half-typed value (`sts:` is a YAML error alone, `sts:<marker>` a plain scalar) and a place with no
 * value yet (the marker is written as a quoted string, or as a key with no value).
 */
import { enginePolicy } from '../lint/enginePolicy';
import type { HclParser } from '../lint/iac/hclParser';
import { readTerraform } from '../lint/iac/terraform';
import { readYamlTemplate } from '../lint/iac/yamlTemplate';
import type { PolicyDocument } from '../lint/model';
import { type AssistContext, contextAt } from './context';
import { describeStatement } from './statementSentence';

/** The syntax a policy is written in; a Terraform file is read with the linter's HCL parser. */
export type AssistSyntax = { kind: 'json' } | { kind: 'yaml' } | { kind: 'hcl'; parser: HclParser };

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
  for (const probe of PROBES[syntax.kind]) {
    const marked = text.slice(0, offset) + probe.before + MARKER + probe.after + text.slice(offset);
    const found = markedContext(readPolicies(marked, syntax), text, offset, probe, syntax);
    if (found) return found;
  }
  return undefined;
}

function readPolicies(text: string, syntax: IacSyntax): PolicyDocument[] {
  return syntax.kind === 'yaml' ? readYamlTemplate(text, 'cloudformation').documents : readTerraform(text, syntax.parser).documents;
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
    const statement = document.statements.find((s) => s.node.offset === context.statement.offset)?.index;
    return {
      ...context,
      word: probe.quote ? undefined : { ...word, range: written },
      replace: probe.quote ? { start: offset, end: offset } : written,
      inString: !probe.quote,
      quotedInFile: !probe.quote && /["']/.test(text[written.start - 1] ?? ''),
      sentence: () => (statement === undefined ? undefined : sentenceOf(text, syntax, index, document, statement)),
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

/** The statement's sentence from the file as written (without the marker), when it reads the same documents. */
function sentenceOf(text: string, syntax: IacSyntax, index: number, marked: PolicyDocument, statement: number): string | undefined {
  const document = readPolicies(text, syntax)[index];
  if (!document || document.origin !== marked.origin) return undefined;
  return describeStatement(enginePolicy(document), statement, document.type);
}
