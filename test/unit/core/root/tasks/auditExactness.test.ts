import assert from 'node:assert/strict';
import { type AuditLog, type AuditLogEntry, type AuditRecord, JsonlAuditLog, type SecretHolder } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { AccountTaskResult } from '../../../../../src/core/root/taskRun';
import { formatTaskRun } from '../../../../../src/core/root/taskReport';
import { type TaskFixture, memberWith, operationsOf, startTaskFixture, targetsOf } from './taskFixture';

type Done = Extract<AccountTaskResult, { status: 'done' }>;

/** Key ids of every root session the sandbox issued, and of every session named in the audit log. */
async function sessionsIssuedAndLogged(fx: TaskFixture): Promise<{ issued: string[]; logged: string[] }> {
  const { records } = await fx.auditRecords();
  const logged = [...new Set(records.map((r) => r.sessionAccessKeyId))].sort();
  return { issued: fx.sandbox.world.rootSessions.map((s) => s.accessKeyId).sort(), logged };
}

describe('the audit log is exact', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 14 });
  });
  afterEach(() => fx.close());

  it('refuses to start, before any session opens, when the log cannot be written (/proc, a full disk)', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    for (const path of ['/proc/self/rootguard/audit.jsonl', '/dev/full']) {
      await assert.rejects(
        runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), { ...fx.baseOptions(), auditLog: new JsonlAuditLog(path) }),
        { code: 'AuditLogUnwritable' },
        path,
      );
    }
    assert.deepEqual(fx.sandbox.world.rootSessions, []);
    assert.equal(account.root.accessKeys.length, 1);
  });

  it('records every session whose reads fail before the plan, with its key id and the error', async () => {
    const accounts = fx.sandbox.world.members.filter((a) => a.role === 'member' && a.state === 'ACTIVE').slice(0, 4);
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['iam:ListAccessKeys'] } });
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf(accounts), fx.baseOptions());
    assert.ok(run.results.every((r) => r.status === 'failed' && r.code === 'SignatureDoesNotMatch'));
    const { issued, logged } = await sessionsIssuedAndLogged(fx);
    assert.equal(issued.length, 4);
    assert.deepEqual(logged, issued);
    const plans = (await fx.auditRecords()).records.filter((r): r is Extract<AuditRecord, { type: 'plan' }> => r.type === 'plan');
    assert.deepEqual(plans.map((p) => [p.reason, p.error?.code]), accounts.map(() => ['failed', 'SignatureDoesNotMatch']));
  });

  it('records a session that was reading when the run was cancelled, and reports the account untouched with its key id', async () => {
    const accounts = fx.sandbox.world.members.filter((a) => a.role === 'member' && a.rootProfile === 'activeKeyUsed').slice(0, 1);
    accounts.push(...fx.sandbox.world.members.filter((a) => a.role === 'member' && a.state === 'ACTIVE' && a !== accounts[0]).slice(0, 2));
    const controller = new AbortController();
    // Cancel while the first session's first read is on its way (the sandbox answers after 200 ms): it is aborted.
    fx.sandbox.setKnobs({ latency: { fixedMs: 200 } });
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf(accounts), {
      ...fx.baseOptions(),
      concurrency: 1,
      signal: controller.signal,
      onSession: (event) => event.open && setTimeout(() => controller.abort(), 20),
    });
    assert.deepEqual(run.results.map((r) => r.status), ['not-started', 'not-started', 'not-started']);
    assert.equal(run.results[0].status === 'not-started' && run.results[0].cancelledWhile, 'reading');
    const [first] = fx.sandbox.world.rootSessions;
    assert.equal(run.results[0].status === 'not-started' && run.results[0].sessionAccessKeyId, first.accessKeyId);
    const { issued, logged } = await sessionsIssuedAndLogged(fx);
    assert.deepEqual(logged, issued);
    const record = (await fx.auditRecords()).records.find((r) => r.type === 'plan');
    assert.equal(record?.type === 'plan' && record.reason, 'cancelled');
    assert.deepEqual(record?.type === 'plan' && record.error, { code: 'Cancelled', message: 'The run was cancelled while the session read the account' });
    assert.equal(accounts[0].root.accessKeys.length, 1, 'untouched');
    assert.match(formatTaskRun(run), new RegExp(`${first.accessKeyId} was reading; nothing changed`));
  });

  it('lets an AssumeRoot already sent when the run is cancelled finish, and records its session as cancelled', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const controller = new AbortController();
    // The request is on its way (the sandbox answers after 200 ms) when the user cancels.
    fx.sandbox.setKnobs({ latency: { fixedMs: 200 } });
    fx.clients.sts().middlewareStack.add(
      (next) => (args) => {
        const sent = next(args);
        setTimeout(() => controller.abort(), 20);
        return sent;
      },
      { step: 'finalizeRequest', priority: 'low', name: 'cancelWhileAssumeRootIsInFlight' },
    );
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), { ...fx.baseOptions(), signal: controller.signal });
    const issued = fx.sandbox.world.rootSessions.map((s) => s.accessKeyId);
    assert.equal(issued.length, 1, 'AWS issued the session');
    assert.deepEqual(run.results, [{ status: 'not-started', accountId: account.id, sessionAccessKeyId: issued[0], cancelledWhile: 'opening' }]);
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.type === 'plan' && r.reason, r.sessionAccessKeyId]), [['plan', 'cancelled', issued[0]]]);
    // Said as what happened: AssumeRoot was answering, the session read nothing.
    assert.deepEqual(records[0].type === 'plan' && records[0].error, { code: 'Cancelled', message: 'The run was cancelled while AssumeRoot opened the session; nothing in the account was read' });
    assert.match(formatTaskRun(run), new RegExp(`\\(session ${issued[0]} had just opened, nothing read; nothing changed\\)`));
    assert.equal(account.root.accessKeys.length, 1, 'untouched');
    assert.deepEqual(operationsOf(fx, issued[0]), [], 'the session read nothing');
  });

  it('records a session whose plan was waiting for confirmation when the run was cancelled as such', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const controller = new AbortController();
    const confirmPlan = async () => {
      controller.abort();
      return true;
    };
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), { ...fx.baseOptions(), signal: controller.signal, confirmPlan });
    const [result] = run.results;
    assert.deepEqual([result.status, result.status === 'not-started' && result.cancelledWhile], ['not-started', 'confirming']);
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => r.type === 'plan' && [r.reason, r.error]), [['cancelled', { code: 'Cancelled', message: 'The run was cancelled while the plan waited for confirmation' }]]);
    assert.match(formatTaskRun(run), /\(session \S+ was waiting for confirmation; nothing changed\)/);
    assert.equal(account.root.accessKeys.length, 1, 'untouched');
  });

  for (const [retries, how] of [[3, 'a retry finds it made'], [1, 'a fresh read finds it made']] as const) {
    it(`reports a change whose response was lost as done and verified, not as already done or failed (${how})`, async () => {
      const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
      const keyId = account.root.accessKeys[0].accessKeyId;
      const clients = await fx.clientsAs('management', { maxAttempts: retries, retryDelayMs: 5 });
      fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['lost'], apis: ['iam:DeleteAccessKey'] } });
      const run = await runRootTask(clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), fx.baseOptions());
      const result = run.results[0] as Done;
      assert.equal(result.status, 'done', JSON.stringify(result));
      assert.deepEqual(result.changes.map((c) => [c.target, c.result]), [[keyId, 'verified']]);
      assert.deepEqual(account.root.accessKeys, []);
      const outcome = (await fx.auditRecords()).records.find((r) => r.type === 'outcome');
      assert.deepEqual(outcome?.type === 'outcome' && [outcome.outcome, outcome.changed.map((c) => c.result)], ['done', ['verified']]);
      assert.match(formatTaskRun(run), /the response was lost, verified after/);
    });
  }

  it('reports a change whose outcome could not be recorded as done and not recorded, never as failed', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const file = fx.auditLog;
    // The disk fills between the intent and the outcome.
    const fillsUp: AuditLog = {
      append: (record: AuditLogEntry, holder: SecretHolder) =>
        record.type === 'outcome' ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) : file.append(record, holder),
    };
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), { ...fx.baseOptions(), auditLog: fillsUp });
    const result = run.results[0] as Done;
    assert.equal(result.status, 'done', JSON.stringify(result));
    assert.deepEqual(result.changes.map((c) => c.result), ['changed']);
    assert.match(result.auditLogError ?? '', /ENOSPC/);
    assert.deepEqual(account.root.accessKeys, []);
    assert.match(formatTaskRun(run), /NOT RECORDED in the audit log: .*ENOSPC/);
    assert.ok(fx.logLines.some((l) => l.startsWith('error ') && l.includes('not recorded')));
  });
});
