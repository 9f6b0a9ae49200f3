/**
 * Finds the policy a restore puts back, among the audit log's records. The log is a file anyone with the
 * user's rights can append to, so the lookup is strict: a record id names exactly one record, an outcome must
 * be about its intent (same account, task, run, session and changes), and an intent's outcomes must agree.
 * Anything else is refused naming the lines that conflict, never settled by "the first or last one wins":
 * an appended outcome could otherwise point a restore at a forged intent, or hide a real removal.
 */
import { RootGuardError } from '../aws/errors';
import { type AuditRecord, type IntentRecord, type OutcomeRecord, skippedLinesLabel } from './auditLog';
import { SupersedingRecords } from './supersedingRecords';
import type { KeptPolicy, PlannedChange } from './taskModel';

/** A policy an unlock removed or an overwriting restore replaced, with the intent that kept it. */
export interface KeptPolicyEntry {
  intentId: string;
  accountId: string;
  time: string;
  keptPolicy: KeptPolicy;
  /**
   * The policy may or may not have been removed: the intent has no outcome (`no-outcome`: the process stopped
   * between writing it and recording what happened), or its outcome is unknown (`unverified`: the response was
   * lost and the read that checks it failed or found another policy). Restoring is still safe: the restore
   * reads the bucket or queue first, changes nothing when the policy is still there, and refuses when another
   * one is.
   */
  outcomeUnknown?: 'no-outcome' | 'unverified';
  /** The newest later record that kept a policy of the same bucket or queue: restoring this one undoes it. */
  supersededBy?: { intentId: string; time: string };
}

/** The records of a log and, when read from a file, the line each one is on (`readAuditLog`'s `recordLines`). */
class RecordIndex {
  private readonly byId = new Map<string, number[]>();
  private readonly outcomesByIntent = new Map<string, number[]>();

  constructor(
    readonly records: readonly AuditRecord[],
    private readonly recordLines?: readonly number[],
  ) {
    records.forEach((r, i) => {
      this.byId.set(r.id, [...(this.byId.get(r.id) ?? []), i]);
      if (r.type === 'outcome') this.outcomesByIntent.set(r.intentId, [...(this.outcomesByIntent.get(r.intentId) ?? []), i]);
    });
  }

  /** The indexes of the records with this id. */
  withId(id: string): number[] {
    return this.byId.get(id) ?? [];
  }

  outcomesOf(intentId: string): number[] {
    return this.outcomesByIntent.get(intentId) ?? [];
  }

  /** `line 12`, or `record 3` for records not read from a file. */
  where(index: number): string {
    return this.recordLines ? `line ${this.recordLines[index]}` : `record ${index + 1}`;
  }

  /** `lines 3 and 9` */
  whereAll(indexes: readonly number[]): string {
    const places = indexes.map((i) => this.where(i).replace(/^\w+ /, ''));
    const noun = this.recordLines ? 'lines' : 'records';
    return `${noun} ${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}`;
  }
}

const changeKey = (c: PlannedChange) => `${c.operation} ${c.target}`;

/** RootGuard writes an intent's outcome in the same session, for the changes that intent planned. */
function outcomeFitsIntent(outcome: OutcomeRecord, intent: IntentRecord): boolean {
  const planned = new Set(intent.changes.map(changeKey));
  const same = (['accountId', 'task', 'runId', 'sessionAccessKeyId'] as const).every((k) => outcome[k] === intent[k]);
  return same && [...outcome.changed, ...outcome.notChanged, ...(outcome.unknown ?? [])].every((c) => planned.has(changeKey(c)));
}

/** What an outcome says happened, to compare two outcomes of one intent. */
const outcomeSays = (o: OutcomeRecord) => JSON.stringify([o.outcome, o.changed.map((c) => [changeKey(c), c.result]), o.notChanged.map(changeKey), (o.unknown ?? []).map(changeKey)]);

/** What an intent's records say about its kept policy, or why they cannot be trusted. */
type IntentReading = { entry: KeptPolicyEntry } | { failed: true } | { conflict: string };

function readIntent(index: RecordIndex, at: number): IntentReading {
  const intent = index.records[at] as IntentRecord & { keptPolicy: KeptPolicy };
  const outcomes = index.outcomesOf(intent.id);
  for (const id of [intent.id, ...outcomes.map((o) => index.records[o].id)]) {
    const sameId = index.withId(id);
    if (sameId.length > 1) return { conflict: `record id ${id} is on more than one line (${index.whereAll(sameId)})` };
  }
  const stranger = outcomes.find((o) => !outcomeFitsIntent(index.records[o] as OutcomeRecord, intent));
  if (stranger !== undefined) {
    return { conflict: `the outcome on ${index.where(stranger)} does not match the intent on ${index.where(at)} (another account, task, session or change)` };
  }
  const says = new Set(outcomes.map((o) => outcomeSays(index.records[o] as OutcomeRecord)));
  if (says.size > 1) return { conflict: `the intent on ${index.where(at)} has outcomes that disagree (${index.whereAll(outcomes)})` };
  const outcome = outcomes.length ? (index.records[outcomes[0]] as OutcomeRecord) : undefined;
  const unknown = !outcome ? 'no-outcome' : outcome.outcome === 'unknown' ? 'unverified' : undefined;
  if (!unknown && outcome?.changed.length === 0) return { failed: true };
  return { entry: { intentId: intent.id, accountId: intent.accountId, time: intent.time, keptPolicy: intent.keptPolicy, ...(unknown ? { outcomeUnknown: unknown } : {}) } };
}

