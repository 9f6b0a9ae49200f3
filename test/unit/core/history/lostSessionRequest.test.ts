import assert from 'node:assert/strict';
import { buildHistory } from '../../../../src/core/history/join';
import type { RootSessionEvent } from '../../../../src/core/history/model';
import type { SessionRequestRecord } from '../../../../src/core/root/auditLog';
import { taskPolicyArn } from '../../../../src/core/root/taskPolicies';

const NOW = new Date('2026-12-04T12:00:00Z');
const CALLER = 'arn:aws:iam::111111111111:user/rootguard';
const TARGET = '222222222222';

const event = (id: string, time: string, callerArn = CALLER): RootSessionEvent => ({
  eventId: id,
  region: 'us-east-1',
  time,
  callerArn,
  principalArn: callerArn,
  callerAccountId: '111111111111',
  targetAccountId: TARGET,
  taskPolicyArn: taskPolicyArn('IAMDeleteRootUserCredentials'),
  taskPolicy: 'IAMDeleteRootUserCredentials',
  sessionAccessKeyId: `ASIA${id.toUpperCase()}`,
});

const lostRequest = (time: string): SessionRequestRecord => ({
  v: 1,
  type: 'sessionRequest',
  id: 'req-1',
  time,
  runId: 'run-1',
  callerArn: CALLER,
  accountId: TARGET,
  task: 'deleteRootCredentials',
  taskPolicy: 'IAMDeleteRootUserCredentials',
  parameters: {},
  ended: 'response-lost',
  error: { code: 'AssumeRootResponseLost', message: 'AssumeRoot was sent and its response lost (socket hang up)' },
});

describe('history: a session RootGuard asked for and whose AssumeRoot response was lost', () => {
  const history = (sessionRequests: SessionRequestRecord[]) =>
    buildHistory({
      events: [event('lost', '2026-12-04T11:00:00Z'), event('earlier', '2026-12-04T10:00:00Z'), event('other', '2026-12-04T11:00:01Z', 'arn:aws:iam::111111111111:user/someone')],
      regions: [{ region: 'us-east-1', events: 3, pages: 1 }],
      auditRecords: [],
      sessionRequests,
      window: { start: new Date('2026-12-01T00:00:00Z'), end: NOW },
      generatedAt: NOW,
    });

  it('is RootGuard’s, result response-lost, not flagged; one record accounts for one session, of its caller, just before it', () => {
    const sessions = history([lostRequest('2026-12-04T11:00:03.500Z')]).sessions;
    const byId = new Map(sessions.map((s) => [s.eventId, s]));
    assert.deepEqual(byId.get('lost')?.rootGuard, { runId: 'run-1', task: 'deleteRootCredentials', result: 'response-lost' });
    assert.deepEqual(byId.get('lost')?.flags, []);
    // An hour before the request, or another caller's: not RootGuard's.
    assert.deepEqual(byId.get('earlier')?.flags, ['not-started-by-rootguard']);
    assert.deepEqual(byId.get('other')?.flags, ['not-started-by-rootguard']);
  });

  it('a refused request accounts for no session', () => {
    const refused = { ...lostRequest('2026-12-04T11:00:03.500Z'), ended: 'refused' as const };
    assert.ok(history([refused]).sessions.every((s) => s.flags.includes('not-started-by-rootguard')));
  });
});
