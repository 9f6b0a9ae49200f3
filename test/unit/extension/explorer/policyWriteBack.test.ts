/**
 * The explorer's write-back of a fixed SCP, against the sandbox's Organizations: an audit log setting that
 * cannot be the log is refused in the tasks' words before the user is asked or AWS is called, as the
 * privileged tasks refuse it; a log that can be written gets the records of the write.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../../../src/core/aws/clients';
import { readOrgPolicies } from '../../../../src/core/preflight';
import { readAuditLog } from '../../../../src/core/root/auditLog';
import { writeBackPolicy, type PolicyWriteBack } from '../../../../src/extension/explorer/policyWriteBack';
import { AuditLogSettingError } from '../../../../src/extension/tasks/auditLogSetting';
import { type SandboxHandle, startSandbox } from '../../../../src/sandbox/index';
import { SEEDED_POLICY_IDS } from '../../../../src/sandbox/policySeed';

describe('extension: writing a fixed organization policy back', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandle;
  let dir: string;
  const callerArn = 'arn:aws:iam::000000000000:user/tester';

  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 8, scpBlockedAccounts: 2, seed: 3 });
    dir = await mkdtemp(join(tmpdir(), 'rg-policy-write-back-'));
  });
  afterEach(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The seeded Control Tower root deny with its root-session exemption added, and how many times the user was asked. */
  async function writeBack(auditLogPath: string, dryRun = false) {
    const clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials.management }, endpoint: sandbox.endpoint, region: sandbox.region });
    const organizations = clients.organizations();
    const policy = (await readOrgPolicies(organizations)).policies.find((p) => p.id === SEEDED_POLICY_IDS.controlTowerRootDeny)!;
    const document = JSON.parse(policy.content) as { Statement: { Condition: Record<string, unknown> }[] };
    document.Statement[0].Condition.Null = { 'aws:AssumedRoot': 'true' };
    const asked: string[] = [];
    const request: PolicyWriteBack = {
      policy,
      oldContent: policy.content,
      newContent: JSON.stringify(document, null, 2),
      auditLogPath,
      organizations,
      confirm: async () => {
        asked.push(policy.id);
        return { callerArn, dryRun };
      },
    };
    sandbox.clearRequests();
    return { request, asked, stored: () => sandbox.world.policies.find(policy.id)!.content };
  }

  const organizationsCalls = () => sandbox.requests().filter((r) => r.service === 'organizations').map((r) => r.operation);

  it('refuses a folder as the audit log before asking or calling AWS, in the words the tasks use', async () => {
    const { request, asked, stored } = await writeBack(dir);
    await assert.rejects(writeBackPolicy(request), (err: unknown) => {
      assert.ok(err instanceof AuditLogSettingError);
      assert.equal(err.message, `rootguard.tasks.auditLogPath ${dir}: a folder, not a file: name the log file itself`);
      return true;
    });
    assert.deepEqual(asked, []);
    assert.deepEqual(organizationsCalls(), []);
    assert.equal(stored(), request.oldContent);
  });

  it('refuses a log under a file the same way, changing nothing', async () => {
    const path = join(__filename, 'audit.jsonl');
    const { request, asked, stored } = await writeBack(path);
    await assert.rejects(writeBackPolicy(request), { message: `rootguard.tasks.auditLogPath ${path}: a part of the path before the file name is a file, not a folder` });
    assert.deepEqual([asked, organizationsCalls(), stored()], [[], [], request.oldContent]);
  });

  it('with a log that can be written, asks, writes the policy and records it there', async () => {
    const log = join(dir, 'audit.jsonl');
    const { request, asked, stored } = await writeBack(log);
    const record = await writeBackPolicy(request);
    assert.deepEqual(asked, [request.policy.id]);
    assert.deepEqual(organizationsCalls(), ['DescribePolicy', 'UpdatePolicy']);
    assert.equal(stored(), request.newContent);
    assert.deepEqual([record?.outcome, record?.callerArn], ['updated', callerArn]);
    assert.deepEqual((await readAuditLog(log)).policyUpdates.map((r) => r.outcome), ['intent', 'updated']);
  });

  it('a cancelled confirmation calls nothing and records nothing', async () => {
    const log = join(dir, 'audit.jsonl');
    const { request, stored } = await writeBack(log);
    assert.equal(await writeBackPolicy({ ...request, confirm: async () => undefined }), undefined);
    assert.deepEqual([organizationsCalls(), stored()], [[], request.oldContent]);
    assert.deepEqual((await readAuditLog(log)).policyUpdates, []);
  });
});
