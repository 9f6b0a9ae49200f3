/**
 * RG007 policy-size: AWS refuses to save a policy over its type's size limit, so the deployment fails late
 * (in the pipeline, or half-way through a CloudFormation stack). SCPs and RCPs count every character;
 * IAM managed and permission-set inline policies count only non-whitespace. A policy saved from IAM
 * (`aws iam get-policy-version`: AWS-managed ones, or versions IAM already accepted) gets no finding.
 */
import type { Fix, PolicyDocument, Rule } from '../model';
import { valueOf } from '../parse';
import { withThousands as count } from '../../text/numbers';

export const policySize: Rule = {
  meta: {
    id: 'RG007',
    name: 'policy-size',
    defaultSeverity: 'error',
    description:
      'The policy is over the size limit of its type (SCP 10,240 characters, RCP 5,120, managed policy 6,144 and permission-set inline 10,240 non-whitespace).',
  },
  checkFile(context) {
    for (const document of context.documents) {
      const limit = document.sizeLimit;
      if (!limit || document.root.type !== 'object' || savedByIam(document)) continue;
      const size = sizeOf(document, context.text);
      if (size <= limit.limit) continue;
      const over = `This ${limit.label} is ${count(size)}`;
      if (!limit.countWhitespace) {
        context.report({
          document,
          range: openingBrace(document),
          message: `${over} non-whitespace characters, over the limit of ${count(limit.limit)}. Split it into several policies.`,
          size,
        });
        continue;
      }
      const minified = document.rendering ? renderedLength(valueOf(document.root), false) : compactLength(writtenText(document));
      const fits = minified <= limit.limit;
      const howToMinify = document.rendering === 'indented' ? "use the document's minified_json rather than its json" : 'remove the indentation and line breaks before deploying';
      context.report({
        document,
        range: openingBrace(document),
        message: fits
          ? `${over} characters, whitespace included, over the limit of ${count(limit.limit)}. Minified it is ${count(minified)} and fits: ${howToMinify}.`
          : `${over} characters, whitespace included, over the limit of ${count(limit.limit)}; even minified it is ${count(minified)}. Split it into several policies, or merge statements and share wildcards.`,
        // A document read from YAML is rewritten in YAML's own syntax, where minified JSON has no place.
        fixes: fits && !document.writeEdit ? [minifyFix(document)] : [],
        size,
      });
    }
  },
};

/** A policy IAM returned (`PolicyVersion.Document`) was accepted by IAM, or is AWS-managed and has no limit. */
function savedByIam(document: PolicyDocument): boolean {
  return document.origin === 'PolicyVersion.Document';
}

function openingBrace(document: PolicyDocument): { start: number; end: number } {
  return { start: document.root.offset, end: document.root.offset + 1 };
}

function writtenText(document: PolicyDocument): string {
  const { root } = document;
  return document.text.slice(root.offset, root.offset + root.length);
}

/** Rewrites the policy as compact JSON: what AWS counts, and nothing else changes. */
function minifyFix(document: PolicyDocument): Fix {
  const { root } = document;
  return {
    title: 'Minify the policy',
    edits: [{ start: root.offset, end: root.offset + root.length, text: JSON.stringify(valueOf(root)) }],
  };
}

/**
 * The size AWS sees. A whole file or a JSON string is uploaded as written; a policy object inside a
 * CloudFormation template is serialized by CloudFormation, compactly, so its layout in the template does not
 * count; a Terraform policy document's `.json` is indented.
 */
function sizeOf(document: PolicyDocument, fileText: string): number {
  const { sizeLimit } = document;
  if (document.rendering && sizeLimit?.countWhitespace) return renderedLength(valueOf(document.root), document.rendering === 'indented');
  const written = writtenText(document);
  // Serializing never lengthens a policy, so one that fits as written fits however it is counted.
  if (!sizeLimit || written.length <= sizeLimit.limit) return written.length;
  if (!sizeLimit.countWhitespace) return written.replace(/\s+/g, '').length;
  const embeddedObject = document.text === fileText && document.origin !== '';
  return embeddedObject ? compactLength(written) : written.length;
}

/**
 * The length of a Terraform policy document as the provider renders it: `.json` indented by two spaces, as
 * JSON.stringify indents, `.minified_json` compact, a list of one string written as that string
 * (`"Action": "s3:GetObject"`). It may add what the block leaves out (`"Effect": "Allow"`), so this is the
 * least the rendered policy can be.
 */
function renderedLength(value: unknown, indented: boolean): number {
  const oneString = (_key: string, item: unknown) => (Array.isArray(item) && item.length === 1 && typeof item[0] === 'string' ? item[0] : item);
  return JSON.stringify(value, oneString, indented ? 2 : undefined).length;
}

/**
 * The length of a JSON text without the whitespace and comments between tokens: what a compact
 * serializer writes. One linear pass, not a tree walk, so that absurdly deep input cannot overflow the stack.
 */
function compactLength(json: string): number {
  let length = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34) {
      const start = i;
      for (i++; i < json.length && json.charCodeAt(i) !== 34; i++) if (json.charCodeAt(i) === 92) i++;
      length += i - start + 1;
    } else if (c === 47 && json.charCodeAt(i + 1) === 47) {
      const end = json.indexOf('\n', i);
      i = end < 0 ? json.length : end;
    } else if (c === 47 && json.charCodeAt(i + 1) === 42) {
      const end = json.indexOf('*/', i + 2);
      i = end < 0 ? json.length : end + 1;
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
      length++;
    }
  }
  return length;
}
