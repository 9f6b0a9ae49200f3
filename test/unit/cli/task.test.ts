import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseTaskArgs } from '../../../src/cli/taskArgs';
import type { SandboxAccount, World } from '../../../src/sandbox/index';
import { type TaskHarness, scriptedTerminal, startTaskHarness } from './taskHarness';

const hasRootCredentials = (a: SandboxAccount) => Boolean(a.root.loginProfile || a.root.accessKeys.length || a.root.signingCertificates.length || a.root.mfaDevices.length);
const isBare = (a: SandboxAccount) => !hasRootCredentials(a);

/** Active members with some root credential, in listing order. */
function withCredentials(world: World): SandboxAccount[] {
  return world.members.filter((a) => a.state === 'ACTIVE' && hasRootCredentials(a));
}

const rootOf = (world: World, id: string) => JSON.parse(JSON.stringify(world.account(id).root));

describe('rootguard task, against the sandbox with throttling and faults', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('dry run: lists each account’s changes, changes nothing, logs a plan record per session, exits 0', async () => {
    const [a, b] = withCredentials(h.sandbox.world);
    const before = [rootOf(h.sandbox.world, a.id), rootOf(h.sandbox.world, b.id)];
    const out = await h.run(['delete-credentials', '--accounts', `${a.id},${b.id}`, '--dry-run']);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual([rootOf(h.sandbox.world, a.id), rootOf(h.sandbox.world, b.id)], before);
    assert.match(out.stdout, /\(dry run\): 2 accounts, /);
    assert.match(out.stdout, new RegExp(`${a.id} would change:`));
    const records = await h.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.accountId, r.type === 'plan' && r.reason]).sort(), [['plan', a.id, 'dry-run'], ['plan', b.id, 'dry-run']].sort());
  });

  it('--format markdown: a report with one table row per account, by name, with what the run did there', async () => {
    const [a, b] = withCredentials(h.sandbox.world).filter((x) => x.root.accessKeys.length > 0);
    const keyIds = new Map([a, b].map((x) => [x.id, x.root.accessKeys.map((k) => k.accessKeyId)]));
    const out = await h.run(['delete-credentials', '--accounts', `${a.id},${b.id}`, '--kinds', 'keys', '--yes', '--format', 'markdown']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^# Delete root credentials \(access keys\)\n/);
    for (const account of [a, b]) {
      const row = out.stdout.split('\n').find((l) => l.startsWith(`| ${account.name} (${account.id}) |`));
      assert.ok(row, out.stdout);
      assert.match(row, /\| \*\*changed\*\* \|/);
      for (const id of keyIds.get(account.id)!) assert.ok(row.includes(id), `${account.id}: ${id}`);
      assert.deepEqual(h.sandbox.world.account(account.id).root.accessKeys, []);
    }
  });

  it('real run with --yes: deletes every root credential of the named accounts, pairs intent and outcome in the audit log', async () => {
    const targets = withCredentials(h.sandbox.world).slice(0, 3);
    const others = new Map(h.sandbox.world.accounts.filter((x) => !targets.includes(x)).map((x) => [x.id, rootOf(h.sandbox.world, x.id)]));
    const out = await h.run(['delete-credentials', '--accounts', targets.map((t) => t.id).join(','), '--yes', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    for (const t of targets) assert.ok(isBare(h.sandbox.world.account(t.id)), t.id);
    assert.ok(h.sandbox.requests().some((r) => r.status >= 500 || /Throttl/.test(r.errorCode ?? '')), 'the run met throttling or faults');
    for (const [id, root] of others) assert.deepEqual(rootOf(h.sandbox.world, id), root, id);
    const run = JSON.parse(out.stdout);
    assert.deepEqual(run.results.map((r: { status: string }) => r.status), ['done', 'done', 'done']);
    const records = await h.auditRecords();
    for (const t of targets) {
      const mine = records.filter((r) => r.accountId === t.id);
      assert.deepEqual(mine.map((r) => r.type), ['intent', 'outcome'], t.id);
      const [intent, outcome] = mine;
      assert.ok(intent.type === 'intent' && outcome.type === 'outcome');
      assert.equal(outcome.intentId, intent.id);
      assert.equal(outcome.outcome, 'done');
      assert.match(intent.callerArn, new RegExp(`^arn:aws:iam::${h.sandbox.world.organization.managementAccountId}:user/`));
      assert.equal(intent.taskPolicy, 'IAMDeleteRootUserCredentials');
      assert.ok(h.sandbox.world.rootSessions.some((s) => s.accessKeyId === intent.sessionAccessKeyId && s.accountId === t.id), 'the session key id is the one AssumeRoot issued');
      assert.deepEqual(outcome.changed.map((c) => c.operation), intent.changes.map((c) => c.operation));
    }
  });

  it('never prints or logs a root session secret', async () => {
    const [a] = withCredentials(h.sandbox.world);
    const out = await h.run(['delete-credentials', '--accounts', a.id, '--yes', '--verbose']);
    assert.equal(out.code, 0, out.stderr);
    const log = await h.auditLogText();
    const secrets = h.sandbox.issuedSecrets();
    assert.ok(secrets.length > 0);
    for (const secret of secrets) {
      for (const [where, text] of [['stdout', out.stdout], ['stderr', out.stderr], ['audit log', log]]) assert.ok(!text.includes(secret), `a secret in ${where}`);
    }
  });

  it('refuses a protected account (flag or environment) and exits 1; --override-protected acts on it', async () => {
    const [a, b] = withCredentials(h.sandbox.world);
    const beforeB = rootOf(h.sandbox.world, b.id);
    const refused = await h.run(['delete-credentials', '--accounts', `${a.id},${b.id}`, '--protected', b.id, '--yes']);
    assert.equal(refused.code, 1);
    assert.ok(isBare(h.sandbox.world.account(a.id)));
    assert.deepEqual(rootOf(h.sandbox.world, b.id), beforeB);
    assert.match(refused.stderr, new RegExp(`Protected, refused .*\\(${b.id}\\)`));
    assert.match(refused.stdout, new RegExp(`${b.id}: protected:`));
    assert.ok(!(await h.auditRecords()).some((r) => r.accountId === b.id), 'no session was opened in the protected account');

    const fromEnv = await h.run(['delete-credentials', '--accounts', b.id, '--yes'], { env: { ROOTGUARD_PROTECTED_ACCOUNTS: b.id } });
    assert.equal(fromEnv.code, 1);
    assert.deepEqual(rootOf(h.sandbox.world, b.id), beforeB);

    const overridden = await h.run(['delete-credentials', '--accounts', b.id, '--override-protected', '--yes'], { env: { ROOTGUARD_PROTECTED_ACCOUNTS: b.id } });
    assert.equal(overridden.code, 0, overridden.stderr);
    assert.match(overridden.stderr, /Protected, OVERRIDDEN/);
    assert.ok(isBare(h.sandbox.world.account(b.id)));
    const records = (await h.auditRecords()).filter((r) => r.accountId === b.id);
    assert.deepEqual(records.map((r) => [r.type, r.protectionOverridden]), [['intent', true], ['outcome', true]]);
  });

  it('skips the management account when named, and leaves it and inactive accounts out of --all', async () => {
    const managementId = h.sandbox.world.organization.managementAccountId;
    const named = await h.run(['allow-password-recovery', '--accounts', managementId, '--yes']);
    assert.equal(named.code, 1);
    assert.match(named.stdout, /management-account/);

    const all = await h.run(['delete-credentials', '--all', '--dry-run', '--format', 'json']);
    assert.equal(all.code, 0, all.stderr);
    const ids = JSON.parse(all.stdout).results.map((r: { accountId: string }) => r.accountId);
    const expected = h.sandbox.world.members.filter((a) => a.state === 'ACTIVE').map((a) => a.id);
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.match(all.stderr, /Not targets \(management account or not active\): .*\(999900000000\)/);
  });

  it('--ou takes nested OUs, --exclude leaves ids out', async () => {
    const world = h.sandbox.world;
    const top = world.organizationalUnits.find((u) => u.name === 'Workloads')!;
    const under = new Set([top.id]);
    for (const u of world.organizationalUnits) if (under.has(u.parentId)) under.add(u.id);
    const inside = world.accounts.filter((a) => under.has(a.parentId) && a.state === 'ACTIVE').map((a) => a.id);
    assert.ok(inside.length >= 2, 'the seed has accounts under Workloads');
    const out = await h.run(['delete-credentials', '--ou', top.id, '--exclude', inside[0], '--dry-run', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout).results.map((r: { accountId: string }) => r.accountId).sort(), inside.slice(1).sort());
  });

  it('unlock-s3-bucket: shows the policy in the dry run, then deletes it', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const dry = await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(bucket.policy, 'a dry run leaves the policy');
    assert.match(dry.stdout, new RegExp(`Delete the policy of bucket ${bucket.name}`));
    const real = await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--yes']);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(h.sandbox.world.findBucket(bucket.name)!.bucket.policy, undefined);
  });

  it('unlock-sqs-queue by name, and allow-password-recovery on an account without a password', async () => {
    const owner = h.sandbox.world.members.find((a) => a.queues.some((q) => q.attributes.Policy))!;
    const queue = owner.queues.find((q) => q.attributes.Policy)!;
    const unlocked = await h.run(['unlock-sqs-queue', '--accounts', owner.id, '--queue', queue.name, '--yes']);
    assert.equal(unlocked.code, 0, unlocked.stderr);
    assert.equal(queue.attributes.Policy, undefined);

    const bare = h.sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.root.loginProfile)!;
    const recovery = await h.run(['allow-password-recovery', '--accounts', bare.id, '--yes']);
    assert.equal(recovery.code, 0, recovery.stderr);
    assert.ok(h.sandbox.world.account(bare.id).root.loginProfile);
    assert.match(recovery.stderr, /Forgot password/);
  });

  it('restore-policy: puts back the policy an unlock kept, from its audit record; refuses over a newer policy unless --overwrite', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const original = bucket.policy!;
    assert.equal((await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--yes'])).code, 0);
    const intent = (await h.auditRecords()).find((r) => r.type === 'intent')!;
    assert.equal(intent.type === 'intent' && intent.keptPolicy?.policy, original);

    const dry = await h.run(['restore-policy', '--from-record', intent.id, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`Put back the policy of bucket ${bucket.name}`));
    assert.equal(bucket.policy, undefined, 'a dry run puts nothing back');
    const restored = await h.run(['restore-policy', '--from-record', intent.id, '--yes']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(bucket.policy, original);

    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    bucket.policy = newer;
    const refused = await h.run(['restore-policy', '--from-record', intent.id, '--yes']);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /has a policy again/);
    assert.equal(bucket.policy, newer);
    const overwritten = await h.run(['restore-policy', '--from-record', intent.id, '--overwrite', '--yes']);
    assert.equal(overwritten.code, 0, overwritten.stderr);
    assert.equal(bucket.policy, original);
    const restores = (await h.auditRecords()).filter((r) => r.task === 'restoreS3BucketPolicy' && r.type === 'outcome');
    assert.deepEqual(restores.map((r) => r.type === 'outcome' && r.outcome), ['done', 'done']);
  });

  it('restore-policy: exit 2, before any AWS call, without an audit log or a record that kept a policy', async () => {
    const id = withCredentials(h.sandbox.world)[0].id;
    h.sandbox.clearRequests();
    for (const args of [
      ['restore-policy'],
      ['restore-policy', '--from-record', 'x', '--accounts', id],
      ['restore-policy', '--from-record', 'x', '--exclude', id],
      ['delete-credentials', '--accounts', id, '--overwrite'],
    ]) {
      const out = await h.run(args);
      assert.equal(out.code, 2, args.join(' '));
      assert.match(out.stderr, /Usage: rootguard task/, args.join(' '));
    }
    assert.throws(() => parseTaskArgs(['restore-policy', '--from-record', 'x', '--audit-log', ''], {}), { code: 'Usage', message: /--audit-log names the audit log file; got an empty path/ });
    const noLog = await h.run(['restore-policy', '--from-record', 'no-such-record', '--yes']);
    assert.equal(noLog.code, 2);
    assert.ok(noLog.stderr.includes(`No audit log at ${h.auditLogPath}, so record no-such-record cannot be read: check --audit-log (NoAuditLog)`), noLog.stderr);
    await mkdir(dirname(h.auditLogPath), { recursive: true });
    await writeFile(h.auditLogPath, '');
    const unknown = await h.run(['restore-policy', '--from-record', 'no-such-record', '--yes']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no such record in the audit log \(NoKeptPolicy\)/);
    // Torn lines may hold the record asked for: the refusal says how many were skipped, as the restore picker does.
    await writeFile(h.auditLogPath, '{"v":1,"type":"intent","id":"no-such-rec\n[]\n');
    const torn = await h.run(['restore-policy', '--from-record', 'no-such-record', '--yes']);
    assert.equal(torn.code, 2);
    assert.ok(torn.stderr.includes('Cannot restore from record no-such-record: no such record in the audit log; 2 audit log lines skipped (not a whole record): it may be one of them (NoKeptPolicy)'), torn.stderr);
    assert.equal(h.sandbox.requests().length, 0);
  });

  it('Ctrl+C stops before the next account: each account ends done or untouched, exit 1', async () => {
    const targets = withCredentials(h.sandbox.world);
    const before = new Map(targets.map((t) => [t.id, rootOf(h.sandbox.world, t.id)]));
    const controller = new AbortController();
    const out = await h.run(['delete-credentials', '--accounts', targets.map((t) => t.id).join(','), '--yes', '--format', 'json'], {
      signal: controller.signal,
      onStderr: (text) => {
        if (/: done \(1\//.test(text)) controller.abort();
      },
    });
    assert.equal(out.code, 1);
    const run = JSON.parse(out.stdout);
    assert.equal(run.cancelled, true);
    const statuses = run.results.map((r: { status: string }) => r.status);
    assert.ok(statuses.includes('not-started') && statuses.includes('done'), statuses.join());
    for (const r of run.results as { accountId: string; status: string }[]) {
      if (r.status === 'done') assert.ok(isBare(h.sandbox.world.account(r.accountId)), r.accountId);
      else assert.deepEqual(rootOf(h.sandbox.world, r.accountId), before.get(r.accountId), `${r.accountId} is untouched`);
    }
    const records = await h.auditRecords();
    const intents = records.filter((r) => r.type === 'intent');
    assert.equal(records.filter((r) => r.type === 'outcome').length, intents.length, 'every intent has its outcome');
  });

  it('exit 2 on usage errors, before any AWS call', async () => {
    const id = withCredentials(h.sandbox.world)[0].id;
    h.sandbox.clearRequests();
    for (const args of [
      ['reboot', '--accounts', id],
      ['delete-credentials'],
      ['delete-credentials', '--accounts', id, '--all'],
      ['delete-credentials', '--accounts', '12345'],
      ['delete-credentials', '--accounts', id, '--kinds', 'password,passkeys'],
      ['unlock-s3-bucket', '--accounts', id],
      ['unlock-s3-bucket', '--all', '--bucket', 'some-bucket'],
      ['unlock-s3-bucket', '--accounts', id, '--bucket', 'Not_A_Bucket'],
      ['unlock-sqs-queue', '--accounts', id, '--queue', 'https://sqs.us-east-1.amazonaws.com/111122223333/q'],
      ['allow-password-recovery', '--accounts', id, '--bucket', 'b'],
      ['delete-credentials', '--accounts', id, '--format', 'xml'],
    ]) {
      const out = await h.run(args);
      assert.equal(out.code, 2, args.join(' '));
      assert.match(out.stderr, /Usage: rootguard task/, args.join(' '));
    }
    assert.equal(h.sandbox.requests().length, 0);
    const unknown = await h.run(['delete-credentials', '--accounts', '123456789012', '--dry-run']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /not in organization .*123456789012/);
  });

  it('exit 1, not 2, when AWS calls fail before any account starts (wrong credentials, an organization that cannot be read)', async () => {
    h.sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['organizations:DescribeOrganization'] } });
    const wrongKey = await h.run(['delete-credentials', '--all', '--dry-run']);
    assert.equal(wrongKey.code, 1, wrongKey.stderr);
    assert.match(wrongKey.stderr, /^rootguard task: The request signature we calculated does not match/m);
    h.sandbox.setKnobs({ faults: { rate: 1, kinds: ['5xx'], apis: ['organizations:ListRoots'] } });
    const unreadable = await h.run(['delete-credentials', '--all', '--dry-run']);
    assert.equal(unreadable.code, 1, unreadable.stderr);
    assert.equal(await h.auditLogText(), '', 'no run started');
  });

  it('requires --yes without a terminal (a dry run does not)', async () => {
    const [a] = withCredentials(h.sandbox.world);
    const before = rootOf(h.sandbox.world, a.id);
    const out = await h.run(['delete-credentials', '--accounts', a.id]);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--yes is required when stdin or stderr is not a terminal/);
    assert.deepEqual(rootOf(h.sandbox.world, a.id), before);
    assert.equal((await h.auditRecords()).length, 0);
  });
});

