/**
 * Hover text for a policy statement: an action, a wildcard, a condition key, a task-policy ARN, and the
 * statement itself (one sentence from the policy engine). Markdown; the extension only wraps it.
 */
import { BoundedMemo } from '../boundedMemo';
import { conditionKeyType, matchingActions, serviceActions } from '../lint/actions';
import { readDocuments } from '../lint/documents';
import { hasWildcard } from '../lint/match';
import type { FileType, OffsetRange } from '../lint/model';
import { TASK_CALLS } from '../policy';
import { GLOBAL_CONDITION_KEYS } from '../policy/globalKeys';
import { parseTaskPolicyArn } from '../root/taskPolicies';
import { markdownText } from '../text/markdown';
import { type ActionReference, actionReference, serviceAccessLevels, serviceActionReferences, serviceKeyReference } from './catalog';
import { type AssistContext, contextAt } from './context';
import { type AssistSyntax, iacHoverContextAt } from './iacContext';
import { GLOBAL_KEY_MEANINGS, ROOT_ACCESS_NOTES } from './globalKeys';
import { statementActions } from './statementActions';
import { describeReadings } from './statementSentence';

export interface AssistHover {
  markdown: string;
  /** The text the hover is about. */
  range: OffsetRange;
}

/** How many actions a wildcard's hover names. */
const LISTED_ACTIONS = 15;

/** The hover at `offset` of a file of the given type, or undefined where RootGuard has nothing to say. */
export function hoverAt(text: string, offset: number, fileType: FileType, syntax: AssistSyntax = { kind: 'json' }): AssistHover | undefined {
  const context = syntax.kind === 'json' ? contextAt(text, offset) : iacHoverContextAt(text, offset, syntax);
  const word = context?.word;
  if (!context || !word) return undefined;
  const markdown = markdownFor(context, word.text, text, fileType);
  return markdown ? { markdown, range: word.range } : undefined;
}

function markdownFor(context: AssistContext, word: string, text: string, fileType: FileType): string | undefined {
  const { slot } = context;
  switch (slot.kind) {
    case 'action':
      return hasWildcard(word) ? wildcardHover(word) : actionHover(word);
    case 'conditionKey':
      return keyHover(word, context);
    case 'conditionValue': {
      const task = parseTaskPolicyArn(word);
      return task && `**${task.name}** (root-task policy)\n\nA root session opened with it may call only:\n\n${TASK_CALLS[task.name].map((c) => `- \`${c.action}\``).join('\n')}`;
    }
    case 'statement':
      return context.sentence ? context.sentence() : statementHover(context, text, fileType);
    default:
      return undefined;
  }
}

function actionHover(name: string): string | undefined {
  const action = actionReference(name);
  if (!action) return undefined;
  const types = action.resourceTypes.map((t) => `\`${t.name}${t.required ? '*' : ''}\` \`${t.arn}\``);
  return [
    `**${action.action}** · ${action.accessLevel}`,
    `${action.description}.`,
    `Resource types: ${types.length ? types.join(', ') : 'none (use `"Resource": "*"`)'}`,
    `Condition keys: ${action.conditionKeys.length ? action.conditionKeys.map((k) => `\`${k}\``).join(', ') : 'none of its own'}, and the global \`aws:\` keys`,
    `[${action.service.name} in the Service Authorization Reference](${action.service.url})`,
  ].join('\n\n');
}

/** Access levels from most to least able to change who may do what. */
const LEVEL_ORDER = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

/** sts:AssumeRoot and the changes root tasks make (deleting root credentials, setting a root password, unlocking policies). */
const ROOT_ACCESS_ACTIONS = new Set(['sts:AssumeRoot', ...Object.values(TASK_CALLS).flatMap((calls) => calls.map((c) => c.action).filter((a) => !/:(Get|List)/.test(a)))]);

/** Root access first, then by how much an access level can change. */
function sensitivity(action: string, accessLevel: string): number {
  if (ROOT_ACCESS_ACTIONS.has(action)) return 0;
  const level = LEVEL_ORDER.findIndex((l) => accessLevel.startsWith(l));
  return 1 + (level < 0 ? LEVEL_ORDER.length : level);
}

const wildcardHovers = new BoundedMemo<string, string>(100);

/** Remembered per pattern: ranking the 22,000 actions of `*` takes a noticeable moment. */
function wildcardHover(pattern: string): string {
  const key = pattern.toLowerCase();
  return wildcardHovers.get(key) ?? wildcardHovers.set(key, rankedWildcard(pattern));
}

