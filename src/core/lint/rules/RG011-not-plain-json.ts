/**
 * RG011 not-plain-json: the linter reads JSONC (comments, trailing commas) so that it can check a file
 * being written, but IAM, Organizations and CloudFormation parse strict JSON and reject the policy or the
 * template. Checked for policy files, CloudFormation templates and policies written as JSON strings
 * (whose text AWS receives as is); a permission set's own file is read by its pipeline, not by AWS.
 * One finding per text, at the first offender, with a fix that removes them all. A policy file saved with a
 * byte order mark, or as UTF-16, gets its own finding: the text the linter (or an editor) reads is decoded.
 */
import { createScanner } from 'jsonc-parser';
import type { FileEncoding } from '../../text/fileEncoding';
import { hasOwnText } from '../documents';
import type { FileType, Fix, OffsetRange, Rule } from '../model';

/** File types whose text AWS itself parses. */
const STRICT_FILES: readonly FileType[] = ['identity', 'resource', 'scp', 'rcp', 'cloudformation'];

/**
 * Policy files, whose text is sent as the policy (`file://` in the AWS CLI, Terraform's `file()`), a byte
 * order mark included. A template is left out: the AWS CLI reads one as YAML when it is not JSON, and YAML
 * allows the mark.
 */
const POLICY_FILES: readonly FileType[] = ['identity', 'resource', 'scp', 'rcp'];

export const notPlainJson: Rule = {
  meta: {
    id: 'RG011',
    name: 'not-plain-json',
    defaultSeverity: 'error',
    description: 'Comments, trailing commas, a byte order mark or UTF-16, which AWS rejects: a policy (or template) must be plain JSON.',
  },
  checkFile(context) {
    const encoding = context.encoding && context.encoding !== 'utf8' ? SAVED_AS[context.encoding] : undefined;
    if (encoding && context.type && POLICY_FILES.includes(context.type)) {
      context.report({ range: { start: 0, end: Math.min(1, context.text.length) }, message: encoding });
    }
    if (context.parseErrors.length > 0) return;
    // `root` is the file parsed as JSON; a YAML template has none (its comments are YAML's own).
    if (context.root && !context.plainJson && context.type && STRICT_FILES.includes(context.type)) {
      const found = nonJson(context.text);
      if (found.length > 0) context.report({ range: found[0].range, message: describe(found, 'this file'), fixes: [removeAll(found)] });
    }
    for (const document of context.documents) {
      // A policy string of a JSON file; one read from YAML or HCL has its own text too, and `writeEdit`.
      if (!hasOwnText(document, context.text) || document.plainJson || document.writeEdit || document.parseErrors?.length) continue;
      const found = nonJson(document.text);
      if (found.length > 0) {
        context.report({ document, range: found[0].range, message: describe(found, `the policy string at ${document.origin}`), fixes: [removeAll(found)] });
      }
    }
  },
};

/** What AWS tools make of a policy file saved other than as plain UTF-8. */
const SAVED_AS: Record<Exclude<FileEncoding, 'utf8'>, string> = {
  utf8bom:
    'This file starts with a byte order mark (U+FEFF), which JSON does not allow: the AWS CLI\'s file:// and Terraform\'s file() send it as the first character of the policy, and S3 refuses a policy whose first byte is not "{". Save the file as UTF-8 without a BOM.',
  utf16le: utf16('little'),
  utf16be: utf16('big'),
};

function utf16(endian: string): string {
  return `This file is saved as UTF-16 (${endian} endian): Terraform's file() refuses it, and the AWS CLI's file:// reads it as UTF-8 unless AWS_CLI_FILE_ENCODING says otherwise, so AWS receives no valid JSON. Save the file as UTF-8.`;
}


/**
 * jsonc-parser's `SyntaxKind` values: it declares them as a `const enum`, which isolated modules cannot
 * import, so the few this rule needs are spelled out.
 */
const Token = { CloseBrace: 2, CloseBracket: 4, Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;

interface NonJson {
  kind: 'comment' | 'trailing comma';
  range: OffsetRange;
  /** What the fix removes: a comment with the blanks before it on its line, or the comma. */
  removal: OffsetRange;
}

/**
 * Comments and trailing commas in a text that parsed but is not plain JSON. The parse already told which
 * texts are plain (nearly all), so only the others are scanned, token by token.
 */
function nonJson(text: string): NonJson[] {
  const scanner = createScanner(text, false);
  const found: NonJson[] = [];
  let pendingComma: OffsetRange | undefined;
  for (let kind: number = scanner.scan(); kind !== Token.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const range = { start, end: start + scanner.getTokenLength() };
    if (kind === Token.LineComment || kind === Token.BlockComment) {
      found.push({ kind: 'comment', range, removal: { start: blanksBefore(text, start), end: range.end } });
    } else if (kind === Token.Comma) {
      pendingComma = range;
    } else if (kind === Token.CloseBrace || kind === Token.CloseBracket) {
      if (pendingComma) found.push({ kind: 'trailing comma', range: pendingComma, removal: pendingComma });
      pendingComma = undefined;
    } else if (kind !== Token.Trivia && kind !== Token.LineBreak) {
      pendingComma = undefined;
    }
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

/** The offset where the spaces and tabs just before `offset` on its line begin. */
function blanksBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && (text.charCodeAt(start - 1) === 32 || text.charCodeAt(start - 1) === 9)) start--;
  return start;
}

function describe(found: NonJson[], where: string): string {
  const comments = found.filter((f) => f.kind === 'comment').length;
  const commas = found.length - comments;
  const parts = [comments && plural(comments, 'comment'), commas && plural(commas, 'trailing comma')].filter(Boolean).join(' and ');
  return `${capitalize(where)} has ${parts}: AWS parses policies and templates as plain JSON and rejects them. Remove ${found.length > 1 ? 'them' : 'it'}.`;
}

function removeAll(found: NonJson[]): Fix {
  return {
    title: found.length > 1 ? 'Remove the comments and trailing commas' : `Remove the ${found[0].kind}`,
    edits: found.map((f) => ({ ...f.removal, text: '' })),
    preferred: true,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n > 1 ? 's' : ''}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
