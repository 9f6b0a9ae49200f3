/**
 * Org audit benchmark: audits sandbox organizations (1,000 and 5,000 accounts by default) at 50 ms per call,
 * at concurrency 8, 32 and 64, several runs each, and compares every run's wall time with its dependency
 * floor: the time the calls it actually made need when each account's rounds wait for each other
 * (dependencyFloor.ts). Also: the client's CPU per AWS call (the sandbox runs in a child process, so this
 * process's CPU is the client's) beside the AWS SDK's alone (sdkFloor.ts), the CPU floor (both processes' CPU over the machine's cores: where CPU,
 * not the schedule of calls, sets the pace), the organization load at concurrency 8 against its floor
 * (its calls over 8 slots, or its longest chain of calls that wait for each other: ListRoots, the OU
 * levels, then one parent's pages, whichever is longer), and peak memory: of this process (V8's defaults,
 * as in the editor's extension host) and of one `rootguard audit` process per row (the bundled CLI as users
 * run it, which bounds its heap's growth: src/cli/heapGrowth.ts). The memory goal is judged on the CLI's.
 * Every figure is the median with its range over the runs, and the load average at the time.
 * Narrow it with AUDIT_BENCH_SIZES=1000, AUDIT_BENCH_CONCURRENCY=8,32 and AUDIT_BENCH_RUNS=3.
 * Run: node scripts/bench.mjs audit
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAwsClients } from '../src/core/aws/clients';
import { loadOrganization } from '../src/core/org/loadOrganization';
import type { OrgSnapshot } from '../src/core/org/model';
import { auditAccounts } from '../src/core/root/auditMany';
import { recordCalls } from './callRecorder';
import { floorSeconds, walkChain } from './dependencyFloor';
import { type SandboxProcess, startSandboxProcess } from './sandboxProcess';
import { sdkCpuMsPerCall } from './sdkFloor';
import { type MachineLoad, type Spread, compare, formatLoad, formatSpread, machineLoad, printTable, spreadOf } from './stats';

const LATENCY_MS = 50;
const ORG_LOAD_CONCURRENCY = 8;
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number);
const SIZES = list('AUDIT_BENCH_SIZES', '1000,5000');
const CONCURRENCIES = list('AUDIT_BENCH_CONCURRENCY', '8,32,64');
const RUNS = Number(process.env.AUDIT_BENCH_RUNS ?? 3);
const GOAL_RATIO = 1.2;
const GOAL_CPU_MS_PER_CALL = 0.3;
const GOAL_ORG_LOAD_SECONDS = 3;
/** Calls per measurement of the SDK alone: over a second at 50 ms latency even at concurrency 64's traffic. */
const SDK_FLOOR_CALLS = 3000;

/** Samples resident memory while `work` runs; the peak is what the process needed at most. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  global.gc?.();
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await work();
    sample();
    return { value, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

interface AuditRunFigures {
  wallSeconds: number;
  floorSeconds: number;
  ratio: number;
  cpuFloorSeconds: number;
  calls: number;
  cpuMsPerCall: number;
  /** The AWS SDK alone at this run's average calls in flight (sdkFloor.ts). */
  sdkCpuMsPerCall: number;
  peakRssMb: number;
  outcome: string;
}

interface Row {
  /** The sandbox size asked for; `accounts` is what the organization listed. */
  size: number;
  accounts: number;
  concurrency: number;
  runs: AuditRunFigures[];
  wall: Spread;
  floor: Spread;
  ratio: Spread;
  cpuFloor: Spread;
  cpuMsPerCall: Spread;
  sdkCpuMsPerCall: Spread;
  /** Client CPU per call over the SDK's alone, run by run. */
  cpuOverSdk: Spread;
  peakRssMb: Spread;
  /** Peak resident memory of one `rootguard audit` process at this concurrency. */
  cliPeakRssMb: number;
  load: { start: MachineLoad; end: MachineLoad };
}

interface OrgLoadRow {
  accounts: number;
  wall: Spread;
  calls: number;
  /** Calls in the longest chain that wait for each other (dependencyFloor.ts's walkChain). */
  longestChain: number;
  floor: Spread;
  ratio: Spread;
  load: { start: MachineLoad; end: MachineLoad };
}

async function clientsFor(sandbox: SandboxProcess) {
  return createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials }, endpoint: sandbox.endpoint, region: sandbox.region });
}

