// Child processes for the harness: commands whose output goes to a log file (shown only when they fail),
// and process groups that are always ended, also on Ctrl+C, a timeout or a crash of the runner.
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output goes here instead of the terminal; its tail is shown when the command fails. */
  logFile: string;
}

/** Runs a command to completion; rejects with the last lines of its log when it exits non-zero. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<void> {
  const log = fs.openSync(options.logFile, 'a');
  fs.writeSync(log, `$ ${command} ${args.join(' ')}   (in ${options.cwd})\n`);
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', log, log] };
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    child.on('error', (err) => {
      fs.closeSync(log);
      reject(err);
    });
    child.on('close', (code, signal) => {
      fs.closeSync(log);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-25).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log ${options.logFile}:\n${tail}`));
    });
  });
}

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
let signalHandlersInstalled = false;

/**
 * Registers work that must happen before the runner exits (stop a server, close a browser). Runs on
 * normal completion through `runCleanups`, and on SIGINT/SIGTERM (Ctrl+C, the per-suite timeout of
 * scripts/test.mjs). Returns a function that unregisters it.
 */
export function onCleanup(cleanup: Cleanup): () => void {
  installSignalHandlers();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export async function runCleanups(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      await cleanup();
    } catch (err) {
      console.error('cleanup failed:', err instanceof Error ? err.message : err);
    }
  }
}

/**
 * The first signal stops what was started, then exits. Later signals are absorbed, never left to their
 * default action: Ctrl+C reaches a process twice when it runs under `npm run` (once from the terminal's
 * process group, once forwarded by npm), and the second one would otherwise kill it mid-cleanup and
 * leave its servers running.
 */
function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping the servers and browsers started here`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/** Sends `signal` to every process of the group; false when the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends a process group: SIGTERM, then SIGKILL for whatever is still alive after `graceMs`. Returns once
 * the group is gone: a SIGKILL is delivered when its target is next scheduled, which on a busy machine
 * is after the sender has moved on, and a caller that exits then would leave the processes behind.
 */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  if (await groupGoneWithin(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await groupGoneWithin(pgid, KILL_WAIT_MS);
}

/** How long SIGKILLed processes may take to be gone (a zombie nobody reaps would stay: not waited for longer). */
const KILL_WAIT_MS = 5_000;

async function groupGoneWithin(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (!signalGroup(pgid, 0)) return true; // signal 0 only probes
  }
  return false;
}
