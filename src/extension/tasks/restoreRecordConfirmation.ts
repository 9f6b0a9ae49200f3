/**
 * The confirmation a restore asks before its usual one when its record calls for it, decided without VS Code so
 * it can be tested alone: the same warnings as the CLI's (a newer record superseded it, its outcome is unknown,
 * it may not be one RootGuard wrote for the connected caller), with where the record came from. The button
 * after an unlock names a record directly and can be clicked long after, when a later unlock has superseded it.
 */
import { printable } from '../../core/report/cells';
import type { KeptPolicyEntry } from '../../core/root/keptPolicyLookup';
import { type RecordLog, restoreRecordNotices } from '../../core/root/restoreRecordNotices';

export const RESTORE_ANYWAY = 'Restore Anyway…';

/** The modal's message and detail, or undefined when the record calls for no confirmation of its own. */
export function restoreRecordConfirmation(log: RecordLog, entry: KeptPolicyEntry, callerArn: string): { message: string; detail: string } | undefined {
  const { from, warnings } = restoreRecordNotices(log, entry, callerArn);
  if (warnings.length === 0) return undefined;
  return { message: `Restore from record ${entry.intentId} anyway?`, detail: [...warnings, from].map(printable).join('\n\n') };
}
