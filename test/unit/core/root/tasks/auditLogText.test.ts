import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAuditLogText } from '../../../../../src/core/root/auditLogText';

describe('the audit log shown in the editor', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-auditlogtext-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a regular file whole', async () => {
    const log = join(dir, 'audit.jsonl');
    await writeFile(log, '{"type":"intent"}\n{"type":"outcome"}\n');
    assert.equal(await readAuditLogText(log), '{"type":"intent"}\n{"type":"outcome"}\n');
  });

  it('refuses a folder, and a device or a link to one, which would never end', async () => {
    await assert.rejects(readAuditLogText(dir), { code: 'NotAFile' });
    if (!existsSync('/dev/zero')) return;
    await assert.rejects(readAuditLogText('/dev/zero'), { code: 'NotAFile' });
    await symlink('/dev/zero', join(dir, 'audit.jsonl'));
    await assert.rejects(readAuditLogText(join(dir, 'audit.jsonl')), { code: 'NotAFile' });
  });

  it('refuses a log over the limit', async () => {
    const log = join(dir, 'audit.jsonl');
    await writeFile(log, 'x'.repeat(101));
    await assert.rejects(readAuditLogText(log, 100), { code: 'AuditLogTooLarge' });
    assert.equal(await readAuditLogText(log, 101), 'x'.repeat(101));
  });
});
