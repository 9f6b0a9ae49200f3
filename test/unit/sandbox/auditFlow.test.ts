import assert from 'node:assert/strict';
import { GetAccountSummaryCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, paginateListAccounts, type Account } from '@aws-sdk/client-organizations';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../src/core/root/taskPolicies';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor } from './helpers';

interface AuditRow {
  accountId: string;
  mfa?: number;
  accessKeys?: number;
  password?: number;
  certificates?: number;
  passwordLastUsed?: string;
  error?: string;
}

/**
 * The AWS Security Blog's audit script (2024-11-22), with the real SDK: list accounts, then per active member
 * account AssumeRoot with IAMAuditRootUserCredentials, GetAccountSummary and GetUser.
 */
async function blogAudit(sandbox: SandboxHandle): Promise<AuditRow[]> {
  const { orgs, sts } = clientsFor(sandbox, sandbox.credentials.management);
  const accounts: Account[] = [];
  for await (const page of paginateListAccounts({ client: orgs }, {})) accounts.push(...(page.Accounts ?? []));
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  const rows: AuditRow[] = [];
  for (const account of accounts) {
    if (account.Id === Organization?.MasterAccountId || (account.State ?? account.Status) !== 'ACTIVE') continue;
    const { Credentials: c } = await sts.send(
      new AssumeRootCommand({ TargetPrincipal: account.Id, TaskPolicyArn: { arn: taskPolicyArn('IAMAuditRootUserCredentials') }, DurationSeconds: 900 }),
    );
    const { iam } = clientsFor(sandbox, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    try {
      const { SummaryMap: s } = await iam.send(new GetAccountSummaryCommand({}));
      const { User } = await iam.send(new GetUserCommand({}));
      rows.push({
        accountId: account.Id!,
        mfa: s?.AccountMFAEnabled,
        accessKeys: s?.AccountAccessKeysPresent,
        password: s?.AccountPasswordPresent,
        certificates: s?.AccountSigningCertificatesPresent,
        passwordLastUsed: User?.PasswordLastUsed?.toISOString(),
      });
    } catch (err) {
      rows.push({ accountId: account.Id!, error: `${(err as Error).name}: ${(err as Error).message}` });
    }
  }
  return rows;
}

describe('sandbox: the AWS blog audit flow', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 60, suspendedAccounts: 4, scpBlockedAccounts: 2 });
  });
  after(() => sandbox.close());

  it('gets the seeded truth back for every active member account', async () => {
    const rows = await blogAudit(sandbox);
    const expected = sandbox.world.members
      .filter((a) => a.state === 'ACTIVE')
      .map((a): AuditRow => {
        if (a.scpDeniesRootSessions) {
          return { accountId: a.id, error: `AccessDenied: User: arn:aws:iam::${a.id}:root is not authorized to perform: iam:GetAccountSummary on resource: * with an explicit deny in a service control policy` };
        }
        const r = a.root;
        return {
          accountId: a.id,
          mfa: r.mfaDevices.some((d) => d.enabled) ? 1 : 0,
          accessKeys: r.accessKeys.length ? 1 : 0,
          password: r.loginProfile ? 1 : 0,
          certificates: r.signingCertificates.length ? 1 : 0,
          passwordLastUsed: r.passwordLastUsed?.toISOString(),
        };
      });
    assert.deepEqual(rows, expected);
    assert.equal(rows.length, 60 - 1 - 4);
    assert.equal(rows.filter((r) => r.error).length, 2);
    assert.ok(rows.some((r) => r.mfa === 1) && rows.some((r) => r.accessKeys === 1) && rows.some((r) => r.password === 0));
    assert.equal(sandbox.world.rootSessions.length, rows.length);
    assert.ok(sandbox.world.rootSessions.every((s) => s.taskPolicy === 'IAMAuditRootUserCredentials'));
  });
});
