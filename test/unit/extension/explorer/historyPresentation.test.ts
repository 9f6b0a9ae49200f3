// What the Root session history node says of audit log lines it skipped, from histories the core builds.
import assert from 'node:assert/strict';
import { buildHistory } from '../../../../src/core/history/join';
import { skippedLinesDescription, skippedLinesRow } from '../../../../src/extension/explorer/historyPresentation';

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
