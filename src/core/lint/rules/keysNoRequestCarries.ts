/**
 * RG015's reading of `aws:` keys: AWS sets only the global condition keys under that prefix, so another
 * (`aws:Partition`, `aws:AccountId`) is a key no request carries. A condition on it reads it absent; a
 * policy variable of it in a `Resource` or condition value resolves to nothing, so the value matches
 * nothing, or is always its default (`${aws:Partition, 'aws'}`): IAM User Guide, "Policy variables".
 * The engine decides such values so (globalKeys.ts); this tells the author, who most often meant
 * CloudFormation's pseudo parameter (`${AWS::Partition}`) or misspelt a global key.
 */
import type { Node } from 'jsonc-parser';
import { GLOBAL_CONDITION_KEYS, noRequestCarries } from '../../policy/globalKeys';
import { isPolicyVariable } from '../../policy/patterns';
import type { Located, Statement } from '../model';
import { nearest } from '../spelling';

/** CloudFormation's pseudo parameters an `aws:` key is mistaken for, by lower-case key. */
const PSEUDO_PARAMETERS = new Map(['Partition', 'Region', 'AccountId', 'URLSuffix', 'StackName', 'StackId'].map((name) => [`aws:${name.toLowerCase()}`, `AWS::${name}`]));

/** Global keys as written, templates (`aws:PrincipalTag/`) left out: what a misspelt key is compared with. */
const GLOBAL_KEYS = Object.keys(GLOBAL_CONDITION_KEYS).filter((key) => !key.endsWith('/'));

export function reportKeysNoRequestCarries(statement: Statement, report: (node: Node, message: string) => void): void {
  for (const entry of statement.conditions) {
    const key = entry.key.value;
    if (key.includes('${') || !noRequestCarries(key)) continue;
    report(entry.key.node, `${key} is no global condition key: no request carries it, so this condition reads it as absent. ${hint(key)}`);
  }
  reportVariables(statement.resource?.values ?? [], report);
  for (const entry of statement.conditions) reportVariables(entry.values, report);
}

/** The policy variables of `aws:` keys no request carries, in Resource or condition values. */
function reportVariables(values: readonly Located<string>[], report: (node: Node, message: string) => void): void {
  for (const value of values) {
    // Few values hold a variable: the others are passed over without a regular expression's iterator.
    if (!value.value.includes('${')) continue;
    for (const [written, body] of value.value.matchAll(/\$\{([^}]*)\}/g)) {
      if (!isPolicyVariable(body)) continue;
      const [key, fallback] = body.split(',').map((part) => part.trim());
      if (!noRequestCarries(key)) continue;
      const outcome = fallback === undefined ? 'so this value matches nothing' : `so it is always its default ${fallback}`;
      report(value.node, `${written} reads ${key}, which is no global condition key: no request carries it, ${outcome}. ${hint(key)}`);
    }
  }
}

function hint(key: string): string {
  // Closest in spelling to aws:SourceArn, which is another thing: the service resource a request comes from.
  if (key.toLowerCase() === 'aws:resourcearn') return "The request's resource is matched by the statement's Resource or NotResource.";
  const pseudo = PSEUDO_PARAMETERS.get(key.toLowerCase());
  if (pseudo) return `CloudFormation's pseudo parameter is written \${${pseudo}} (in Fn::Sub); in a policy file, write the value itself.`;
  const near = nearest(key, GLOBAL_KEYS);
  return near ? `Did you mean ${near}?` : 'Check the spelling against the global condition keys.';
}
