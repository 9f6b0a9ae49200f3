/**
 * Completion items for a policy statement, from the IAM reference: service prefixes and actions, condition
 * operators, keys and known values, and resource ARN templates. Plain data: the extension maps it to
 * VS Code's CompletionItem, and VS Code filters it as the user types.
 */
import { conditionKeyType, servicePrefixes } from '../lint/actions';
import { GLOBAL_CONDITION_KEYS } from '../policy/globalKeys';
import type { OffsetRange } from '../lint/model';
import { BASE_OPERATOR_NAMES, parseConditionOperator } from '../policy/operators';
import { TASK_CALLS, TASK_POLICY_NAMES, taskPolicyArn } from '../policy';
import { actionReference, serviceActionReferences, serviceKeyReference, serviceReference } from './catalog';
import { type AssistContext, contextAt } from './context';
import { type AssistSyntax, iacContextAt } from './iacContext';
import { GLOBAL_KEY_MEANINGS } from './globalKeys';
import { statementActions } from './statementActions';

export type CompletionKind = 'service' | 'action' | 'operator' | 'key' | 'value' | 'resource';

export interface AssistCompletion {
  label: string;
  kind: CompletionKind;
  /** Beside the label: an access level, a key's type, a resource type's name. */
  description?: string;
  /** One line under the label: what it is. */
  detail?: string;
  /** Markdown for the side panel. */
  documentation?: string;
  /** What replaces `replace`: the string's content, or a whole quoted string when the cursor is in none. */
  insertText: string;
  /** `insertText` uses snippet syntax (`${1:Account}`). */
  snippet?: boolean;
  sortText: string;
  /** Completing it opens the list again (a service prefix, then that service's actions). */
  retrigger?: boolean;
}

export interface CompletionList {
  items: AssistCompletion[];
  replace: OffsetRange;
}

/** The partition-neutral pattern for the root user and root sessions of every account. */
export const ROOT_ARN_PATTERN = 'arn:*:iam::*:root';

/** Completion at `offset` of a policy's text in its syntax, or undefined where RootGuard has nothing to offer. */
export function completionsAt(text: string, offset: number, syntax: AssistSyntax = { kind: 'json' }): CompletionList | undefined {
  const context = syntax.kind === 'json' ? contextAt(text, offset) : iacContextAt(text, offset, syntax);
  if (!context) return undefined;
  const items = itemsFor(context);
  if (!items.length) return undefined;
  return { replace: context.replace, items: items.map((item) => written(item, context, syntax.kind)) };
}

