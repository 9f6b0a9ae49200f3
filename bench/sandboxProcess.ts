/**
 * Starts a sandbox organization in a child process (auditSandboxProcess.ts), so that its CPU and memory are
 * not counted as the client's: the benches that call the sandbox at a fixed latency share it. Not a
 * benchmark itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CallDepths } from './dependencyFloor';

/** What the sandbox served since the last take: the calls' depths and the CPU it spent serving them. */
export interface Served extends CallDepths {
  cpuMs: number;
}

export interface SandboxProcess {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  take(): Promise<Served>;
  close(): void;
}

export async function startSandboxProcess(accounts: number, latencyMs: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'auditSandboxProcess.ts'), String(accounts), String(latencyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const info = JSON.parse((await lines.next()).value as string);
  return {
    ...info,
    take: async () => {
      child.stdin.write('take\n');
      return JSON.parse((await lines.next()).value as string) as Served;
    },
    close: () => child.stdin.end(),
  };
}
