import assert from 'node:assert/strict';
import { expectedFromHolders } from '../../../../src/core/history/expected';
import { buildHistory } from '../../../../src/core/history/join';
import type { RootSessionEvent } from '../../../../src/core/history/model';
import type { Holder, HolderGrant, HoldersReport } from '../../../../src/core/holders/model';
import { taskPolicyArn, type TaskPolicyName } from '../../../../src/core/root/taskPolicies';

const MGMT = '111111111111';
const A = '222222222222';
const B = '333333333333';
const C = '444444444444';
const NOW = new Date('2026-12-04T12:00:00Z');
const WINDOW = { start: new Date('2026-09-05T12:00:00Z'), end: NOW };
const PS_ARN = (n: number) => `arn:aws:sso:::permissionSet/ssoins-0000000000000000/ps-${String(n).padStart(16, '0')}`;

const grant = (task: HolderGrant['task'], accounts: string[] | 'every', uncheckedAccounts = 0, exceptAccounts: string[] = []): HolderGrant => ({
  task,
  everyAccount: accounts === 'every',
  accounts: accounts === 'every' ? [] : accounts,
  uncheckedAccounts,
  exceptAccounts,
  unconditional: true,
  conditionKeys: [],
  conditionKinds: [],
  deciding: [],
});
const ALL_TASKS: TaskPolicyName[] = ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'];
const holder = (kind: Holder['kind'], name: string, arn: string, grants: HolderGrant[]): Holder => ({
  kind, name, arn, capability: 'recoveryOrDeletion', grants, boundaryRemoves: [], scpRemoves: [], trust: [], risk: { score: 0, reasons: [] },
});

/** The holders view of the management account: what each principal may open, and where. */
const HOLDERS: HoldersReport = {
  accountId: MGMT,
  examined: 10,
  scps: { status: 'managementAccount' },
  rootSessions: { state: 'available' },
  gaps: [],
  holders: [
    holder('user', 'admin', `arn:aws:iam::${MGMT}:user/admin`, ALL_TASKS.map((t) => grant(t, 'every'))),
    holder('role', 'BreakGlass', `arn:aws:iam::${MGMT}:role/breakglass/BreakGlass`, ALL_TASKS.map((t) => grant(t, 'every'))),
    holder('role', 'ci-audit', `arn:aws:iam::${MGMT}:role/ci/ci-audit`, [grant('IAMAuditRootUserCredentials', 'every')]),
    holder('user', 'ops-bob', `arn:aws:iam::${MGMT}:user/ops-bob`, [grant('IAMCreateRootUserPassword', [A, `arn:aws:iam::3333*:root`]), grant('IAMDeleteRootUserCredentials', [A])]),
    holder('user', 'dev-alice', `arn:aws:iam::${MGMT}:user/dev-alice`, []),
    holder('role', 'future', `arn:aws:iam::${MGMT}:role/future`, [grant('FutureTaskPolicy', 'every')]),
    holder('permissionSet', 'RootTasks', PS_ARN(1), ALL_TASKS.map((t) => grant(t, 'every'))),
    holder('user', 'ops-many', `arn:aws:iam::${MGMT}:user/ops-many`, [grant('IAMCreateRootUserPassword', [A], 4)]),
    // Every account but B (a Deny carves it out), and the 3333* pattern but B.
    holder('user', 'ops-carol', `arn:aws:iam::${MGMT}:user/ops-carol`, [grant('IAMDeleteRootUserCredentials', 'every', 0, [B]), grant('IAMCreateRootUserPassword', ['arn:aws:iam::3333*:root'], 0, [B])]),
    // Account patterns by their digits (an aws:ResourceAccount condition's): every account but 3333*, and 2222*.
    holder('user', 'ops-dave', `arn:aws:iam::${MGMT}:user/ops-dave`, [grant('IAMAuditRootUserCredentials', 'every', 0, ['3333*']), grant('IAMCreateRootUserPassword', ['2222*'])]),
  ],
};

