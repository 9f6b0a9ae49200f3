/**
 * What `rootguard task restore-policy` says about the record it restores from, before any session: where the
 * record came from (the audit log is a file anyone with the user's rights can append to, so a forged record
 * must not read like a real one), an unknown outcome, a newer record of the same bucket or queue, and in a dry
 * run the policy itself. What does not fit a record RootGuard wrote for this caller is a warning a terminal
 * confirms and `--yes` refuses unless `--unverified-record` says so.
 */
import { RootGuardError } from '../core/aws/errors';
import { printable, printableLines } from '../core/report/cells';
import type { AuditRecord, RunRecord } from '../core/root/auditLog';
import { type KeptPolicyEntry, newerRecordsFor } from '../core/root/keptPolicyLookup';
import { type RecordProvenance, describeProvenance, provenanceDoubts, provenanceOf } from '../core/root/recordProvenance';
import { formatPolicy, policyFingerprint } from '../core/root/unlockS3';
import type { TaskArgs } from './taskArgs';

export interface RestoreRecordCheck {
  /** Where the record came from, an unknown outcome, and in a dry run the policy: said before any question. */
  notice: string;
  /** Why a restore of an older record must be confirmed. */
  superseded?: string;
  provenance: RecordProvenance;
}

/** How many lines of the kept policy a dry run shows: enough for a real bucket policy, not a flooded terminal. */
const POLICY_LINES_SHOWN = 80;

/** The kept policy as a dry run shows it, cut after `POLICY_LINES_SHOWN` lines. */
function policyShown(policy: string): string {
  const lines = formatPolicy(policy).split('\n');
  const more = lines.length > POLICY_LINES_SHOWN ? `\n… ${lines.length - POLICY_LINES_SHOWN} more lines (${policyFingerprint(policy)})` : '';
  return `${printableLines(lines.slice(0, POLICY_LINES_SHOWN).join('\n'))}${more}`;
}

const UNKNOWN_OUTCOME = {
  'no-outcome': 'has no outcome in the audit log (the run stopped before recording one)',
  unverified: 'has an unknown outcome (the response to the removal was lost and the read that checks it failed, or found another policy than the one kept)',
};

/** `record R (written T by ARN, run X (…), session K)` */
const recordWithProvenance = (p: RecordProvenance | undefined, id: string) => (p ? `record ${id} (${describeProvenance(p)})` : `record ${id}`);

/**
 * What a restore of `kept` would undo, when a newer record kept a policy of the same bucket or queue: a superseded
 * policy, put back silently otherwise (record ids are UUIDs, and the wrong one is easy to copy). The newer record
 * is shown with where it came from: a line appended to the log must not steer the user to itself. Under `--yes`
 * it is refused unless `--older-record` says so; a terminal asks.
 */
function supersededBy(records: readonly AuditRecord[], runs: readonly RunRecord[], kept: KeptPolicyEntry, args: TaskArgs): string | undefined {
  const newer = newerRecordsFor(records, kept);
  const newest = newer[newer.length - 1];
  if (!newest) return undefined;
  const what = `${kept.keptPolicy.resource} ${kept.keptPolicy.target}`;
  const others = newer.length > 1 ? ` and ${newer.length - 1} more` : '';
  const warning = `Record ${newest.id} (${newest.task}, ${describeProvenance(provenanceOf(records, runs, newest.id)!)})${others} is newer than record ${kept.intentId} and also kept a policy of ${what}: restoring ${kept.intentId} puts back the policy kept before ${newer.length > 1 ? 'them' : 'it'}`;
  if (args.yes && !args.dryRun && !args.olderRecord) {
    const advice = 'restore the newer record instead if it is one you wrote, or pass --older-record to restore this one';
    throw new RootGuardError('Usage', `Cannot restore from record ${kept.intentId}: ${warning.replace(/^Record/, 'record')}; nothing was changed (${advice})`);
  }
  return warning;
}

/** What the command says about the record `kept` came from, before loading the organization. */
export function checkRestoreRecord(log: { records: readonly AuditRecord[]; runs: readonly RunRecord[] }, kept: KeptPolicyEntry, args: TaskArgs): RestoreRecordCheck {
  const provenance = provenanceOf(log.records, log.runs, kept.intentId)!;
  const lines = [`From ${recordWithProvenance(provenance, kept.intentId)}`];
  if (kept.outcomeUnknown) {
    lines.push(`Record ${kept.intentId} ${UNKNOWN_OUTCOME[kept.outcomeUnknown]}: the policy it kept may still be in place. The restore reads the ${kept.keptPolicy.resource} first and changes nothing if it is.`);
  }
  const notice = lines.map(printable).join('\n');
  const policy = args.dryRun ? `\nPolicy the record kept for ${printable(`${kept.keptPolicy.resource} ${kept.keptPolicy.target}`)}:\n${policyShown(kept.keptPolicy.policy)}` : '';
  return { notice: `${notice}${policy}`, superseded: supersededBy(log.records, log.runs, kept, args), provenance };
}

/**
 * Why the record may not be one RootGuard wrote for the connected caller (`callerArn`), or undefined. Under
 * `--yes` (not a dry run) it is refused unless `--unverified-record` says so; a terminal asks.
 */
export function unverifiedRecord(check: RestoreRecordCheck, args: TaskArgs, callerArn: string): string | undefined {
  const doubts = provenanceDoubts(check.provenance, callerArn);
  if (doubts.length === 0) return undefined;
  const warning = `record ${check.provenance.recordId} may not be one RootGuard wrote for you: ${doubts.join('; ')}`;
  if (args.yes && !args.dryRun && !args.unverifiedRecord) {
    throw new RootGuardError('Usage', `Cannot restore from ${warning}; nothing was changed (check the record, and pass --unverified-record to restore from it)`);
  }
  return `Record ${warning.replace(/^record /, '')}`;
}
