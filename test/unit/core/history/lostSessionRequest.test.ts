import assert from 'node:assert/strict';
import { buildHistory } from '../../../../src/core/history/join';
import type { RootSessionEvent } from '../../../../src/core/history/model';
import { renderHistory } from '../../../../src/core/history/render';
import type { PlanRecord, SessionRequestRecord } from '../../../../src/core/root/auditLog';
import { taskPolicyArn } from '../../../../src/core/root/taskPolicies';
import type { TaskPolicyName } from '../../../../src/core/root/taskPolicies';
import { parseCsv } from '../../../support/csv';

const NOW = new Date('2026-12-04T12:00:00Z');
const CALLER = 'arn:aws:iam::111111111111:user/rootguard';
const TARGET = '222222222222';
const NOTE = 'RootGuard lost an AssumeRoot response for this account at 2026-12-04T11:00:03.500Z (run run-1); this may be that session';

const event = (id: string, time: string, callerArn = CALLER, taskPolicy: TaskPolicyName = 'IAMDeleteRootUserCredentials'): RootSessionEvent => ({
  eventId: id,
  region: 'us-east-1',
  time,
  callerArn,
  principalArn: callerArn,
  callerAccountId: '111111111111',
  targetAccountId: TARGET,
  taskPolicyArn: taskPolicyArn(taskPolicy),
  taskPolicy,
  sessionAccessKeyId: `ASIA${id.toUpperCase()}`,
});

const lostRequest = (time: string, taskPolicy: TaskPolicyName = 'IAMDeleteRootUserCredentials'): SessionRequestRecord => ({
  v: 1,
  type: 'sessionRequest',
  id: 'req-1',
  time,
  runId: 'run-1',
  callerArn: CALLER,
  accountId: TARGET,
  task: taskPolicy === 'IAMCreateRootUserPassword' ? 'allowPasswordRecovery' : 'deleteRootCredentials',
  taskPolicy,
  parameters: {},
  ended: 'response-lost',
  error: { code: 'AssumeRootResponseLost', message: 'AssumeRoot was sent and its response lost (socket hang up)' },
});

/** The dry run's own session, opened by the retry after the lost attempt. */
const dryRunPlan = (key: string, taskPolicy: TaskPolicyName): PlanRecord => ({
  v: 1,
  type: 'plan',
  id: 'plan-1',
  time: '2026-12-04T11:00:04Z',
  runId: 'run-1',
  callerArn: CALLER,
  accountId: TARGET,
  task: taskPolicy === 'IAMCreateRootUserPassword' ? 'allowPasswordRecovery' : 'deleteRootCredentials',
  taskPolicy,
  sessionAccessKeyId: key,
  parameters: {},
  reason: 'dry-run',
  changes: [],
});

describe('history: a session RootGuard asked for and whose AssumeRoot response was lost', () => {
  const history = (events: RootSessionEvent[], sessionRequests: SessionRequestRecord[], plans: PlanRecord[] = []) =>
    buildHistory({
      events,
      regions: [{ region: 'us-east-1', events: events.length, pages: 1 }],
      auditRecords: plans,
      sessionRequests,
      window: { start: new Date('2026-12-01T00:00:00Z'), end: NOW },
      generatedAt: NOW,
    });
  const deletions = [event('lost', '2026-12-04T11:00:00Z'), event('earlier', '2026-12-04T10:00:00Z'), event('other', '2026-12-04T11:00:01Z', 'arn:aws:iam::111111111111:user/someone')];

  it('never vouches for a session: a foreign one opened before a lost-then-retried dry run keeps its flag, with a note', () => {
    const foreign = event('foreign', '2026-12-04T10:59:00Z');
    const own = event('own', '2026-12-04T11:00:04Z');
    const sessions = history([foreign, own], [lostRequest('2026-12-04T11:00:03.500Z')], [dryRunPlan('ASIAOWN', 'IAMDeleteRootUserCredentials')]).sessions;
    const byId = new Map(sessions.map((s) => [s.eventId, s]));
    assert.equal(byId.get('foreign')?.rootGuard, undefined);
    assert.deepEqual(byId.get('foreign')?.flags, ['not-started-by-rootguard']);
    assert.deepEqual(byId.get('foreign')?.notes, [NOTE]);
    // The retry's own session is vouched for by its plan record: no note.
    assert.deepEqual(byId.get('own')?.rootGuard, { runId: 'run-1', task: 'deleteRootCredentials', result: 'dry-run' });
    assert.equal(byId.get('own')?.notes, undefined);
  });

  it('a foreign password recovery keeps both its flags', () => {
    const recovery = event('recovery', '2026-12-04T10:59:00Z', CALLER, 'IAMCreateRootUserPassword');
    const [session] = history([recovery], [lostRequest('2026-12-04T11:00:03.500Z', 'IAMCreateRootUserPassword')]).sessions;
    assert.deepEqual(session.flags, ['not-started-by-rootguard', 'recovery-not-followed-by-deletion']);
    assert.deepEqual(session.notes, [NOTE]);
  });

  it('notes only sessions of its account, task policy and caller, just before it', () => {
    const byId = new Map(history(deletions, [lostRequest('2026-12-04T11:00:03.500Z')]).sessions.map((s) => [s.eventId, s]));
    assert.deepEqual(byId.get('lost')?.notes, [NOTE]);
    assert.deepEqual(byId.get('lost')?.flags, ['not-started-by-rootguard']);
    // An hour before the request, or another caller's: no note.
    assert.equal(byId.get('earlier')?.notes, undefined);
    assert.equal(byId.get('other')?.notes, undefined);
  });

  it('a refused request notes no session', () => {
    const refused = { ...lostRequest('2026-12-04T11:00:03.500Z'), ended: 'refused' as const };
    assert.ok(history(deletions, [refused]).sessions.every((s) => s.notes === undefined && s.flags.includes('not-started-by-rootguard')));
  });

  it('the note is in every format', () => {
    const h = history(deletions, [lostRequest('2026-12-04T11:00:03.500Z')]);
    assert.deepEqual(parseCsv(renderHistory(h, 'csv')).map((r) => r.Notes), ['', NOTE, '']);
    assert.ok(renderHistory(h, 'table').includes(NOTE));
    assert.ok(renderHistory(h, 'markdown').includes(`| ${NOTE} |`));
    assert.deepEqual(JSON.parse(renderHistory(h, 'json')).sessions[1].notes, [NOTE]);
  });
});
