/**
 * Runs `rootguard task` in-process against a sandbox over HTTP, with throttling and faults on, and keeps what
 * it wrote: stdout, stderr, the audit log. A scripted terminal answers the confirmation questions.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { AuditLogEntry, AuditRecord } from '../../../src/core/root/auditLog';
import { runTaskCommand } from '../../../src/cli/taskCommand';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/sandbox/index';

/** Throttling and faults on every call; ten attempts per call keep a run from failing on them. */
export const HOSTILE: SandboxOptions = { throttling: { rate: 0.1 }, faults: { rate: 0.05 } };
export const RETRIES = ['--max-attempts', '10'];

export interface TaskRunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** A terminal whose user answers each question matching `expect` (in order) with `answer`. */
export function scriptedTerminal(script: { expect: RegExp; answer: string }[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let text = '';
  let answered = 0;
  stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const next = script[answered];
    if (next && next.expect.test(text)) {
      answered++;
      text = '';
      stdin.write(`${next.answer}\r`);
    }
  });
  return { stdin, stderr, answered: () => answered };
}

export interface TaskHarness {
  sandbox: SandboxHandle;
  auditLogPath: string;
  /** Runs the command; `--sandbox`, retries and the audit log path are added. */
  run(args: string[], options?: { terminal?: ReturnType<typeof scriptedTerminal>; signal?: AbortSignal; onStderr?: (text: string) => void; env?: NodeJS.ProcessEnv }): Promise<TaskRunOutput>;
  auditRecords(): Promise<AuditRecord[]>;
  auditLogText(): Promise<string>;
  close(): Promise<void>;
}

export async function startTaskHarness(options: SandboxOptions = {}): Promise<TaskHarness> {
  const sandbox = await startSandbox({ accounts: 12, suspendedAccounts: 1, scpBlockedAccounts: 0, ...HOSTILE, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'rootguard-cli-task-'));
  const auditLogPath = join(dir, 'audit', 'root-tasks.jsonl');
  const auditLogText = () => readFile(auditLogPath, 'utf8').catch(() => '');
  return {
    sandbox,
    auditLogPath,
    async run(args, { terminal, signal, onStderr, env = {} } = {}) {
      let stdout = '';
      let stderr = '';
      const pipe = terminal ?? { stdin: Object.assign(new PassThrough(), { isTTY: false }), stderr: Object.assign(new PassThrough(), { isTTY: false }) };
      pipe.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        onStderr?.(stderr);
      });
      const code = await runTaskCommand([...args, '--sandbox', ...RETRIES, '--audit-log', auditLogPath], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: pipe.stderr,
        stdin: pipe.stdin,
        signal,
        sandbox,
        clientSettings: { retryDelayMs: 2 },
        env,
      });
      return { code, stdout, stderr };
    },
    // Per-account records only; the run's opening record is checked where a test is about it.
    auditRecords: async () => (await auditLogText()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditLogEntry).filter((r): r is AuditRecord => r.type !== 'run'),
    auditLogText,
    close: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
