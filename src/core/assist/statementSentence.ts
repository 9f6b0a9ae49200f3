/**
 * What one statement does, in one sentence, from the policy engine: the root sessions an identity Allow lets its
 * holder open (`assumeRootGrant`), the root-session tasks an SCP's or RCP's Deny blocks
 * (`rootSessionDenials`), and otherwise its effect on the actions and resources it names; for a statement AWS
 * rejects, why (RG002's grammar, the engine's refusals) instead. The sentence is
 * written as plain text and escaped as a whole for the hover's Markdown: it repeats the policy's own values
 * (resources, actions, accounts, condition keys), which a hostile file writes as links and images.
 */
import { matchingActions } from '../lint/actions';
import { enginePolicy } from '../lint/enginePolicy';
import type { PolicyDocument, PolicyType, TemplateBranch } from '../lint/model';
import { whenReadings } from '../lint/templateSides';
import { markdownText } from '../text/markdown';
import { instanceLabels } from './instanceLabels';
import { describeAccounts } from '../lint/rules/rootGrant';
import { typeWithArticle } from '../lint/rules/RG002-invalid-grammar';
import { statementRejection } from '../lint/rejections';
import { certainCalls, dependingCalls, ownHinge, partlyDepending } from '../lint/rules/RG107-root-deny-blocks-root-sessions';
import { count, listKeys, listNames } from '../lint/semantics/describe';
import { FUTURE_TASK_POLICY, UNKNOWN_PART, type Policy, type PolicyStatement, type RootSessionDenial, TASK_CALLS, type TaskGrant, type ValueList, assumeRootGrant, rootSessionDenials, strangerGetsInThrough } from '../policy';

/**
 * The Markdown for one statement read once per side of its template's conditions (`Fn::If`, a Terraform
 * conditional), and once per instance a loop makes of it: one sentence when they all agree, else each
 * instance's (named: `Resources.RootAudit: ...`), each with the sides it holds on where those differ.
 */
export function describeReadings(readings: readonly { document: PolicyDocument; statement: number }[]): string | undefined {
  const labels = instanceLabels(readings);
  const byInstance = new Map<string, { document: PolicyDocument; statement: number }[]>();
  readings.forEach((reading, i) => byInstance.set(labels[i], [...(byInstance.get(labels[i]) ?? []), reading]));
  const instances = [...byInstance].map(([label, its]) => ({ label, sides: sideSentences(its) }));
  if (instances.some(({ sides }) => !sides)) return undefined;
  // Each paragraph is Markdown of its own: the sentences quote the policy's text, shown as written.
  const shown = (sides: SideSentence[], label = '') =>
    sides.map(({ when, sentence }) => markdownText(label ? `${label}${when ? `, ${when[0].toLowerCase()}${when.slice(1)}` : ''}: ${sentence}` : when ? `${when}: ${sentence}` : sentence)).join('\n\n');
  const alike = new Set(instances.map(({ sides }) => shown(sides!)));
  return alike.size <= 1 ? [...alike][0] : instances.map(({ label, sides }) => shown(sides!, label)).join('\n\n');
}

/** A sentence, with the sides it holds on when the sides' sentences differ ("When condition IsStrict is false"). */
interface SideSentence {
  when?: string;
  sentence: string;
}

/** One instance's sentences: one when its sides agree, else each side's. */
function sideSentences(readings: readonly { document: PolicyDocument; statement: number }[]): SideSentence[] | undefined {
  const bySentence = new Map<string, (readonly TemplateBranch[])[]>();
  for (const { document, statement } of readings) {
    const sentence = rejection(document, statement) ?? describeStatement(enginePolicy(document), statement, document.type);
    if (!sentence) return undefined;
    bySentence.set(sentence, [...(bySentence.get(sentence) ?? []), document.reading?.branches ?? []]);
  }
  if (bySentence.size <= 1) return [...bySentence.keys()].map((sentence) => ({ sentence }));
  return [...bySentence].map(([sentence, sides]) => ({ when: whenReadings(sides), sentence }));
}

/**
 * "AWS rejects this statement: ..." for a statement whose grammar RG002 finds wrong (both Action and
 * NotAction, an identity policy's without Resource) or that the engine refuses (an unknown condition
 * operator, which `simulate` refuses too): what it would do, were it accepted, is no answer. Where the
 * policy's type is only assumed, what only that type rejects is said to depend on the type.
 */
