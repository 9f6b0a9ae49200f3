import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLogFault, auditLogPathProblem } from '../../../../src/core/root/auditLogPath';

describe('audit log path: what is wrong with it, in words', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-audit-log-path-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a folder is no log, to read or to write', async () => {
    for (const use of ['read', 'write'] as const) assert.equal(await auditLogPathProblem(dir, use), 'a folder, not a file: name the log file itself');
  });

  it('a path that names a folder is no log even before the folder exists (a task would create it, then fail)', async () => {
    for (const path of [`${dir}/new/`, `${dir}/new/.`, `${dir}/new/..`, '.']) {
      for (const use of ['read', 'write'] as const) assert.equal(await auditLogPathProblem(path, use), 'a folder, not a file: name the log file itself', path);
    }
  });

  it('a path through a file says a part of it is a file, not Node’s ENOTDIR', async () => {
    await writeFile(join(dir, 'file'), '');
    for (const use of ['read', 'write'] as const) assert.equal(await auditLogPathProblem(join(dir, 'file', 'log.jsonl'), use), 'a part of the path before the file name is a file, not a folder');
  });

  it('a device is not a regular file (/dev/zero would be read without end)', async () => {
    assert.equal(await auditLogPathProblem('/dev/zero', 'read'), 'not a regular file (a device, a pipe or a socket)');
  });

  it('a log that exists, or is missing, even with its folders, is fine: nothing logged yet, and a write creates them', async () => {
    const log = join(dir, 'root-tasks.jsonl');
    await writeFile(log, '');
    assert.equal(await auditLogPathProblem(log, 'read'), undefined);
    assert.equal(await auditLogPathProblem(log, 'write'), undefined);
    assert.equal(await auditLogPathProblem(join(dir, 'not', 'yet', 'log.jsonl'), 'read'), undefined);
    assert.equal(await auditLogPathProblem(join(dir, 'not', 'yet', 'log.jsonl'), 'write'), undefined);
  });

  it('a log the user may not read or write says so, with other file system errors by their code', () => {
    assert.equal(auditLogFault('EACCES', 'read'), 'cannot be read: permission denied');
    assert.equal(auditLogFault('EPERM', 'write'), 'cannot be written: permission denied');
    assert.equal(auditLogFault('ELOOP', 'read'), 'a loop of symbolic links');
    assert.equal(auditLogFault('EIO', 'read'), 'cannot be read (EIO)');
  });
});
