/**
 * The audit bench's sandbox, in a process of its own so its CPU and memory are not counted as the audit's.
 * Prints one JSON line (endpoint, region, management keys), then answers each `take` line on stdin with the
 * call depths of the requests served since the last `take` (see dependencyFloor.ts) and the CPU this
 * process spent since then, which the client's shares the machine with.
 * Usage: node --import tsx bench/auditSandboxProcess.ts <accounts> <latencyMs>
 */
import { createInterface } from 'node:readline';
import { startSandbox } from '../src/sandbox/index';
import { callDepths } from './dependencyFloor';
import type { Served } from './sandboxProcess';

async function main(): Promise<void> {
  const [accounts, latencyMs] = process.argv.slice(2).map(Number);
  const sandbox = await startSandbox({ accounts, latency: { fixedMs: latencyMs }, maxRecords: 2_000_000 });
  const management = sandbox.credentials.management;
  let cpuSince = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: management })}\n`);
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line !== 'take') return;
      const cpu = process.cpuUsage(cpuSince);
      cpuSince = process.cpuUsage();
      const served: Served = { ...callDepths(sandbox.requests(), management.accessKeyId), cpuMs: (cpu.user + cpu.system) / 1000 };
      process.stdout.write(`${JSON.stringify(served)}\n`);
      sandbox.clearRequests();
    })
    .on('close', () => void sandbox.close().then(() => process.exit(0)));
}

void main();
