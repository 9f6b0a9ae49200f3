/**
 * CloudFormation's dynamic references (`{{resolve:ssm:/root-access/target}}`,
 * `{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`): CloudFormation fills them in from
 * Parameter Store or Secrets Manager as it deploys, in a string property whole or as part of a longer string
 * (`arn:aws:iam::{{resolve:ssm:/acct}}:root`). Each is a value known only at deployment, as a parameter is;
 * read as its literal text, an SSM-held Resource looked scoped and an SSM-held SCP looked like broken JSON.
 */
import { UNKNOWN_PART } from '../../policy';
import { concatTexts, type IacScalar, linearText, type MappedText } from './sourceTree';

/**
 * `{{resolve:service:...}}`. What it names may itself be computed by `Fn::Sub` (`{{resolve:ssm:/${Env}/x}}`),
 * so an unknown part may be inside; CloudFormation allows no braces in it.
 */
const DYNAMIC_REFERENCE = /\{\{resolve:[^{}]*\}\}/g;

export function hasDynamicReference(text: string): boolean {
  return text.includes('{{resolve:') && new RegExp(DYNAMIC_REFERENCE.source).test(text);
}

/** A string with each dynamic reference an unknown part, computed (no handle: never edited); others as they are. */
export function withDynamicReferences(value: IacScalar): IacScalar {
  if (typeof value.value !== 'string' || !hasDynamicReference(value.value)) return value;
  const { handle: _handle, ...rest } = value;
  const mapped = unknownReferences(value.mapped ?? linearText(value.value, value.range));
  return { ...rest, value: mapped.text, mapped };
}

/** The text with each dynamic reference one unknown part, standing where the reference is written. */
function unknownReferences(mapped: MappedText): MappedText {
  const { text, offsets } = mapped;
  const parts: MappedText[] = [];
  let from = 0;
  for (const match of text.matchAll(DYNAMIC_REFERENCE)) {
    const end = match.index + match[0].length;
    if (match.index > from) parts.push({ text: text.slice(from, match.index), offsets: offsets.slice(from, match.index + 1) });
    parts.push({ text: UNKNOWN_PART, offsets: Int32Array.of(offsets[match.index], offsets[end - 1] + 1) });
    from = end;
  }
  if (from === 0) return mapped;
  if (from < text.length) parts.push({ text: text.slice(from), offsets: offsets.slice(from) });
  return concatTexts(parts, offsets[text.length]);
}
