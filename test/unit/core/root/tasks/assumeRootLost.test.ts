import assert from 'node:assert/strict';
import { readAuditLog } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { formatTaskRun } from '../../../../../src/core/root/taskReport';
import { type TaskFixture, startTaskFixture, targetsOf } from './taskFixture';

describe('AssumeRoot that opens no session: recorded, and never sent again once its response was lost, against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 4 });
  });
  afterEach(() => fx.close());

  /** Runs delete-credentials on one member with every AssumeRoot faulted `kind`, eight attempts per call. */
  async function runWithAssumeRootFault(kind: 'lost' | '5xx') {
    const account = fx.sandbox.world.members[0];
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: [kind], apis: ['sts:AssumeRoot'] } });
    const clients = await fx.clientsAs('management', { maxAttempts: 8, retryDelayMs: 1 });
    fx.sandbox.clearRequests();
    const run = await runRootTask(clients, deleteRootCredentialsTask(['password']), targetsOf([account]), fx.baseOptions());
    fx.sandbox.setKnobs({ faults: undefined });
    const sent = fx.sandbox.requests().filter((r) => r.operation === 'AssumeRoot').length;
    const log = await readAuditLog(fx.auditLog.path);
    return { account, run, sent, log };
  }

  it('a lost response: sent once (AWS may have issued a session), recorded as response-lost, summarised as such', async () => {
    const { account, run, sent, log } = await runWithAssumeRootFault('lost');
    assert.equal(sent, 1, 'AssumeRoot is not idempotent: not sent again once a request may have issued a session');
    const result = run.results[0];
    assert.ok(result.status === 'failed', JSON.stringify(result));
    assert.equal(result.code, 'AssumeRootResponseLost');
    assert.match(result.message, /^AssumeRoot was sent and its response lost \(.*\): AWS may have issued a root session whose key id only CloudTrail knows, so it was not sent again$/);
    assert.equal(result.likelyCause, 'the endpoint was reached, but the connection dropped before its answer; look for an AssumeRoot event for this account in CloudTrail');
    assert.doesNotMatch(formatTaskRun(run), /could not be reached/);
    assert.deepEqual(log.sessionRequests.map((r) => [r.accountId, r.taskPolicy, r.ended, r.error.code, r.runId]), [[account.id, 'IAMDeleteRootUserCredentials', 'response-lost', 'AssumeRootResponseLost', run.runId]]);
    assert.equal(log.unreadableLines, 0);
  });

  it('an answer AWS gave (a 5xx) is still retried, and the refusal recorded', async () => {
    const { account, sent, log } = await runWithAssumeRootFault('5xx');
    assert.equal(sent, 8);
    assert.deepEqual(log.sessionRequests.map((r) => [r.accountId, r.ended]), [[account.id, 'refused']]);
  });
});
