/**
 * Org audit benchmark: audits sandbox organizations of 100, 1,000 and 5,000 accounts with 50 ms per call and
 * compares the wall time with
 *   - the concurrency-bound floor: calls x latency / concurrency (one call at a time per slot), and
 *   - a sequential run like the AWS blog's script: one account at a time, every call after the previous one,
 *     and a 0.1 s pause between accounts. That run would take hours at 5,000 accounts, so its time is the
 *     lower bound calls x latency + accounts x 0.1 s (it cannot be faster), which keeps the ratio conservative.
 * The sandbox runs in a child process so its CPU and memory are not counted as the audit's.
 * Sizes can be narrowed with AUDIT_BENCH_SIZES=100,1000. Run: node scripts/bench.mjs audit
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAwsClients } from '../src/core/aws/clients';
import { loadOrganization } from '../src/core/org/loadOrganization';
import { auditAccounts, DEFAULT_AUDIT_CONCURRENCY } from '../src/core/root/auditMany';

const LATENCY_MS = 50;
const BLOG_PAUSE_MS = 100;
const SIZES = (process.env.AUDIT_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);

interface SandboxProcess {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Requests the sandbox has served since the last call. */
  takeRequestCount(): Promise<number>;
  close(): void;
}

// The child: starts the sandbox, prints its address and keys as one JSON line, answers "count" on stdin.
const CHILD = `
const { startSandbox } = require(${JSON.stringify(path.resolve(__dirname, '../src/sandbox/index.ts'))});
const readline = require('node:readline');
startSandbox({ accounts: Number(process.argv[1]), latency: { fixedMs: ${LATENCY_MS} }, maxRecords: 2_000_000 }).then((sb) => {
  process.stdout.write(JSON.stringify({ endpoint: sb.endpoint, region: sb.region, credentials: sb.credentials.management }) + '\\n');
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'count') { process.stdout.write(sb.requests().length + '\\n'); sb.clearRequests(); }
  }).on('close', () => sb.close().then(() => process.exit(0)));
});`;

async function startSandboxProcess(accounts: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD, String(accounts)], { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const info = JSON.parse(first.value as string);
  return {
    ...info,
    takeRequestCount: async () => {
      child.stdin.write('count\n');
      return Number((await lines.next()).value);
    },
    close: () => child.stdin.end(),
  };
}

/** Samples resident memory while `work` runs; the peak is what the process needed at most. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await work();
    sample();
    return { value, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

interface Row {
  accounts: number;
  concurrency: number;
  calls: number;
  wallSeconds: number;
  floorSeconds: number;
  ratioToFloor: number;
  sequentialSeconds: number;
  speedupOverSequential: number;
  audited: number;
  skipped: number;
  failed: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function benchOne(accounts: number): Promise<Row> {
  const sandbox = await startSandboxProcess(accounts);
  try {
    const clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials }, endpoint: sandbox.endpoint, region: sandbox.region });
    const snapshot = await loadOrganization(clients);
    const targets = snapshot.accounts.map((a) => ({ id: a.id, state: a.state, isManagement: a.isManagement }));
    await sandbox.takeRequestCount();
    const started = performance.now();
    const { value: run, peakRssMb, peakHeapMb } = await withPeakMemory(() => auditAccounts(clients, targets, { concurrency: DEFAULT_AUDIT_CONCURRENCY }));
    const wallSeconds = (performance.now() - started) / 1000;
    const calls = await sandbox.takeRequestCount();
    clients.destroy();
    const floorSeconds = (calls * LATENCY_MS) / DEFAULT_AUDIT_CONCURRENCY / 1000;
    const sequentialSeconds = (calls * LATENCY_MS + targets.length * BLOG_PAUSE_MS) / 1000;
    const count = (kind: string) => run.results.filter((r) => r.kind === kind).length;
    return {
      accounts,
      concurrency: DEFAULT_AUDIT_CONCURRENCY,
      calls,
      wallSeconds,
      floorSeconds,
      ratioToFloor: wallSeconds / floorSeconds,
      sequentialSeconds,
      speedupOverSequential: sequentialSeconds / wallSeconds,
      audited: count('ok'),
      skipped: count('skipped'),
      failed: count('failed'),
      peakRssMb,
      peakHeapMb,
    };
  } finally {
    sandbox.close();
  }
}

function printTable(rows: Row[]): void {
  const header = ['accounts', 'calls', 'wall s', 'floor s', 'wall/floor', 'sequential s', 'sequential/wall', 'ok/skip/fail', 'peak RSS MB', 'peak heap MB'];
  const cells = rows.map((r) => [
    String(r.accounts),
    String(r.calls),
    r.wallSeconds.toFixed(1),
    r.floorSeconds.toFixed(1),
    r.ratioToFloor.toFixed(2),
    r.sequentialSeconds.toFixed(0),
    `${r.speedupOverSequential.toFixed(1)}x`,
    `${r.audited}/${r.skipped}/${r.failed}`,
    r.peakRssMb.toFixed(0),
    r.peakHeapMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  for (const line of [header, ...cells]) process.stdout.write(`${line.map((c, i) => c.padStart(widths[i])).join('  ')}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`audit bench: ${LATENCY_MS} ms per call, concurrency ${DEFAULT_AUDIT_CONCURRENCY}, sandbox in a child process\n`);
  const rows: Row[] = [];
  for (const size of SIZES) rows.push(await benchOne(size));
  printTable(rows);
  process.stdout.write(
    'floor = calls x latency / concurrency; below 1 because each account\'s six IAM reads run in parallel after AssumeRoot.\n' +
      'sequential = lower bound of the blog-style run: calls x latency + accounts x 0.1 s.\n',
  );
  const out = path.resolve(__dirname, 'results', 'audit.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ latencyMs: LATENCY_MS, blogPauseMs: BLOG_PAUSE_MS, ranAt: new Date().toISOString(), rows }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`audit bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
