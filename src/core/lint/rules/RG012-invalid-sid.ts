/**
 * RG012 invalid-sid: IAM accepts only ASCII letters and digits in a `Sid` (IAM User Guide, "IAM JSON policy
 * elements: Sid"), and IAM Access Analyzer's check for SCPs ("Unsupported Sid") holds SCPs to the same
 * characters; the Organizations API rejects an SCP whose Sid has an underscore. Resource policies are not
 * checked: S3, KMS, SQS and others accept spaces and more in their Sids.
 */
import { UNKNOWN_PART } from '../../policy';
import { replaceNode } from '../edits';
import type { Fix, PolicyDocument, Rule, Statement } from '../model';

const VALID_SID = /^[A-Za-z0-9]*$/;
const INVALID_CHARACTERS = /[^A-Za-z0-9]+/g;

export const invalidSid: Rule = {
  meta: {
    id: 'RG012',
    name: 'invalid-sid',
    defaultSeverity: 'error',
    description: 'A Sid with characters other than A-Z, a-z and 0-9, which IAM policies and SCPs do not accept.',
    appliesTo: ['identity', 'scp'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        const sid = statement.sid;
        // A substitution (`${...}`) is filled in by a template engine; RG014 reports one left in a policy.
        if (!sid || VALID_SID.test(knownPart(sid.value)) || sid.value.includes('${')) continue;
        const kind = document.type === 'scp' ? 'SCPs' : 'IAM policies';
        // A template's Sid with a part known only at deployment is judged on the rest, and not renamed.
        const fix = sid.value.includes(UNKNOWN_PART) ? undefined : renameFix(document, statement, sid.value);
        context.report({
          document,
          node: sid.node,
          message: `Sid ${JSON.stringify(sid.value)} has ${describeInvalid(sid.value)}; ${kind} accept only letters A-Z, a-z and digits 0-9 in a Sid, and AWS rejects the policy.${fix ? ` Write "${fix.name}".` : ''}`,
          fixes: fix ? [fix.fix] : [],
        });
      }
    }
  },
};

/** The Sid without its parts known only at deployment (a template's `!Sub "Deny-${Env}"`). */
function knownPart(sid: string): string {
  return sid.split(UNKNOWN_PART).join('');
}

/** `spaces and ","`: each character once, in order of appearance. */
function describeInvalid(sid: string): string {
  const characters = [...new Set(knownPart(sid).match(INVALID_CHARACTERS)?.join('') ?? '')];
  const names = characters.map((c) => (c === ' ' ? 'spaces' : JSON.stringify(c)));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}

/**
 * The Sid without its invalid characters, each word after one capitalized (`deny-s3 delete` ->
 * `denyS3Delete`); none when nothing is left or the name is taken by another statement of the policy.
 */
function renameFix(document: PolicyDocument, statement: Statement, sid: string): { name: string; fix: Fix } | undefined {
  const name = sid
    .split(INVALID_CHARACTERS)
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
  if (!name || document.statements.some((other) => other !== statement && other.sid?.value === name)) return undefined;
  return { name, fix: { title: `Rename the Sid to "${name}"`, edits: [replaceNode(statement.sid!.node, JSON.stringify(name))], preferred: true } };
}
