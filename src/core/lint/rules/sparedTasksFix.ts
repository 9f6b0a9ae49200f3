/**
 * RG107's fix for a Deny that means to spare some tasks by `sts:TaskPolicyArn` ("deny everything unless the
 * task policy is the audit's"). The session's calls carry no STS key, so the Deny spares none of them; the
 * `"Null": {"aws:AssumedRoot": "true"}` exemption alone would let every task's sessions through. A member
 * account's request does not say which task opened its session, so the strictest Deny that lets the spared
 * tasks work is: the statement exempting root sessions, and beside it a Deny, to root sessions only, of the
 * calls it refused them but the spared tasks' (a call two tasks make goes through for both). The engine
 * checks the result: nothing changes for a request without `aws:AssumedRoot`, and root sessions are refused
 * what they were but the spared tasks' calls, as certainly as before.
 */
import { type Policy, type RootSessionDenial, TASK_CALLS, type TaskPolicyName, holdsWithoutKeyIn, readPolicy, rootSessionDenials, taskPoliciesSpared } from '../../policy';
import { applyEdits } from '../edits';
import type { Fix, PolicyDocument, Statement } from '../model';
import { valueOf } from '../parse';
import { listNames } from '../semantics/describe';
import { appendStatement, isObject, unusedSid } from './assumeRootFixes';
import { ASSUMED_ROOT_KEY, TASK_POLICY_ARN_KEY } from './conditionEntries';

/**
 * The task policies the statement means to spare, when it also refuses root sessions other calls than
 * theirs (the Null exemption alone then lets more through than it meant to).
 */
export function partlySparedTasks(denials: readonly RootSessionDenial[]): TaskPolicyName[] {
  const spared = taskPoliciesSpared(denials[0].statement);
  return spared.length > 0 && callsStillDenied(denials, spared).length > 0 ? spared : [];
}

/** The calls the denials refuse root sessions but the spared tasks' (a call two tasks make goes through for both). */
function callsStillDenied(denials: readonly RootSessionDenial[], spared: readonly TaskPolicyName[]): string[] {
  const sparedCalls = callsOf(spared);
  return [...new Set(denials.flatMap((d) => d.actions).filter((action) => !sparedCalls.has(action.toLowerCase())))];
}

function callsOf(tasks: readonly TaskPolicyName[]): Set<string> {
  return new Set(tasks.flatMap((task) => TASK_CALLS[task].map((call) => call.action.toLowerCase())));
}

/**
 * `exemption` (the Null exemption's edits) and, after the statement, a Deny to root sessions of the calls it
 * refused them but the spared tasks' (partlySparedTasks). Undefined where the document's writer cannot add a
 * statement (a template's, appendStatement), or when the engine finds the result changes more.
 */
export function exemptSparedTasksFix(
  document: PolicyDocument,
  statement: Statement,
  denials: readonly RootSessionDenial[],
  spared: readonly TaskPolicyName[],
  exemption: Fix,
  kind: 'scp' | 'rcp',
): Fix | undefined {
  const list = statement.node.parent;
  if (list?.type !== 'array') return undefined;
  const added = appendStatement(document, list, statement.node, rootSessionDeny(document, statement, callsStillDenied(denials, spared)));
  if (!added) return undefined;
  const edits = [...exemption.edits, added];
  const title = `Exempt only ${listNames(spared)} root sessions: add "Null": {"aws:AssumedRoot": "true"} and a Deny of the other tasks' calls to root sessions`;
  const fix = { title, edits };
  return sameForOthers(document, statement.index, fix, denials, callsOf(spared), kind) ? fix : undefined;
}

/** A copy of the statement for root sessions only, denying `actions`, without its conditions on either key. */
function rootSessionDeny(document: PolicyDocument, statement: Statement, actions: string[]): Record<string, unknown> {
  const original = valueOf(statement.node) as Record<string, unknown>;
  const deny: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(original)) {
    if (name === 'Sid' && typeof value === 'string') deny.Sid = unusedSid(document, `${value}RootSessions`);
    else if (name === 'Action' || name === 'NotAction') deny.Action = actions;
    else if (name === 'Condition') deny.Condition = rootSessionCondition(value);
    else if (name !== 'Sid') deny[name] = value;
  }
  return deny;
}

/**
 * The condition with `"Bool": {"aws:AssumedRoot": "true"}`: its entries on `sts:TaskPolicyArn` (which hold for
 * every call of a session) and on `aws:AssumedRoot` left out, and any operator block they empty.
 */
function rootSessionCondition(condition: unknown): Record<string, unknown> {
  const dropped = new Set([TASK_POLICY_ARN_KEY.toLowerCase(), ASSUMED_ROOT_KEY.toLowerCase()]);
  const kept: Record<string, unknown> = {};
  for (const [operator, block] of Object.entries(isObject(condition) ? condition : {})) {
    const entries = Object.entries(isObject(block) ? block : {}).filter(([key]) => !dropped.has(key.toLowerCase()));
    if (entries.length > 0) kept[operator] = Object.fromEntries(entries);
  }
  const bool = isObject(kept.Bool) ? kept.Bool : {};
  return { ...kept, Bool: { ...bool, [ASSUMED_ROOT_KEY]: 'true' } };
}

/**
 * Asks the engine about the fixed statement and the Deny after it: neither applies differently to a request
 * without `aws:AssumedRoot` than the statement did (the exemption holds there, the new Deny never does), and
 * together they refuse root sessions each task's calls they refused before but the spared ones, as certainly.
 */
function sameForOthers(
  document: PolicyDocument,
  index: number,
  fix: Fix,
  before: readonly RootSessionDenial[],
  sparedCalls: ReadonlySet<string>,
  kind: 'scp' | 'rcp',
): boolean {
  let fixed: Policy;
  try {
    fixed = readPolicy(applyEdits(document.text, fix.edits), document.origin || 'policy');
  } catch {
    return false;
  }
  const [exempted, deny] = [fixed.statements[index], fixed.statements[index + 1]];
  if (!exempted || !deny || !holdsWithoutKeyIn(exempted, ASSUMED_ROOT_KEY) || holdsWithoutKeyIn(deny, ASSUMED_ROOT_KEY)) return false;
  const after = rootSessionDenials({ ...fixed, statements: [exempted, deny] }, kind);
  const summary = (denials: readonly RootSessionDenial[], drop: ReadonlySet<string>) =>
    JSON.stringify(
      Object.keys(TASK_CALLS).map((task) => {
        const denied = denials.filter((d) => d.task === task);
        return { actions: [...new Set(denied.flatMap((d) => d.actions))].filter((a) => !drop.has(a.toLowerCase())).sort(), certain: denied.some((d) => d.certain) };
      }).filter((task) => task.actions.length > 0),
    );
  return summary(after, new Set()) === summary(before, sparedCalls);
}
