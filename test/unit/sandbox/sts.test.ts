import assert from 'node:assert/strict';
import { AssumeRootCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../src/core/root/taskPolicies';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection, rootSession } from './helpers';

const AUDIT = { arn: taskPolicyArn('IAMAuditRootUserCredentials') };

describe('sandbox STS', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 40, suspendedAccounts: 3 });
  });
  after(() => sandbox.close());

  const activeMember = () => sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
  const assume = (creds = sandbox.credentials.management, input: Partial<{ TargetPrincipal: string; arn: string; DurationSeconds: number }> = {}, region?: string) =>
    clientsFor(sandbox, creds, { region }).sts.send(
      new AssumeRootCommand({
        TargetPrincipal: input.TargetPrincipal ?? activeMember().id,
        TaskPolicyArn: { arn: input.arn ?? AUDIT.arn },
        DurationSeconds: input.DurationSeconds,
      }),
    );

  it('GetCallerIdentity names the IAM caller and, in a root session, the member root', async () => {
    const mgmt = await clientsFor(sandbox, sandbox.credentials.management).sts.send(new GetCallerIdentityCommand({}));
    assert.equal(mgmt.Account, sandbox.world.organization.managementAccountId);
    assert.match(mgmt.Arn!, /^arn:aws:iam::\d{12}:user\//);
    const target = activeMember().id;
    const session = await rootSession(sandbox, target, 'S3UnlockBucketPolicy');
    const inside = await clientsFor(sandbox, session).sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual([inside.Account, inside.Arn, inside.UserId], [target, `arn:aws:iam::${target}:root`, target]);
  });

  it('AssumeRoot issues 900-second ASIA credentials and records the session', async () => {
    const before = sandbox.world.rootSessions.length;
    const target = activeMember().id;
    const out = await assume(undefined, { TargetPrincipal: `arn:aws:iam::${target}:root` });
    const creds = out.Credentials!;
    assert.match(creds.AccessKeyId!, /^ASIASANDBOX\d{9}$/);
    assert.ok(creds.SecretAccessKey && creds.SessionToken);
    const lifetime = creds.Expiration!.getTime() - sandbox.clock.nowMs();
    assert.ok(lifetime > 890_000 && lifetime <= 900_000, `lifetime ${lifetime}`);
    const record = sandbox.world.rootSessions[before];
    assert.deepEqual([record.accountId, record.taskPolicy, record.accessKeyId], [target, 'IAMAuditRootUserCredentials', creds.AccessKeyId]);
    assert.ok(sandbox.issuedSecrets().includes(creds.SessionToken!));
  });

  it('the delegated administrator may call AssumeRoot, an ordinary member may not', async () => {
    await assume(sandbox.credentials.delegatedAdmin);
    const err = await rejection(() => assume(sandbox.credentials.member));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.match(err.message, /^User: arn:aws:iam::\d{12}:user\/\S+ is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::\d{12}:root/);
  });

  it('refuses the global endpoint (aws-global) with InvalidAction, and accepts any regional one', async () => {
    const err = await rejection(() => assume(undefined, {}, 'aws-global'));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.message, 'Unknown Operation');
    const regional = await assume(undefined, {}, 'eu-west-1');
    assert.ok(regional.Credentials?.AccessKeyId);
  });

  it('refuses the management account, suspended and unknown targets', async () => {
    const suspended = sandbox.world.accounts.find((a) => a.state !== 'ACTIVE')!;
    for (const target of [sandbox.world.organization.managementAccountId, suspended.id, '999988887777']) {
      const err = await rejection(() => assume(undefined, { TargetPrincipal: target }));
      assert.equal(err.name, 'AccessDenied', target);
      assert.ok(err.message.includes(`arn:aws:iam::${target}:root`));
    }
  });

  it('validates the task policy, the duration and the target principal', async () => {
    const cases: Partial<{ TargetPrincipal: string; arn: string; DurationSeconds: number }>[] = [
      { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredential' },
      { DurationSeconds: 901 },
      { DurationSeconds: -1 },
      { TargetPrincipal: 'not-an-account' },
    ];
    for (const input of cases) {
      const err = await rejection(() => assume(undefined, input));
      assert.equal(err.name, 'ValidationError', JSON.stringify(input));
      assert.equal(err.$metadata.httpStatusCode, 400);
    }
  });

  it('needs RootSessions and trusted access for IAM', async () => {
    sandbox.world.features.rootSessions = false;
    try {
      const err = await rejection(() => assume());
      assert.equal(err.name, 'AccessDenied');
      assert.match(err.message, /RootSessions/);
    } finally {
      sandbox.world.features.rootSessions = true;
    }
    await assume();
  });

  it('a root session cannot start another root session', async () => {
    const session = await rootSession(sandbox, activeMember().id, 'IAMAuditRootUserCredentials');
    const err = await rejection(() => assume(session));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /explicit deny/);
  });
});