async function benchOrgLoad(sandbox: SandboxProcess, accounts: number): Promise<{ row: OrgLoadRow; snapshot: OrgSnapshot }> {
  const start = machineLoad();
  const runs: Array<{ wall: number; floor: number; calls: number; longestChain: number }> = [];
  let snapshot: OrgSnapshot | undefined;
  for (let run = 0; run < RUNS; run++) {
    const clients = await clientsFor(sandbox);
    const calls = recordCalls(clients);
    const t0 = performance.now();
    snapshot = await loadOrganization(clients, { concurrency: ORG_LOAD_CONCURRENCY });
    const wall = (performance.now() - t0) / 1000;
    clients.destroy();
    const longestChain = walkChain(calls, snapshot);
    const floor = floorSeconds({ calls: calls.length, sessions: 0, depthSum: calls.length, maxDepth: longestChain }, LATENCY_MS, ORG_LOAD_CONCURRENCY);
    runs.push({ wall, floor, calls: calls.length, longestChain });
  }
  const of = (pick: (r: (typeof runs)[number]) => number) => spreadOf(runs.map(pick));
  const row = {
    accounts,
    wall: of((r) => r.wall),
    calls: runs[0].calls,
    longestChain: runs[0].longestChain,
    floor: of((r) => r.floor),
    ratio: of((r) => r.wall / r.floor),
    load: { start, end: machineLoad() },
  };
  return { row, snapshot: snapshot! };
}

const REPO = path.resolve(__dirname, '..');

