/**
 * RG014 unfilled-placeholder: an example or template policy deployed before its placeholders were filled
 * in (`arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]`, `<ACCOUNT_ID>`). AWS rejects some
 * (an ARN with `<` in its account), and the rest match nothing: a Deny that protects nothing, an exemption
 * that exempts no one. Actions are RG009's. What counts as a placeholder: placeholders.ts. In a template,
 * also the mirror case: a policy variable `Fn::Sub` takes for something to fill in.
 */
import type { Node } from 'jsonc-parser';
import type { FileContext, Located, PolicyDocument, Rule, Statement } from '../model';
import { findPlaceholder } from '../placeholders';

export const unfilledPlaceholder: Rule = {
  meta: {
    id: 'RG014',
    name: 'unfilled-placeholder',
    defaultSeverity: 'error',
    description: 'A placeholder left in a value ([CLOUDTRAIL_NAME], <ACCOUNT_ID>, ${Region} outside Fn::Sub), or a policy variable Fn::Sub would fill in (${aws:username}).',
  },
  checkFile(context) {
    const inTemplate = context.type === 'cloudformation';
    for (const document of context.documents) {
      for (const statement of document.statements) checkStatement(context, document, statement, inTemplate);
    }
    checkSubPolicyVariables(context);
  },
};

/**
 * The mirror case in a template: a policy variable inside `Fn::Sub` without its escape, which Sub takes for
 * a parameter or resource to fill in. Each once, though every reading of its policy carries it; in file
 * offsets, as the template writes it (the `Fn::Sub` string, not the policy built from it).
 */
function checkSubPolicyVariables(context: FileContext): void {
  const reported = new Set<number>();
  for (const variable of context.documents.flatMap((document) => document.unescapedSubVariables ?? [])) {
    if (reported.has(variable.range.start)) continue;
    reported.add(variable.range.start);
    const escaped = `\${!${variable.name}}`;
    context.report({
      range: variable.range,
      message:
        `Fn::Sub reads \${${variable.name}} as a reference to a parameter or resource "${variable.name}", which the template does not define: ` +
        `CloudFormation rejects the template. Write ${escaped} for the IAM policy variable.`,
      fixes: variable.escapeAt === undefined ? [] : [{ title: `Write ${escaped}`, edits: [{ start: variable.escapeAt, end: variable.escapeAt, text: '!' }], preferred: true }],
    });
  }
}

/**
 * The values a placeholder may hide in, with what to call them in messages: plain loops, not a generator
 * of labelled values, as this runs for every value of every statement and nearly all are fine.
 */
function checkStatement(context: FileContext, document: PolicyDocument, statement: Statement, inTemplate: boolean): void {
  if (statement.resource) {
    const label = statement.resource.negated ? 'NotResource' : 'Resource';
    for (const value of statement.resource.values) checkValue(context, document, label, value, inTemplate);
  }
  if (statement.principal) {
    const label = statement.principal.negated ? 'NotPrincipal' : 'Principal';
    for (const node of stringsUnder(statement.principal.node)) checkValue(context, document, label, { value: String(node.value), node }, inTemplate);
  }
  for (const entry of statement.conditions) {
    checkValue(context, document, 'Condition key', entry.key, inTemplate, true);
    for (const value of entry.values) checkValue(context, document, entry.key.value, value, inTemplate);
  }
}

function checkValue(context: FileContext, document: PolicyDocument, label: string, value: Located<string>, inTemplate: boolean, isKey = false): void {
  const placeholder = findPlaceholder(value.value, inTemplate);
  if (!placeholder) return;
  context.report({
    document,
    node: value.node,
    message: `${label} ${JSON.stringify(value.value)} still holds the placeholder ${placeholder}: as written it matches nothing, or AWS rejects it. ${
      inTemplate && placeholder.startsWith('${') ? notSubstituted(isKey) : 'Fill in the real value.'
    }`,
  });
}

/** Why a template's `${Name}` reaches IAM as written, and what to write instead. */
function notSubstituted(isKey: boolean): string {
  return isKey
    ? 'CloudFormation resolves intrinsic functions in values, never in keys: write the key in full.'
    : 'CloudFormation fills in ${Name} only inside Fn::Sub, where ${!Name} stays ${Name}: write the value with !Sub (or Fn::Sub), or in full.';
}

/** The string values of a principal: `"*"`, or the ids under `AWS`, `Service`, ... */
function stringsUnder(node: Node): Node[] {
  if (node.type === 'string') return [node];
  if (node.type === 'array') return (node.children ?? []).filter((n) => n.type === 'string');
  if (node.type === 'object') return (node.children ?? []).flatMap((prop) => (prop.children?.[1] ? stringsUnder(prop.children[1]) : []));
  return [];
}
