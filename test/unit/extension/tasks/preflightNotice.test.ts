import assert from 'node:assert/strict';
import type { OrgAccount } from '../../../../src/core/org/model';
import type { TaskPrediction } from '../../../../src/core/preflight';
import { describeNotice, preflightNotice } from '../../../../src/extension/tasks/preflightNotice';

const account = (id: string): OrgAccount => ({ id, arn: 'arn', name: `acct-${id.slice(-2)}`, email: 'a@example.com', state: 'ACTIVE', parentId: 'ou-1', isManagement: false, isDelegatedAdmin: false });
const prediction = (accountId: string, result: TaskPrediction['result'], summary: string): TaskPrediction => ({
  accountId, task: 'IAMDeleteRootUserCredentials', result, blockedCalls: [], dependingCalls: [], dependsOn: [], statements: [], missingAllows: [], summary,
});

const ACCOUNTS = ['111111111101', '111111111102', '111111111103', '111111111104'].map(account);
const PREDICTIONS = new Map([
  ['111111111101', prediction('111111111101', 'blocked', 'delete-credentials blocked by SCP aws-guardrails-RestrictRootUser (p-sbxctroot1), statement 1 (GRRESTRICTROOTUSER)')],
  ['111111111102', prediction('111111111102', 'depends', 'delete-credentials depends on aws:SourceIp (SCP DenyRootOutsideCorporateNetwork (p-sbxsrcip01), statement 1)')],
  ['111111111103', prediction('111111111103', 'works', 'delete-credentials works')],
]);

describe('task confirmations: what the preflight predicts for the chosen accounts', () => {
  it('lists the blocked accounts apart with the deciding statement, then those that depend, then the unchecked', () => {
    const notice = preflightNotice(ACCOUNTS, (id) => PREDICTIONS.get(id));
    assert.deepEqual(notice.blocked.map((b) => b.account.id), ['111111111101']);
    assert.deepEqual(notice.depends.map((b) => b.account.id), ['111111111102']);
    assert.deepEqual(describeNotice(notice, true, 10), [
      "Predicted blocked by the organization's SCPs or RCPs (1), skipped unless you include them:\n• acct-01 (111111111101): delete-credentials blocked by SCP aws-guardrails-RestrictRootUser (p-sbxctroot1), statement 1 (GRRESTRICTROOTUSER)",
      'Predicted to depend on a condition (1):\n• acct-02 (111111111102): delete-credentials depends on aws:SourceIp (SCP DenyRootOutsideCorporateNetwork (p-sbxsrcip01), statement 1)',
      'Not checked against the SCPs and RCPs (not in the organization as listed for the prediction): acct-04 (111111111104).',
    ]);
  });

  it('says every account is unchecked when the policies could not be read, and shortens long lists', () => {
    const notice = preflightNotice(ACCOUNTS, (id) => PREDICTIONS.get(id), 'ListPolicies was denied');
    assert.deepEqual([notice.blocked, notice.depends], [[], []]);
    assert.deepEqual(describeNotice(notice, false, 2), ['Not checked against the SCPs and RCPs (ListPolicies was denied): acct-01 (111111111101), acct-02 (111111111102) and 2 more.']);
    const many = ACCOUNTS.map((a) => a.id);
    const allBlocked = preflightNotice(ACCOUNTS, (id) => prediction(id, 'blocked', `blocked in ${id}`));
    assert.deepEqual(describeNotice(allBlocked, false, 1), [`Predicted blocked by the organization's SCPs or RCPs (4):\n• acct-01 (${many[0]}): blocked in ${many[0]}\n• and 3 more`]);
  });

  it('shows control and bidirectional characters in names and statement Sids as code points', () => {
    const renamed = { ...account('111111111101'), name: 'prod\u202E\nfake line' };
    const notice = preflightNotice([renamed], () => prediction('111111111101', 'blocked', 'blocked by SCP x, statement 1 (Sid\u2066\n• fine)'));
    assert.deepEqual(describeNotice(notice, false, 10), ["Predicted blocked by the organization's SCPs or RCPs (1):\n• prod\\u{202e}\\u{a}fake line (111111111101): blocked by SCP x, statement 1 (Sid\\u{2066}\\u{a}• fine)"]);
  });

  it('says nothing when every account is predicted to work', () => {
    assert.deepEqual(describeNotice(preflightNotice(ACCOUNTS.slice(2, 3), (id) => PREDICTIONS.get(id)), true, 10), []);
  });
});
