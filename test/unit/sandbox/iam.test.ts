import assert from 'node:assert/strict';
import {
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootSessionsCommand,
  GetAccessKeyLastUsedCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListSigningCertificatesCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
} from '@aws-sdk/client-iam';
import { startSandbox, type RootProfile, type SandboxAccount, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection, rootSession } from './helpers';

describe('sandbox IAM organization features', () => {
  let sandbox: SandboxHandle;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 5 });
  });
  afterEach(() => sandbox.close());

  const iam = (who: 'management' | 'delegatedAdmin' | 'member') => clientsFor(sandbox, sandbox.credentials[who]).iam;

  it('lists both features, disables and re-enables root sessions', async () => {
    const listed = await iam('management').send(new ListOrganizationsFeaturesCommand({}));
    assert.deepEqual([listed.OrganizationId, listed.EnabledFeatures], [sandbox.world.organization.id, ['RootCredentialsManagement', 'RootSessions']]);
    const disabled = await iam('delegatedAdmin').send(new DisableOrganizationsRootSessionsCommand({}));
    assert.deepEqual(disabled.EnabledFeatures, ['RootCredentialsManagement']);
    assert.equal(sandbox.world.features.rootSessions, false);
    await iam('management').send(new EnableOrganizationsRootSessionsCommand({}));
    assert.equal(sandbox.world.features.rootSessions, true);
  });

  it('an empty feature list parses to []', async () => {
    sandbox.world.features.rootSessions = false;
    sandbox.world.features.rootCredentialsManagement = false;
    assert.deepEqual((await iam('management').send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures, []);
  });

  it('answers with the modeled exceptions', async () => {
    assert.equal((await rejection(() => iam('member').send(new ListOrganizationsFeaturesCommand({})))).name, 'AccountNotManagementOrDelegatedAdministratorException');
    const notMgmt = await rejection(() => iam('delegatedAdmin').send(new EnableOrganizationsRootCredentialsManagementCommand({})));
    assert.deepEqual([notMgmt.name, notMgmt.$metadata.httpStatusCode], ['CallerIsNotManagementAccountException', 400]);
    sandbox.world.serviceAccess.length = 0;
    assert.equal((await rejection(() => iam('management').send(new ListOrganizationsFeaturesCommand({})))).name, 'ServiceAccessNotEnabledException');
    sandbox.world.organization.featureSet = 'CONSOLIDATED_BILLING';
    assert.equal((await rejection(() => iam('management').send(new ListOrganizationsFeaturesCommand({})))).name, 'OrganizationNotInAllFeaturesModeException');
  });
});

