import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { REDACTED, scrubError, scrubSecrets } from '../../../../src/core/aws/secretScrub';
import { AuditCache } from '../../../../src/core/root/auditCache';
import { auditAccounts } from '../../../../src/core/root/auditMany';
import { deleteRootCredentialsTask } from '../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../src/core/root/runTask';
import { formatTaskRun } from '../../../../src/core/root/taskReport';
import { unlockS3BucketPolicyTask } from '../../../../src/core/root/unlockS3';
import { REPORT_FORMATS, renderReport } from '../../../../src/core/report/formats';
import { buildPostureReport } from '../../../../src/core/report/posture';
import { clientsFor, rejection, rootSession } from '../../sandbox/helpers';
import { type TaskFixture, startTaskFixture, targetsOf } from '../root/tasks/taskFixture';

const token = `IQoJb3JpZ2luX2VjE${randomBytes(240).toString('base64')}`;
const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('secret scrubbing of AWS error text', () => {
  it('removes a token echoed in a canonical request, a query string, XML, JSON and INI, and known values anywhere', () => {
    const echoes = [
      `should have been\n'POST\n/\n\nhost:iam.amazonaws.com\nx-amz-date:20261204T100000Z\nx-amz-security-token:${token}\n\nhost;x-amz-date'`,
      `GET /?X-Amz-Security-Token=${encodeURIComponent(token)}&X-Amz-Signature=${'ab'.repeat(32)}`,
      `<Error><SessionToken>${token}</SessionToken><SignatureProvided>${'cd'.repeat(32)}</SignatureProvided></Error>`,
      `{"SessionToken":"${token}","SecretAccessKey":"${secretKey}"}`,
      `[profile x]\naws_secret_access_key = ${secretKey}\naws_session_token=${token}`,
      `Authorization: AWS4-HMAC-SHA256 Credential=ASIA.../aws4_request, SignedHeaders=host, Signature=${'ef'.repeat(32)}`,
    ];
    for (const text of echoes) {
      const scrubbed = scrubSecrets(text);
      assert.ok(!scrubbed.includes(token) && !scrubbed.includes(encodeURIComponent(token)), scrubbed);
      assert.ok(!scrubbed.includes(secretKey), scrubbed);
      assert.ok(!/[0-9a-f]{64}/.test(scrubbed), scrubbed);
      assert.ok(scrubbed.includes(REDACTED), scrubbed);
    }
    // A value the caller knows is secret goes wherever it appears, in plain text or percent-encoded.
    assert.equal(scrubSecrets(`odd place ${secretKey} and ${encodeURIComponent(secretKey)}`, [secretKey]), `odd place ${REDACTED} and ${REDACTED}`);
    // Ordinary text is left alone, and short "secrets" (a wiped '' key) never mangle it.
    const plain = 'User: arn:aws:iam::999900000003:root is not authorized to perform: iam:ListMFADevices on resource OrderEventsQueueProd001';
    assert.equal(scrubSecrets(plain, ['', 'root']), plain);
  });

  it('scrubs an error in place: message, stack, copied fields, causes; and drops the raw response', () => {
    const cause = new Error(`inner x-amz-security-token=${token}`);
    const err = Object.assign(new Error(`outer ${secretKey}`, { cause }), {
      Message: `x-amz-security-token:${token}`,
      CanonicalRequestBytes: '50 4f 53 54',
      $response: { body: token },
    });
    scrubError(err, [secretKey]);
    const everything = JSON.stringify({ ...err, message: err.message, stack: err.stack, cause: (err.cause as Error).message });
    assert.ok(!everything.includes(token) && !everything.includes(secretKey), everything);
    assert.equal(err.CanonicalRequestBytes, REDACTED);
    assert.equal(err.$response, undefined);
  });

  describe('against the sandbox answering SignatureDoesNotMatch with the canonical request', function () {
    this.timeout(60_000);
    let fx: TaskFixture;
    before(async () => {
      fx = await startTaskFixture({ accounts: 12, lockedBuckets: 2 });
    });
    after(() => fx.close());

    it('reproduces the leak with a bare SDK client (what RootGuard must scrub)', async () => {
      const account = fx.sandbox.world.members.find((a) => a.role === 'member')!;
      const creds = await rootSession(fx.sandbox, account.id, 'IAMAuditRootUserCredentials');
      fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['iam:GetAccountSummary'] } });
      try {
        const err = await rejection(() => clientsFor(fx.sandbox, creds).iam.send(new GetAccountSummaryCommand({})));
        assert.ok(err.message.includes(creds.sessionToken!));
      } finally {
        fx.sandbox.setKnobs({ faults: undefined });
      }
    });

    it('no token reaches results, reports in every format, the audit cache, task summaries, the log or the audit log', async () => {
      const world = fx.sandbox.world;
      const members = world.members.filter((a) => a.role === 'member');
      const locked = members.find((a) => a.buckets.some((b) => b.policy))!;
      fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['iam:GetAccountSummary', 'iam:ListAccessKeys', 's3:GetBucketPolicy'] } });
      try {
        const audit = await auditAccounts(fx.clients, targetsOf(world.accounts), { logger: fx.logger });
        const failed = audit.results.filter((r) => r.kind === 'failed');
        assert.ok(failed.length >= members.length, `${failed.length} failed audits`);
        for (const r of failed) {
          assert.equal(r.kind === 'failed' && r.code, 'SignatureDoesNotMatch');
          // The useful part of the answer stays: what AWS computed, minus the secret.
          assert.match(r.kind === 'failed' ? r.message : '', /Canonical String[\s\S]*x-amz-security-token:\[redacted\]/);
        }
        const deletion = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf(members.slice(0, 3)), fx.baseOptions());
        const unlock = await runRootTask(fx.clients, unlockS3BucketPolicyTask(locked.buckets.find((b) => b.policy)!.name), targetsOf([locked]), fx.baseOptions());
        assert.ok([...deletion.results, ...unlock.results].every((r) => r.status === 'failed' && r.code === 'SignatureDoesNotMatch'));

        const report = buildPostureReport({ accounts: world.accounts.map((a) => ({ id: a.id, arn: a.arn, email: a.email, name: a.name, state: a.state, parentId: a.parentId, isManagement: a.role === 'management', isDelegatedAdmin: false })), results: audit.results });
        const cache = new AuditCache();
        cache.putAll(audit.results);
        const outputs = [
          ...REPORT_FORMATS.map((format) => renderReport(report, format)),
          JSON.stringify(cache.toJSON()),
          JSON.stringify(audit),
          JSON.stringify([deletion, unlock]),
          formatTaskRun(deletion),
          formatTaskRun(unlock),
          fx.logLines.join('\n'),
          await readFile(fx.auditLog.path, 'utf8').catch(() => ''),
        ];
        const secrets = fx.sandbox.issuedSecrets();
        const leaked = outputs.flatMap((text, i) => secrets.filter((s) => text.includes(s)).map((s) => `output ${i}: ${s.slice(0, 8)}…`));
        assert.deepEqual(leaked, []);
      } finally {
        fx.sandbox.setKnobs({ faults: undefined });
      }
    });
  });
});
