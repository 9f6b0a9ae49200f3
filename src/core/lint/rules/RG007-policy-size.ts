/**
 * RG007 policy-size: AWS refuses to save a policy over its type's size limit, so the deployment fails late
 * (in the pipeline, or half-way through a CloudFormation stack). SCPs and RCPs count every character;
 * IAM managed and permission-set inline policies count only non-whitespace.
 */
import type { PolicyDocument, Rule } from '../model';
import { valueOf } from '../parse';

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
  const embeddedObject = document.text === fileText && document.origin !== '';
  const written = embeddedObject ? JSON.stringify(valueOf(root)) : document.text.slice(root.offset, root.offset + root.length);
  if (sizeLimit?.countWhitespace) return written.length;
  let count = 0;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) count++;
  }
  return count;
}
