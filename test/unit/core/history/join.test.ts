import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHistory } from '../../../../src/core/history/join';
import { renderHistory } from '../../../../src/core/history/render';
import type { RegionRead, RootSessionEvent } from '../../../../src/core/history/model';
import { type AuditRecord, readAuditLog } from '../../../../src/core/root/auditLog';
import type { RootTaskKind } from '../../../../src/core/root/taskModel';
import { taskPolicyArn, type TaskPolicyName } from '../../../../src/core/root/taskPolicies';

const MGMT = '111111111111';
const NOW = new Date('2026-12-04T12:00:00Z');
const WINDOW = { start: new Date('2026-09-05T12:00:00Z'), end: NOW };
const BREAK_GLASS = `arn:aws:iam::${MGMT}:role/BreakGlass`;
const ROOTGUARD_USER = `arn:aws:iam::${MGMT}:user/rootguard`;

let n = 0;
function event(target: string, task: TaskPolicyName, daysAgo: number, region: string, caller: 'breakGlass' | 'rootguard' | 'contractor' = 'breakGlass', extra: Partial<RootSessionEvent> = {}): RootSessionEvent {
  n++;
  const callerArn = caller === 'breakGlass' ? `arn:aws:sts::${MGMT}:assumed-role/BreakGlass/oncall` : caller === 'rootguard' ? ROOTGUARD_USER : `arn:aws:iam::${MGMT}:user/contractor`;
  return {
    eventId: `e${n}`,
    region,
    time: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
    callerArn,
    principalArn: caller === 'breakGlass' ? BREAK_GLASS : callerArn,
    callerAccountId: MGMT,
    targetAccountId: target,
    taskPolicyArn: taskPolicyArn(task),
    taskPolicy: task,
    sessionAccessKeyId: `ASIAKEY${String(n).padStart(4, '0')}`,
    ...extra,
  };
}

/** The task policy each RootGuard task opens its sessions with. */
const TASK_POLICY: Record<RootTaskKind, TaskPolicyName> = {
  deleteRootCredentials: 'IAMDeleteRootUserCredentials',
  allowPasswordRecovery: 'IAMCreateRootUserPassword',
  unlockS3BucketPolicy: 'S3UnlockBucketPolicy',
  unlockSqsQueuePolicy: 'SQSUnlockQueuePolicy',
  restoreS3BucketPolicy: 'S3UnlockBucketPolicy',
  restoreSqsQueuePolicy: 'SQSUnlockQueuePolicy',
};

function record(type: 'intent' | 'outcome' | 'plan', key: string, accountId: string, task: RootTaskKind, daysAgo: number, more: Record<string, unknown> = {}): AuditRecord {
  return {
    v: 1,
    id: `${type}-${key}`,
    time: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
    runId: `run-${key}`,
    callerArn: ROOTGUARD_USER,
    accountId,
    task,
    taskPolicy: TASK_POLICY[task],
    sessionAccessKeyId: key,
    parameters: {},
    type,
    changes: [],
    ...(type === 'outcome' ? { intentId: `intent-${key}`, outcome: 'done', changed: [], notChanged: [] } : {}),
    ...(type === 'plan' ? { reason: 'dry-run' } : {}),
    ...more,
  } as AuditRecord;
}

const regions = (...names: string[]): RegionRead[] => names.map((region) => ({ region, pages: 1, events: 0 }));