let n = 0;
/** An AssumeRoot event by a user (`user/x`) or a role session (`role/path/x`), as the parser gives it. */
function event(principal: string, task: TaskPolicyName | 'unknown', target: string): RootSessionEvent {
  n++;
  const roleSession = principal.startsWith('role/');
  const roleName = principal.slice(principal.lastIndexOf('/') + 1);
  const principalArn = `arn:aws:iam::${MGMT}:${principal}`;
  return {
    eventId: `e${n}`,
    region: 'us-east-1',
    time: new Date(NOW.getTime() - n * 60_000).toISOString(),
    callerArn: roleSession ? `arn:aws:sts::${MGMT}:assumed-role/${roleName}/someone` : principalArn,
    principalArn,
    callerAccountId: MGMT,
    targetAccountId: target,
    taskPolicyArn: task === 'unknown' ? 'arn:aws:iam::aws:policy/root-task/IAMNewTask' : taskPolicyArn(task),
    ...(task === 'unknown' ? {} : { taskPolicy: task }),
    sessionAccessKeyId: `ASIAKEY${String(n).padStart(6, '0')}`,
  };
}

const SSO = 'role/aws-reserved/sso.amazonaws.com';
const CASES: [principal: string, task: TaskPolicyName | 'unknown', target: string, unexpected: string | undefined][] = [
  ['user/admin', 'IAMCreateRootUserPassword', A, undefined],
  ['role/breakglass/BreakGlass', 'S3UnlockBucketPolicy', C, undefined],
  ['role/ci/ci-audit', 'IAMAuditRootUserCredentials', B, undefined],
  ['role/ci/ci-audit', 'IAMCreateRootUserPassword', B, 'role ci-audit may not open IAMCreateRootUserPassword sessions'],
  ['user/ops-bob', 'IAMCreateRootUserPassword', A, undefined],
  ['user/ops-bob', 'IAMCreateRootUserPassword', B, undefined],
  ['user/ops-bob', 'IAMDeleteRootUserCredentials', B, `user ops-bob may not open IAMDeleteRootUserCredentials sessions on ${B}`],
  ['user/ops-bob', 'IAMCreateRootUserPassword', C, `user ops-bob may not open IAMCreateRootUserPassword sessions on ${C}`],
  ['user/dev-alice', 'IAMAuditRootUserCredentials', A, 'user dev-alice may not open IAMAuditRootUserCredentials sessions'],
  ['user/ops-many', 'IAMCreateRootUserPassword', A, undefined],
  ['user/ops-many', 'IAMCreateRootUserPassword', C, `user ops-many may not open IAMCreateRootUserPassword sessions on ${C}, unless it is one of 4 more named accounts not checked one by one`],
  ['user/ops-carol', 'IAMDeleteRootUserCredentials', C, undefined],
  ['user/ops-carol', 'IAMDeleteRootUserCredentials', B, `user ops-carol may not open IAMDeleteRootUserCredentials sessions on ${B}`],
  ['user/ops-carol', 'IAMCreateRootUserPassword', B, `user ops-carol may not open IAMCreateRootUserPassword sessions on ${B}`],
  ['user/ops-dave', 'IAMAuditRootUserCredentials', C, undefined],
  ['user/ops-dave', 'IAMAuditRootUserCredentials', B, `user ops-dave may not open IAMAuditRootUserCredentials sessions on ${B}`],
  ['user/ops-dave', 'IAMCreateRootUserPassword', A, undefined],
  ['user/ops-dave', 'IAMCreateRootUserPassword', C, `user ops-dave may not open IAMCreateRootUserPassword sessions on ${C}`],
  ['role/future', 'unknown', A, undefined],
  ['role/future', 'IAMAuditRootUserCredentials', A, 'role future may not open IAMAuditRootUserCredentials sessions'],
  ['user/contractor', 'S3UnlockBucketPolicy', A, 'not an expected principal'],
  ['role/BreakGlass', 'IAMAuditRootUserCredentials', A, 'not an expected principal'],
  [`${SSO}/AWSReservedSSO_RootTasks_0123456789abcdef`, 'IAMCreateRootUserPassword', A, undefined],
  [`${SSO}/eu-west-1/AWSReservedSSO_RootTasks_0123456789abcdef`, 'IAMDeleteRootUserCredentials', B, undefined],
  [`${SSO}/AWSReservedSSO_RootTasks_Extra_0123456789abcdef`, 'IAMAuditRootUserCredentials', A, 'not an expected principal'],
  [`role/AWSReservedSSO_RootTasks_0123456789abcdef`, 'IAMAuditRootUserCredentials', A, 'not an expected principal'],
];

