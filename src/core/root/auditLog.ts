/**
 * The privileged-task audit log: one JSON record per line. Before a task changes an account it writes an
 * `intent` and waits for it to reach the disk (fsync), so a crash between acting and the `outcome` still
 * leaves the intent behind. Records carry the session's access key id for CloudTrail correlation and never a
 * secret: a guard refuses any record that contains the secret key or token of the session it is written for.
 */
import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RootGuardError } from '../aws/errors';
import { parseAuditLogLine } from './auditLogShape';
import type { AppliedChange, KeptPolicy, PlannedChange, RootTaskKind } from './taskModel';
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
  /**
   * The policy an unlock removes or a restore overwrites, read in the session before the change; dry runs and
   * other records never hold one.
   */
  keptPolicy?: KeptPolicy;
}

/** Written after the last change, or after the failure that stopped them. */
export interface OutcomeRecord extends AuditRecordBase {
  type: 'outcome';
  intentId: string;
  /** `unknown`: a change's response was lost and the read that checks it failed, so it may have been made. */
  outcome: 'done' | 'failed' | 'unknown';
  changed: AppliedChange[];
  /** Planned changes that were not made (after a failure). */
  notChanged: PlannedChange[];
  /** With outcome `unknown`: the change that may or may not have been made. */
  unknown?: PlannedChange[];
  error?: { code: string; message: string };
}

/**
 * A session that changed nothing: a dry run (with what it would have changed), an account already as asked, a
 * plan the user declined, reads that failed (`failed`, with the error) or a cancel while reading
 * (`cancelled`). Logged so every root session opened can be traced by its key id, whatever happened after.
 */
export interface PlanRecord extends AuditRecordBase {
  type: 'plan';
  reason: 'dry-run' | 'nothing-to-change' | 'declined' | 'failed' | 'cancelled';
  /** What the plan held when it was read; empty when the reads failed before there was one. */
  changes: PlannedChange[];
  error?: { code: string; message: string };
}

/**
 * Written first, before any session opens: which task, for which accounts. Writing it proves the log can be
 * written (a read-only path or a full disk stops the run before it acts anywhere).
 */
export interface RunRecord {
  v: 1;
  type: 'run';
  id: string;
  time: string;
  runId: string;
  callerArn: string;
  task: RootTaskKind;
  taskPolicy: TaskPolicyName;
  parameters: Record<string, string | string[]>;
  accounts: string[];
  dryRun: boolean;
}

/**
 * An `AssumeRoot` that opened no session: `refused` (AWS answered with an error, or was never reached) or
 * `response-lost` (the request was sent and its response lost: AWS may have issued a session, whose key id
 * only CloudTrail's AssumeRoot event knows). A session that opened is in its own records, by its key id.
 */
export interface SessionRequestRecord extends Omit<AuditRecordBase, 'sessionAccessKeyId' | 'protectionOverridden'> {
  type: 'sessionRequest';
  ended: 'refused' | 'response-lost';
  error: { code: string; message: string };
}

/** A record about one account's session. */
export type AuditRecord = IntentRecord | OutcomeRecord | PlanRecord;

/**
 * An SCP or RCP written back (or a dry run of it) with the caller's own credentials, no root session: the
 * policy's text before and after, and every target it applies to.
 */
export interface PolicyUpdateRecord {
  v: 1;
  type: 'policyUpdate';
  id: string;
  time: string;
  callerArn: string;
  policyId: string;
  policyName: string;
  policyKind: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  targets: { id: string; name: string; type: string }[];
  oldContent: string;
  newContent: string;
  /** `intent` is written (and synced) before UpdatePolicy; `updated` or `failed` after it, naming the intent. */
  outcome: 'intent' | 'updated' | 'dry-run' | 'failed';
  intentId?: string;
  error?: { code: string; message: string };
}

/** Any line of the log. */
export type AuditLogEntry = AuditRecord | RunRecord | PolicyUpdateRecord | SessionRequestRecord;

/**
 * What holds the secrets a record must never carry, and can tell whether a text contains one: the root session
 * the record is written for (its secret key and session token).
 */
export interface SecretHolder {
  revealsSecret(text: string): boolean;
}

/** Where records go. The file implementation is `JsonlAuditLog`; tests may keep records in memory. */
export interface AuditLog {
  /**
   * Resolves once the record is durable; rejects (writing nothing) when the record carries a secret of `holder`
   * or the write fails.
   */
  append(record: AuditLogEntry, holder: SecretHolder): Promise<void>;
}

/** A fresh record id. */
export function newRecordId(): string {
  return randomUUID();
}

// A credential object serialized by mistake is refused by its keys, whatever its values.
const SECRET_FIELD = /"(secretAccessKey|sessionToken|SecretAccessKey|SessionToken|Credentials|credentials|password|Password)"\s*:/;