describe('root session history: joins and flags', () => {
  it('joins RootGuard’s own sessions by key id across regions; other changing sessions are flagged, read-only audits are not', () => {
    const mine = event('222222222222', 'IAMDeleteRootUserCredentials', 3, 'eu-west-1', 'rootguard');
    const foreign = event('333333333333', 'S3UnlockBucketPolicy', 2, 'us-east-1');
    const audit = event('444444444444', 'IAMAuditRootUserCredentials', 1, 'ap-southeast-2');
    const h = buildHistory({
      events: [foreign, mine, audit],
      regions: regions('us-east-1', 'eu-west-1', 'ap-southeast-2'),
      auditRecords: [record('intent', mine.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 3), record('outcome', mine.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 3)],
      window: WINDOW,
    });
    assert.deepEqual(h.sessions.map((s) => s.eventId), [audit.eventId, foreign.eventId, mine.eventId], 'newest first, whatever the region');
    const byId = new Map(h.sessions.map((s) => [s.eventId, s]));
    assert.deepEqual(byId.get(mine.eventId)!.rootGuard, { runId: `run-${mine.sessionAccessKeyId}`, task: 'deleteRootCredentials', result: 'done' });
    assert.deepEqual(byId.get(mine.eventId)!.flags, []);
    assert.deepEqual(byId.get(foreign.eventId)!.flags, ['not-started-by-rootguard']);
    assert.equal(byId.get(audit.eventId)!.rootGuard, undefined);
    assert.deepEqual(byId.get(audit.eventId)!.flags, []);
    assert.equal(h.totals.startedByRootGuard, 1);
    assert.equal(h.totals['not-started-by-rootguard'], 1);
    assert.equal(h.expectedPrincipals, undefined);
  });

  it('an event whose key id matches no audit record is foreign; an audit record matching no event is listed as not found', () => {
    const unmatched = event('222222222222', 'IAMDeleteRootUserCredentials', 5, 'us-east-1', 'rootguard');
    const h = buildHistory({
      events: [unmatched],
      regions: regions('us-east-1'),
      auditRecords: [
        record('outcome', 'ASIAOTHERREGION01', '555555555555', 'unlockS3BucketPolicy', 4),
        // Older than the window: not expected to be found.
        record('outcome', 'ASIAOLDSESSION001', '555555555555', 'unlockS3BucketPolicy', 200),
      ],
      window: WINDOW,
    });
    assert.deepEqual(h.sessions[0].flags, ['not-started-by-rootguard']);
    assert.equal(h.sessions[0].rootGuard, undefined);
    assert.deepEqual(h.notFoundInCloudTrail.map((x) => [x.sessionAccessKeyId, x.accountId, x.task]), [['ASIAOTHERREGION01', '555555555555', 'unlockS3BucketPolicy']]);
  });

  it('a record naming a session’s key vouches for it only with its account, task and caller; one that disagrees flags it', () => {
    const otherAccount = event('333333333333', 'S3UnlockBucketPolicy', 5, 'us-east-1', 'contractor');
    const otherCaller = event('222222222222', 'IAMDeleteRootUserCredentials', 4, 'us-east-1', 'contractor');
    const readOnly = event('444444444444', 'IAMAuditRootUserCredentials', 3, 'us-east-1', 'rootguard');
    const mine = event('555555555555', 'IAMDeleteRootUserCredentials', 2, 'us-east-1', 'rootguard');
    const recovered = event('555555555555', 'IAMCreateRootUserPassword', 6, 'us-east-1');
    const h = buildHistory({
      events: [otherAccount, otherCaller, readOnly, mine, recovered],
      regions: regions('us-east-1'),
      auditRecords: [
        record('outcome', otherAccount.sessionAccessKeyId!, '555555555555', 'deleteRootCredentials', 5),
        record('outcome', otherCaller.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 4),
        record('intent', readOnly.sessionAccessKeyId!, '444444444444', 'unlockS3BucketPolicy', 3),
        // One record agrees and vouches (a deletion of the password); another line naming the key for another account counts for nothing.
        record('outcome', mine.sessionAccessKeyId!, '555555555555', 'deleteRootCredentials', 2, { parameters: { kinds: ['password'] } }),
        record('outcome', mine.sessionAccessKeyId!, '666666666666', 'deleteRootCredentials', 2, { parameters: { kinds: ['accessKeys'] } }),
      ],
      window: WINDOW,
    });
    const contractor = `arn:aws:iam::${MGMT}:user/contractor`;
    assert.deepEqual(h.sessions.map((s) => [s.targetAccountId, s.callerArn, Boolean(s.rootGuard), s.flags, s.auditMismatch]), [
      ['555555555555', ROOTGUARD_USER, true, [], undefined],
      ['444444444444', ROOTGUARD_USER, false, ['not-started-by-rootguard'], "the audit log names this session's key for task S3UnlockBucketPolicy"],
      ['222222222222', contractor, false, ['not-started-by-rootguard'], `the audit log names this session's key for caller ${ROOTGUARD_USER}`],
      ['333333333333', contractor, false, ['not-started-by-rootguard'], `the audit log names this session's key for account 555555555555, task IAMDeleteRootUserCredentials, caller ${ROOTGUARD_USER}`],
      ['555555555555', recovered.callerArn, false, ['not-started-by-rootguard'], undefined],
    ]);
    assert.deepEqual([h.totals.startedByRootGuard, h.totals['not-started-by-rootguard'], h.totals['recovery-not-followed-by-deletion'], h.notFoundInCloudTrail], [1, 4, 0, []]);
    const row = renderHistory(h, 'table').split('\n').find((line) => line.includes('333333333333'))!;
    assert.match(row, / no +not-started-by-rootguard \(the audit log names this session's key for account 555555555555, task IAMDeleteRootUserCredentials, caller arn:aws:iam::111111111111:user\/rootguard\)$/);
  });

  it('flags a password recovery with no later deletion on that account; a later deletion in another region clears it', () => {
    const recoveredThenDeleted = event('222222222222', 'IAMCreateRootUserPassword', 30, 'eu-west-1');
    const deletion = event('222222222222', 'IAMDeleteRootUserCredentials', 29, 'us-east-1');
    const deletionBefore = event('333333333333', 'IAMDeleteRootUserCredentials', 40, 'us-east-1');
    const recoveredOnly = event('333333333333', 'IAMCreateRootUserPassword', 20, 'eu-west-1');
    const deletionElsewhere = event('444444444444', 'IAMDeleteRootUserCredentials', 10, 'us-east-1');
    const h = buildHistory({ events: [recoveredOnly, deletion, deletionBefore, recoveredThenDeleted, deletionElsewhere], regions: regions('us-east-1', 'eu-west-1'), auditRecords: [], window: WINDOW });
    const flags = (e: RootSessionEvent) => h.sessions.find((s) => s.eventId === e.eventId)!.flags;
    assert.ok(!flags(recoveredThenDeleted).includes('recovery-not-followed-by-deletion'));
    assert.ok(flags(recoveredOnly).includes('recovery-not-followed-by-deletion'), 'a deletion before the recovery does not count');
    assert.equal(h.totals['recovery-not-followed-by-deletion'], 1);
    const account = h.accounts.find((a) => a.accountId === '333333333333')!;
    assert.deepEqual(account.flagged, { 'not-started-by-rootguard': 2, 'recovery-not-followed-by-deletion': 1 });
  });

  it('a RootGuard deletion that was only a dry run does not count as the deletion; a dry-run recovery is not a recovery', () => {
    const recovered = event('222222222222', 'IAMCreateRootUserPassword', 10, 'us-east-1');
    const dryDeletion = event('222222222222', 'IAMDeleteRootUserCredentials', 9, 'us-east-1', 'rootguard');
    const dryRecovery = event('333333333333', 'IAMCreateRootUserPassword', 8, 'us-east-1', 'rootguard');
    const h = buildHistory({
      events: [recovered, dryDeletion, dryRecovery],
      regions: regions('us-east-1'),
      auditRecords: [record('plan', dryDeletion.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 9), record('plan', dryRecovery.sessionAccessKeyId!, '333333333333', 'allowPasswordRecovery', 8)],
      window: WINDOW,
    });
    const flags = (e: RootSessionEvent) => h.sessions.find((s) => s.eventId === e.eventId)!.flags;
    assert.ok(flags(recovered).includes('recovery-not-followed-by-deletion'));
    assert.deepEqual(flags(dryRecovery), []);
  });

  it('a RootGuard deletion of other kinds than the password does not count, done or with nothing to change', () => {
    const recovered = event('222222222222', 'IAMCreateRootUserPassword', 10, 'us-east-1');
    const keysOnly = event('222222222222', 'IAMDeleteRootUserCredentials', 9, 'us-east-1', 'rootguard');
    const keysDone = event('222222222222', 'IAMDeleteRootUserCredentials', 8, 'us-east-1', 'rootguard');
    const history = (password: boolean) =>
      buildHistory({
        events: [recovered, keysOnly, keysDone],
        regions: regions('us-east-1'),
        auditRecords: [
          record('plan', keysOnly.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 9, { reason: 'nothing-to-change', parameters: { kinds: password ? ['password', 'accessKeys'] : ['accessKeys'] } }),
          record('outcome', keysDone.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 8, { parameters: { kinds: ['signingCertificates'] } }),
        ],
        window: WINDOW,
      });
    const flags = (h: ReturnType<typeof history>) => h.sessions.find((s) => s.eventId === recovered.eventId)!.flags;
    assert.ok(flags(history(false)).includes('recovery-not-followed-by-deletion'));
    assert.ok(!flags(history(true)).includes('recovery-not-followed-by-deletion'), 'the password found already gone');
  });

  it('flags principals outside the expected list, matching the role behind a session and ArnLike wildcards', () => {
    const breakGlass = event('222222222222', 'IAMAuditRootUserCredentials', 3, 'us-east-1');
    const rootguard = event('222222222222', 'IAMAuditRootUserCredentials', 2, 'us-east-1', 'rootguard');
    const contractor = event('222222222222', 'IAMAuditRootUserCredentials', 1, 'us-east-1', 'contractor');
    const h = buildHistory({
      events: [breakGlass, rootguard, contractor],
      regions: regions('us-east-1'),
      auditRecords: [],
      window: WINDOW,
      expectedPrincipals: [BREAK_GLASS, `arn:aws:iam::${MGMT}:user/root*`],
    });
    assert.deepEqual(h.sessions.map((s) => [s.callerArn, s.flags]), [
      [contractor.callerArn, ['unexpected-principal']],
      [rootguard.callerArn, []],
      [breakGlass.callerArn, []],
    ]);
    assert.deepEqual(h.expectedPrincipals, [BREAK_GLASS, `arn:aws:iam::${MGMT}:user/root*`]);
  });

  it('per account: the last session and its task policy, RootGuard’s own sessions alike; refused calls are kept apart', () => {
    const older = event('222222222222', 'IAMAuditRootUserCredentials', 9, 'us-east-1');
    const last = event('222222222222', 'IAMDeleteRootUserCredentials', 2, 'eu-west-1', 'rootguard');
    const refused = event('222222222222', 'S3UnlockBucketPolicy', 1, 'us-east-1', 'contractor', { sessionAccessKeyId: undefined, errorCode: 'AccessDenied' });
    const h = buildHistory({
      events: [older, refused, last, { ...last }],
      regions: regions('us-east-1', 'eu-west-1'),
      auditRecords: [record('intent', last.sessionAccessKeyId!, '222222222222', 'deleteRootCredentials', 2)],
      window: WINDOW,
    });
    assert.equal(h.sessions.length, 2, 'a duplicate event is counted once');
    assert.deepEqual(h.accounts, [
      {
        accountId: '222222222222',
        sessions: 2,
        last: { time: last.time, task: 'IAMDeleteRootUserCredentials', callerArn: ROOTGUARD_USER, region: 'eu-west-1', startedByRootGuard: true },
        flagged: {},
      },
    ]);
    assert.equal(h.sessions[0].rootGuard!.result, 'intent-only');
    assert.deepEqual(h.refused.map((r) => r.errorCode), ['AccessDenied']);
    assert.equal(h.totals.refused, 1);
  });

  it('counts the audit log lines skipped as no whole record, which the extension shows; none skipped, no count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rootguard-history-skipped-'));
    try {
      const path = join(dir, 'root-tasks.jsonl');
      const kept = record('intent', 'ASIASANDBOXKEPT', '222222222222', 'deleteRootCredentials', 2);
      // A torn last line, a bare number and an outcome without its parameters: three lines, none a record.
      await writeFile(path, [JSON.stringify(kept), '{"v":1,"type":"int', '42', '{"v":1,"type":"outcome","sessionAccessKeyId":"ASIASANDBOXTORN"}'].join('\n'));
      const audit = await readAuditLog(path);
      const h = buildHistory({ events: [], regions: regions('us-east-1'), auditRecords: audit.records, auditLogSkippedLines: audit.unreadableLines, window: WINDOW });
      assert.equal(h.auditLogSkippedLines, 3);
      assert.deepEqual(h.notFoundInCloudTrail.map((s) => s.sessionAccessKeyId), ['ASIASANDBOXKEPT'], 'the whole record around them is still read');
      const none = buildHistory({ events: [], regions: regions('us-east-1'), auditRecords: [kept], auditLogSkippedLines: 0, window: WINDOW });
      assert.equal('auditLogSkippedLines' in none, false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
