/**
 * The prediction: for every member account and root task, each call the task makes, as the root session
 * would make it, against the SCPs on the account's path (and the RCPs for the S3 and SQS tasks), plus the
 * caller's own `sts:AssumeRoot` against the SCPs on the caller's path. No root session is opened.
 */
import type { OrgAccount, OrgSnapshot } from '../org/model';
import {
  ASSUME_ROOT_ABSENCE,
  type OrgFilterAnswer,
  type Policy,
  type PolicyStatement,
  type Request,
  TASK_CALLS,
  type TaskCall,
  type TaskPolicyName,
  accountNeutral,
  decideOrgFilters,
  resourceNamesToTry,
  rolePathsToTry,
  rootSessionCallRequests,
  statementName,
  taskPolicyArn,
  whichResource,
} from '../policy';
import type { MissingAllow, NotPredicted, OrgPolicies, OrgPolicy, PredictedStatement, Preflight, TaskPrediction } from './model';
import type { RootSessionsState } from '../org/rootSessions';
import { type AccountPath, OrgPaths } from './paths';
import { TASK_LABELS } from './tasks';

export interface PredictOptions {
  /** The connection's region: `aws:RequestedRegion` of the regional calls (STS, S3, SQS). */
  region: string;
  partition: string;
  /** Tasks to predict, in this order; default all five. */
  tasks: readonly TaskPolicyName[];
  /**
   * Whether root sessions can be opened at all (readRootSessionsState): unavailable, every task is blocked
   * whatever the policies say; unknown, no task is said to work. Not given: taken as available.
   */
  rootSessions?: RootSessionsState;
}

/** RCPs govern resources of the services that support them; of the root tasks' services, S3 and SQS. */
const RCP_TASKS = new Set<TaskPolicyName>(['S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy']);