/**
 * Serializes a record after the guard; throws `AuditRecordRefused` instead of writing a secret. The guard looks
 * for the secrets the session actually holds, not for what secrets look like: a queue URL, a long MFA device
 * name or a 96-character bucket name is an ordinary record.
 */
export function serializeRecord(record: AuditLogEntry, holder: SecretHolder): string {
  const line = JSON.stringify(record);
  const reason = SECRET_FIELD.test(line) ? 'a credential field' : holder.revealsSecret(line) ? "the session's secret key or token" : undefined;
  const about = record.type === 'run' ? `run ${record.runId}` : record.type === 'policyUpdate' ? `policy ${record.policyId}` : record.accountId;
  if (reason) throw new RootGuardError('AuditRecordRefused', `Refused to write an audit record for ${about}: it contains ${reason}`);
  return `${line}\n`;
}

/**
 * Creates `dir` and its missing parents (mode 0700). Not `mkdir({ recursive: true })`: under /proc, where a
 * folder exists yet nothing can be created in it, Node's recursive mkdir retries forever instead of failing.
 */
async function ensureFolder(dir: string, depth = 0): Promise<void> {
  const make = () => mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  try {
    await make();
  } catch (err) {
    const parent = dirname(dir);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir || depth > 64) throw err;
    await ensureFolder(parent, depth + 1);
    await make();
  }
}

/**
 * False when the file's last byte is not a newline: a crash, or a write cut short by a full disk, left a torn
 * line that the next record must not be glued onto (both would then be unreadable).
 */
async function endsWithNewline(file: FileHandle): Promise<boolean> {
  const { size } = await file.stat();
  if (size === 0) return true;
  const { bytesRead, buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
  return bytesRead === 1 && buffer[0] === 0x0a;
}

/**
 * Writes every byte or throws. One write call may store only part of the data (a disk filling up, a file size
 * limit) and report how much; a record cut short must fail, never count as written.
 */
async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw new RootGuardError('AuditLogShortWrite', `Only ${offset} of ${bytes.length} bytes of the record reached the audit log`);
    offset += bytesWritten;
  }
}

/**
 * Appends to a JSONL file (created with mode 0600, its folder too). Appends are queued so concurrent accounts
 * never interleave a line, and each one is written whole and fsynced before it resolves.
 */
export class JsonlAuditLog implements AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async append(record: AuditLogEntry, holder: SecretHolder): Promise<void> {
    const line = serializeRecord(record, holder);
    const write = this.queue.then(() => this.write(line));
    // The queue goes on after a failed write; that caller still gets the rejection.
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async write(line: string): Promise<void> {
    await ensureFolder(dirname(this.path));
    // Read as well as append: the last byte says whether a torn line has to be ended first.
    const file = await open(this.path, 'a+', 0o600);
    try {
      const text = (await endsWithNewline(file)) ? line : `\n${line}`;
      await writeAll(file, Buffer.from(text, 'utf8'));
      await file.sync();
    } finally {
      await file.close();
    }
  }
}

/**
 * Reads a JSONL audit log: the per-account records, and the run, policy update and session request records apart. A line that
 * does not parse (the torn last line of a crash), or parses to something that is not a whole record (a line
 * edited by hand, `42`), is counted in `unreadableLines`, not thrown, so everything else stays readable. A
 * missing file reads as empty, and says so (`missing`): no task has run there yet, or the path is mistyped.
 * `recordLines[i]` is the line (from 1) `records[i]` is on, so a reader can name the lines that conflict.
 */
export async function readAuditLog(path: string): Promise<{ records: AuditRecord[]; recordLines: number[]; runs: RunRecord[]; policyUpdates: PolicyUpdateRecord[]; sessionRequests: SessionRequestRecord[]; unreadableLines: number; missing: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], recordLines: [], runs: [], policyUpdates: [], sessionRequests: [], unreadableLines: 0, missing: true };
    throw err;
  }
  const records: AuditRecord[] = [];
  const recordLines: number[] = [];
  const runs: RunRecord[] = [];
  const policyUpdates: PolicyUpdateRecord[] = [];
  const sessionRequests: SessionRequestRecord[] = [];
  let unreadableLines = 0;
  text.split('\n').forEach((line, at) => {
    if (!line.trim()) return;
    const entry = parseAuditLogLine(line);
    if (!entry) unreadableLines++;
    else if (entry.type === 'run') runs.push(entry);
    else if (entry.type === 'policyUpdate') policyUpdates.push(entry);
    else if (entry.type === 'sessionRequest') sessionRequests.push(entry);
    else {
      records.push(entry);
      recordLines.push(at + 1);
    }
  });
  return { records, recordLines, runs, policyUpdates, sessionRequests, unreadableLines, missing: false };
}

/** `3 audit log lines skipped`: how the history node, the restore picker and a restore by record id count `unreadableLines`. */
export function skippedLinesLabel(count: number): string {
  return `${count} audit log ${count === 1 ? 'line' : 'lines'} skipped`;
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
