// `npm run demo` must stop everything it started when only the npm process gets SIGINT or SIGTERM (a process
// manager, an IDE's stop button), not just when the terminal signals the whole group. npm forwards the
// signal to the shell that runs the script, so the script's command has to replace that shell (exec) for
// the demo to hear it. This runs the package.json script as npm does on POSIX (`sh -c`), with a stand-in
// for scripts/demo.ts that stops its own server on the signal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '..', '..', '..');
const script: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.demo;
const standIn = path.join(root, 'test', 'fixtures', 'demo', 'standInDemo.cjs');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves once `pid` is gone; rejects when it is still there after `withinMs`. */
async function gone(pid: number, what: string, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`${what} (pid ${pid}) is still running`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('npm run demo and signals', function () {
  if (process.platform === 'win32') return;
  this.timeout(30_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the demo and its servers on ${signal} to the process npm started alone`, async () => {
      assert.ok(script.includes('scripts/demo.ts'), script);
      const command = script.replace('node --import tsx scripts/demo.ts', `node ${JSON.stringify(standIn)}`);
      // detached: the test signals the shell alone, as npm forwards a signal to it, never the group.
      const shell = spawn('sh', ['-c', command], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      const ready = await new Promise<string>((resolve, reject) => {
        createInterface({ input: shell.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line));
        shell.once('exit', () => reject(new Error('the script exited before it was ready')));
      });
      const [demoPid, serverPid] = ready.split(' ').slice(1).map(Number);
      try {
        shell.kill(signal);
        await gone(serverPid, 'the server the demo started');
        await gone(demoPid, 'the demo');
      } finally {
        for (const pid of [shell.pid!, demoPid, serverPid]) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    });
  }
});
