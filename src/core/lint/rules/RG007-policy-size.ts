/**
 * RG007 policy-size: AWS refuses to save a policy over its type's size limit, so the deployment fails late
 * (in the pipeline, or half-way through a CloudFormation stack). SCPs and RCPs count every character;
 * IAM managed and permission-set inline policies count only non-whitespace.
 */
import type { PolicyDocument, Rule } from '../model';

export const policySize: Rule = {
  meta: {
    id: 'RG007',
    name: 'policy-size',
    defaultSeverity: 'error',
    description: 'The policy is over the size limit of its type (SCP/RCP 5,120 characters, managed policy 6,144 and permission-set inline 10,240 non-whitespace).',
  },
  checkFile(context) {
    for (const document of context.documents) {
      const limit = document.sizeLimit;
      if (!limit || document.root.type !== 'object') continue;
      const size = sizeOf(document, context.text);
      if (size <= limit.limit) continue;
      const counted = limit.countWhitespace ? 'characters, whitespace included' : 'non-whitespace characters';
      const remedy = limit.countWhitespace ? 'Remove indentation and line breaks, or split it into several policies.' : 'Split it into several policies.';
      context.report({
        document,
        range: { start: document.root.offset, end: document.root.offset + 1 },
        message: `This ${limit.label} is ${size.toLocaleString('en-US')} ${counted}, over the limit of ${limit.limit.toLocaleString('en-US')}. ${remedy}`,
      });
    }
  },
};

/**
 * The size AWS sees. A whole file or a JSON string is uploaded as written; a policy object inside a
 * CloudFormation template is serialized by CloudFormation, compactly, so its layout in the template does not count.
 */
function sizeOf(document: PolicyDocument, fileText: string): number {
  const { root, sizeLimit } = document;
  const written = document.text.slice(root.offset, root.offset + root.length);
  // Serializing never lengthens a policy, so one that fits as written fits however it is counted.
  if (!sizeLimit || written.length <= sizeLimit.limit) return written.length;
  if (!sizeLimit.countWhitespace) return written.replace(/\s+/g, '').length;
  const embeddedObject = document.text === fileText && document.origin !== '';
  return embeddedObject ? compactLength(written) : written.length;
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
