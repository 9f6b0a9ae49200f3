// What the Root session history node says of audit log lines it skipped, from histories the core builds.
import assert from 'node:assert/strict';
import { buildHistory } from '../../../../src/core/history/join';
import type { AccountHistory } from '../../../../src/core/history/model';
import { missingAuditLogRow, presentHistoryAccount, skippedLinesDescription, skippedLinesRow } from '../../../../src/extension/explorer/historyPresentation';

const NOW = new Date('2026-12-04T12:00:00Z');
const historySkipping = (lines: number) =>
  buildHistory({ events: [], regions: [{ region: 'us-east-1', pages: 1, events: 0 }], auditRecords: [], auditLogSkippedLines: lines, window: { start: new Date('2026-09-05T12:00:00Z'), end: NOW } });

describe('explorer: audit log lines the root session history skipped', () => {
  it('a warning row says how many and what it means for the sessions they named', () => {
    const row = skippedLinesRow(historySkipping(3))!;
    assert.equal(row.label, '3 audit log lines skipped');
    assert.deepEqual(row.icon, { icon: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.equal(row.tooltip, '3 lines of the audit log skipped: not a whole audit record (a torn or edited line); a session only they name shows as not started by RootGuard.');
    assert.equal(skippedLinesDescription(historySkipping(3)), ' · 3 audit log lines skipped');
  });

  it('one line is one line', () => {
    assert.equal(skippedLinesRow(historySkipping(1))!.label, '1 audit log line skipped');
    assert.match(skippedLinesRow(historySkipping(1))!.tooltip, /^1 line of the audit log skipped: .* a session only it names shows/);
  });

  it('no line skipped: no row, and the node’s description is unchanged', () => {
    assert.equal(skippedLinesRow(historySkipping(0)), undefined);
    assert.equal(skippedLinesDescription(historySkipping(0)), '');
  });
});

describe('explorer: no audit log where the setting says', () => {
  it('a row says there is no audit log at that path yet, and what that means, in the CLI\'s words', () => {
    const row = missingAuditLogRow('/home/me/.rootguard/root-tasks.jsonl');
    assert.equal(row.label, 'No audit log yet');
    assert.equal(row.description, '/home/me/.rootguard/root-tasks.jsonl');
    assert.equal(
      row.tooltip,
      'No audit log at /home/me/.rootguard/root-tasks.jsonl: every root session RootGuard started would show as not started by RootGuard (the rootguard.tasks.auditLogPath setting names another).',
    );
  });

  it('shows a path\'s control characters escaped', () => {
    assert.equal(missingAuditLogRow('/tmp/x\u001b[2J.jsonl').description, '/tmp/x\\u{1b}[2J.jsonl');
  });
});

describe('explorer: a Root session history account row', () => {
  const account: AccountHistory = {
    accountId: '999900000004',
    sessions: 2,
    last: { time: '2026-12-01T10:00:00.000Z', task: 'IAMCreateRootUserPassword', callerArn: 'arn:aws:iam::999900000000:user/contractor', region: 'us-east-1', startedByRootGuard: false },
    flagged: { 'recovery-not-followed-by-deletion': 1 },
  };

  it('names the account and its last session, the flags of all its sessions', () => {
    assert.deepEqual(presentHistoryAccount(account, 'member-0004'), {
      label: 'member-0004 (999900000004)',
      description: '2026-12-01T10:00:00Z · IAMCreateRootUserPassword · flagged: password recovery never followed by a credential deletion',
    });
    assert.equal(presentHistoryAccount(account, undefined).label, '999900000004');
  });

  it('shows a name’s control, bidirectional and zero-width characters escaped, and a task CloudTrail recorded too', () => {
    const odd = { ...account, last: { ...account.last, task: 'arn:aws:iam::aws:policy/root-task/x\u001b[2J' } };
    const row = presentHistoryAccount(odd, 'pro\u200bd\u202e');
    assert.equal(row.label, 'pro\\u{200b}d\\u{202e} (999900000004)');
    assert.match(row.description, /^2026-12-01T10:00:00Z · arn:aws:iam::aws:policy\/root-task\/x\\u\{1b\}\[2J · flagged/);
  });
});
