/**
 * Sandbox benchmark: start-up time for 1,000 and 5,000 accounts, and requests/s for a mix of signed calls
 * (ListAccounts pages, AssumeRoot, GetAccountSummary in a root session, GetCallerIdentity) driven by the
 * real SDK clients with 32 calls in flight. Throughput is measured twice: sandbox and clients sharing one
 * thread, and the sandbox in a worker thread (its own core, as when the CLI serves another process).
 * Prints a table and writes bench/results/sandbox.json. Asserts nothing.
 */
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { taskPolicyArn } from '../src/core/root/taskPolicies';
import { startSandbox } from '../src/sandbox/index';

const CONCURRENCY = 32;
const WARMUP_MS = 1_000;
const MEASURE_MS = 4_000;
const ACCOUNTS = 1_000;

interface Target {
  endpoint: string;
  region: string;
  management: { accessKeyId: string; secretAccessKey: string };
  members: string[];
}

interface Throughput {
  mode: string;
  /** Server-thread busy time per request (event-loop utilization), when the sandbox has its own thread. */
  serverBusyMsPerRequest?: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  perOperation: Record<string, number>;
}

async function startupMs(accounts: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const sandbox = await startSandbox({ accounts });
    runs.push(performance.now() - t0);
    await sandbox.close();
  }
  return runs.sort((a, b) => a - b)[1];
}

/** One call of the mix, chosen round-robin per worker. */
type Op = (i: number) => Promise<unknown>;

async function buildMix(target: Target): Promise<[string, Op][]> {
  const base = { endpoint: target.endpoint, region: target.region, maxAttempts: 1 };
  const orgs = new OrganizationsClient({ ...base, credentials: target.management });
  const sts = new STSClient({ ...base, credentials: target.management });
  const audit = { arn: taskPolicyArn('IAMAuditRootUserCredentials') };
  const sessions: IAMClient[] = [];
  for (const accountId of target.members.slice(0, 16)) {
    const { Credentials: c } = await sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: audit }));
    sessions.push(new IAMClient({ ...base, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } }));
  }
  return [
    ['ListAccounts', () => orgs.send(new ListAccountsCommand({ MaxResults: 20 }))],
    ['AssumeRoot', (i) => sts.send(new AssumeRootCommand({ TargetPrincipal: target.members[i % target.members.length], TaskPolicyArn: audit }))],
    ['GetAccountSummary', (i) => sessions[i % sessions.length].send(new GetAccountSummaryCommand({}))],
    ['GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({}))],
  ];
}

/** Optional hooks around the measured window (the worker mode samples the server thread's utilization). */
interface Window {
  begin(): void;
  end(): Promise<Partial<Throughput>>;
}

async function measure(mode: string, target: Target, window?: Window, givenMix?: [string, Op][]): Promise<Throughput> {
  const mix = givenMix ?? (await buildMix(target));
  const latencies: number[] = [];
  const perOperation: Record<string, number> = {};
  let measuring = false;
  let stop = false;
  const worker = async (w: number) => {
    for (let i = w; !stop; i += CONCURRENCY) {
      const [name, op] = mix[i % mix.length];
      const t0 = performance.now();
      await op(i);
      if (measuring) {
        latencies.push(performance.now() - t0);
        perOperation[name] = (perOperation[name] ?? 0) + 1;
      }
    }
  };
  const running = Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  await sleep(WARMUP_MS);
  measuring = true;
  window?.begin();
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const extra = (await window?.end()) ?? {};
  stop = true;
  await running;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return { mode, requests: latencies.length, seconds: round(seconds), requestsPerSecond: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), perOperation, ...extra };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function inProcess(): Promise<Throughput> {
  const sandbox = await startSandbox({ accounts: ACCOUNTS, suspendedAccounts: 0, scpBlockedAccounts: 0 });
  try {
    const members = sandbox.world.members.map((a) => a.id);
    return await measure('same thread', { endpoint: sandbox.endpoint, region: sandbox.region, management: sandbox.credentials.management, members });
  } finally {
    await sandbox.close();
  }
}

async function inWorker(): Promise<Throughput> {
  // Workers do not inherit the `--import tsx` hooks: register tsx's CommonJS loader inside the worker.
  const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(boot, { eval: true, workerData: { accounts: ACCOUNTS } });
  const target = await new Promise<Target>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ask = (command: string) =>
    new Promise<{ activeMs: number; requests: number }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(command);
    });
  let start = { activeMs: 0, requests: 0 };
  const window: Window = {
    begin: () => {
      void ask('sample').then((s) => (start = s));
    },
    end: async () => {
      const stop = await ask('sample');
      return { serverBusyMsPerRequest: Math.round(((stop.activeMs - start.activeMs) / (stop.requests - start.requests)) * 1000) / 1000 };
    },
  };
  try {
    return await measure('sandbox in worker thread', target, window);
  } finally {
    await worker.terminate();
  }
}

