/**
 * What a restore says about the audit record it puts a policy back from, before any session, in the CLI and
 * the extension alike: where the record came from, an outcome that is unknown, a newer record of the same
 * bucket or queue, and what does not fit a record RootGuard wrote for the connected caller. Pure text, so both
 * front ends word it the same and the checks are tested once.
 */
import type { AuditRecord, RunRecord } from './auditLog';
import { type KeptPolicyEntry, newerRecordsFor } from './keptPolicyLookup';
import { type RecordProvenance, describeProvenance, provenanceDoubts, provenanceOf } from './recordProvenance';

export interface RecordLog {
  records: readonly AuditRecord[];
  runs: readonly RunRecord[];
}

const UNKNOWN_OUTCOME = {
  'no-outcome': 'has no outcome in the audit log (the run stopped before recording one)',
  unverified: 'has an unknown outcome (the response to the removal was lost and the read that checks it failed, or found another policy than the one kept)',
};

/** `From record ID (written T by ARN, run R (…), session K)` */
export function recordFrom(p: RecordProvenance): string {
  return `From record ${p.recordId} (${describeProvenance(p)})`;
}

/** Said of a record whose policy may never have been removed; undefined when its outcome is known. */
export function unknownOutcomeNotice(entry: KeptPolicyEntry): string | undefined {
  if (!entry.outcomeUnknown) return undefined;
  return `Record ${entry.intentId} ${UNKNOWN_OUTCOME[entry.outcomeUnknown]}: the policy it kept may still be in place. The restore reads the ${entry.keptPolicy.resource} first and changes nothing if it is.`;
}

/**
 * What a restore of `entry` would undo, when a newer record kept a policy of the same bucket or queue: a
 * superseded policy, put back silently otherwise (record ids are UUIDs, and the wrong one is easy to copy). The
 * newer record is shown with where it came from: a line appended to the log must not steer the user to itself.
 */
export function supersededWarning(log: RecordLog, entry: KeptPolicyEntry): string | undefined {
  const newer = newerRecordsFor(log.records, entry);
  const newest = newer[newer.length - 1];
  if (!newest) return undefined;
  const what = `${entry.keptPolicy.resource} ${entry.keptPolicy.target}`;
  const others = newer.length > 1 ? ` and ${newer.length - 1} more` : '';
  const from = describeProvenance(provenanceOf(log.records, log.runs, newest.id)!);
  return `Record ${newest.id} (${newest.task}, ${from})${others} is newer than record ${entry.intentId} and also kept a policy of ${what}: restoring ${entry.intentId} puts back the policy kept before ${newer.length > 1 ? 'them' : 'it'}`;
}

/** Why the record may not be one RootGuard wrote for the connected caller (`callerArn`), or undefined. */
export function unverifiedWarning(p: RecordProvenance, callerArn: string): string | undefined {
  const doubts = provenanceDoubts(p, callerArn);
  return doubts.length ? `Record ${p.recordId} may not be one RootGuard wrote for you: ${doubts.join('; ')}` : undefined;
}

/**
 * Everything a restore of `entry` should say before it is confirmed: where the record came from, and the
 * warnings that call for a confirmation of their own (superseded, unknown outcome, unverified).
 */
export function restoreRecordNotices(log: RecordLog, entry: KeptPolicyEntry, callerArn: string): { from: string; warnings: string[] } {
  const provenance = provenanceOf(log.records, log.runs, entry.intentId)!;
  const warnings = [supersededWarning(log, entry), unknownOutcomeNotice(entry), unverifiedWarning(provenance, callerArn)].filter((w): w is string => w !== undefined);
  return { from: recordFrom(provenance), warnings };
}