/**
 * The policies real unlocks removed and overwriting restores replaced, or may have, in the log's order:
 * intents that kept a policy, unless their outcome says the change was not made (it failed). An intent
 * without an outcome (a crash after it was written) or with an unknown one is offered too, marked
 * `outcomeUnknown`: its policy may be gone, and the log holds the only copy. An intent whose records
 * conflict (a duplicated id, outcomes that disagree or are about something else) is not offered: restoring
 * it by id says why.
 */
export function keptPolicies(records: readonly AuditRecord[], recordLines?: readonly number[]): KeptPolicyEntry[] {
  const index = new RecordIndex(records, recordLines);
  const superseding = new SupersedingRecords(records);
  return records.flatMap((r, at): KeptPolicyEntry[] => {
    if (r.type !== 'intent' || !r.keptPolicy) return [];
    const reading = readIntent(index, at);
    if (!('entry' in reading)) return [];
    const newest = superseding.newestThan(reading.entry);
    return [newest ? { ...reading.entry, supersededBy: { intentId: newest.id, time: newest.time } } : reading.entry];
  });
}

/**
 * When a kept policy left its bucket or queue, for a picker: unknown when the run stopped before saying, and
 * whether a newer record superseded it (the picker lists every kept policy, the newest first).
 */
export function keptPolicyWhen(entry: KeptPolicyEntry): string {
  const newer = entry.supersededBy ? `; superseded: record ${entry.supersededBy.intentId} (${entry.supersededBy.time}) kept a later policy of it` : '';
  if (entry.outcomeUnknown === 'no-outcome') return `kept ${entry.time}; the run stopped before recording whether it was removed${newer}`;
  if (entry.outcomeUnknown === 'unverified') return `kept ${entry.time}; the run could not tell whether it was removed${newer}`;
  return `removed ${entry.time}${newer}`;
}

/** `; 2 audit log lines skipped (not a whole record): it may be one of them`, or nothing when none was. */
function skippedNote(skippedLines: number): string {
  if (!skippedLines) return '';
  return `; ${skippedLinesLabel(skippedLines)} (not a whole record): it may be ${skippedLines === 1 ? 'that line' : 'one of them'}`;
}

/** The index of the intent `recordId` names (itself, or an outcome's intent), or why there is none to use. */
function namedIntent(index: RecordIndex, recordId: string, skippedLines: number): number | string {
  const named = index.withId(recordId);
  if (named.length === 0) return `no such record in the audit log${skippedNote(skippedLines)}`;
  if (named.length > 1) return `record id ${recordId} is on more than one line (${index.whereAll(named)}), so it does not say which record to use; nothing was changed`;
  const record = index.records[named[0]];
  if (record.type !== 'outcome') return named[0];
  const intents = index.withId(record.intentId);
  if (intents.length === 0) return `the intent ${record.intentId} that its outcome (${index.where(named[0])}) names is not in the audit log${skippedNote(skippedLines)}`;
  if (intents.length > 1) return `record id ${record.intentId}, the intent its outcome names, is on more than one line (${index.whereAll(intents)}); nothing was changed`;
  return intents[0];
}

/**
 * The kept policy of the record `recordId` (the unlock's intent id, or its outcome's id). `skippedLines`: lines
 * of the log read as no whole record (`unreadableLines`); a record not found may be one of them, so it says how
 * many, as the restore picker does. `recordLines`: each record's line in the file, to name conflicting lines.
 */
export function findKeptPolicy(records: readonly AuditRecord[], recordId: string, skippedLines: number, recordLines?: readonly number[]): KeptPolicyEntry {
  const index = new RecordIndex(records, recordLines);
  const refuse = (why: string, code = 'NoKeptPolicy') => new RootGuardError(code, `Cannot restore from record ${recordId}: ${why}`);
  const at = namedIntent(index, recordId, skippedLines);
  if (typeof at === 'string') throw refuse(at, at.startsWith('record id') ? 'ConflictingRecords' : 'NoKeptPolicy');
  const record = index.records[at];
  if (record.type !== 'intent' || !record.keptPolicy) throw refuse('that record kept no policy (only a real unlock, or a restore that overwrites, keeps one)');
  const reading = readIntent(index, at);
  if ('conflict' in reading) throw refuse(`${reading.conflict}; nothing was changed`, 'ConflictingRecords');
  // The change is known to have failed: the policy was never removed.
  if ('failed' in reading) throw refuse('its outcome says the change failed, so the policy was not removed');
  return reading.entry;
}

/**
 * The intents of later records that kept another policy of the same bucket or queue in the same account (a
 * later unlock, or a restore that overwrote one), oldest first: restoring `entry` would put back a policy they
 * superseded. Later by the records' time, the line order breaking ties only: a line appended to the log is not
 * newer for being last. A restore of `entry` itself supersedes nothing: it put back that very policy.
 */
export function newerRecordsFor(records: readonly AuditRecord[], entry: KeptPolicyEntry): IntentRecord[] {
  return new SupersedingRecords(records).newerThan(entry);
}