/** Worker side: serve a sandbox and report where to reach it. */
async function serveInWorker(): Promise<void> {
  const sandbox = await startSandbox({ accounts: (workerData as { accounts: number }).accounts, suspendedAccounts: 0, scpBlockedAccounts: 0 });
  const target: Target = { endpoint: sandbox.endpoint, region: sandbox.region, management: sandbox.credentials.management, members: sandbox.world.members.map((a) => a.id) };
  parentPort!.postMessage(target);
  // On request, report how long the server thread has been busy and how many requests it served.
  let served = 0;
  parentPort!.on('message', () => {
    served += sandbox.requests().length;
    sandbox.clearRequests();
    parentPort!.postMessage({ activeMs: performance.eventLoopUtilization().active, requests: served });
  });
}

interface RawRequest {
  headers: Record<string, string>;
  body: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const binary = (data: SourceData) => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', binary(secret));
  }
  update(data: SourceData): void {
    this.hash.update(binary(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** A request signed as the SDK signs it; replayed many times, each replay is fully verified by the sandbox. */
async function presign(target: Target, service: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, body: string, extra: Record<string, string>): Promise<RawRequest> {
  const url = new URL(target.endpoint);
  const signer = new SignatureV4({ service, region: target.region, credentials, sha256: Sha256 });
  const headers = { host: url.host, 'content-length': String(Buffer.byteLength(body)), 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), ...extra };
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body });
  return { headers: signed.headers as Record<string, string>, body };
}

/**
 * The sandbox alone: pre-signed requests replayed over keep-alive with a bare node:http client, so nearly all
 * CPU is the server's. Reports wall req/s and process CPU per request (a load-independent cost).
 */
async function serverOnly(): Promise<Throughput & { cpuMsPerRequest: number }> {
  const sandbox = await startSandbox({ accounts: ACCOUNTS, suspendedAccounts: 0, scpBlockedAccounts: 0, maxRecords: 100 });
  const target: Target = { endpoint: sandbox.endpoint, region: sandbox.region, management: sandbox.credentials.management, members: sandbox.world.members.map((a) => a.id) };
  try {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const { Credentials: c } = await new STSClient({ endpoint: target.endpoint, region: target.region, credentials: target.management }).send(
      new AssumeRootCommand({ TargetPrincipal: target.members[3], TaskPolicyArn: { arn: taskPolicyArn('IAMAuditRootUserCredentials') } }),
    );
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const mix: [string, RawRequest][] = [
      ['ListAccounts', await presign(target, 'organizations', target.management, '{"MaxResults":20}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts' })],
      ['AssumeRoot', await presign(target, 'sts', target.management, `Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=${target.members[5]}&TaskPolicyArn.arn=${encodeURIComponent(taskPolicyArn('IAMAuditRootUserCredentials'))}`, form)],
      ['GetAccountSummary', await presign(target, 'iam', session, 'Action=GetAccountSummary&Version=2010-05-08', form)],
      ['GetCallerIdentity', await presign(target, 'sts', target.management, 'Action=GetCallerIdentity&Version=2011-06-15', form)],
    ];
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const url = new URL(target.endpoint);
    const send = (request: RawRequest) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: request.headers, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(request.body);
      });
    let cpuStart = process.cpuUsage();
    const result = await measure('sandbox only (pre-signed replays, bare client)', target, {
      begin: () => {
        cpuStart = process.cpuUsage();
      },
      end: async () => ({}),
    }, mix.map(([name, request]): [string, Op] => [name, async () => {
      const status = await send(request);
      if (status !== 200) throw new Error(`${name} answered ${status}`);
    }]));
    const cpu = process.cpuUsage(cpuStart);
    agent.destroy();
    return { ...result, cpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / result.requests) * 1000) / 1000 };
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const startup = { accounts1000Ms: round(await startupMs(1_000)), accounts5000Ms: round(await startupMs(5_000)) };
  const alone = await serverOnly();
  const throughput: Throughput[] = [alone, await inProcess(), await inWorker()];
  const rows = [
    ['start-up, 1,000 accounts', `${startup.accounts1000Ms} ms`],
    ['start-up, 5,000 accounts', `${startup.accounts5000Ms} ms`],
    ...throughput.map((t) => [`req/s, ${CONCURRENCY} in flight, ${t.mode}`, `${t.requestsPerSecond} (p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms, ${t.requests} calls)`]),
    ['sandbox CPU per request (bare client included)', `${alone.cpuMsPerRequest} ms => ${Math.round(1000 / alone.cpuMsPerRequest)} req/s per core`],
    ...throughput
      .filter((t) => t.serverBusyMsPerRequest)
      .map((t) => ['server busy per request (worker thread)', `${t.serverBusyMsPerRequest} ms => ${Math.round(1000 / t.serverBusyMsPerRequest!)} req/s per core`]),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (other work on the machine lowers wall-clock figures)\n`);
  const result = { when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), concurrency: CONCURRENCY, accounts: ACCOUNTS, startup, throughput };
  const out = path.join(__dirname, 'results', 'sandbox.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}

if (isMainThread) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  serveInWorker().catch((err: unknown) => {
    throw err;
  });
}
