/**
 * What `rootguard task restore-policy` says about the record it restores from, before any session (the words
 * are core's, shared with the extension): where the record came from, an unknown outcome, a newer record of the
 * same bucket or queue, and in a dry run the policy itself. A superseded record, and one that does not fit a
 * record RootGuard wrote for this caller, are warnings a terminal confirms and `--yes` refuses unless
 * `--older-record` or `--unverified-record` says so.
 */
import { RootGuardError } from '../core/aws/errors';
import { printable, printableLines } from '../core/report/cells';
import type { KeptPolicyEntry } from '../core/root/keptPolicyLookup';
import { type RecordProvenance, provenanceOf } from '../core/root/recordProvenance';
import { type RecordLog, recordFrom, supersededWarning, unknownOutcomeNotice, unverifiedWarning } from '../core/root/restoreRecordNotices';
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

/** What the command says about the record `kept` came from, before loading the organization. */
export function checkRestoreRecord(log: RecordLog, kept: KeptPolicyEntry, args: TaskArgs): RestoreRecordCheck {
  const provenance = provenanceOf(log.records, log.runs, kept.intentId)!;
  const superseded = supersededWarning(log, kept);
  if (superseded && args.yes && !args.dryRun && !args.olderRecord) {
    const advice = 'restore the newer record instead if it is one you wrote, or pass --older-record to restore this one';
    throw new RootGuardError('Usage', `Cannot restore from record ${kept.intentId}: ${superseded.replace(/^Record/, 'record')}; nothing was changed (${advice})`);
  }
  const notice = [recordFrom(provenance), unknownOutcomeNotice(kept)].filter((line) => line !== undefined).map(printable).join('\n');
  const policy = args.dryRun ? `\nPolicy the record kept for ${printable(`${kept.keptPolicy.resource} ${kept.keptPolicy.target}`)}:\n${policyShown(kept.keptPolicy.policy)}` : '';
  return { notice: `${notice}${policy}`, superseded, provenance };
}

/**
 * Why the record may not be one RootGuard wrote for the connected caller (`callerArn`), or undefined. Under
 * `--yes` (not a dry run) it is refused unless `--unverified-record` says so; a terminal asks.
 */
export function unverifiedRecord(check: RestoreRecordCheck, args: TaskArgs, callerArn: string): string | undefined {
  const warning = unverifiedWarning(check.provenance, callerArn);
  if (warning && args.yes && !args.dryRun && !args.unverifiedRecord) {
    throw new RootGuardError('Usage', `Cannot restore from ${warning.replace(/^Record/, 'record')}; nothing was changed (check the record, and pass --unverified-record to restore from it)`);
  }
  return warning;
}
