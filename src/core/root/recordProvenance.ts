/**
 * Where an audit record of a kept policy came from, shown before a restore acts on it. The audit log is a file
 * anyone with the user's rights can append to: a forged intent and outcome with a new id read like a real
 * unlock, so the restore shows who wrote the record, when and in which run, and says what does not fit a
 * record RootGuard wrote for this caller (no `run` record for its run, a caller in another account).
 */
import type { AuditRecord, IntentRecord, RunRecord } from './auditLog';

export interface RecordProvenance {
  recordId: string;
  time: string;
  callerArn: string;
  runId: string;
  /** Whether the log holds the run's opening `run` record, of the same caller: RootGuard writes one before any session opens. */
  runRecorded: boolean;
  sessionAccessKeyId: string;
}

/** The provenance of the intent `intentId` names, or undefined when the records hold no such intent. */
export function provenanceOf(records: readonly AuditRecord[], runs: readonly RunRecord[], intentId: string): RecordProvenance | undefined {
  const intent = records.find((r): r is IntentRecord => r.type === 'intent' && r.id === intentId);
  if (!intent) return undefined;
  const runRecorded = runs.some((run) => run.runId === intent.runId && run.callerArn === intent.callerArn);
  return { recordId: intent.id, time: intent.time, callerArn: intent.callerArn, runId: intent.runId, runRecorded, sessionAccessKeyId: intent.sessionAccessKeyId };
}

/** `written 2026-12-04T11:00:00.000Z by arn:…, run R (its run record is in the audit log), session ASIA…` */
export function describeProvenance(p: RecordProvenance): string {
  const run = p.runRecorded ? 'its run record is in the audit log' : 'NO run record for it in the audit log';
  return `written ${p.time} by ${p.callerArn}, run ${p.runId} (${run}), session ${p.sessionAccessKeyId}`;
}

/** `arn:aws:sts::123456789012:assumed-role/...` → `123456789012`. */
const accountOfArn = (arn: string) => arn.split(':')[4] ?? '';

/**
 * What does not fit a record RootGuard wrote for the connected caller (`callerArn`, undefined before it is
 * known): each is a reason to check the record before restoring from it.
 */
export function provenanceDoubts(p: RecordProvenance, callerArn?: string): string[] {
  const doubts: string[] = [];
  if (!p.runRecorded) doubts.push(`its run ${p.runId} has no run record in the audit log (RootGuard writes one before any session opens)`);
  if (callerArn !== undefined && accountOfArn(p.callerArn) !== accountOfArn(callerArn)) {
    doubts.push(`its caller ${p.callerArn} is not in the connected account ${accountOfArn(callerArn)}`);
  }
  return doubts;
}