function rejection(document: PolicyDocument, index: number): string | undefined {
  const { certain, assumedOnly } = statementRejection(document, index);
  if (certain.length) return rejectedSentence('AWS rejects this statement', certain);
  // Where the type is only assumed (see `PolicyDocument.typeAssumed`), what only that type rejects depends on
  // it (a Deny without Resource is a valid SCP statement); what the statement does as that type is no answer either.
  return assumedOnly.length ? rejectedSentence(`Its policy type is not known here; if it is ${typeWithArticle(document.type)}, AWS rejects this statement`, assumedOnly) : undefined;
}

function rejectedSentence(lead: string, reasons: readonly string[]): string {
  const sentences = reasons.map((reason) => `${reason[0].toUpperCase()}${reason.slice(1)}${reason.endsWith('.') ? '' : '.'}`);
  return `${lead}: ${sentences.join(' ')}`.split(UNKNOWN_PART).join('…');
}

/** The sentence for statement `index` of an engine-read policy of the given type, as plain text. */
function describeStatement(policy: Policy, index: number, type: PolicyType): string {
  const readings = policy.statements.filter((s) => s.index === index);
  // A part known only at deployment (`${AWS::Partition}` in a template) is shown as an ellipsis, not as the
  // private character that stands for it.
  const shown = (sentence: string) => sentence.split(UNKNOWN_PART).join('…');
  if (readings.length < 2) return readings[0] ? shown(describeReading(policy, readings[0], type)) : '';
  // An Effect known only at deployment: the engine reads the statement once as an Allow, once as a Deny.
  return shown(`Its Effect is known only at deployment. ${readings.map((r) => `As ${r.effect === 'Allow' ? 'an Allow' : 'a Deny'}: ${describeReading(policy, r, type)}`).join(' ')}`);
}

function describeReading(policy: Policy, statement: PolicyStatement, type: PolicyType): string {
  const alone: Policy = { ...policy, statements: [statement] };
  const plain = () => plainSentence(statement.effect, statement.action?.negated ?? false, statement.action?.values ?? [], statement.resource, statement.conditions.length, type);
  // The root-session clause alone where that is all the statement does (an Allow of sts:AssumeRoot alone);
  // after what it does otherwise where it does more: a root task's call (iam:CreateLoginProfile) is granted
  // or denied to every principal the policy applies to, not only in root sessions.
  const withPlain = (rootClause: string) => (onlyAssumeRoot(statement) ? rootClause : `${plain()} ${rootClause}`);
  // Only an identity policy has a holder: sts:AssumeRoot is granted by the caller's identity policy, on account
  // roots, never by the resource policy of a role or a key (which says who gets in: the public clause below).
  if (statement.effect === 'Allow' && type === 'identity') {
    const grants = assumeRootGrant(alone);
    if (grants.length) return withPlain(grantSentence(grants));
  }
  if (statement.effect === 'Deny' && (type === 'scp' || type === 'rcp')) {
    const denials = rootSessionDenials(alone, type);
    if (denials.length) return withPlain(denialSentence(denials));
  }
  return type === 'resource' && strangerGetsInThrough(policy, statement) ? `${plain()} Any principal of any AWS account gets in.` : plain();
}

/** The statement names sts:AssumeRoot and nothing else, so the root-session clause says it all. */
function onlyAssumeRoot(statement: PolicyStatement): boolean {
  const action = statement.action;
  return !!action && !action.negated && action.values.length > 0 && action.values.every((value) => value.toLowerCase() === 'sts:assumeroot');
}

/** "Lets its holder open root sessions with A and B in every member account." */
function grantSentence(grants: readonly TaskGrant[]): string {
  const tasks = grants.filter((g) => g.task !== FUTURE_TASK_POLICY);
  const future = grants.some((g) => g.task === FUTURE_TASK_POLICY);
  const where = [...new Set(grants.map(describeAccounts))];
  const names = tasks.map((g) => g.task);
  const which = names.length ? listNames(names) + (future ? ' (and any task policy AWS adds later)' : '') : 'any task policy AWS adds later';
  return `Lets its holder open root sessions with ${which} in ${listNames(where)}${depending(grants)}.`;
}

