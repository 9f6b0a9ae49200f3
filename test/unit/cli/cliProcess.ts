// The CLI from its sources as a child process, for tests that send it signals or limits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..');

export interface CliProcess {
  pid: number;
  stdout(): string;
  stderr(): string;
  /** The exit code, or the signal that killed it. */
  exited: Promise<number | NodeJS.Signals | null>;
  hasExited(): boolean;
}

/**
 * Starts the CLI from its sources as a process under `bash -c PREFIX` (e.g. a `ulimit`). `stdout: 'stalled'`
 * reads its output's first chunk and then no more, as a reader that stopped: the rest waits in the pipe.
 */
export function startCliProcess(prefix: string, args: string[], env: NodeJS.ProcessEnv = {}, options: { stdout?: 'read' | 'stalled' } = {}): CliProcess {
  const command = `${prefix} exec "$0" --import tsx "$@"`;
  const child = spawn('bash', ['-c', command, process.execPath, join(REPO, 'test/unit/cli/runCli.ts'), ...args], {
    cwd: REPO,
    // A file size limit applies to every file the process writes: tsx's cache is left off so only the log hits it.
    env: { ...process.env, TSX_DISABLE_CACHE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let hasExited = false;
  let stalled = options.stdout === 'stalled';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stalled) child.stdout.pause();
  });
  // Once the process is gone its output is read to the end, or the pipe never closes.
  child.on('exit', () => {
    stalled = false;
    child.stdout.resume();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | NodeJS.Signals | null>((done) => child.on('close', (code, signal) => done(code ?? signal)));
  void exited.then(() => (hasExited = true));
  return { pid: child.pid!, stdout: () => stdout, stderr: () => stderr, exited, hasExited: () => hasExited };
}

export async function runCliProcess(prefix: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | NodeJS.Signals | null; stdout: string; stderr: string }> {
  const cli = startCliProcess(prefix, args, env);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Resolves once `condition` holds, checked every 20 ms; fails when the CLI exits first. */
export async function until(cli: CliProcess, condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) {
    if (cli.hasExited()) assert.fail(`the CLI ended (${await cli.exited}) before ${condition}; stderr:\n${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