function rankedWildcard(pattern: string): string {
  const names = matchingActions(pattern);
  // The pattern is the policy's own text: a hostile file writes a link or an image there.
  const shown = `**${markdownText(pattern)}**`;
  if (names.length === 0) return `${shown} covers no action IAM has.`;
  const prefixes = new Set(names.map((n) => n.slice(0, n.indexOf(':'))));
  const covered = new Set(names);
  const ranked: { action: string; level: string; rank: number }[] = [];
  for (const prefix of prefixes) {
    const levels = serviceAccessLevels(prefix);
    serviceActions(prefix).forEach((name, i) => {
      const action = `${prefix}:${name}`;
      if (covered.has(action)) ranked.push({ action, level: levels[i], rank: sensitivity(action, levels[i]) });
    });
  }
  ranked.sort((x, y) => x.rank - y.rank || (x.action < y.action ? -1 : x.action > y.action ? 1 : 0));
  const listed = ranked.slice(0, LISTED_ACTIONS).map((a) => `- \`${a.action}\` · ${a.level}`);
  const more = names.length > listed.length ? `\n\n…and ${names.length - listed.length} more.` : '';
  return `${shown} covers ${names.length} ${names.length === 1 ? 'action' : 'actions'} in ${prefixes.size} ${prefixes.size === 1 ? 'service' : 'services'}, the sensitive ones first:\n\n${listed.join('\n')}${more}`;
}

function keyHover(key: string, context: AssistContext): string | undefined {
  const lower = key.toLowerCase();
  const globalName = Object.keys(GLOBAL_CONDITION_KEYS).find((k) => (k.endsWith('/') ? lower.startsWith(k.toLowerCase()) : lower === k.toLowerCase()));
  const service = globalName ? undefined : serviceKeyReference(key);
  if (!globalName && !service) return undefined;
  const type = conditionKeyType(key) ?? (service && conditionKeyType(service.key));
  const meaning = globalName ? GLOBAL_KEY_MEANINGS[globalName] : service!.description;
  const parts = [`**${globalName ?? service!.key}** · ${type ?? 'unknown type'}${globalName ? ' · global condition key' : ''}`, meaning ?? ''];
  if (ROOT_ACCESS_NOTES[lower]) parts.push(ROOT_ACCESS_NOTES[lower]);
  if (service) parts.push(supportingActions(service.key, context));
  return parts.filter(Boolean).join('\n\n');
}

/** Which actions support a service key: the statement's own first, then the rest of its service's. */
function supportingActions(key: string, context: AssistContext): string {
  const prefix = key.slice(0, key.indexOf(':'));
  const lower = key.toLowerCase();
  const supports = (a: ActionReference) => a.conditionKeys.some((k) => k.toLowerCase() === lower);
  const all = serviceActionReferences(prefix).filter(supports).map((a) => a.action);
  const own = new Set((statementActions(context.statement) ?? []).filter((a) => all.includes(a)));
  const ordered = [...own, ...all.filter((a) => !own.has(a))];
  const listed = ordered.slice(0, LISTED_ACTIONS).map((a) => `\`${a}\`${own.has(a) ? ' (in this statement)' : ''}`);
  return `Supported by ${listed.join(', ')}${ordered.length > listed.length ? ` and ${ordered.length - listed.length} more` : ''}.`;
}

/**
 * The statement's sentence, for a document the linter finds at this place in the file: one written as JSON
 * in place, or one a template computes (`Fn::Sub`, `Fn::If` in it: a text of its own, read per side), whose
 * statement is the one written where the cursor is.
 */
function statementHover(context: AssistContext, text: string, fileType: FileType): string | undefined {
  const documents = readDocuments(text, context.root, fileType).documents;
  const document = documents.find((d) => d.text === text && d.root.offset === context.documentRoot.offset);
  if (document) {
    const statement = document.statements.find((s) => s.node.offset === context.statement.offset);
    return statement && describeReadings([{ document, statement: statement.index }]);
  }
  const readings = documents.flatMap((d) => {
    const statement = d.text !== text ? d.statements.find((s) => d.toFileOffset(s.node.offset) === context.statement.offset) : undefined;
    return statement ? [{ document: d, statement: statement.index }] : [];
  });
  return readings.length ? describeReadings(readings) : undefined;
}
