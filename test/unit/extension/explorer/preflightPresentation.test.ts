import assert from 'node:assert/strict';
import type { TaskPrediction } from '../../../../src/core/preflight';
import { type AccountPreflight, presentAccountPreflight, withPreflight } from '../../../../src/extension/explorer/preflightPresentation';
import { presentAccount } from '../../../../src/extension/explorer/presentation';

const ACCOUNT = { id: '123456789012', arn: 'arn', name: 'legacy-app', email: 'a@example.com', state: 'ACTIVE' as const, parentId: 'ou-1', isManagement: false, isDelegatedAdmin: false };
const TYPES = { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: 'ENABLED' } as const;

const prediction = (task: TaskPrediction['task'], result: TaskPrediction['result'], summary: string, dependsOn: string[] = []): TaskPrediction => ({
  accountId: ACCOUNT.id, task, result, blockedCalls: [], dependingCalls: [], dependsOn, statements: [], missingAllows: [], summary,
});

const ALL_WORK = [
  prediction('IAMAuditRootUserCredentials', 'works', 'audit works'),
  prediction('IAMCreateRootUserPassword', 'works', 'allow-password-recovery works'),
  prediction('IAMDeleteRootUserCredentials', 'works', 'delete-credentials works'),
  prediction('S3UnlockBucketPolicy', 'works', 'unlock-s3-bucket works'),
  prediction('SQSUnlockQueuePolicy', 'works', 'unlock-sqs-queue works'),
];
const ready = (predictions: TaskPrediction[], over: Partial<Extract<AccountPreflight, { state: 'ready' }>> = {}): AccountPreflight => ({
  state: 'ready', predictions, readAt: '2026-12-05T00:40:00.000Z', types: TYPES, ...over,
});
const row = (auditing = false) => presentAccount({ account: ACCOUNT, auditing, maxAgeMs: Infinity, now: new Date('2026-12-05T01:00:00Z') });

describe('explorer: the preflight on account rows', () => {
  it('marks an account where a task is predicted blocked, naming the policy and statement per task in the tooltip', () => {
    const predictions = [...ALL_WORK];
    predictions[2] = prediction('IAMDeleteRootUserCredentials', 'blocked', 'delete-credentials blocked by SCP DenyRoot (p-abc123), statement 2 (DenyRootUser)');
    const view = withPreflight(row(), presentAccountPreflight(ready(predictions)), false);
    assert.equal(view.description, '123456789012 · not audited · 1 of 5 root tasks blocked');
    assert.deepEqual(view.icon, { icon: 'lock', color: 'problemsWarningIcon.foreground' });
    assert.equal(view.contextValue, 'account;member;active;notAudited;preflightBlocked');
    assert.match(view.tooltip, /\*\*Root tasks predicted from the SCPs and RCPs\*\* \(read 2026-12-05 00:40 UTC\):\n\n- audit works\n/);
    assert.ok(view.tooltip.includes('- delete-credentials blocked by SCP DenyRoot (p-abc123), statement 2 (DenyRootUser)'), view.tooltip);
  });

  it('says "root tasks blocked" when every task is, and keeps a running audit\'s spinner', () => {
    const blocked = ALL_WORK.map((p) => ({ ...p, result: 'blocked' as const, summary: `${p.summary.split(' ')[0]} blocked: no SCP at 123456789012 allows iam:GetUser` }));
    const view = withPreflight(row(true), presentAccountPreflight(ready(blocked)), true);
    assert.equal(view.description, '123456789012 · auditing… · root tasks blocked');
    assert.deepEqual(view.icon, { icon: 'loading~spin' });
  });

  it('leaves a row where every task works as it was, and says so in the tooltip only', () => {
    const plain = row();
    const view = withPreflight(plain, presentAccountPreflight(ready(ALL_WORK)), false);
    assert.equal(view.description, plain.description);
    assert.deepEqual(view.icon, plain.icon);
    assert.equal(view.contextValue, plain.contextValue);
    assert.match(view.tooltip, /- unlock-sqs-queue works$/);
  });

  it('names the keys a task depends on, and notes policy types that are not evaluated', () => {
    const depends = ALL_WORK.map((p) => ({ ...p, result: 'depends' as const, dependsOn: ['aws:SourceIp'], summary: `${p.summary.split(' ')[0]} depends on aws:SourceIp` }));
    const view = withPreflight(row(), presentAccountPreflight(ready(depends, { types: { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: 'NOT_ENABLED' } })), false);
    assert.equal(view.description, '123456789012 · not audited · root tasks depend on aws:SourceIp');
    assert.deepEqual(view.icon, row().icon, 'only a predicted block changes the icon');
    assert.match(view.contextValue, /;preflightDepends$/);
    assert.match(view.tooltip, /RCPs are not enabled on the root: not evaluated\.$/);
  });

  it('names the keys of a blocked task\'s calls that only may be blocked, as its summary does', () => {
    const predictions = [...ALL_WORK];
    const summary = 'delete-credentials blocked by SCP DenyRoot (p-abc123), statement 2; iam:GetUser may be blocked too, depending on aws:SourceIp (SCP Net (p-def456), statement 1)';
    predictions[2] = { ...prediction('IAMDeleteRootUserCredentials', 'blocked', summary, ['aws:SourceIp']), blockedCalls: ['iam:DeleteLoginProfile'], dependingCalls: ['iam:GetUser'] };
    const view = withPreflight(row(), presentAccountPreflight(ready(predictions)), false);
    assert.equal(view.description, '123456789012 · not audited · 1 of 5 root tasks blocked; others may be blocked too, depending on aws:SourceIp');
    assert.equal(view.contextValue, 'account;member;active;notAudited;preflightBlocked;preflightDepends');
    assert.ok(view.tooltip.includes(`- ${summary}`), view.tooltip);
  });

  it('beside a blocked task, names the keys another task depends on, or "conditions" past two', () => {
    const predictions = [...ALL_WORK];
    predictions[2] = prediction('IAMDeleteRootUserCredentials', 'blocked', 'delete-credentials blocked by SCP DenyRoot (p-abc123), statement 2');
    predictions[3] = prediction('S3UnlockBucketPolicy', 'depends', 'unlock-s3-bucket depends on aws:SourceIp, aws:CurrentTime, aws:PrincipalTag/team', ['aws:SourceIp', 'aws:CurrentTime', 'aws:PrincipalTag/team']);
    assert.equal(presentAccountPreflight(ready(predictions)).description, '1 of 5 root tasks blocked; others may be blocked too, depending on conditions');
  });

  it('never says "works" for what was not checked: denied, cancelled, loading or not predicted', () => {
    const denied = presentAccountPreflight({ state: 'failed', reason: "The caller may not read the organization's policies (ListPolicies was denied)." });
    assert.deepEqual(denied.tooltip, ["Root tasks **not predicted**: The caller may not read the organization's policies (ListPolicies was denied)."]);
    const notPredicted = presentAccountPreflight(ready([], { notPredicted: 'the management account is not subject to SCPs' }));
    assert.deepEqual(notPredicted.tooltip, ['Root tasks not predicted: the management account is not subject to SCPs.']);
    for (const view of [denied, notPredicted, presentAccountPreflight({ state: 'cancelled' }), presentAccountPreflight({ state: 'loading' }), presentAccountPreflight({ state: 'idle' })]) {
      assert.equal(view.description, undefined);
      assert.equal(view.blocked, false);
      assert.doesNotMatch(view.tooltip.join('\n'), /works/);
    }
  });
});
