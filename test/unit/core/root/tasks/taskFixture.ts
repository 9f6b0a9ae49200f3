/**
 * Set-up shared by the privileged-task tests: a sandbox with management clients (real SDK, real HTTP), an
 * audit log in a fresh temporary folder, a logger that keeps its lines, and world snapshots to prove a task
 * changed what it was asked to and nothing else.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../../src/core/log';
import { JsonlAuditLog, readAuditLog } from '../../../../../src/core/root/auditLog';
import { getCallerArn } from '../../../../../src/core/root/runTask';
import type { RunTaskOptions, TaskTarget } from '../../../../../src/core/root/taskRun';
import type { SandboxAccount, SandboxOptions, World } from '../../../../../src/sandbox/index';
import { type RetrySettings, type SandboxFixture, startSandboxFixture } from '../../aws/sandboxClients';

export interface TaskFixture extends SandboxFixture {
  /** A temporary folder removed by `close()`; everything a test writes goes here. */
  dir: string;
  auditLog: JsonlAuditLog;
  callerArn: string;
  /** Every line the logger received, at every level. */
  logLines: string[];
  logger: Logger;
  /** The options every run needs, for spreading into a test's own. */
  baseOptions(): RunTaskOptions;
  auditRecords(): ReturnType<typeof readAuditLog>;
}

export async function startTaskFixture(
  options: SandboxOptions = {},
  retry: RetrySettings = {},
): Promise<TaskFixture> {
  const fx = await startSandboxFixture({ scpBlockedAccounts: 0, suspendedAccounts: 0, ...options }, retry);
  const dir = await mkdtemp(join(tmpdir(), 'rootguard-tasks-'));
  const auditLog = new JsonlAuditLog(join(dir, 'audit', 'root-tasks.jsonl'));
  const logLines: string[] = [];
  const keep = (level: string) => (message: string) => void logLines.push(`${level} ${message}`);
  const logger: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
  const callerArn = await getCallerArn(fx.clients);
  return {
    ...fx,
    dir,
    auditLog,
    callerArn,
    logLines,
    logger,
    baseOptions: () => ({ auditLog, callerArn, logger, managementAccountId: fx.sandbox.world.organization.managementAccountId }),
    auditRecords: () => readAuditLog(auditLog.path),
    close: async () => {
      await fx.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function targetsOf(accounts: readonly SandboxAccount[]): TaskTarget[] {
  return accounts.map((a) => ({ id: a.id, name: a.name, state: a.state, isManagement: a.role === 'management' }));
}

/** What a task may change in an account, as plain JSON (dates as strings). */
export type AccountSnapshot = Pick<SandboxAccount, 'root' | 'buckets' | 'queues'>;

/** Every account's root user, buckets and queues, deep-copied. */
export function snapshotWorld(world: World): Map<string, AccountSnapshot> {
  return new Map(world.accounts.map((a) => [a.id, JSON.parse(JSON.stringify({ root: a.root, buckets: a.buckets, queues: a.queues })) as AccountSnapshot]));
}

/**
 * Asserts the world now equals `before` with exactly the given edits: each edit receives a copy of an
 * account's earlier state and changes it into what the task should have left. Accounts with no edit must be
 * unchanged to the last field.
 */
export function assertWorldIs(world: World, before: Map<string, AccountSnapshot>, edits: Record<string, (account: AccountSnapshot) => void>): void {
  const after = snapshotWorld(world);
  for (const [id, was] of before) {
    const expected = structuredClone(was);
    edits[id]?.(expected);
    assert.deepEqual(after.get(id), expected, `account ${id}`);
  }
}

/** The first active member seeded with `profile`, not blocked by an SCP. */
export function memberWith(world: World, profile: SandboxAccount['rootProfile']): SandboxAccount {
  const found = world.members.find((a) => a.rootProfile === profile && a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.role === 'member');
  assert.ok(found, `no member seeded with ${profile}`);
  return found;
}

/** The first member seeded with a locked bucket or queue (a policy that denies everyone). */
export function memberWithLocked(world: World, what: 'buckets' | 'queues'): SandboxAccount {
  const found = world.members.find((a) => (what === 'buckets' ? a.buckets.some((b) => b.policy) : a.queues.some((q) => q.attributes.Policy)));
  assert.ok(found, `no member seeded with locked ${what}`);
  return found;
}

/** Requests the sandbox served in one root session, by its access key id. */
export function operationsOf(fx: SandboxFixture, sessionAccessKeyId: string): { operation: string; status: number }[] {
  return fx.sandbox.requests().filter((r) => r.accessKeyId === sessionAccessKeyId).map((r) => ({ operation: r.operation, status: r.status }));
}
