/**
 * RG015 unsupported-condition-key: a service condition key that none of the statement's actions supports
 * (Service Authorization Reference, through the build-time index in actions.ts). The request never carries
 * the key, so the condition does not test what it seems to: an `Allow` guarded by `StringEquals` never
 * applies, a `Deny` guarded by it never denies, and a negated operator is always true. Global `aws:` keys
 * and the cross-service ones (`ec2:SourceInstanceArn`, `lambda:SourceFunctionArn`: they describe the caller's
 * credentials and ride on every service's requests, their own service's included) are always fine. Only keys
 * of the statement's own services are judged.
 * Statements with `NotAction`, or an action pattern that names no known action, are not judged; nor is a
 * key IAM has when none of the actions lists any key, since an empty list in the data may be a gap.
 * An `aws:` key that is no global key, in a condition or a policy variable (`${aws:Partition}`), is one no
 * request carries whatever the actions (keysNoRequestCarries.ts).
 */
import type { Node } from 'jsonc-parser';
import { actionHasServiceKeys, conditionKeyType, knownService, matchingActions, someActionMaySupportKey } from '../actions';
import { hasWildcard } from '../match';
import { globalConditionKey } from '../../policy/globalKeys';
import type { Rule, Statement } from '../model';
import { listNames } from '../semantics/describe';
import { reportKeysNoRequestCarries } from './keysNoRequestCarries';

export const unsupportedConditionKey: Rule = {
  meta: {
    id: 'RG015',
    name: 'unsupported-condition-key',
    defaultSeverity: 'warning',
    description: "A service condition key that none of the statement's actions supports, or an aws: key (in a condition or a policy variable) that is no global key, so the condition never tests it.",
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        reportKeysNoRequestCarries(statement, (node, message) => context.report({ document, node, message }));
        if (statement.conditions.length === 0) continue;
        const covered = statementActions(statement);
        if (covered === 'everyService') {
          reportUnknownKeys(statement, (node, message) => context.report({ document, node, message }));
          continue;
        }
        if (!covered) continue;
        const { actions, services } = covered;
        for (const entry of statement.conditions) {
          const key = entry.key.value;
          const colon = key.indexOf(':');
          const service = key.slice(0, colon).toLowerCase();
          if (colon < 0 || globalConditionKey(key) || key.includes('${') || !services.has(service)) continue;
          // `undefined` (no data for the action) counts as supported: nothing is claimed without data.
          if (someActionMaySupportKey(actions, key)) continue;
          const exists = conditionKeyType(key) !== undefined;
          if (exists && !actions.some(actionHasServiceKeys)) continue;
          const named = actions.length <= 3 ? listNames(actions) : `${actions.length} actions`;
          const what = exists ? `${key} is supported by none of this statement's actions (${named})` : `IAM has no condition key ${key}`;
          context.report({
            document,
            node: entry.key.node,
            message: `${what}: requests for ${named} never carry it, so this condition does not test what it seems to. Use a key these actions support, or move the condition to a statement for the actions that do.`,
          });
        }
      }
    }
  },
};

/**
 * A statement whose actions span every service (`*`, `*:Put*`): which key each action supports is not
 * weighed (thousands of actions), but a service key IAM does not have at all is still no key any request
 * carries, a typo most likely (`s3:x-amz-server-side-encyrption`).
 */
function reportUnknownKeys(statement: Statement, report: (node: Node, message: string) => void): void {
  for (const entry of statement.conditions) {
    const key = entry.key.value;
    const colon = key.indexOf(':');
    if (colon < 0 || globalConditionKey(key) || key.includes('${') || !knownService(key.slice(0, colon)) || conditionKeyType(key) !== undefined) continue;
    report(entry.key.node, `IAM has no condition key ${key}: no request carries it, so this condition does not test what it seems to. Check the spelling.`);
  }
}

/**
 * The actions a statement's `Action` names and their (lower-case) services; `everyService` when a pattern's
 * service is only wildcards (`*`, `*:Put*`); undefined when it cannot be judged. A pattern with a plain
 * service names its own service: only a wildcard in the service part needs its actions read one by one (a
 * statement may cover hundreds).
 */
function statementActions(statement: Statement): { actions: string[]; services: Set<string> } | 'everyService' | undefined {
  const element = statement.action;
  if (!element || element.negated || element.values.length === 0) return undefined;
  if (element.values.some((pattern) => /^\*+(:|$)/.test(pattern.value))) return 'everyService';
  const actions: string[] = [];
  const services = new Set<string>();
  for (const pattern of element.values) {
    if (pattern.value.includes('${') || !pattern.value.includes(':') || pattern.value.startsWith('*')) return undefined;
    const matched = matchingActions(pattern.value);
    if (matched.length === 0) return undefined;
    const service = pattern.value.slice(0, pattern.value.indexOf(':'));
    if (!hasWildcard(service)) services.add(service.toLowerCase());
    else for (const action of matched) services.add(action.slice(0, action.indexOf(':')));
    actions.push(...matched);
  }
  return { actions, services };
}
