import assert from 'node:assert/strict';
import { type PreflightReport, type PreflightRow, renderPreflight } from '../../../../src/core/preflight/report';

// Organizations takes any ASCII character, controls included, in a policy or OU name; a Sid is the policy author's.
const POLICY = 'Deny\u001b[2J\u001b[H\u001b[32mALL ROOT TASKS WORK\u001b[0m\r\nsecond line';
const OU = 'Legacy\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\';
const SID = 'Deny\u202eyrev';
const ACCOUNT = '=HYPERLINK("https://evil.example")\u001b[31m';
// Printable ASCII, so a valid account name: Markdown that loads a remote image and shows a link.
const MARKDOWN_ACCOUNT = '![p](https://evil.example/pixel.png) <img src=https://evil.example/x.png> [Verified](https://evil.example)';

const row: PreflightRow = {
  accountId: '111122223333',
  accountName: ACCOUNT,
  ouPath: OU,
  task: 'delete-credentials',
  taskPolicy: 'IAMDeleteRootUserCredentials',
  result: 'blocked',
  policyId: 'p-hostile01',
  policyName: POLICY,
  statement: 0,
  sid: SID,
  blockedBy: [{ policyId: 'p-hostile01', policyName: POLICY, kind: 'SCP', statement: 0, sid: SID, calls: ['iam:DeleteLoginProfile'], certain: true, dependingCalls: [], dependsOn: [] }],
  blockedCalls: ['iam:DeleteLoginProfile'],
  blockedOptionalCalls: [],
  dependingOptionalCalls: [],
  dependingCalls: [],
  dependsOn: [],
  summary: `delete-credentials blocked by SCP ${POLICY} (p-hostile01), statement 1 (${SID})`,
};

const report: PreflightReport = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  organizationId: 'o-abcdefghij',
  region: 'us-east-1',
  policyTypes: { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: 'ENABLED' },
  caller: { accountId: '999900000000', exemptFromScps: false },
  rootSessions: { state: 'available' },
  notPredicted: [{ accountId: '999900000000', accountName: MARKDOWN_ACCOUNT, reason: 'the management account is not subject to SCPs' }],
  unreadablePolicies: [{ policyId: 'p-unread01', name: '<img src=https://evil.example/p.png>', error: 'AccessDenied' }],
  proposed: [],
  rows: [row],
};

describe('preflight report: hostile names in every format', () => {
  it('CSV shows control and bidirectional characters escaped in every cell, formula neutralised', () => {
    const [header, line] = renderPreflight(report, 'csv').split('\n');
    assert.equal(header, 'AccountId,AccountName,OuPath,Task,Result,PolicyId,PolicyName,Statement,Sid,BlockedCalls,DependingCalls,DependsOn,Summary');
    const policy = 'Deny\\u{1b}[2J\\u{1b}[H\\u{1b}[32mALL ROOT TASKS WORK\\u{1b}[0m\\u{d}\\u{a}second line';
    assert.equal(
      line,
      `111122223333,"'=HYPERLINK(""https://evil.example"")\\u{1b}[31m",Legacy\\u{1b}]8;;https://evil.example\\u{1b}\\click\\u{1b}]8;;\\u{1b}\\,delete-credentials,blocked,p-hostile01,` +
        `${policy},1,Deny\\u{202e}yrev,iam:DeleteLoginProfile,,,"delete-credentials blocked by SCP ${policy} (p-hostile01), statement 1 (Deny\\u{202e}yrev)"`,
    );
  });
});

describe('preflight report: notes after the rows', () => {
  it('Markdown shows the names in "not predicted" and "could not be read" as text: no image, link or HTML', () => {
    const lines = renderPreflight(report, 'markdown').trimEnd().split('\n');
    assert.deepEqual(lines.slice(-2), [
      '- 999900000000 (\\!\\[p\\](https\\://evil.example/pixel.png) \\<img src=https\\://evil.example/x.png\\> \\[Verified\\](https\\://evil.example)) not predicted: the management account is not subject to SCPs.',
      '- Policy p-unread01 (\\<img src=https\\://evil.example/p.png\\>) could not be read: AccessDenied.',
    ]);
  });

  it('the table shows them with controls escaped, as before', () => {
    const table = renderPreflight({ ...report, notPredicted: [{ accountId: '999900000000', accountName: OU, reason: 'suspended' }] }, 'table');
    assert.match(table, /^999900000000 \(Legacy\\u\{1b\}\]8;;https:\/\/evil\.example\\u\{1b\}\\click\\u\{1b\}\]8;;\\u\{1b\}\\\) not predicted: suspended\.$/m);
  });
});
