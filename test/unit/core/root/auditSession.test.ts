import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { GetAccountSummaryCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { getSigningKey } from '@smithy/signature-v4';
import { type RootSession, withRootSession } from '../../../../src/core/root/session';
import { type SandboxFixture, startSandboxFixture } from '../aws/sandboxClients';

describe('withRootSession against the sandbox', function () {
  this.timeout(20_000);
  let fx: SandboxFixture;
  before(async () => {
    fx = await startSandboxFixture({ accounts: 6, scpBlockedAccounts: 0, suspendedAccounts: 0 });
  });
  after(() => fx.close());

  const member = () => fx.sandbox.world.members[2].id;

  it('runs the task with clients signed by the session and exposes only its access key id', async () => {
    const summary = await withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async (session) => {
      assert.match(session.accessKeyId, /^ASIA/);
      assert.equal(session.accountId, member());
      return session.iam().send(new GetAccountSummaryCommand({}));
    });
    assert.ok(summary.SummaryMap);
    const issued = fx.sandbox.world.rootSessions.at(-1);
    assert.equal(issued?.taskPolicyArn, 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
    assert.equal(issued?.accountId, member());
  });

  it('asks for the shortest duration given and refuses more than 900 seconds', async () => {
    await withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async () => undefined, { durationSeconds: 60 });
    const issued = fx.sandbox.world.rootSessions.at(-1)!;
    assert.equal((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000, 60);
    await assert.rejects(withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async () => undefined, { durationSeconds: 901 }), { code: 'InvalidDuration' });
    await assert.rejects(withRootSession(fx.clients, '12345', 'IAMAuditRootUserCredentials', async () => undefined), { code: 'InvalidAccountId' });
  });

  it('ends the session when the task settles, even by throwing', async () => {
    let kept: RootSession | undefined;
    await assert.rejects(
      withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async (session) => {
        kept = session;
        throw new Error('task failed');
      }),
      /task failed/,
    );
    assert.throws(() => kept!.iam(), { code: 'SessionEnded' });
  });

  it('wipes the credentials so a client kept past the task cannot sign', async () => {
    let keptClient: ReturnType<RootSession['iam']> | undefined;
    await withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async (session) => {
      keptClient = session.iam();
      await keptClient.send(new GetAccountSummaryCommand({}));
    });
    await assert.rejects(keptClient!.send(new GetAccountSummaryCommand({})));
  });

  it("leaves no signing key derived from the session in the SDK's process-wide cache once it ends", async () => {
    // The signer keeps the keys it derives, keyed by the session token, for any later call. A cache hit
    // computes one HMAC (the lookup hash); a miss derives the key again with four more.
    let hmacs = 0;
    type SourceData = string | ArrayBuffer | ArrayBufferView;
    const bytes = (data: SourceData) => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
    class CountingSha256 {
      private hash;
      constructor(private readonly secret?: SourceData) {
        hmacs++;
        this.hash = this.fresh();
      }
      private fresh() {
        return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
      }
      update(data: SourceData) {
        this.hash.update(bytes(data));
      }
      async digest() {
        return new Uint8Array(this.hash.digest());
      }
      reset() {
        this.hash = this.fresh();
      }
    }
    const hmacsToSign = async (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => {
      hmacs = 0;
      await getSigningKey(CountingSha256, credentials, '20261205', fx.clients.region, 'iam');
      return hmacs;
    };
    let copy: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
    await withRootSession(fx.clients, member(), 'IAMAuditRootUserCredentials', async (session) => {
      copy = { ...(await session.iam().config.credentials()) };
      assert.equal(await hmacsToSign(copy), 5, 'derived');
      assert.equal(await hmacsToSign(copy), 1, 'cached while the session is open');
    });
    assert.equal(await hmacsToSign(copy!), 5, 'derived again: the ended session left nothing cached');
  });

  it('signs each call with its own session while sessions in two accounts call at the same time', async () => {
    const accounts = [fx.sandbox.world.members[2].id, fx.sandbox.world.members[3].id];
    const calls = 4;
    // Neither session calls before both are open, so their calls are in flight together.
    let open = 0;
    let bothOpen!: () => void;
    const opened = new Promise<void>((resolve) => (bothOpen = resolve));
    fx.sandbox.clearRequests();
    const runs = await Promise.all(
      accounts.map((id) =>
        withRootSession(fx.clients, id, 'IAMAuditRootUserCredentials', async (session) => {
          if (++open === accounts.length) bothOpen();
          await opened;
          const users = await Promise.all(Array.from({ length: calls }, () => session.iam().send(new GetUserCommand({}))));
          return { keyId: session.accessKeyId, arns: users.map((u) => u.User?.Arn) };
        }),
      ),
    );
    // The sandbox checks each signature and answers for the account the signing key belongs to.
    runs.forEach((run, i) => assert.deepEqual(run.arns, Array(calls).fill(`arn:aws:iam::${accounts[i]}:root`)));
    const signers = fx.sandbox.requests().filter((r) => r.operation === 'GetUser').map((r) => r.accessKeyId);
    assert.notEqual(runs[0].keyId, runs[1].keyId);
    assert.deepEqual(signers.sort(), runs.flatMap((run) => Array(calls).fill(run.keyId)).sort());
  });

  it('reports an AssumeRoot failure with its operation', async () => {
    await assert.rejects(
      withRootSession(fx.clients, fx.sandbox.world.organization.managementAccountId, 'IAMAuditRootUserCredentials', async () => undefined),
      (err: { operation?: string; code?: string }) => err.operation === 'AssumeRoot' && typeof err.code === 'string',
    );
  });
});
