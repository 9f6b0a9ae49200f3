import assert from 'node:assert/strict';
import type { AccountTaskResult, TaskRun } from '../../../../../src/core/root/taskRun';
import { countsLine, formatTaskRun, summarizeTaskRun } from '../../../../../src/core/root/taskReport';

const change = { operation: 'DeleteAccessKey', target: 'AKIAEXAMPLE', description: 'Delete root access key AKIAEXAMPLE' };

function run(results: AccountTaskResult[], dryRun = false): TaskRun {
  return { runId: 'r', task: 'deleteRootCredentials', title: 'Delete root credentials', dryRun, results, cancelled: false, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z' };
}

describe('task run summaries', () => {
  it('counts an account where nothing needed changing apart from one that changed', () => {
    const unchanged = run([{ status: 'done', accountId: '111111111111', sessionAccessKeyId: 'ASIA1', changes: [], note: 'No root credentials of the kinds asked' }]);
    assert.equal(countsLine(summarizeTaskRun(unchanged)), '1 already as asked');
    const changed = run([
      { status: 'done', accountId: '111111111111', sessionAccessKeyId: 'ASIA1', changes: [{ ...change, result: 'changed' }] },
      { status: 'done', accountId: '222222222222', sessionAccessKeyId: 'ASIA2', changes: [] },
      { status: 'skipped', accountId: '333333333333', reason: 'protected', detail: 'protected' },
    ]);
    assert.equal(countsLine(summarizeTaskRun(changed)), '1 changed, 1 already as asked, 1 skipped');
  });

  it('says "dry run" once: the headline says it, the counts say what would change', () => {
    const dry = run(
      [
        { status: 'dry-run', accountId: '111111111111', sessionAccessKeyId: 'ASIA1', plan: { changes: [change] } },
        { status: 'dry-run', accountId: '222222222222', sessionAccessKeyId: 'ASIA2', plan: { changes: [] } },
      ],
      true,
    );
    assert.equal(countsLine(summarizeTaskRun(dry)), '1 would change, 1 nothing to change');
    const headline = formatTaskRun(dry).split('\n')[0];
    assert.equal(headline, 'Delete root credentials (dry run): 2 accounts, 1 would change, 1 nothing to change');
    assert.equal(headline.match(/dry run/g)?.length, 1);
  });
});
