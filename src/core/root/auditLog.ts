/**
 * The privileged-task audit log: one JSON record per line. Before a task changes an account it writes an
 * `intent` and waits for it to reach the disk (fsync), so a crash between acting and the `outcome` still
 * leaves the intent behind. Records carry the session's access key id for CloudTrail correlation and never a
 * secret: a guard refuses any record that contains something shaped like a secret key or session token.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RootGuardError } from '../aws/errors';
import type { AppliedChange, PlannedChange, RootTaskKind } from './taskModel';
import type { TaskPolicyName } from './taskPolicies';

/** What every record says about who did what where. */
export interface AuditRecordBase {
  /** Record format version. */
  v: 1;
  id: string;
  time: string;
  /** All records of one run (one command, one or many accounts) share it. */
  runId: string;
  callerArn: string;
  accountId: string;
  task: RootTaskKind;
  taskPolicy: TaskPolicyName;
  /** The root session's access key id (not a secret): CloudTrail's `AssumeRoot` response names it. */
  sessionAccessKeyId: string;
  parameters: Record<string, string | string[]>;
  /** Present when the account is protected and the user chose to override the protection for this run. */
  protectionOverridden?: true;
}

/** Written and synced before the first change. */
export interface IntentRecord extends AuditRecordBase {
  type: 'intent';
  changes: PlannedChange[];
}

/** Written after the last change, or after the failure that stopped them. */
export interface OutcomeRecord extends AuditRecordBase {
  type: 'outcome';
  intentId: string;
  outcome: 'done' | 'failed';
  changed: AppliedChange[];
  /** Planned changes that were not made (after a failure). */
  notChanged: PlannedChange[];
  error?: { code: string; message: string };
}

/**
 * A session that read and changed nothing: a dry run (with what it would have changed), an account already as
 * asked, or a plan the user declined. Logged so every root session that read an account can be traced.
 */
export interface PlanRecord extends AuditRecordBase {
  type: 'plan';
  reason: 'dry-run' | 'nothing-to-change' | 'declined';
  changes: PlannedChange[];
}

export type AuditRecord = IntentRecord | OutcomeRecord | PlanRecord;

/** Where records go. The file implementation is `JsonlAuditLog`; tests may keep records in memory. */
export interface AuditLog {
  /** Resolves once the record is durable; rejects (writing nothing) when the record is refused or the write fails. */
  append(record: AuditRecord): Promise<void>;
}

/** A fresh record id. */
export function newRecordId(): string {
  return randomUUID();
}

// An AWS secret access key is 40 base64 characters standing alone (the pattern secret scanners use); a session
// token is a far longer base64 run. Keys of credential objects are refused by name as well.
const SECRET_KEY_SHAPE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
const TOKEN_SHAPE = /[A-Za-z0-9/+=]{100,}/;
const SECRET_FIELD = /"(secretAccessKey|sessionToken|SecretAccessKey|SessionToken|Credentials|credentials|password|Password)"\s*:/;

/** Why `line` must not be written, or undefined when it looks free of secrets. */
export function secretShapeIn(line: string): string | undefined {
  if (SECRET_FIELD.test(line)) return 'a credential field';
  if (TOKEN_SHAPE.test(line)) return 'a value shaped like a session token';
  const candidate = SECRET_KEY_SHAPE.exec(line)?.[0];
  // Mixed case plus a digit or symbol, like generated keys; a lower-case name or a hex digest is not one.
  if (candidate && /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[\d/+]/.test(candidate)) return 'a value shaped like a secret access key';
  return undefined;
}

/** Serializes a record after the redaction guard; throws `AuditRecordRefused` instead of writing a secret. */
export function serializeRecord(record: AuditRecord): string {
  const line = JSON.stringify(record);
  const reason = secretShapeIn(line);
  if (reason) throw new RootGuardError('AuditRecordRefused', `Refused to write an audit record for ${record.accountId}: it contains ${reason}`);
  return `${line}\n`;
}

/**
 * Appends to a JSONL file (created with mode 0600, its folder too). Appends are queued so concurrent accounts
 * never interleave a line, and each one is fsynced before it resolves.
 */
export class JsonlAuditLog implements AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async append(record: AuditRecord): Promise<void> {
    const line = serializeRecord(record);
    const write = this.queue.then(() => this.write(line));
    // The queue goes on after a failed write; that caller still gets the rejection.
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async write(line: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const file = await open(this.path, 'a', 0o600);
    try {
      await file.write(line);
      await file.sync();
    } finally {
      await file.close();
    }
  }
}

/**
 * Reads a JSONL audit log. A line that does not parse (the torn last line of a crash) is counted, not thrown,
 * so everything before it stays readable. A missing file reads as empty.
 */
export async function readAuditLog(path: string): Promise<{ records: AuditRecord[]; unreadableLines: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], unreadableLines: 0 };
    throw err;
  }
  const records: AuditRecord[] = [];
  let unreadableLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as AuditRecord);
    } catch {
      unreadableLines++;
    }
  }
  return { records, unreadableLines };
}

/** Intents matched with their outcomes. */
export interface PairedAuditRecords {
  pairs: { intent: IntentRecord; outcome: OutcomeRecord }[];
  /** Intents with no outcome: the run crashed, or is still going, between acting and recording. */
  openIntents: IntentRecord[];
  /** Outcomes whose intent is missing (a log edited or truncated by hand). */
  orphanOutcomes: OutcomeRecord[];
}

/** Pairs every outcome with its intent by `intentId`. Plan records are left out. */
export function pairAuditRecords(records: readonly AuditRecord[]): PairedAuditRecords {
  const intents = new Map<string, IntentRecord>();
  for (const r of records) if (r.type === 'intent') intents.set(r.id, r);
  const pairs: PairedAuditRecords['pairs'] = [];
  const orphanOutcomes: OutcomeRecord[] = [];
  for (const r of records) {
    if (r.type !== 'outcome') continue;
    const intent = intents.get(r.intentId);
    if (intent) {
      pairs.push({ intent, outcome: r });
      intents.delete(r.intentId);
    } else {
      orphanOutcomes.push(r);
    }
  }
  return { pairs, openIntents: [...intents.values()], orphanOutcomes };
}
