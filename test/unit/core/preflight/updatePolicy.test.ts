/**
 * Writing a fixed SCP back with the real SDK against the sandbox's Organizations: the policy changes only
 * after a write that is no dry run, a policy changed since it was read is refused, and every attempt leaves
 * an audit record with the old and new text, the caller and the targets.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../../../src/core/aws/clients';
import { readOrgPolicies, updateOrgPolicy } from '../../../../src/core/preflight';
import { JsonlAuditLog, readAuditLog } from '../../../../src/core/root/auditLog';
import { type SandboxHandle, startSandbox } from '../../../../src/sandbox/index';
import { SEEDED_POLICY_IDS } from '../../../../src/sandbox/policySeed';

describe('updateOrgPolicy against the sandbox organization', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandle;
  let dir: string;
  const callerArn = 'arn:aws:iam::000000000000:user/tester';

  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 8, scpBlockedAccounts: 2, seed: 3 });
    dir = await mkdtemp(join(tmpdir(), 'rg-update-policy-'));
  });
  afterEach(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function setup() {
    const clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials.management }, endpoint: sandbox.endpoint, region: sandbox.region });
    const organizations = clients.organizations();
    const { policies } = await readOrgPolicies(organizations);
    const policy = policies.find((p) => p.id === SEEDED_POLICY_IDS.controlTowerRootDeny)!;
    // The seeded Control Tower deny with its root session exemption added.
    const document = JSON.parse(policy.content) as { Statement: { Condition: Record<string, unknown> }[] };
    document.Statement[0].Condition.Null = { 'aws:AssumedRoot': 'true' };
    const newContent = JSON.stringify(document, null, 2);
    const auditLog = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const stored = () => sandbox.world.policies.find(policy.id)!.content;
    return { organizations, policy, newContent, auditLog, stored };
  }

  it('writes the new text and records the old and new text, the caller and every target', async () => {
    const { organizations, policy, newContent, auditLog, stored } = await setup();
    assert.notEqual(newContent, policy.content, 'the test changes the text');
    const record = await updateOrgPolicy({ policy, oldContent: policy.content, newContent, callerArn, dryRun: false }, { organizations, auditLog });
    assert.equal(stored(), newContent);
    const { policyUpdates, records } = await readAuditLog(auditLog.path);
    assert.equal(records.length, 0, 'no root task record');
    const [intent, outcome] = policyUpdates;
    assert.deepEqual(outcome, record);
    assert.deepEqual([intent.outcome, intent.oldContent, intent.newContent, record.intentId], ['intent', policy.content, newContent, intent.id]);
    assert.equal(policyUpdates.length, 2);
    assert.deepEqual(
      [record.outcome, record.callerArn, record.policyId, record.oldContent, record.newContent],
      ['updated', callerArn, policy.id, policy.content, newContent],
    );
    assert.deepEqual(record.targets.map((t) => t.id).sort(), [...sandbox.world.policies.targetsOf(policy.id)].sort());
    assert.ok(record.targets.length > 0);
  });

  it('a dry run records what it would write and changes nothing', async () => {
    const { organizations, policy, newContent, auditLog, stored } = await setup();
    const record = await updateOrgPolicy({ policy, oldContent: policy.content, newContent, callerArn, dryRun: true }, { organizations, auditLog });
    assert.equal(record.outcome, 'dry-run');
    assert.equal(stored(), policy.content);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'UpdatePolicy').length, 0);
    assert.deepEqual((await readAuditLog(auditLog.path)).policyUpdates, [record]);
  });

  it('refuses a policy changed since it was read, writing nothing', async () => {
    const { organizations, policy, newContent, auditLog, stored } = await setup();
    sandbox.world.policies.find(policy.id)!.content = policy.content.replace('GRRESTRICTROOTUSER', 'CHANGEDBYSOMEONE');
    await assert.rejects(updateOrgPolicy({ policy, oldContent: policy.content, newContent, callerArn, dryRun: false }, { organizations, auditLog }), { code: 'PolicyChanged' });
    assert.match(stored(), /CHANGEDBYSOMEONE/);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'UpdatePolicy').length, 0);
  });

  it('writes nothing when the audit log cannot be written', async () => {
    const { organizations, policy, newContent, stored } = await setup();
    const unwritable = new JsonlAuditLog('/proc/rootguard-cannot-write/audit.jsonl');
    await assert.rejects(updateOrgPolicy({ policy, oldContent: policy.content, newContent, callerArn, dryRun: false }, { organizations, auditLog: unwritable }));
    assert.equal(stored(), policy.content);
    assert.equal(sandbox.requests().filter((r) => r.operation === 'UpdatePolicy').length, 0);
  });

  it('records a write Organizations refuses, and throws its error', async () => {
    const { organizations, policy, auditLog, stored } = await setup();
    await assert.rejects(
      updateOrgPolicy({ policy, oldContent: policy.content, newContent: '{"Statement": []}', callerArn, dryRun: false }, { organizations, auditLog }),
      { name: 'MalformedPolicyDocumentException' },
    );
    assert.equal(stored(), policy.content);
    const [intent, record] = (await readAuditLog(auditLog.path)).policyUpdates;
    assert.deepEqual([intent.outcome, record.outcome, record.intentId, record.error?.code], ['intent', 'failed', intent.id, 'MalformedPolicyDocument']);
  });
});