/** A completion as the place it goes needs it written: quoted where no string is, or where a bare word cannot hold it. */
function written(item: AssistCompletion, context: AssistContext, syntax: AssistSyntax['kind']): AssistCompletion {
  const quoted = (quote: string) => ({ ...item, insertText: `${quote}${item.insertText}${quote}`, retrigger: false });
  if (!context.inString) return quoted('"');
  if (syntax === 'json' || context.quotedInFile) return item;
  // A plain YAML scalar cannot start with an indicator (`*` is an alias); a bare HCL key must be an identifier.
  if (syntax === 'yaml' && /^[*&!%@`|>{[]/.test(item.insertText)) return quoted("'");
  if (syntax === 'hcl' && !/^[A-Za-z_][\w-]*$/.test(item.insertText)) return quoted('"');
  return item;
}

function itemsFor(context: AssistContext): AssistCompletion[] {
  const { slot } = context;
  switch (slot.kind) {
    case 'action':
      return actionItems(context.word?.typed ?? '');
    case 'operator':
      return operatorItems();
    case 'conditionKey':
      return keyItems(context);
    case 'conditionValue':
      return valueItems(slot.operator, slot.key);
    case 'resource':
      return resourceItems(context);
    case 'statement':
      return [];
  }
}

/** Service prefixes until a `:` is typed, then that service's actions (`sts:` puts AssumeRoot first). */
function actionItems(typed: string): AssistCompletion[] {
  const colon = typed.indexOf(':');
  if (colon < 0) {
    return servicePrefixes()
      .sort()
      .map((prefix) => ({
        label: prefix,
        kind: 'service' as const,
        detail: serviceReference(prefix)?.name,
        insertText: `${prefix}:`,
        sortText: prefix,
        retrigger: true,
      }));
  }
  return serviceActionReferences(typed.slice(0, colon)).map((action) => ({
    label: action.action,
    kind: 'action' as const,
    description: action.accessLevel,
    detail: action.summary,
    // The side panel shows `detail` above this: what it adds is where the action applies, and the reference.
    documentation: [
      `Resource types: ${action.resourceTypes.map((t) => `\`${t.name}\``).join(', ') || 'none (`*`)'}`,
      `Condition keys: ${action.conditionKeys.map((k) => `\`${k}\``).join(', ') || 'the global ones only'}`,
      `[${action.service.name} in the Service Authorization Reference](${action.service.url})`,
    ].join('\n\n'),
    insertText: action.action,
    // Centralized root access is what RootGuard is about: sts:AssumeRoot leads the STS list.
    sortText: `${action.action === 'sts:AssumeRoot' ? 0 : 1}${action.action.toLowerCase()}`,
  }));
}

/** Every operator: plain ones first, then their `IfExists` forms, then the set operators. */
function operatorItems(): AssistCompletion[] {
  const plain = BASE_OPERATOR_NAMES.map((name) => operatorItem(name, 0, `${parseConditionOperator(name)!.family} comparison`));
  const ifExists = BASE_OPERATOR_NAMES.filter((name) => name !== 'Null').map((name) => operatorItem(`${name}IfExists`, 1, 'also true when the key is absent from the request'));
  const sets = ['ForAnyValue', 'ForAllValues'].flatMap((set) =>
    BASE_OPERATOR_NAMES.filter((name) => name !== 'Null').map((name) =>
      operatorItem(`${set}:${name}`, 2, set === 'ForAnyValue' ? 'true when any value of a multivalued key matches' : 'true when every value of a multivalued key matches (and when it has none)'),
    ),
  );
  return [...plain, ...ifExists, ...sets];
}

function operatorItem(name: string, group: number, detail: string): AssistCompletion {
  return { label: name, kind: 'operator', detail, insertText: name, sortText: `${group}${name}` };
}

/** The service keys the statement's actions support (first), then the global keys. */
function keyItems(context: AssistContext): AssistCompletion[] {
  const actions = statementActions(context.statement) ?? [];
  const supporters = new Map<string, string[]>();
  for (const action of actions) {
    for (const key of actionReference(action)?.conditionKeys ?? []) {
      const list = supporters.get(key) ?? [];
      list.push(action);
      supporters.set(key, list);
    }
  }
  const service = [...supporters].map(([key, by]) =>
    keyItem(key, 0, serviceKeyReference(key)?.description, `Supported by ${by.length > 3 ? `${by.slice(0, 3).join(', ')} and ${by.length - 3} more` : by.join(', ')}.`),
  );
  const global = Object.keys(GLOBAL_CONDITION_KEYS).map((key) => keyItem(key, 1, GLOBAL_KEY_MEANINGS[key], 'Global condition key.'));
  return [...service, ...global];
}

function keyItem(key: string, group: number, meaning: string | undefined, note: string): AssistCompletion {
  // A tag key template (`aws:PrincipalTag/`, `s3:ExistingObjectTag/<key>`) is written up to its `/`.
  const slash = key.indexOf('/');
  const written = slash >= 0 ? key.slice(0, slash + 1) : key;
  return {
    label: written,
    kind: 'key',
    description: conditionKeyType(key) ?? conditionKeyType(written) ?? '',
    detail: meaning,
    documentation: note,
    insertText: written,
    sortText: `${group}${written.toLowerCase()}`,
  };
}

/** Values where the set is known: task-policy ARNs, `true`/`false`, the root ARN pattern. */
function valueItems(operator: string, key: string): AssistCompletion[] {
  const lower = key.toLowerCase();
  const parsed = parseConditionOperator(operator);
  // Null tests whether the key is there, whatever the key: only true or false.
  if (parsed?.family === 'Null') return boolItems();
  if (lower === 'sts:taskpolicyarn') {
    return TASK_POLICY_NAMES.map((name, i) => ({
      label: taskPolicyArn(name),
      kind: 'value' as const,
      description: name,
      detail: `A root session that may call ${TASK_CALLS[name].map((c) => c.action).join(', ')}`,
      insertText: taskPolicyArn(name),
      sortText: `${i}`,
    }));
  }
  if (parsed?.family === 'Bool' || conditionKeyType(key) === 'Bool') return boolItems();
  // The pattern only under an operator that reads wildcards: StringEquals would take its `*` literally.
  if (lower === 'aws:principalarn' && (parsed?.like || parsed?.family === 'Arn')) {
    return [
      {
        label: ROOT_ARN_PATTERN,
        kind: 'value',
        detail: 'The root user and root sessions of every account, in every partition (with ArnLike or StringLike)',
        insertText: ROOT_ARN_PATTERN,
        sortText: '0',
      },
    ];
  }
  return [];
}

function boolItems(): AssistCompletion[] {
  return ['true', 'false'].map((value, i) => ({ label: value, kind: 'value' as const, insertText: value, sortText: `${i}` }));
}

/** `*` and the ARN templates of the resource types the statement's actions take. */
function resourceItems(context: AssistContext): AssistCompletion[] {
  const byArn = new Map<string, { type: string; actions: string[] }>();
  for (const action of statementActions(context.statement) ?? []) {
    for (const type of actionReference(action)?.resourceTypes ?? []) {
      const entry = byArn.get(type.arn) ?? { type: type.name, actions: [] };
      entry.actions.push(action);
      byArn.set(type.arn, entry);
    }
  }
  const templates = [...byArn].map(([arn, { type, actions }], i) => ({
    label: arn,
    kind: 'resource' as const,
    description: type,
    detail: `Taken by ${actions.length > 3 ? `${actions.slice(0, 3).join(', ')} and ${actions.length - 3} more` : actions.join(', ')}`,
    insertText: asSnippet(arn),
    snippet: true,
    sortText: `${String(i).padStart(4, '0')}`,
  }));
  return [...templates, { label: '*', kind: 'resource', detail: 'Every resource', insertText: '*', sortText: '9999' }];
}

/** `arn:${Partition}:s3:::${BucketName}` -> a snippet whose `${...}` parts are tab stops named alike. */
function asSnippet(template: string): string {
  let stop = 0;
  return template
    .split(/(\$\{[^}]+\})/)
    .map((part) => (/^\$\{[^}]+\}$/.test(part) ? `\${${++stop}:${part.slice(2, -1)}}` : part.replace(/[\\$}]/g, '\\$&')))
    .join('');
}
