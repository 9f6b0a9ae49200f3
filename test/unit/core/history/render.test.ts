import assert from 'node:assert/strict';
import { parseCsv } from '../../../support/csv';
import { renderHistory } from '../../../../src/core/history/render';
import type { HistorySession, RootSessionHistory } from '../../../../src/core/history/model';

/** One session whose caller's name holds terminal escapes (CloudTrail's `userIdentity.arn`, a user's name) or a formula. */
function history(callerArn: string): RootSessionHistory {
  const session: HistorySession = {
    eventId: 'e1',
    region: 'us-east-1',
    time: '2026-12-06T00:00:00Z',
    callerArn,
    principalArn: callerArn,
    callerAccountId: '999900000000',
    targetAccountId: '999900000003',
    taskPolicyArn: 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy',
    taskPolicy: 'S3UnlockBucketPolicy',
    sessionAccessKeyId: 'ASIASANDBOXEVIL00001',
    flags: [],
  };
  const totals = { sessions: 1, refused: 0, accounts: 1, startedByRootGuard: 0, 'not-started-by-rootguard': 0, 'recovery-not-followed-by-deletion': 0, 'unexpected-principal': 0 };
  return {
    generatedAt: '2026-12-07T00:00:00Z',
    window: { start: '2026-11-07T00:00:00Z', end: '2026-12-07T00:00:00Z', days: 30 },
    regions: [{ region: 'us-east-1', pages: 1, events: 1 }],
    regionSource: { kind: 'given' },
    sessions: [session],
    refused: [],
    accounts: [],
    notFoundInCloudTrail: [],
    totals,
  };
}

describe('root session history: report formats', () => {
  const cases: Array<[string, string, string]> = [
    ['terminal escapes shown, not sent', 'arn:aws:iam::999900000000:user/x\u001b]0;pwned\u0007\u001b[2J', 'arn:aws:iam::999900000000:user/x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J'],
    ['a line break shown, the row kept whole', 'arn:aws:iam::999900000000:user/a\r\nb', 'arn:aws:iam::999900000000:user/a\\u{d}\\u{a}b'],
    ['a tab before a formula shown, the cell no formula', '\t=HYPERLINK("x")', '\\u{9}=HYPERLINK("x")'],
    ['a formula at the start', '=HYPERLINK("x")', '\'=HYPERLINK("x")'],
  ];
  for (const [name, caller, shown] of cases) {
    it(`CSV: ${name}`, () => {
      const text = renderHistory(history(caller), 'csv');
      assert.doesNotMatch(text, /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      assert.deepEqual(parseCsv(text).map((row) => row.Caller), [shown]);
    });
  }
});