/** "Blocks IAMDeleteRootUserCredentials sessions in every account it is attached to." */
function denialSentence(denials: readonly RootSessionDenial[]): string {
  // Tasks blocked in other partitions than the rest say which, each: one "in partition" for all would be wrong.
  const partitionsOf = (d: RootSessionDenial) => (d.everyPartition ? '' : listNames(d.partitions));
  const uniform = new Set(denials.map(partitionsOf)).size === 1;
  // Where some tasks are blocked for certain and others depending on keys, each of the others names its keys.
  const qualifiers = (d: RootSessionDenial) => {
    const others = dependingCalls(d, listNames);
    const said = [uniform || partitionsOf(d) === '' ? '' : `in partition ${partitionsOf(d)}`, ownHinge(d, denials), others && `and ${others}`].filter(Boolean);
    return said.length ? ` (${said.join(', ')})` : '';
  };
  const wholeBy = new Map<string, string[]>();
  // A task blocked for certain names the calls blocked for certain; the others follow in its qualifiers.
  const whole = (d: RootSessionDenial) => certainCalls(d).length === TASK_CALLS[d.task].length;
  for (const d of denials.filter(whole)) wholeBy.set(qualifiers(d), [...(wholeBy.get(qualifiers(d)) ?? []), d.task]);
  const wholes = [...wholeBy].map(([said, tasks]) => `${listNames(tasks)} sessions${said}`);
  const partial = denials.filter((d) => !whole(d)).map((d) => `${listNames(certainCalls(d))} in ${d.task} sessions${qualifiers(d)}`);
  const parts = [...wholes, ...partial];
  const everyAccount = denials.some((d) => d.everyAccount);
  const accounts = [...new Set(denials.flatMap((d) => d.accounts.map((a) => a.pattern ?? a.account)))];
  const unchecked = Math.max(...denials.map((d) => d.uncheckedAccounts));
  const named = `${accounts.length === 1 ? 'account' : 'accounts'} ${listNames(accounts)}`;
  // An account is left out of the sentence only when every denial leaves it out.
  const excepted = denials[0].exceptAccounts.filter((account) => denials.every((d) => d.exceptAccounts.includes(account)));
  const except = excepted.length ? ` except ${excepted.length === 1 ? 'account' : 'accounts'} ${listNames(excepted)}` : '';
  const accountsWhere = everyAccount ? `every account it is attached to${except}` : unchecked ? `${named}${except} and possibly ${unchecked} more named accounts` : `${named}${except}`;
  // Where it holds in some partitions only (a root exemption written arn:aws: blocks sessions in aws-cn).
  const partitions = [...new Set(denials.flatMap((d) => d.partitions))];
  const where = `${accountsWhere}${!uniform || denials.some((d) => d.everyPartition) ? '' : `, in partition ${listNames(partitions)}`}`;
  const onlySessions = denials.every((d) => d.rootSessionsOnly) ? ' (root sessions only: the root user signing in is not affected)' : '';
  return `Blocks ${parts.join('; ')} in ${where}${onlySessions}${depending(denials)}${partlyDepending(denials)}.`;
}

/** ", depending on aws:PrincipalOrgID" when no case is certain. */
function depending(answers: readonly { certain: boolean; dependsOn: readonly string[] }[]): string {
  if (answers.some((a) => a.certain)) return '';
  const keys = [...new Set(answers.flatMap((a) => a.dependsOn))];
  return keys.length ? `, depending on ${listKeys(keys)}` : '';
}

/** "Allows 12 actions (s3:GetObject, s3:PutObject, …) on arn:aws:s3:::bucket/*, under 1 condition." */
function plainSentence(effect: string, notAction: boolean, actions: readonly string[], resource: ValueList | undefined, conditions: number, type: PolicyType): string {
  const verb = effect === 'Deny' ? 'Denies' : 'Allows';
  const covered = new Set(actions.flatMap((a) => matchingActions(a)));
  const what = !notAction && actions.some((a) => /^\*+(:\*+)?$/.test(a))
    ? 'every action'
    : notAction
    ? `every action but ${listNames(actions.slice(0, 3).concat(actions.length > 3 ? [`${actions.length - 3} more`] : []))}`
    : covered.size === 1
      ? [...covered][0]
      : `${count(covered.size, 'action')}${covered.size ? ` (${[...covered].slice(0, 3).join(', ')}${covered.size > 3 ? ', …' : ''})` : ''}`;
  // Without Resource a resource policy (a trust policy) is about the resource it is attached to; an SCP's
  // statement, about every resource (the only other policy AWS accepts without one).
  const on = resource ? resourcesText(resource) : type === 'resource' ? 'the resource the policy is attached to' : 'every resource';
  return `${verb} ${what} on ${on || 'no resource'}${conditions ? `, under ${count(conditions, 'condition')}` : ''}.`;
}

/** "every resource", "arn:aws:s3:::a/* and arn:aws:s3:::b/*", "every resource but arn:...". */
function resourcesText({ negated, values }: ValueList): string {
  if (values.includes('*') && !negated) return 'every resource';
  return `${negated ? 'every resource but ' : ''}${listNames(values.slice(0, 2).concat(values.length > 2 ? [`${values.length - 2} more`] : []))}`;
}
