import assert from 'node:assert/strict';
import { analyzeHolders, type PolicyText } from '../../../../src/core/holders/index';
import { readPolicy } from '../../../../src/core/policy';

/**
 * The holders view within the account's own SCPs: a principal's sts:AssumeRoot is made with its IAM
 * credentials, so it carries no aws:AssumedRoot. An SCP written for root sessions leaves its grants whole,
 * and one that denies AssumeRoot outside root sessions takes them, naming its statement.
 */
const ACCOUNT = '111111111111';
const ROOT = 'r-ab12';

function text(label: string, statements: object[]): PolicyText {
  return { label, source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) };
}

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };

interface Row {
  name: string;
  scp: object;
  /** The holder's granted tasks, and the reason of each SCP removal. */
  expected: { grants: string[]; removals: string[] };
}

const EVERY_TASK = ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy', 'FutureTaskPolicy'];

const ROWS: Row[] = [
  {
    name: 'an SCP for root sessions only (Bool aws:AssumedRoot true): every grant stays, unconditional',
    scp: { Sid: 'RootSessionsOnlyRootTasks', Effect: 'Deny', NotAction: ['iam:*', 's3:*BucketPolicy', 'sqs:*QueueAttributes'], Resource: '*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } },
    expected: { grants: EVERY_TASK, removals: [] },
  },
  {
    name: 'a Deny of sts:AssumeRoot unless in a root session (Null aws:AssumedRoot true): every grant removed by that statement',
    scp: { Sid: 'OnlyRootSessions', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Null: { 'aws:AssumedRoot': 'true' } } },
    expected: { grants: [], removals: EVERY_TASK.map(() => 'denied by SCP p-guard statement 2 (OnlyRootSessions), line 9') },
  },
];

describe('root session holders: the SCPs read the caller\'s AssumeRoot without aws:AssumedRoot', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const scp = readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL, row.scp] }, null, 2), 'p-guard');
      const principal = { kind: 'role' as const, name: 'admin', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, policies: [text('admin', [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }])] };
      const report = analyzeHolders({
        accountId: ACCOUNT,
        principals: [principal],
        gaps: [],
        ownScps: { check: { status: 'applied', targets: [ROOT], policies: [{ id: 'p-guard', name: 'Guard', targets: [ROOT] }] }, levels: [[scp]] },
      });
      const holder = report.holders.find((h) => h.name === 'admin');
      assert.deepEqual(
        { grants: holder?.grants.filter((g) => g.unconditional).map((g) => g.task) ?? [], removals: holder?.scpRemoves.map((r) => r.reason) ?? [] },
        row.expected,
      );
    });
  }
});
