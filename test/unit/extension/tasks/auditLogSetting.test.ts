// The rootguard.tasks.auditLogPath setting, checked as the CLI checks --audit-log: in its words, never Node's.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseAuditLogPath } from '../../../../src/cli/auditLogOption';
import { AuditLogSettingError, checkedAuditLogPath } from '../../../../src/extension/tasks/auditLogSetting';

describe('extension: the audit log setting, checked before the log is read or written', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-audit-log-setting-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** What the CLI says of `--audit-log path`, after the option and the path. */
  async function cliProblem(path: string, use: 'read' | 'write'): Promise<string> {
    let said = '';
    await refuseAuditLogPath('history', path, use, { write: (text: string) => (said += text) });
    return said.replace(`rootguard history: --audit-log ${path}: `, '').trimEnd();
  }

  it('a folder is refused naming the setting and the path, with the words the CLI uses (not EISDIR)', async () => {
    for (const use of ['read', 'write'] as const) {
      await assert.rejects(checkedAuditLogPath(dir, use), (err: unknown) => {
        assert.ok(err instanceof AuditLogSettingError);
        assert.equal(err.message, `rootguard.tasks.auditLogPath ${dir}: a folder, not a file: name the log file itself`);
        return true;
      });
      assert.equal(await cliProblem(dir, use), 'a folder, not a file: name the log file itself');
    }
  });

  it('a path through a file is refused as the CLI refuses it', async () => {
    await writeFile(join(dir, 'file'), '');
    const path = join(dir, 'file', 'log.jsonl');
    const problem = await cliProblem(path, 'read');
    assert.equal(problem, 'a part of the path before the file name is a file, not a folder');
    await assert.rejects(checkedAuditLogPath(path, 'read'), { message: `rootguard.tasks.auditLogPath ${path}: ${problem}` });
  });

  it('a log that is there, or not yet (nothing logged, or a task creates it), is the path itself', async () => {
    const log = join(dir, 'audit.jsonl');
    assert.equal(await checkedAuditLogPath(log, 'read'), log);
    assert.equal(await checkedAuditLogPath(log, 'write'), log);
    await writeFile(log, '');
    assert.equal(await checkedAuditLogPath(log, 'read'), log);
  });
});
