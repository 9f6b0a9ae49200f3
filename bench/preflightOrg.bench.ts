/**
 * Preflight end to end (issue 11): `preflightOrganization` against a sandbox organization of 5,000 accounts
 * answering every call after 50 ms, in a child process (sandboxProcess.ts) so this process's CPU is the
 * client's. Each run lists the organization, reads the SCPs and RCPs and predicts every task for every
 * account, as `rootguard preflight` does. Its wall time is set against the floor of the calls it actually
 * made at that concurrency (preflightFloor.ts). Median (min-max) of PREFLIGHT_ORG_BENCH_RUNS runs per
 * concurrency, with the machine load. Narrow it with PREFLIGHT_ORG_BENCH_ACCOUNTS=1000 and
 * PREFLIGHT_ORG_BENCH_CONCURRENCY=8. Writes bench/results/preflightOrg.json. Run: node scripts/bench.mjs preflightOrg
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAwsClients } from '../src/core/aws/clients';
import { DEFAULT_AUDIT_CONCURRENCY } from '../src/core/root/auditMany';
import { predictOrganization, preflightOrganization } from '../src/core/preflight';
import { TASK_POLICY_NAMES } from '../src/core/policy';
import { floorSeconds } from './dependencyFloor';
import { callsByOperation, recordCalls } from './callRecorder';
import { preflightBranches } from './preflightFloor';
import { type SandboxProcess, startSandboxProcess } from './sandboxProcess';
import { type MachineLoad, type Spread, formatLoad, formatSpread, machineLoad, printTable, spreadOf } from './stats';

const LATENCY_MS = 50;
const ACCOUNTS = Number(process.env.PREFLIGHT_ORG_BENCH_ACCOUNTS ?? 5000);
const CONCURRENCIES = (process.env.PREFLIGHT_ORG_BENCH_CONCURRENCY ?? `${DEFAULT_AUDIT_CONCURRENCY},32`).split(',').map(Number);
const RUNS = Number(process.env.PREFLIGHT_ORG_BENCH_RUNS ?? 3);

interface Run {
  wallSeconds: number;
  /** The larger of the two branches' floors, each named below with its chain of calls waiting for each other. */
  floorSeconds: number;
  listing: { floorSeconds: number; chain: number };
  policies: { floorSeconds: number; chain: number };
  ratio: number;
  /** The prediction alone on the same snapshot and policies, run again after: the part of the wall that is no call. */
  evaluationSeconds: number;
  /** As the sandbox served them: equal to the client's count unless a call was retried. */
  served: number;
  byOperation: Record<string, number>;
  predictions: number;
}

interface Row {
  concurrency: number;
  runs: Run[];
  wall: Spread;
  floor: Spread;
  ratio: Spread;
  evaluation: Spread;
  load: { start: MachineLoad; end: MachineLoad };
}

async function benchAt(sandbox: SandboxProcess, concurrency: number): Promise<Row> {
  const start = machineLoad();
  const runs: Run[] = [];
  for (let run = 0; run < RUNS; run++) {
    const clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials }, endpoint: sandbox.endpoint, region: sandbox.region });
    const calls = recordCalls(clients);
    await sandbox.take();
    const t0 = performance.now();
    const { snapshot, policies, preflight } = await preflightOrganization(clients, { concurrency });
    const wallSeconds = (performance.now() - t0) / 1000;
    const e0 = performance.now();
    predictOrganization(snapshot, policies, { region: clients.region, partition: clients.partition, tasks: TASK_POLICY_NAMES });
    const evaluationSeconds = (performance.now() - e0) / 1000;
    clients.destroy();
    const { calls: served } = await sandbox.take();
    const branches = preflightBranches(calls, snapshot, policies);
    const listing = { floorSeconds: floorSeconds(branches.listing, LATENCY_MS, concurrency), chain: branches.listing.maxDepth };
    const policyReads = { floorSeconds: floorSeconds(branches.policies, LATENCY_MS, concurrency), chain: branches.policies.maxDepth };
    const floor = Math.max(listing.floorSeconds, policyReads.floorSeconds);
    runs.push({ wallSeconds, floorSeconds: floor, listing, policies: policyReads, ratio: wallSeconds / floor, evaluationSeconds, served, byOperation: callsByOperation(calls), predictions: preflight.predictions.length });
  }
  const of = (pick: (r: Run) => number) => spreadOf(runs.map(pick));
  return { concurrency, runs, wall: of((r) => r.wallSeconds), floor: of((r) => r.floorSeconds), ratio: of((r) => r.ratio), evaluation: of((r) => r.evaluationSeconds), load: { start, end: machineLoad() } };
}

async function main(): Promise<void> {
  process.stdout.write(`preflight end to end: ${ACCOUNTS} accounts, ${LATENCY_MS} ms per call, sandbox in a child process, ${RUNS} runs per figure\n`);
  const sandbox = await startSandboxProcess(ACCOUNTS, LATENCY_MS);
  const rows: Row[] = [];
  try {
    for (const concurrency of CONCURRENCIES) rows.push(await benchAt(sandbox, concurrency));
  } finally {
    sandbox.close();
  }
  process.stdout.write('\nmedian (min-max) over the runs; floor = the calls that wait for each other and the concurrency (see bench/preflightFloor.ts)\n');
  printTable(
    ['conc.', 'calls', 'served', 'predictions', 'wall s', 'floor s', 'listing floor s (chain)', 'policies floor s (chain)', 'wall/floor', 'evaluation s', 'machine load'],
    rows.map((r) => {
      const last = r.runs[r.runs.length - 1];
      const calls = Object.values(last.byOperation).reduce((a, b) => a + b, 0);
      const branch = (b: Run['listing']) => `${b.floorSeconds.toFixed(2)} (${b.chain})`;
      return [String(r.concurrency), String(calls), String(last.served), String(last.predictions), formatSpread(r.wall), formatSpread(r.floor), branch(last.listing), branch(last.policies), formatSpread(r.ratio), formatSpread(r.evaluation), formatLoad(r.load.start, r.load.end)];
    }),
  );
  process.stdout.write('\ncalls by API (last run)\n');
  printTable(['API', 'calls'], Object.entries(rows[0].runs[rows[0].runs.length - 1].byOperation).map(([op, n]) => [op, String(n)]));
  const out = path.join(__dirname, 'results', 'preflightOrg.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ accounts: ACCOUNTS, latencyMs: LATENCY_MS, runsPerFigure: RUNS, ranAt: new Date().toISOString(), rows }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`preflight end-to-end bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
