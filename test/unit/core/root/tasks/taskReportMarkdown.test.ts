import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { AccountTaskResult, TaskRun } from '../../../../../src/core/root/taskRun';
import { taskRunMarkdown } from '../../../../../src/core/root/taskReportMarkdown';

const change = { operation: 'DeleteAccessKey', target: 'AKIAEXAMPLE', description: 'Delete root access key AKIAEXAMPLE' };
const password = { operation: 'DeleteLoginProfile', target: 'root', description: 'Delete the root password' };

function run(results: AccountTaskResult[], options: Partial<TaskRun> = {}): TaskRun {
  return { runId: 'run-1', task: 'deleteRootCredentials', title: 'Delete root credentials', dryRun: false, results, cancelled: false, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', ...options };
}

/** The report's table as a reader sees it: markdown-it's rendering, one array of cell texts per body row. */
function tableRows(markdown: string): string[][] {
  const html = new MarkdownIt({ html: true }).render(markdown);
  const body = html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, c]) => c.trim()));
}

describe('task run report in Markdown', () => {
  it('has one row per account with its name, outcome and every change, in the targets\' order', () => {
    const report = taskRunMarkdown(
      run([
        { status: 'done', accountId: '111111111111', sessionAccessKeyId: 'ASIA1', changes: [{ ...change, result: 'changed' }, { ...password, result: 'already-done' }] },
        { status: 'done', accountId: '222222222222', sessionAccessKeyId: 'ASIA2', changes: [], note: 'No root credentials of the kinds asked' },
        { status: 'failed', accountId: '333333333333', sessionAccessKeyId: 'ASIA3', code: 'AccessDenied', message: 'denied by an SCP', likelyCause: 'an SCP denies it', changed: [{ ...change, result: 'changed' }], notChanged: [password] },
        { status: 'skipped', accountId: '444444444444', reason: 'protected', detail: 'a protected account' },
      ]),
      { names: new Map([['111111111111', 'prod'], ['333333333333', 'logs']]), auditLogPath: '/var/log/rg.jsonl' },
    );
    assert.deepEqual(tableRows(report), [
      ['prod (111111111111)', '<strong>changed</strong>', 'Delete root access key AKIAEXAMPLE<br>Delete the root password (already so)'],
      ['222222222222', 'nothing to change', 'No root credentials of the kinds asked'],
      ['logs (333333333333)', '<strong>failed</strong>: AccessDenied', 'changed before the failure: Delete root access key AKIAEXAMPLE<br>not changed: Delete the root password'],
      ['444444444444', 'skipped: protected', 'a protected account'],
    ]);
    assert.match(report, /\*\*4 accounts: 1 changed, 1 already as asked, 1 failed, 1 skipped\*\*/);
    assert.match(report, /## Why it failed\n\n- logs \(333333333333\): AccessDenied: denied by an SCP\. Likely cause: an SCP denies it/);
    assert.match(report, /audit log `\/var\/log\/rg.jsonl`/);
  });

  it('shows the audit log path as written, a Windows path without doubled backslashes', () => {
    const html = (auditLogPath: string) => new MarkdownIt({ html: true }).render(taskRunMarkdown(run([]), { auditLogPath }));
    const windows = 'C:\\Users\\jane_doe\\AppData\\Roaming\\Code\\User\\globalStorage\\rootguard.rootguard\\root-tasks-audit.jsonl';
    assert.ok(html(windows).includes(`audit log <code>${windows}</code>.`), html(windows));
    assert.ok(html('/home/j`ane/<b>audit</b>.jsonl').includes('audit log <code>/home/j`ane/&lt;b&gt;audit&lt;/b&gt;.jsonl</code>.'));
  });

  it('says a dry run changed nothing, once in the title, and shows what would change', () => {
    const report = taskRunMarkdown(run([
      { status: 'dry-run', accountId: '111111111111', sessionAccessKeyId: 'ASIA1', plan: { changes: [change] } },
      { status: 'dry-run', accountId: '222222222222', sessionAccessKeyId: 'ASIA2', plan: { changes: [], note: 'No root credentials' } },
    ], { dryRun: true }));
    assert.equal(report.split('\n')[0], '# Delete root credentials (dry run)');
    assert.match(report, /\*\*nothing was changed\*\*/);
    assert.deepEqual(tableRows(report).map((r) => r.slice(1)), [['would change', 'Delete root access key AKIAEXAMPLE'], ['nothing would change', 'No root credentials']]);
  });

  it('keeps a hostile account name inside its cell: no table break, no HTML, no control character', () => {
    const name = 'evil | <img src=x onerror=alert(1)> **bold**\u001b[31m';
    const report = taskRunMarkdown(run([{ status: 'skipped', accountId: '111111111111', reason: 'not-active', detail: 'SUSPENDED' }]), { names: new Map([['111111111111', name]]) });
    const rows = tableRows(report);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].length, 3);
    assert.ok(!/<img|<strong>bold/.test(rows[0][0]), rows[0][0]);
    assert.ok(!report.includes('\u001b'));
    assert.match(rows[0][0], /evil \| &lt;img src=x onerror=alert\(1\)&gt; \*\*bold\*\*\\u\{1b\}\[31m \(111111111111\)/);
  });

  it('marks a cancelled run and the accounts it never started', () => {
    const report = taskRunMarkdown(run([{ status: 'not-started', accountId: '111111111111' }], { cancelled: true }));
    assert.match(report, /\*\*Cancelled\*\*/);
    assert.deepEqual(tableRows(report), [['111111111111', 'not started (cancelled)', 'untouched']]);
  });
});