/** What every request of a direct API call over TLS carries, whoever makes it. */
const DIRECT_CALL = { 'aws:SecureTransport': 'true', 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' };

type Snapshot = Pick<OrgSnapshot, 'organization' | 'root' | 'units' | 'accounts' | 'caller'>;

export function predictOrganization(snapshot: Snapshot, policies: OrgPolicies, options: PredictOptions): Preflight {
  const paths = new OrgPaths(snapshot, policies);
  const byId = new Map(policies.policies.map((p) => [p.id, p]));
  const neutral = new Set(policies.policies.filter((p) => p.document && accountNeutral(p.document)).map((p) => p.id));
  const run: Run = { snapshot, byId, options, caller: callerPath(snapshot, paths), neutral, memo: new Map() };
  const predictions: TaskPrediction[] = [];
  const notPredicted: NotPredicted[] = [];
  for (const account of snapshot.accounts) {
    const skip = skipReason(account);
    if (skip) {
      notPredicted.push({ accountId: account.id, reason: skip });
      continue;
    }
    const path = paths.of(account.id, account.parentId);
    if (!path) {
      notPredicted.push({ accountId: account.id, reason: `its parent ${account.parentId} is not in the organization as listed` });
      continue;
    }
    for (const task of options.tasks) predictions.push(predictTask(account.id, path, task, run));
  }
  return {
    organizationId: snapshot.organization.id,
    region: options.region,
    partition: options.partition,
    types: policies.types,
    callerAccountId: snapshot.caller.accountId,
    callerExempt: snapshot.caller.accountId === snapshot.organization.managementAccountId,
    rootSessions: options.rootSessions ?? { state: 'available' },
    predictions,
    notPredicted,
    unreadable: policies.policies.filter((p) => p.readError).map((p) => ({ policyId: p.id, name: p.name, error: p.readError! })),
    readAt: policies.readAt,
  };
}

function skipReason(account: OrgAccount): string | undefined {
  if (account.isManagement) return 'the management account is not subject to SCPs, and root sessions cannot target it';
  if (account.state !== 'ACTIVE') return `the account is ${account.state}: root tasks need an active account`;
  return undefined;
}

/** The caller's own path, or `exempt` for the management account (SCPs never apply to it). */
type CallerPath = AccountPath | 'exempt' | 'unknown';

function callerPath(snapshot: Snapshot, paths: OrgPaths): CallerPath {
  const id = snapshot.caller.accountId;
  if (id === snapshot.organization.managementAccountId) return 'exempt';
  const account = snapshot.accounts.find((a) => a.id === id);
  return (account && paths.of(id, account.parentId)) ?? 'unknown';
}

/** One decided request: which call, and the filters' answer. */
interface CallAnswer {
  action: string;
  answer: OrgFilterAnswer;
  /** Decided on the caller's path (`sts:AssumeRoot`) rather than the account's. */
  onCallerPath?: boolean;
  /** What the call serves, for one the task does without (TaskCall.optional). */
  optional?: string;
}

/** What one prediction run shares: the inputs, and the answers per path for paths that cannot tell accounts apart. */
interface Run {
  snapshot: Snapshot;
  byId: ReadonlyMap<string, OrgPolicy>;
  options: PredictOptions;
  caller: CallerPath;
  /** Ids of the policies whose answers are the same for every account (accountNeutral). */
  neutral: ReadonlySet<string>;
  memo: Map<string, CallAnswer[]>;
}

function predictTask(accountId: string, path: AccountPath, task: TaskPolicyName, run: Run): TaskPrediction {
  const { caller } = run;
  const sessions = run.options.rootSessions;
  if (sessions?.state === 'unavailable') {
    return { accountId, task, result: 'blocked', blockedCalls: ['sts:AssumeRoot'], dependingCalls: [], dependsOn: [], statements: [], missingAllows: [], summary: `${TASK_LABELS[task]} blocked: ${sessions.reason}` };
  }
  const scps = path.levels.SERVICE_CONTROL_POLICY;
  const rcps = RCP_TASKS.has(task) ? path.levels.RESOURCE_CONTROL_POLICY : undefined;
  const callerScps = caller === 'exempt' || caller === 'unknown' ? undefined : caller.levels.SERVICE_CONTROL_POLICY;
  const key = memoKey(task, path, scps, rcps, callerScps, run.neutral);
  let answers = key === undefined ? undefined : run.memo.get(key);
  if (!answers) {
    answers = decideCalls(accountId, path, task, scps, rcps, run);
    if (key !== undefined) run.memo.set(key, answers);
  }
  const unreadable = [...path.unreadable.filter((p) => p.kind === 'SERVICE_CONTROL_POLICY' || rcps)];
  if (caller !== 'exempt' && caller !== 'unknown') unreadable.push(...caller.unreadable.filter((p) => p.kind === 'SERVICE_CONTROL_POLICY'));
  const extraDepends = [
    ...new Set(unreadable.map((p) => `policy ${p.id} unreadable`)),
    ...(caller === 'unknown' ? ["the caller account's path"] : []),
    ...(sessions?.state === 'unknown' ? [sessions.reason] : []),
  ];
  return combine(accountId, task, answers, path.targets, caller === 'exempt' || caller === 'unknown' ? [] : caller.targets, run.byId, extraDepends);
}

function decideCalls(accountId: string, path: AccountPath, task: TaskPolicyName, scps: Policy[][] | undefined, rcps: Policy[][] | undefined, run: Run): CallAnswer[] {
  const answers: CallAnswer[] = [];
  const assumeRoot = assumeRootAnswer(accountId, task, run.caller, run.snapshot, run.options);
  if (assumeRoot) answers.push(assumeRoot);
  const policies = [...(scps ?? []).flat(), ...(rcps ?? []).flat()];
  const statements = policies.flatMap((p) => p.statements);
  for (const call of TASK_CALLS[task]) {
    // The request's own values fill the policies' variables (`${aws:PrincipalOrgID}-logs`).
    const { names, capped } = resourceNamesToTry(call, policies, memberRequest(call, accountId, path, run.snapshot, run.options).requests[0].context);
    const decide = (name?: string) => {
      const { requests, unsure } = memberRequest(call, accountId, path, run.snapshot, run.options, name, statements);
      const decided = requests.map((request) => decideOrgFilters(request, { scps, rcps }));
      return decided.length > 1 ? eitherName(decided, unsure, false) : decided[0];
    };
    answers.push({ action: call.action, answer: names.length > 1 ? eitherName(names.map(decide), [whichResource(call.target)!], capped) : decide(names[0]), optional: call.optional });
  }
  return answers;
}

/**
 * One answer for a call on whichever bucket, queue or MFA device the task meets (or from whichever path the
 * caller's role has, or whichever of its undocumented keys a call on no resource carries): the answer for
 * every one, when they agree and every one the policies tell apart was tried; else `depends` on `which`,
 * naming the statements that deny (or may deny) some.
 */
function eitherName(answers: readonly OrgFilterAnswer[], which: readonly string[], capped: boolean): OrgFilterAnswer {
  const deciding = new Map<string, OrgFilterAnswer['deciding'][number]>();
  for (const answer of answers) {
    if (answer.outcome === 'allowed') continue;
    for (const d of answer.deciding) deciding.set(`${d.policy}#${d.statement}`, d);
  }
  if (!capped && answers.every((a) => a.outcome === 'allowed')) return answers[0];
  if (!capped && answers.every((a) => a.outcome === 'depends') && deciding.size === answers[0].deciding.length) return answers[0];
  // Denied whichever is picked, by one statement or another, explicitly or for want of an Allow: every
  // statement that denies some is named, and an explicit denial stands for the lot.
  if (!capped && answers.every((a) => a.outcome === 'denied')) return { ...(answers.find((a) => a.denial === 'explicitDeny') ?? answers[0]), deciding: [...deciding.values()] };
  const dependsOn = [...new Set([...which, ...answers.flatMap((a) => a.dependsOn)])];
  return { outcome: 'depends', deciding: [...deciding.values()], dependsOn, dependsOnEach: [...deciding.values()].map(() => [...which]) };
}

/**
 * Accounts whose requests meet the same policies at every level, from the same OU path, get the same answers
 * when no policy involved can tell accounts apart: the key says so; undefined when some policy can.
 */
function memoKey(task: TaskPolicyName, path: AccountPath, scps: Policy[][] | undefined, rcps: Policy[][] | undefined, callerScps: Policy[][] | undefined, neutral: ReadonlySet<string>): string | undefined {
  const parts: string[] = [task, path.orgPath];
  for (const levels of [scps, rcps, callerScps]) {
    for (const level of levels ?? []) {
      for (const policy of level) if (!neutral.has(policy.name)) return undefined;
      parts.push(level.map((p) => p.name).join(','));
    }
    parts.push('/');
  }
  return parts.join('|');
}

/**
 * The member-account requests of one call of the task, as its root session makes it (on `name`, a bucket's or
 * queue's): one, or for a call on no resource one per way it may carry the keys `statements` read that AWS
 * leaves undocumented there (rootSessionCallRequests), `unsure` naming them.
 */
function memberRequest(call: TaskCall, accountId: string, path: AccountPath, snapshot: Snapshot, options: PredictOptions, name?: string, statements: readonly PolicyStatement[] = []): { requests: Request[]; unsure: string[] } {
  const orgId = snapshot.organization.id;
  // An IAM call carries its partition's home Region instead (rootSessionRequest).
  const extra: Record<string, string | string[]> = {
    ...DIRECT_CALL,
    'aws:PrincipalOrgID': orgId,
    'aws:PrincipalOrgPaths': [path.orgPath],
    'aws:RequestedRegion': options.region,
  };
  if (call.target !== 'none') Object.assign(extra, { 'aws:ResourceOrgID': orgId, 'aws:ResourceOrgPaths': [path.orgPath] });
  const named = name === undefined ? {} : { [call.target]: name };
  return rootSessionCallRequests(call, { partition: options.partition, account: accountId, region: options.region, ...named }, extra, statements);
}

/** The caller's `sts:AssumeRoot` for this task and account against the caller's own SCP path. */
function assumeRootAnswer(accountId: string, task: TaskPolicyName, caller: CallerPath, snapshot: Snapshot, options: PredictOptions): CallAnswer | undefined {
  if (caller === 'exempt' || caller === 'unknown') return undefined;
  const { partition, region } = options;
  const orgId = snapshot.organization.id;
  const request: Request = {
    action: 'sts:AssumeRoot',
    resource: `arn:${partition}:iam::${accountId}:root`,
    principal: { type: 'AWS', id: snapshot.caller.arn },
    context: {
      ...DIRECT_CALL,
      'sts:TaskPolicyArn': taskPolicyArn(task, partition),
      'aws:PrincipalAccount': snapshot.caller.accountId,
      'aws:PrincipalOrgID': orgId,
      'aws:PrincipalOrgPaths': [caller.orgPath],
      'aws:RequestedRegion': region,
      'aws:ResourceAccount': accountId,
      'aws:ResourceOrgID': orgId,
    },
    // Made with the caller's IAM credentials: no aws:AssumedRoot, and no tag key (AssumeRoot takes none).
    ...ASSUME_ROOT_ABSENCE,
  };
  const scps = caller.levels.SERVICE_CONTROL_POLICY;
  // The caller's session ARN does not say its role's path: decided at each path its SCPs tell apart.
  const { arns, capped } = rolePathsToTry(snapshot.caller.arn, (scps ?? []).flat(), 'sts:AssumeRoot');
  const decide = (arn?: string) => decideOrgFilters(arn ? { ...request, context: { ...request.context, 'aws:PrincipalArn': arn } } : request, { scps });
  return { action: 'sts:AssumeRoot', answer: arns.length > 1 ? eitherName(arns.map(decide), ["the caller role's path"], capped) : decide(), onCallerPath: true };
}

/**
 * The prediction from the calls' answers: the calls the task needs decide it; those it does without
 * (TaskCall.optional), when denied or when they may be denied, are listed, and named in the summary of a
 * task that is not blocked (with the keys and statements a depending one hinges on).
 */
function combine(accountId: string, task: TaskPolicyName, answers: readonly CallAnswer[], targets: readonly string[], callerTargets: readonly string[], byId: ReadonlyMap<string, OrgPolicy>, extraDepends: string[]): TaskPrediction {
  const optional = answers.filter((a) => a.optional !== undefined);
  const denied = optional.filter((a) => a.answer.outcome === 'denied');
  const depending = optional.filter((a) => a.answer.outcome === 'depends');
  const prediction = combineNeeded(accountId, task, answers.filter((a) => a.optional === undefined), targets, callerTargets, byId, extraDepends);
  if (denied.length === 0 && depending.length === 0) return prediction;
  const without = (calls: readonly CallAnswer[]) => calls.map((a) => `${a.optional} (${a.action})`).join(' and ');
  const keys = [...new Set(depending.flatMap((a) => a.answer.dependsOn))];
  const notes = [
    ...(denied.length ? [`${without(denied)} blocked`] : []),
    ...(depending.length ? [`${without(depending)} may be blocked, depending on ${keys.join(', ')}${hingingOn(statementsOf([], depending, byId))}`] : []),
  ];
  const summary = prediction.result === 'blocked' ? prediction.summary : `${prediction.summary}; ${notes.join('; ')}`;
  return { ...prediction, blockedOptionalCalls: denied.map((a) => a.action), dependingOptionalCalls: depending.map((a) => a.action), summary };
}

function combineNeeded(accountId: string, task: TaskPolicyName, answers: readonly CallAnswer[], targets: readonly string[], callerTargets: readonly string[], byId: ReadonlyMap<string, OrgPolicy>, extraDepends: string[]): TaskPrediction {
  const denied = answers.filter((a) => a.answer.outcome === 'denied');
  const uncertain = answers.filter((a) => a.answer.outcome === 'depends');
  const label = TASK_LABELS[task];
  const dependingCalls = uncertain.map((a) => a.action);
  if (denied.length > 0) {
    // The calls that only may be blocked are named too: a reader who lifts the certain block meets them next.
    const statements = statementsOf(denied, uncertain, byId);
    const missingAllows = missingAllowsOf(denied, targets, callerTargets);
    const dependsOn = [...new Set(uncertain.flatMap((a) => a.answer.dependsOn))];
    const summary = `${label} blocked${blockers(statements.filter((s) => s.certain), missingAllows)}${alsoDepending(uncertain, statements.filter((s) => s.dependingCalls.length > 0))}`;
    return { accountId, task, result: 'blocked', blockedCalls: denied.map((d) => d.action), dependingCalls, dependsOn, statements, missingAllows, summary };
  }
  if (uncertain.length > 0 || extraDepends.length > 0) {
    const statements = statementsOf([], uncertain, byId);
    const dependsOn = [...new Set([...uncertain.flatMap((a) => a.answer.dependsOn), ...extraDepends])];
    return { accountId, task, result: 'depends', blockedCalls: [], dependingCalls, dependsOn, statements, missingAllows: [], summary: `${label} depends on ${dependsOn.join(', ')}${hingingOn(statements)}` };
  }
  return { accountId, task, result: 'works', blockedCalls: [], dependingCalls: [], dependsOn: [], statements: [], missingAllows: [], summary: `${label} works` };
}

/**
 * Every statement an answer hangs on, as a blocked task names every one that blocks it; with several, each
 * with its own keys, or the reader cannot tell which statement tests which key: ` (SCP Net (p-1), statement 1)`.
 */
function hingingOn(statements: readonly PredictedStatement[]): string {
  const several = statements.length > 1;
  const named = statements.map((s) => `${kindLabel(s.kind)} ${s.policyName} (${s.policyId}), ${statementName(s.statement)}${several && s.dependsOn.length ? `: ${s.dependsOn.join(', ')}` : ''}`);
  return statements.length ? ` (${named.join('; ')})` : '';
}

/** What else may block a blocked task: `; iam:GetUser may be blocked too, depending on aws:SourceIp (SCP …)`. */
function alsoDepending(uncertain: readonly CallAnswer[], statements: readonly PredictedStatement[]): string {
  if (uncertain.length === 0) return '';
  const keys = [...new Set(uncertain.flatMap((a) => a.answer.dependsOn))];
  return `; ${callList(uncertain.map((a) => a.action))} may be blocked too, depending on ${keys.join(', ')}${hingingOn(statements)}`;
}

/**
 * What stops a task: ` by SCP DenyRoot (p-abc123), statement 2 (Sid)`, or `: no SCP at ou-… allows iam:GetUser
 * and 6 more calls`. When several stop it (an SCP some of its calls, an RCP others), each is named with the
 * calls it stops: the first alone would leave the others' calls looking like its own.
 */
function blockers(statements: readonly PredictedStatement[], missing: readonly MissingAllow[]): string {
  const denials = statements.map((s) => `by ${kindLabel(s.kind)} ${s.policyName} (${s.policyId}), ${statementName(s.statement, s.sid)}`);
  const wanting = missing.map((m) => `no ${kindLabel(m.kind)} at ${m.targetId} allows ${callList(m.calls)}`);
  const several = denials.length + wanting.length > 1;
  const parts = [...denials.map((text, i) => (several ? `${text}: ${callList(certainCalls(statements[i]))}` : text)), ...wanting];
  return `${denials.length > 0 ? ' ' : ': '}${parts.join('; ')}`;
}

/** `iam:GetUser`, `iam:GetUser and 1 more call`, or `iam:GetUser and 6 more calls`. */
function callList(calls: readonly string[]): string {
  const more = calls.length - 1;
  return more === 0 ? calls[0] : `${calls[0]} and ${more} more call${more === 1 ? '' : 's'}`;
}

function kindLabel(kind: OrgPolicy['kind']): string {
  return kind === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP';
}

/** The calls a statement blocks for certain. */
function certainCalls(statement: PredictedStatement): string[] {
  return statement.calls.filter((call) => !statement.dependingCalls.includes(call));
}

/**
 * The statements that decided, each once with the calls it decided, those of `denied` (certainly) first, then
 * those of `uncertain` (maybe): a statement that denies one call and may deny another is one entry, certain,
 * its maybe calls in `dependingCalls`.
 */
function statementsOf(denied: readonly CallAnswer[], uncertain: readonly CallAnswer[], byId: ReadonlyMap<string, OrgPolicy>): PredictedStatement[] {
  const found = new Map<string, PredictedStatement>();
  const decided = [...denied.map((a) => ({ ...a, certain: true })), ...uncertain.map((a) => ({ ...a, certain: false }))];
  for (const { action, answer, certain } of decided) {
    answer.deciding.forEach((d, i) => {
      const policy = byId.get(d.policy);
      const key = `${d.policy}#${d.statement}`;
      let entry = found.get(key);
      if (!entry) {
        entry = { policyId: d.policy, policyName: policy?.name ?? d.policy, kind: policy?.kind ?? 'SERVICE_CONTROL_POLICY', statement: d.statement, sid: d.sid, line: d.line, certain, calls: [], dependingCalls: [], dependsOn: [] };
        found.set(key, entry);
      }
      if (!entry.calls.includes(action)) entry.calls.push(action);
      if (!certain && !entry.dependingCalls.includes(action)) entry.dependingCalls.push(action);
      for (const k of answer.dependsOnEach?.[i] ?? []) if (!entry.dependsOn.includes(k)) entry.dependsOn.push(k);
    });
  }
  return [...found.values()];
}

function missingAllowsOf(denied: readonly CallAnswer[], targets: readonly string[], callerTargets: readonly string[]): MissingAllow[] {
  const found = new Map<string, MissingAllow>();
  for (const { action, answer, onCallerPath } of denied) {
    if (answer.denial !== 'implicitDeny' || !answer.level) continue;
    const kind = answer.level.kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
    const targetId = (onCallerPath ? callerTargets : targets)[answer.level.index];
    const key = `${kind}#${targetId}`;
    const entry = found.get(key) ?? { kind, targetId, calls: [] };
    entry.calls.push(action);
    found.set(key, entry);
  }
  return [...found.values()];
}