describe('rootguard task, interactive confirmation on a terminal', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('one account: asks, shows the plan read in the session, asks again, then acts', async () => {
    const [a] = withCredentials(h.sandbox.world);
    const terminal = scriptedTerminal([
      { expect: /in this account\? .*\[y\/N\] $/, answer: 'y' },
      { expect: /Make these changes\? .*\[y\/N\] $/, answer: 'yes' },
    ]);
    const out = await h.run(['delete-credentials', '--accounts', a.id], { terminal });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(terminal.answered(), 2);
    assert.match(out.stderr, new RegExp(`Accounts \\(1\\): ${a.name} \\(${a.id}\\)`));
    assert.match(out.stderr, new RegExp(`In ${a.id}:\\n  - `));
    assert.ok(isBare(h.sandbox.world.account(a.id)));
  });

  it('one account: "no" to the plan changes nothing and logs the declined plan', async () => {
    const [a] = withCredentials(h.sandbox.world);
    const before = rootOf(h.sandbox.world, a.id);
    const terminal = scriptedTerminal([
      { expect: /in this account\? .*\[y\/N\] $/, answer: 'y' },
      { expect: /Make these changes\? .*\[y\/N\] $/, answer: 'n' },
    ]);
    const out = await h.run(['delete-credentials', '--accounts', a.id], { terminal });
    assert.equal(out.code, 1);
    assert.deepEqual(rootOf(h.sandbox.world, a.id), before);
    const records = await h.auditRecords();
    assert.deepEqual(records.map((r) => r.type === 'plan' && r.reason), ['declined']);
  });

  it('several accounts: acts only when the count is typed', async () => {
    const targets = withCredentials(h.sandbox.world).slice(0, 3);
    const before = targets.map((t) => rootOf(h.sandbox.world, t.id));
    const wrong = scriptedTerminal([{ expect: /Type 3 \(the number of accounts to change\)/, answer: '2' }]);
    const stopped = await h.run(['delete-credentials', '--accounts', targets.map((t) => t.id).join(',')], { terminal: wrong });
    assert.equal(stopped.code, 1);
    assert.match(stopped.stderr, /Not confirmed: nothing was changed/);
    assert.deepEqual(targets.map((t) => rootOf(h.sandbox.world, t.id)), before);
    assert.equal(h.sandbox.world.rootSessions.length, 0, 'no session before the confirmation');

    const right = scriptedTerminal([{ expect: /Type 3 \(the number of accounts to change\)/, answer: '3' }]);
    const done = await h.run(['delete-credentials', '--accounts', targets.map((t) => t.id).join(',')], { terminal: right });
    assert.equal(done.code, 0, done.stderr);
    for (const t of targets) assert.ok(isBare(h.sandbox.world.account(t.id)), t.id);
  });

  it('lists a named management or inactive account under "Not targets", and asks for the count it shows', async () => {
    const [a, b] = withCredentials(h.sandbox.world);
    const managementId = h.sandbox.world.organization.managementAccountId;
    const suspended = h.sandbox.world.members.find((x) => x.state !== 'ACTIVE')!;
    const terminal = scriptedTerminal([{ expect: /Type 2 \(the number of accounts to change\)/, answer: '3' }]);
    const out = await h.run(['delete-credentials', '--accounts', [a.id, b.id, managementId, suspended.id].join(',')], { terminal });
    assert.equal(terminal.answered(), 1, out.stderr);
    const line = (start: string) => out.stderr.split('\n').find((l) => l.startsWith(start)) ?? '';
    assert.ok([a.id, b.id].every((id) => line('Accounts (2): ').includes(`(${id})`)), out.stderr);
    assert.ok([managementId, suspended.id].every((id) => line('Not targets (management account or not active): ').includes(`(${id})`)), out.stderr);
    assert.match(out.stderr, /Not confirmed: nothing was changed/);
    assert.equal(h.sandbox.world.rootSessions.length, 0);
  });

  it('the management account named beside one account: asked as for one account, with the plan shown before any change', async () => {
    const [a] = withCredentials(h.sandbox.world);
    const managementId = h.sandbox.world.organization.managementAccountId;
    const terminal = scriptedTerminal([
      { expect: /in this account\? .*\[y\/N\] $/, answer: 'y' },
      { expect: /Make these changes\? .*\[y\/N\] $/, answer: 'n' },
    ]);
    const before = rootOf(h.sandbox.world, a.id);
    const out = await h.run(['delete-credentials', '--accounts', `${managementId},${a.id}`], { terminal });
    assert.equal(terminal.answered(), 2, out.stderr);
    assert.match(out.stderr, new RegExp(`In ${a.id}:\\n  - `));
    assert.deepEqual(rootOf(h.sandbox.world, a.id), before, 'declined: nothing changed');
    assert.equal(out.code, 1);
  });

  it('a SIGINT sent while it asks (no Ctrl+C key on a raw terminal) answers no: nothing changes', async () => {
    const targets = withCredentials(h.sandbox.world).slice(0, 2);
    const before = targets.map((t) => rootOf(h.sandbox.world, t.id));
    const controller = new AbortController();
    const silent = scriptedTerminal([]);
    const out = await h.run(['delete-credentials', '--accounts', targets.map((t) => t.id).join(',')], {
      terminal: silent,
      signal: controller.signal,
      onStderr: (text) => {
        if (/Type 2 \(the number of accounts to change\)/.test(text) && !controller.signal.aborted) controller.abort();
      },
    });
    assert.equal(out.code, 1);
    assert.match(out.stderr, /Not confirmed: nothing was changed/);
    assert.deepEqual(targets.map((t) => rootOf(h.sandbox.world, t.id)), before);
    assert.equal(h.sandbox.world.rootSessions.length, 0);
  });

  it('counts only the accounts it may act on: a refused protected account is not in the number', async () => {
    const [a, b, c] = withCredentials(h.sandbox.world);
    const terminal = scriptedTerminal([{ expect: /Type 2 \(the number of accounts to change\)/, answer: '2' }]);
    const out = await h.run(['delete-credentials', '--accounts', `${a.id},${b.id},${c.id}`, '--protected', c.id], { terminal });
    assert.equal(out.code, 1);
    assert.equal(terminal.answered(), 1);
    assert.ok(isBare(h.sandbox.world.account(a.id)) && isBare(h.sandbox.world.account(b.id)));
    assert.ok(hasRootCredentials(h.sandbox.world.account(c.id)));
  });
});
