import assert from 'node:assert/strict';
import { type TaskHarness, scriptedTerminal, startTaskHarness } from './taskHarness';

/** Erases the line, returns to its start and moves up: what a hostile name uses to forge what is confirmed. */
const FORGING = '\x1b[2K\r\x1b[1A';
const RIGHT_TO_LEFT_OVERRIDE = '\u202e';

describe('rootguard task prints hostile text escaped', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('escapes control characters in the account names it lists for confirmation (targets and refused)', async () => {
    const [named, guarded] = h.sandbox.world.members.filter((a) => a.state === 'ACTIVE');
    named.name = `ok-name${FORGING}Accounts (1): nothing to see`;
    guarded.name = `guarded${FORGING}`;
    const management = h.sandbox.world.managementAccount;
    management.name = `mgmt${FORGING}`;
    const out = await h.run(['delete-credentials', '--accounts', `${named.id},${management.id},${guarded.id}`, '--protected', guarded.id, '--dry-run']);
    assert.equal(out.code, 1, out.stderr);
    assert.ok(!out.stderr.includes('\x1b') && !out.stderr.includes('\r'), JSON.stringify(out.stderr));
    assert.match(out.stderr, new RegExp(`ok-name\\\\u\\{1b\\}\\[2K\\\\u\\{d\\}\\\\u\\{1b\\}\\[1AAccounts \\(1\\): nothing to see \\(${named.id}\\)`));
  });

  it('escapes bidirectional overrides in the policy it shows before an unlock', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const policy = JSON.parse(bucket.policy!);
    policy.Statement[0].Sid = `Deny${RIGHT_TO_LEFT_OVERRIDE}wolla`;
    bucket.policy = JSON.stringify(policy);
    const terminal = scriptedTerminal([
      { expect: /in this account\? .*\[y\/N\] $/, answer: 'y' },
      { expect: /Make these changes\? .*\[y\/N\] $/, answer: 'n' },
    ]);
    const out = await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name], { terminal });
    assert.equal(terminal.answered(), 2, out.stderr);
    assert.ok(!out.stderr.includes(RIGHT_TO_LEFT_OVERRIDE));
    assert.match(out.stderr, /"Sid": "Deny\\u\{202e\}wolla"/);
  });
});
