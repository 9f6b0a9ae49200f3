/** A CloudFormation template written in YAML: its documents, with fixes written in YAML. */
import type { FileType, ParseProblem, PolicyDocument, TextEdit } from '../model';
import { isTemplate, templateDocuments } from './cloudFormation';
import { type MappedText, entryValue } from './sourceTree';
import { mappedStringDocument } from './synthesized';
import { parseYaml, type YamlHandle } from './yamlSource';
import { yamlWriter } from './yamlWriter';

export interface ReadYaml {
  /** `cloudformation` when given or detected; undefined for YAML that holds no template (then nothing is linted). */
  type?: FileType;
  documents: PolicyDocument[];
  parseErrors: ParseProblem[];
  unchecked: ParseProblem[];
}

/** Mentions that make a YAML file that does not parse worth reporting: it was meant to be a template. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|\bType:\s*['"]?AWS::/;

export function readYamlTemplate(text: string, type: FileType | undefined): ReadYaml {
  const parsed = parseYaml(text);
  const detected = type ?? (isTemplate(parsed.root) || (parsed.errors.length > 0 && TEMPLATE_HINT.test(text)) ? 'cloudformation' : undefined);
  if (detected !== 'cloudformation') {
    const unchecked = detected ? [{ message: `A YAML file is read as a CloudFormation template only; --type ${detected} does not apply to it.`, range: { start: 0, end: 0 } }] : [];
    return { type: detected, documents: [], parseErrors: detected ? parsed.errors : [], unchecked };
  }
  if (parsed.errors.length > 0) return { type: detected, documents: [], parseErrors: parsed.errors, unchecked: [] };
  // Given as a template (`--type`, a configured type), a file without Resources is none: nothing in it is checked.
  if (entryValue(parsed.root, 'Resources')?.kind !== 'map') {
    const message = `Read as a CloudFormation template, but it ${parsed.root?.kind === 'map' ? 'has no Resources' : 'holds no mapping'}: nothing in it is checked.`;
    return { type: detected, documents: [], parseErrors: [], unchecked: [{ message, range: { start: 0, end: 0 } }] };
  }
  const { documents, unchecked } = templateDocuments(parsed.root, yamlWriter(text), {
    readString: (value, site) => mappedStringDocument(value.mapped as MappedText, site, (edit, mapped) => literalBlockEdit(text, value.handle as YamlHandle, edit, mapped)),
    stringEdit: (value, edit) => literalBlockEdit(text, value.handle as YamlHandle, edit, value.mapped as MappedText),
  });
  return { type: detected, documents, parseErrors: [], unchecked };
}

/**
 * An edit inside a policy written as a YAML literal block (`Content: |`), whose lines are the JSON as is:
 * written when it stays on one line of the block, with any new lines indented as the block is.
 */
function literalBlockEdit(text: string, handle: YamlHandle | undefined, edit: TextEdit, mapped: MappedText): TextEdit | undefined {
  if ((handle?.node as { type?: string } | undefined)?.type !== 'BLOCK_LITERAL') return undefined;
  const { offsets } = mapped;
  if (mapped.text.slice(edit.start, edit.end).includes('\n')) return undefined;
  const start = offsets[edit.start];
  const end = edit.end > edit.start ? offsets[edit.end - 1] + 1 : start;
  if (end - start !== edit.end - edit.start || text.slice(start, end) !== mapped.text.slice(edit.start, edit.end)) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const contentLine = mapped.text.lastIndexOf('\n', edit.start - 1) + 1;
  const blockIndent = start - lineStart - (edit.start - contentLine);
  if (blockIndent < 0) return undefined;
  return { start, end, text: edit.text.replace(/\n/g, `\n${' '.repeat(blockIndent)}`) };
}
