// Every command that takes --audit-log refuses a path that cannot be the log, up front, naming the option,
// the path and what is wrong (exit 2), never with Node's own words.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runAudit } from '../../../src/cli/auditCommand';
import { runHistoryCommand } from '../../../src/cli/historyCommand';
import { runTaskCommand } from '../../../src/cli/taskCommand';

interface Streams {
  stdout: { write(t: string): boolean };
  stderr: { write(t: string): boolean };
}

async function captured(run: (io: Streams) => Promise<number>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await run({ stdout: { write: () => true }, stderr: { write: (t: string) => Boolean((stderr += t)) } });
  return { code, stderr };
}

/** Not a terminal: the task asks nothing (--yes), and the path is refused before it would. */
const taskIo = (io: Streams) => ({
  ...io,
  stdin: Object.assign(new PassThrough(), { isTTY: false }),
  stderr: Object.assign(new PassThrough(), { isTTY: false, write: io.stderr.write }),
  env: {},
});

const COMMANDS: [label: string, command: string, run: (args: string[]) => Promise<{ code: number; stderr: string }>][] = [
  ['history', 'history', (args) => captured((io) => runHistoryCommand(['--sandbox', '--no-holders', ...args], { ...io, env: {} }))],
  ['audit --history', 'audit', (args) => captured((io) => runAudit(['--sandbox', '--history', ...args], { ...io, env: {} }))],
  ['task delete-credentials', 'task', (args) => captured((io) => runTaskCommand(['delete-credentials', '--sandbox', '--accounts', '999900000003', '--dry-run', '--yes', ...args], taskIo(io)))],
  ['task restore-policy', 'task', (args) => captured((io) => runTaskCommand(['restore-policy', '--from-record', 'EXAMPLE-RECORD', '--sandbox', '--yes', ...args], taskIo(io)))],
];

describe('--audit-log naming what cannot be the log', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-audit-log-option-'));
    await writeFile(join(dir, 'file'), '');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const [label, name, run] of COMMANDS) {
    it(`${label}: a folder, or a path through a file, is a usage error naming the option, the path and why`, async () => {
      const folder = await run(['--audit-log', dir]);
      assert.equal(folder.code, 2, folder.stderr);
      assert.equal(folder.stderr, `rootguard ${name}: --audit-log ${dir}: a folder, not a file: name the log file itself\n`);
      const throughFile = await run(['--audit-log', join(dir, 'file', 'log.jsonl')]);
      assert.equal(throughFile.code, 2, throughFile.stderr);
      assert.equal(throughFile.stderr, `rootguard ${name}: --audit-log ${join(dir, 'file', 'log.jsonl')}: a part of the path before the file name is a file, not a folder\n`);
      // A folder yet to be made is a folder too; the path's control and bidirectional characters are shown escaped.
      const newFolder = await run(['--audit-log', join(dir, 'new\u001b[31m\u202e') + '/']);
      assert.equal(newFolder.code, 2, newFolder.stderr);
      assert.equal(newFolder.stderr, `rootguard ${name}: --audit-log ${join(dir, 'new\\u{1b}[31m\\u{202e}')}/: a folder, not a file: name the log file itself\n`);
    });
  }
});