/** Peak resident memory of `rootguard audit` (the bundled CLI) auditing the sandbox organization once. */
function cliPeakRssMb(sandbox: SandboxProcess, concurrency: number): number {
  const out = path.join(os.tmpdir(), `rootguard-bench-rss-${process.pid}`);
  const cli = path.join(REPO, 'bin/rootguard.js');
  const result = spawnSync(process.execPath, ['--require', path.join(__dirname, 'measureAtExit.cjs'), cli, 'audit', '--concurrency', String(concurrency), '--format', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(), // no profile or audit log of the developer's is read
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_REGION: sandbox.region,
      AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
      BENCH_RSS_OUT: out,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  // Exit 1 says some accounts could not be audited, as the sandbox's denied ones cannot: the run still counts.
  if (result.status !== 0 && result.status !== 1) throw new Error(`rootguard audit failed (${result.status}): ${result.stderr.slice(-500)}`);
  const peak = Number(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return peak;
}

async function benchAudit(sandbox: SandboxProcess, size: number, snapshot: OrgSnapshot, concurrency: number): Promise<Row> {
  const targets = snapshot.accounts.map((a) => ({ id: a.id, state: a.state, isManagement: a.isManagement }));
  const start = machineLoad();
  const runs: AuditRunFigures[] = [];
  for (let run = 0; run < RUNS; run++) {
    const clients = await clientsFor(sandbox);
    await sandbox.take();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { value: result, peakRssMb } = await withPeakRss(() => auditAccounts(clients, targets, { concurrency }));
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clients.destroy();
    const depths = await sandbox.take();
    const floor = floorSeconds(depths, LATENCY_MS, concurrency);
    const clientCpuMs = (cpu.user + cpu.system) / 1000;
    // The SDK alone with as many calls in flight as this audit had on average (Little's law); its calls are
    // the sandbox's first after the take above, and the next run's take clears them.
    const averageInFlight = Math.max(1, Math.round((depths.calls * LATENCY_MS) / 1000 / wallSeconds));
    const sdkMsPerCall = await sdkCpuMsPerCall(sandbox, averageInFlight, SDK_FLOOR_CALLS);
    const count = (kind: string) => result.results.filter((r) => r.kind === kind).length;
    runs.push({
      wallSeconds,
      floorSeconds: floor,
      ratio: wallSeconds / floor,
      // Both processes share the cores: no run can be shorter. (The client's main thread alone would be a
      // higher floor, but Node 20 reports CPU per process only, its GC and I/O threads included.)
      cpuFloorSeconds: (clientCpuMs + depths.cpuMs) / os.availableParallelism() / 1000,
      calls: depths.calls,
      cpuMsPerCall: clientCpuMs / depths.calls,
      sdkCpuMsPerCall: sdkMsPerCall,
      peakRssMb,
      outcome: `${count('ok')}/${count('skipped')}/${count('failed')}`,
    });
  }
  const of = (pick: (r: AuditRunFigures) => number) => spreadOf(runs.map(pick));
  return {
    size,
    accounts: snapshot.accounts.length,
    concurrency,
    runs,
    wall: of((r) => r.wallSeconds),
    floor: of((r) => r.floorSeconds),
    ratio: of((r) => r.ratio),
    cpuFloor: of((r) => r.cpuFloorSeconds),
    cpuMsPerCall: of((r) => r.cpuMsPerCall),
    sdkCpuMsPerCall: of((r) => r.sdkCpuMsPerCall),
    cpuOverSdk: of((r) => r.cpuMsPerCall / r.sdkCpuMsPerCall),
    peakRssMb: of((r) => r.peakRssMb),
    cliPeakRssMb: cliPeakRssMb(sandbox, concurrency),
    load: { start, end: machineLoad() },
  };
}

/** "met" only when every run meets the goal; a median that meets it with runs that do not is said so. */
function verdict(s: Spread, goal: number): string {
  if (s.max <= goal) return 'met in every run';
  if (s.median <= goal) return 'met by the median, not by every run';
  return 'NOT met';
}

/** Says when the goal is under what the SDK alone spends per call, where no change of RootGuard's can meet it. */
function sdkAloneNote(r: Row): string {
  return r.sdkCpuMsPerCall.min >= GOAL_CPU_MS_PER_CALL ? ` (the SDK alone spends ${formatSpread(r.sdkCpuMsPerCall, 3)}: over the goal in every run)` : '';
}

function report(orgRows: OrgLoadRow[], rows: Row[]): void {
  process.stdout.write(
    '\norganization load (concurrency 8): median (min-max) over the runs; floor = max(calls x latency / 8, longest chain x latency)\n',
  );
  printTable(
    ['accounts', 'calls', 'longest chain', 'wall s', 'floor s', 'wall/floor', `goal < ${GOAL_ORG_LOAD_SECONDS} s`, 'machine load'],
    orgRows.map((r) => [
      String(r.accounts),
      String(r.calls),
      String(r.longestChain),
      formatSpread(r.wall),
      formatSpread(r.floor),
      formatSpread(r.ratio),
      verdict(r.wall, GOAL_ORG_LOAD_SECONDS),
      formatLoad(r.load.start, r.load.end),
    ]),
  );
  process.stdout.write(
    '\naudit: median (min-max) over the runs; floor = dependency floor of the calls made (see bench/dependencyFloor.ts);\n' +
      `CPU floor = (client + sandbox CPU) / ${os.availableParallelism()} cores: a wall near it means CPU, not the calls' schedule, sets the pace;\n` +
      "SDK alone = the AWS SDK's CPU per call with one client and the audit's average calls in flight, nothing of RootGuard's (bench/sdkFloor.ts)\n",
  );
  printTable(
    ['accounts', 'conc.', 'calls', 'wall s', 'floor s', 'wall/floor', 'CPU floor s', 'client CPU ms/call', 'SDK alone ms/call', 'client/SDK', 'peak RSS MB', 'CLI peak RSS MB', 'ok/skip/fail', 'machine load'],
    rows.map((r) => [
      String(r.accounts),
      String(r.concurrency),
      String(r.runs[0].calls),
      formatSpread(r.wall),
      formatSpread(r.floor),
      formatSpread(r.ratio),
      formatSpread(r.cpuFloor),
      formatSpread(r.cpuMsPerCall, 3),
      formatSpread(r.sdkCpuMsPerCall, 3),
      formatSpread(r.cpuOverSdk),
      formatSpread(r.peakRssMb, 0),
      `${Math.round(r.cliPeakRssMb)} (1 run)`,
      r.runs[r.runs.length - 1].outcome,
      formatLoad(r.load.start, r.load.end),
    ]),
  );
  process.stdout.write('\ngoals\n');
  for (const r of rows) {
    process.stdout.write(
      `  ${r.accounts} accounts, concurrency ${r.concurrency}: wall/floor <= ${GOAL_RATIO}: ${verdict(r.ratio, GOAL_RATIO)}; ` +
        `client CPU < ${GOAL_CPU_MS_PER_CALL} ms/call: ${verdict(r.cpuMsPerCall, GOAL_CPU_MS_PER_CALL)}${sdkAloneNote(r)}; CLI under 200 MB: ${r.cliPeakRssMb <= 200 ? 'met (1 run)' : 'NOT met (1 run)'}\n`,
    );
  }
  process.stdout.write('\nconcurrency against concurrency (a difference is claimed only when the ranges are apart)\n');
  for (const size of SIZES) {
    const bySize = rows.filter((r) => r.size === size);
    for (let i = 1; i < bySize.length; i++) {
      const [a, b] = [bySize[i], bySize[i - 1]];
      process.stdout.write(`  ${a.accounts} accounts: ${compare(`wall at ${a.concurrency}`, a.wall, `wall at ${b.concurrency}`, b.wall)}\n`);
    }
  }
}

async function main(): Promise<void> {
  // The CLI whose memory is measured is the bundle users run: built from these sources first.
  if (spawnSync(process.execPath, [path.join(REPO, 'esbuild.js')], { cwd: REPO, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  process.stdout.write(`audit bench: ${LATENCY_MS} ms per call, sandbox in a child process, ${RUNS} runs per figure, sizes ${SIZES.join(', ')}, concurrency ${CONCURRENCIES.join(', ')}\n`);
  const orgRows: OrgLoadRow[] = [];
  const rows: Row[] = [];
  for (const size of SIZES) {
    const sandbox = await startSandboxProcess(size, LATENCY_MS);
    try {
      const { row, snapshot } = await benchOrgLoad(sandbox, size);
      orgRows.push(row);
      for (const concurrency of CONCURRENCIES) rows.push(await benchAudit(sandbox, size, snapshot, concurrency));
    } finally {
      sandbox.close();
    }
  }
  report(orgRows, rows);
  const out = path.resolve(__dirname, 'results', 'audit.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ latencyMs: LATENCY_MS, runsPerFigure: RUNS, ranAt: new Date().toISOString(), orgLoad: orgRows, audit: rows }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`audit bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
