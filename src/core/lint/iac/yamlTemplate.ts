/**
 * A YAML file: a CloudFormation template, or a policy document (`Version`, `Statement`) as the AWS CLI and
 * policy repositories keep them in YAML too. Its documents, with fixes written in YAML.
 */
import { SIZE_LIMITS } from '../documents';
import { detectFileType } from '../embedded';
import { type AttachedPolicy, type FileType, type ParseProblem, type PolicyDocument, type PolicyType, type TextEdit } from '../model';
import { isTemplate, templateDocuments } from './cloudFormation';
import { type MappedText, entryValue } from './sourceTree';
import { mappedStringDocument, synthesizedDocument } from './synthesized';
import { type ParsedYaml, parseYaml, policyDocumentProblems, type YamlHandle } from './yamlSource';
import { yamlPolicyWriter, yamlWriter } from './yamlWriter';

export interface ReadYaml {
  /** As given or detected; undefined for YAML that holds neither a template nor a policy (then nothing is linted). */
  type?: FileType;
  documents: PolicyDocument[];
  parseErrors: ParseProblem[];
  unchecked: ParseProblem[];
  attachedPolicies?: AttachedPolicy[];
}

/** Mentions that make a YAML file that does not parse worth reporting: it was meant to be a template. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|\bType:\s*['"]?AWS::/;

export function readYamlTemplate(text: string, type: FileType | undefined): ReadYaml {
  const parsed = parseYaml(text);
  const detected = type ?? (isTemplate(parsed.root) || (parsed.errors.length > 0 && TEMPLATE_HINT.test(text)) ? 'cloudformation' : undefined);
  if (detected !== 'cloudformation') return readYamlPolicy(text, parsed, detected);
  if (parsed.errors.length > 0) return { type: detected, documents: [], parseErrors: parsed.errors, unchecked: [] };
  // Given as a template (`--type`, a configured type), a file without Resources is none: nothing in it is checked.
  if (entryValue(parsed.root, 'Resources')?.kind !== 'map') {
    const message = `Read as a CloudFormation template, but it ${parsed.root?.kind === 'map' ? 'has no Resources' : 'holds no mapping'}: nothing in it is checked.`;
    return { type: detected, documents: [], parseErrors: [], unchecked: [{ message, range: { start: 0, end: 0 } }] };
  }
  const { documents, unchecked, attachedPolicies } = templateDocuments(parsed.root, yamlWriter(text), {
    readString: (value, site) => mappedStringDocument(value.mapped as MappedText, site, (edit, mapped) => literalBlockEdit(text, value.handle as YamlHandle, edit, mapped)),
    stringEdit: (value, edit) => literalBlockEdit(text, value.handle as YamlHandle, edit, value.mapped as MappedText),
  });
  return { type: detected, documents, parseErrors: [], unchecked, attachedPolicies };
}

/** Policy types, which a YAML policy document may be given as (`--type scp`, a configured type). */
const POLICY_TYPES: readonly FileType[] = ['identity', 'resource', 'scp', 'rcp'] satisfies PolicyType[];

/** `Statement:` at the top level of a file that does not parse: it was meant to be a policy document. */
const POLICY_HINT = /^Statement[ \t]*:/m;

/**
 * A YAML file that is no template, read as a policy document when given a policy type or when its top level
 * has `Statement` (then typed as a JSON policy file is: `resource` with a principal, else `identity`).
 */
function readYamlPolicy(text: string, parsed: ParsedYaml, type: FileType | undefined): ReadYaml {
  if (type && !POLICY_TYPES.includes(type)) {
    const message = `A YAML file is read as a CloudFormation template or a policy document; --type ${type} does not apply to it.`;
    return { type, documents: [], parseErrors: parsed.errors, unchecked: [{ message, range: { start: 0, end: 0 } }] };
  }
  const root = parsed.root;
  const isPolicy = type !== undefined || entryValue(root, 'Statement') !== undefined || (parsed.errors.length > 0 && POLICY_HINT.test(text));
  if (!isPolicy) return { documents: [], parseErrors: [], unchecked: [] };
  if (parsed.errors.length > 0 || !root) return { type: type ?? 'identity', documents: [], parseErrors: policyDocumentProblems(parsed.errors), unchecked: [] };
  const read = synthesizedDocument(root, { type: (type as PolicyType | undefined) ?? 'identity', origin: '' }, yamlPolicyWriter(text));
  const policyType = (type ?? detectFileType(read.root) ?? 'identity') as PolicyType;
  return { type: policyType, documents: [{ ...read, type: policyType, sizeLimit: SIZE_LIMITS[policyType] }], parseErrors: [], unchecked: [] };
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