describe('sandbox IAM root credentials in root sessions', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 30, scpBlockedAccounts: 1, suspendedAccounts: 0 });
  });
  after(() => sandbox.close());

  const withProfile = (profile: RootProfile): SandboxAccount => sandbox.world.members.find((a) => a.rootProfile === profile && !a.scpDeniesRootSessions)!;
  const session = async (account: SandboxAccount, task: Parameters<typeof rootSession>[2]) => clientsFor(sandbox, await rootSession(sandbox, account.id, task)).iam;

  it('an audit session reads the seeded truth', async () => {
    const account = withProfile('everything');
    const iam = await session(account, 'IAMAuditRootUserCredentials');
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    assert.deepEqual(
      [SummaryMap?.AccountMFAEnabled, SummaryMap?.AccountAccessKeysPresent, SummaryMap?.AccountPasswordPresent, SummaryMap?.AccountSigningCertificatesPresent],
      [1, 1, 1, 1],
    );
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({}));
    assert.deepEqual(AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status]), account.root.accessKeys.map((k) => [k.accessKeyId, k.status]));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: account.root.accessKeys[0].accessKeyId }));
    assert.equal(used.AccessKeyLastUsed?.LastUsedDate?.getTime(), account.root.accessKeys[0].lastUsed?.date.getTime());
    const { MFADevices } = await iam.send(new ListMFADevicesCommand({}));
    assert.deepEqual(MFADevices?.map((d) => d.SerialNumber), [`arn:aws:iam::${account.id}:mfa/root-account-mfa-device`]);
    const { Certificates } = await iam.send(new ListSigningCertificatesCommand({}));
    assert.equal(Certificates?.[0].CertificateId, account.root.signingCertificates[0].certificateId);
    const { LoginProfile } = await iam.send(new GetLoginProfileCommand({}));
    assert.equal(LoginProfile?.CreateDate?.getTime(), account.root.loginProfile?.createDate.getTime());
    const { User } = await iam.send(new GetUserCommand({}));
    assert.deepEqual([User?.Arn, User?.UserId, User?.PasswordLastUsed?.getTime()], [`arn:aws:iam::${account.id}:root`, account.id, account.root.passwordLastUsed?.getTime()]);
  });

  it('reports absent credentials the way IAM does', async () => {
    const iam = await session(withProfile('none'), 'IAMAuditRootUserCredentials');
    const err = await rejection(() => iam.send(new GetLoginProfileCommand({})));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['NoSuchEntityException', 404]);
    assert.equal((await iam.send(new GetUserCommand({}))).User?.PasswordLastUsed, undefined);
    assert.deepEqual((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata, []);
    const neverUsed = withProfile('activeKeyNeverUsed');
    const iam2 = await session(neverUsed, 'IAMAuditRootUserCredentials');
    const last = await iam2.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: neverUsed.root.accessKeys[0].accessKeyId }));
    assert.deepEqual([last.AccessKeyLastUsed?.ServiceName, last.AccessKeyLastUsed?.Region, last.AccessKeyLastUsed?.LastUsedDate], ['N/A', 'N/A', undefined]);
  });

  it('a session for S3UnlockBucketPolicy is refused iam:DeleteLoginProfile, and nothing changes', async () => {
    const account = withProfile('passwordUsed');
    const iam = await session(account, 'S3UnlockBucketPolicy');
    const err = await rejection(() => iam.send(new DeleteLoginProfileCommand({})));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['AccessDenied', 403]);
    assert.equal(err.message, `User: arn:aws:iam::${account.id}:root is not authorized to perform: iam:DeleteLoginProfile on resource: arn:aws:iam::${account.id}:root with an explicit deny in a session policy`);
    assert.ok(account.root.loginProfile);
  });

  it('audit sessions cannot change anything; create sessions cannot read the summary', async () => {
    const account = withProfile('activeKeyUsed');
    const audit = await session(account, 'IAMAuditRootUserCredentials');
    assert.equal((await rejection(() => audit.send(new DeleteAccessKeyCommand({ AccessKeyId: account.root.accessKeys[0].accessKeyId })))).name, 'AccessDenied');
    assert.equal(account.root.accessKeys.length, 1);
    const create = await session(account, 'IAMCreateRootUserPassword');
    assert.equal((await rejection(() => create.send(new GetAccountSummaryCommand({})))).name, 'AccessDenied');
    assert.equal((await rejection(() => audit.send(new GetUserCommand({ UserName: 'alice' })))).name, 'AccessDenied');
  });

  it('a delete session removes every root credential, virtual MFA only after deactivation', async () => {
    const account = withProfile('everything');
    const iam = await session(account, 'IAMDeleteRootUserCredentials');
    const serial = `arn:aws:iam::${account.id}:mfa/root-account-mfa-device`;
    const conflict = await rejection(() => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    assert.deepEqual([conflict.name, conflict.$metadata.httpStatusCode], ['DeleteConflictException', 409]);
    await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial }));
    assert.deepEqual((await iam.send(new ListMFADevicesCommand({}))).MFADevices, []);
    assert.equal(account.root.mfaDevices.length, 1, 'a deactivated virtual device still exists');
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    for (const key of account.root.accessKeys.slice()) await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.accessKeyId }));
    await iam.send(new DeleteSigningCertificateCommand({ CertificateId: account.root.signingCertificates[0].certificateId }));
    await iam.send(new DeleteLoginProfileCommand({}));
    assert.deepEqual(
      [account.root.mfaDevices, account.root.accessKeys, account.root.signingCertificates, account.root.loginProfile],
      [[], [], [], undefined],
    );
    const again = await rejection(() => iam.send(new DeleteLoginProfileCommand({})));
    assert.equal(again.name, 'NoSuchEntityException');
    assert.equal((await rejection(() => iam.send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIASANDBOX000000009' })))).name, 'NoSuchEntityException');
  });

  it('a delete session removes a hardware MFA device by deactivating it', async () => {
    const account = withProfile('hardwareMfa');
    const iam = await session(account, 'IAMDeleteRootUserCredentials');
    await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: account.root.mfaDevices[0].serialNumber }));
    assert.deepEqual(account.root.mfaDevices, []);
    const missing = await rejection(() => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: 'GAHT00000000' })));
    assert.equal(missing.name, 'NoSuchEntityException');
  });

  it('a create session adds a password-less login profile once', async () => {
    const account = withProfile('none');
    const iam = await session(account, 'IAMCreateRootUserPassword');
    const { LoginProfile } = await iam.send(new CreateLoginProfileCommand({}));
    assert.ok(LoginProfile?.CreateDate instanceof Date);
    assert.ok(account.root.loginProfile);
    const dup = await rejection(() => iam.send(new CreateLoginProfileCommand({})));
    assert.deepEqual([dup.name, dup.$metadata.httpStatusCode], ['EntityAlreadyExistsException', 409]);
    const withPassword = await rejection(() => iam.send(new CreateLoginProfileCommand({ Password: 'hunter2hunter2' })));
    assert.equal(withPassword.$metadata.httpStatusCode, 400);
  });

  it('in an account under a root-denying SCP every root-session call is an explicit SCP deny', async () => {
    const blocked = sandbox.world.members.find((a) => a.scpDeniesRootSessions)!;
    const iam = clientsFor(sandbox, await rootSession(sandbox, blocked.id, 'IAMAuditRootUserCredentials')).iam;
    for (const call of [() => iam.send(new GetAccountSummaryCommand({})), () => iam.send(new GetUserCommand({}))]) {
      const err = await rejection(call);
      assert.equal(err.name, 'AccessDenied');
      assert.match(err.message, /with an explicit deny in a service control policy$/);
    }
  });

  it('IAM admin users may not change root credentials', async () => {
    const err = await rejection(() => clientsFor(sandbox, sandbox.credentials.management).iam.send(new DeleteLoginProfileCommand({})));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /because no identity-based policy allows the iam:DeleteLoginProfile action/);
  });

  it("IAM admin users read their own account's summary and credential report, with IAM's states and errors", async () => {
    const management = sandbox.world.managementAccount;
    const iam = clientsFor(sandbox, sandbox.credentials.management).iam;
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    assert.equal(SummaryMap?.AccountPasswordPresent, management.root.loginProfile ? 1 : 0);
    assert.equal(SummaryMap?.AccountMFAEnabled, management.root.mfaDevices.some((d) => d.enabled) ? 1 : 0);

    assert.equal((await rejection(() => iam.send(new GetCredentialReportCommand({})))).name, 'CredentialReportNotPresentException');
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    const early = await rejection(() => iam.send(new GetCredentialReportCommand({})));
    assert.deepEqual([early.name, early.$metadata.httpStatusCode], ['CredentialReportNotReadyException', 404]);
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    const [header, ...rows] = Buffer.from(report.Content!).toString('utf8').split('\n').map((l) => l.split(','));
    const root = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === '<root_account>')![i]]));
    assert.equal(root.arn, `arn:aws:iam::${management.id}:root`);
    assert.equal(root.password_enabled, 'not_supported');
    assert.equal(root.mfa_active, String(management.root.mfaDevices.some((d) => d.enabled)));
    assert.equal(root.access_key_1_active, String(management.root.accessKeys[0]?.status === 'Active'));
  });

  it('root sessions may not generate credential reports', async () => {
    const member = sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    const iam = await session(member, 'IAMAuditRootUserCredentials');
    assert.equal((await rejection(() => iam.send(new GenerateCredentialReportCommand({})))).name, 'AccessDenied');
  });

  it('pages ListAccessKeys with MaxItems and Marker', async () => {
    // The first 'everything' account may have lost its keys to the delete test; take one that still has both.
    const fresh = sandbox.world.members.find((a) => a.rootProfile === 'everything' && a.root.accessKeys.length === 2 && !a.scpDeniesRootSessions)!;
    const iam = await session(fresh, 'IAMAuditRootUserCredentials');
    const first = await iam.send(new ListAccessKeysCommand({ MaxItems: 1 }));
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(new ListAccessKeysCommand({ MaxItems: 1, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.deepEqual([...first.AccessKeyMetadata!, ...second.AccessKeyMetadata!].map((k) => k.AccessKeyId), fresh.root.accessKeys.map((k) => k.accessKeyId));
  });
});