describe('root session history: principals the holders view expects', () => {
  it('flags each session whose principal the holders view does not expect for that task and account, and says why', () => {
    const events = CASES.map(([principal, task, target]) => event(principal, task, target));
    const h = buildHistory({ events, regions: [{ region: 'us-east-1', pages: 1, events: events.length }], auditRecords: [], window: WINDOW, expectedPrincipals: expectedFromHolders(HOLDERS), expectedFrom: { from: 'holders', gaps: [] } });
    const byId = new Map(h.sessions.map((s) => [s.eventId, s]));
    const got = events.map((e, i) => {
      const s = byId.get(e.eventId)!;
      return [CASES[i][0], CASES[i][1], CASES[i][2], s.flags.includes('unexpected-principal') ? s.unexpected : undefined];
    });
    assert.deepEqual(got, CASES);
    assert.equal(h.totals['unexpected-principal'], CASES.filter((c) => c[3]).length);
    assert.deepEqual(h.expectedFrom, { from: 'holders', gaps: [] });
  });

  it('names each holder and matches a permission set through the role Identity Center provisions for it', () => {
    const expected = expectedFromHolders(HOLDERS);
    assert.deepEqual(expected.map((p) => p.name), ['user admin', 'role BreakGlass', 'role ci-audit', 'user ops-bob', 'user dev-alice', 'role future', 'permission set RootTasks', 'user ops-many', 'user ops-carol', 'user ops-dave']);
    assert.equal(expected[6].arn, `arn:aws:iam::${MGMT}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_RootTasks_????????????????`);
    assert.equal(expected[1].arn, `arn:aws:iam::${MGMT}:role/breakglass/BreakGlass`);
  });

  it('a principal named on its own may open any task on any account; one also in the holders view is not narrowed by it', () => {
    const audit = event('role/ci/ci-audit', 'IAMCreateRootUserPassword', C);
    const stranger = event('user/contractor', 'IAMCreateRootUserPassword', C);
    const given = buildHistory({ events: [audit, stranger], regions: [], auditRecords: [], window: WINDOW, expectedPrincipals: [`arn:aws:iam::${MGMT}:role/ci/*`] });
    assert.deepEqual(given.sessions.map((s) => [s.eventId, s.unexpected]), [[audit.eventId, undefined], [stranger.eventId, 'not an expected principal']]);
    assert.deepEqual(given.expectedFrom, { from: 'given' });
    const both = buildHistory({ events: [audit], regions: [], auditRecords: [], window: WINDOW, expectedPrincipals: [...expectedFromHolders(HOLDERS), `arn:aws:iam::${MGMT}:role/ci/ci-audit`] });
    assert.deepEqual([both.sessions[0].flags.includes('unexpected-principal'), both.sessions[0].unexpected], [false, undefined]);
  });

  it('when the holders view could not be read the flag is not evaluated, and the history says why', () => {
    const h = buildHistory({ events: [event('user/contractor', 'S3UnlockBucketPolicy', A)], regions: [], auditRecords: [], window: WINDOW, expectedFrom: { from: 'holders', gaps: [], error: { code: 'AccessDenied', message: 'no' } } });
    assert.deepEqual(h.sessions[0].flags, ['not-started-by-rootguard']);
    assert.equal(h.expectedPrincipals, undefined);
    assert.deepEqual(h.expectedFrom, { from: 'holders', gaps: [], error: { code: 'AccessDenied', message: 'no' } });
  });
});
