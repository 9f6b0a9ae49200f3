import assert from 'node:assert/strict';
import { type AuditLog, readAuditLog } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { formatTaskRun } from '../../../../../src/core/root/taskReport';
import { type TaskFixture, startTaskFixture, targetsOf } from './taskFixture';

describe('AssumeRoot that opens no session: every attempt whose response was lost recorded as it happens, against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 4 });
  });
  afterEach(() => fx.close());

  /**
   * Runs delete-credentials on one member with every AssumeRoot faulted `kind`, eight attempts per call;
   * `healAfterRecord` lifts the fault once the first session request is recorded (the next attempt succeeds).
   */
  async function runWithAssumeRootFault(kind: 'lost' | '5xx', healAfterRecord = false) {
    const account = fx.sandbox.world.members[0];
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: [kind], apis: ['sts:AssumeRoot'] } });
    const clients = await fx.clientsAs('management', { maxAttempts: 8, retryDelayMs: 1 });
    fx.sandbox.clearRequests();
    const options = fx.baseOptions();
    const healing: AuditLog = {
      append: async (record, holder) => {
        await options.auditLog.append(record, holder);
        if (record.type === 'sessionRequest') fx.sandbox.setKnobs({ faults: undefined });
      },
    };
    const run = await runRootTask(clients, deleteRootCredentialsTask(['password']), targetsOf([account]), healAfterRecord ? { ...options, auditLog: healing } : options);
    fx.sandbox.setKnobs({ faults: undefined });
    const sent = fx.sandbox.requests().filter((r) => r.operation === 'AssumeRoot').length;
    const log = await readAuditLog(fx.auditLog.path);
    return { account, run, sent, log };
  }

  it('every response lost: each attempt recorded as response-lost before the next, the account failed as such', async () => {
    const { account, run, sent, log } = await runWithAssumeRootFault('lost');
    assert.equal(sent, 8);
    const result = run.results[0];
    assert.ok(result.status === 'failed', JSON.stringify(result));
    assert.equal(result.code, 'AssumeRootResponseLost');
    assert.match(result.message, /^AssumeRoot was sent and its response lost 8 times \(.*\): AWS may have issued root sessions whose key ids only CloudTrail knows$/);
    assert.equal(result.likelyCause, 'the endpoint was reached, but the connection dropped before its answer; look for an AssumeRoot event for this account in CloudTrail');
    assert.doesNotMatch(formatTaskRun(run), /could not be reached/);
    const recorded = log.sessionRequests.map((r) => [r.accountId, r.taskPolicy, r.ended, r.runId]);
    assert.deepEqual(recorded, Array(8).fill([account.id, 'IAMDeleteRootUserCredentials', 'response-lost', run.runId]));
    assert.equal(log.unreadableLines, 0);
  });

  it('one response lost, as on a keep-alive connection the endpoint had closed: sent again, the task done, the lost attempt recorded', async () => {
    const { account, run, sent, log } = await runWithAssumeRootFault('lost', true);
    assert.equal(sent, 2);
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.deepEqual(log.sessionRequests.map((r) => [r.accountId, r.ended]), [[account.id, 'response-lost']]);
    assert.deepEqual(log.records.map((r) => [r.type, r.accountId]), [['plan', account.id]]);
  });

  it('an answer AWS gave (a 5xx) is still retried, and the refusal recorded', async () => {
    const { account, sent, log } = await runWithAssumeRootFault('5xx');
    assert.equal(sent, 8);
    assert.deepEqual(log.sessionRequests.map((r) => [r.accountId, r.ended]), [[account.id, 'refused']]);
  });
});
