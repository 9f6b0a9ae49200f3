/**
 * The sandbox organization: a local endpoint on 127.0.0.1 that speaks the real STS, IAM, Organizations, S3
 * and SQS wire protocols, so the real AWS SDK clients run against a seeded organization with centralized root
 * access. See design.md section 5 and aws-root-access-api.md for the behaviour it reproduces.
 *
 *   const sandbox = await startSandbox({ accounts: 20 });
 *   const orgs = new OrganizationsClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials.management });
 *   ...
 *   await sandbox.close();
 */
import type http from 'node:http';
import { SandboxClock } from './clock';
import { Keyring } from './keyring';
import { KnobState, type Knobs } from './knobs';
import { RequestLog } from './requestLog';
import { listen, type RequestRecord } from './server';
import type { World } from './world';
import { seedRootSessionHistory, type SeededHistory } from './trailSeed';
import { buildWorld, type WorldOptions } from './worldBuilder';

export type { FaultKind, FaultKnob, Knobs, LatencyKnob, ThrottleKnob, TokenBucketSpec } from './knobs';
export { LOOKUP_EVENTS_LIMIT } from './knobs';
export { SEEDED_BREAK_GLASS_ROLE, SEEDED_CONTRACTOR_USER, SEEDED_REGIONS, type SeededHistory } from './trailSeed';
export type { RequestRecord } from './server';
export type * from './world';
export { World, IAM_SERVICE_PRINCIPAL } from './world';
export { accountIdAt, buildWorld, denyAllPolicy, ROOT_PROFILES, type WorldOptions } from './worldBuilder';
export { SandboxClock } from './clock';
export { DELEGATED_ADMIN_SCENARIO } from './delegatedAdminSeed';

export interface SandboxOptions extends WorldOptions, Knobs {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Region handed to clients; any region is accepted in signatures. Default us-east-1. */
  region?: string;
  /** Organizations listings serve every Nth page empty (with a NextToken); 0 turns it off. Default 3. */
  emptyPageEvery?: number;
  /** Wall-clock source for the sandbox clock (session expiry); tests usually call `clock.advance()` instead. */
  now?: () => number;
  /** Keep at most this many request records (oldest dropped). Default 10,000. */
  maxRecords?: number;
  /** Seed the management account's CloudTrail with root sessions RootGuard did not start (trailSeed.ts). Default true. */
  seedHistory?: boolean;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT`: pass as `endpoint` to every client (S3 also needs `forcePathStyle: true`). */
  endpoint: string;
  port: number;
  region: string;
  /** Long-term keys of an IAM admin user in the management, the Security (delegated admin) and an ordinary member account. */
  credentials: { management: SandboxCredentials; delegatedAdmin: SandboxCredentials; member: SandboxCredentials };
  /** The organization, live: inspect it, assert on it, edit it. */
  world: World;
  /** Sandbox time for session expiry; `clock.advance(16 * 60_000)` expires every 15-minute session. */
  clock: SandboxClock;
  /** Changes latency, throttling or faults from now on (keys set to undefined turn that knob off). */
  setKnobs(knobs: Knobs): void;
  /** Requests served so far, oldest first (the last `maxRecords`): a copy, taken when called. */
  requests(): readonly RequestRecord[];
  clearRequests(): void;
  /** Every secret access key and session token the sandbox has issued in this run, for leak checks. */
  issuedSecrets(): string[];
  /** What was seeded into CloudTrail (empty with `seedHistory: false`). */
  seededHistory: SeededHistory;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const world = buildWorld(options);
  const keyring = new Keyring();
  const clock = new SandboxClock(options.now);
  const seededHistory =
    options.seedHistory === false
      ? { recoveredAndDeleted: '', recoveredNotDeleted: '', unlockedByContractor: '', sessions: [] }
      : seedRootSessionHistory(world, world.cloudTrail, clock.nowMs());
  const knobs = new KnobState({ latency: options.latency, throttling: options.throttling, faults: options.faults }, options.seed ?? 1);
  const records = new RequestLog<RequestRecord>(options.maxRecords ?? 10_000);
  const management = keyring.addIamCaller(world.organization.managementAccountId);
  const delegatedAdmin = keyring.addIamCaller(world.accounts[1].id);
  const member = keyring.addIamCaller(world.accounts[2].id);
  const { server, origin } = await listen(
    {
      world,
      keyring,
      clock,
      knobs,
      emptyPageEvery: options.emptyPageEvery ?? 3,
      record: (entry) => records.add(entry),
    },
    options.port ?? 0,
  );
  const keys = (c: { accessKeyId: string; secretAccessKey: string }) => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey });
  return {
    endpoint: origin,
    port: Number(new URL(origin).port),
    region: options.region ?? 'us-east-1',
    credentials: { management: keys(management), delegatedAdmin: keys(delegatedAdmin), member: keys(member) },
    world,
    clock,
    setKnobs: (next) => knobs.set(next),
    requests: () => records.toArray(),
    clearRequests: () => records.clear(),
    issuedSecrets: () => keyring.issuedSecrets(),
    seededHistory,
    close: () => closeServer(server),
  };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Idle keep-alive connections would otherwise hold close() until they time out.
    server.closeAllConnections();
  });
}
