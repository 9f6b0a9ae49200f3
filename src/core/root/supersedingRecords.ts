/**
 * The records that superseded a kept policy: later intents that kept another policy of the same bucket or
 * queue in the same account (a later unlock, or a restore that overwrote one). The log is indexed once, by
 * account, bucket or queue and then by time, so that the restore picker's question for every kept policy in
 * the log costs one pass over it rather than one per kept policy.
 */
import type { AuditRecord, IntentRecord } from './auditLog';
import type { KeptPolicyEntry } from './keptPolicyLookup';
import { policyKey } from './samePolicy';
import type { KeptPolicy } from './taskModel';

/** An intent that kept a policy, with what the questions compare: its line, time and policy text. */
interface Kept {
  record: IntentRecord;
  index: number;
  ms: number;
  policy: string;
}

/** The intents that kept a policy of one bucket or queue, oldest first, and the runs of the same text among them. */
interface Place {
  kept: Kept[];
  /** Per position, where the run of neighbours keeping the same text as it starts (toward older). */
  runStart: number[];
}

type Superseded = Pick<KeptPolicyEntry, 'intentId' | 'accountId' | 'time' | 'keptPolicy'>;

const placeKey = (accountId: string, kept: KeptPolicy) => JSON.stringify([accountId, kept.resource, kept.target]);

export class SupersedingRecords {
  private readonly places = new Map<string, Place>();
  /** The first line of each record id: where an entry's own record is, to break ties in time. */
  private readonly firstIndexOf = new Map<string, number>();

  constructor(records: readonly AuditRecord[]) {
    records.forEach((record, index) => {
      if (!this.firstIndexOf.has(record.id)) this.firstIndexOf.set(record.id, index);
      if (record.type !== 'intent' || !record.keptPolicy) return;
      const ms = Date.parse(record.time);
      // A record whose time cannot be read is later than none.
      if (Number.isNaN(ms)) return;
      const key = placeKey(record.accountId, record.keptPolicy);
      const place = this.places.get(key) ?? { kept: [], runStart: [] };
      place.kept.push({ record, index, ms, policy: policyKey(record.keptPolicy.policy) });
      this.places.set(key, place);
    });
    for (const { kept, runStart } of this.places.values()) {
      kept.sort((a, b) => a.ms - b.ms || a.index - b.index);
      kept.forEach((k, q) => runStart.push(q > 0 && kept[q - 1].policy === k.policy ? runStart[q - 1] : q));
    }
  }

  /** Every record that superseded `entry`, oldest first. */
  newerThan(entry: Superseded): IntentRecord[] {
    const later = this.later(entry);
    if (!later) return [];
    return later.place.kept.slice(later.from).filter((k) => supersedes(k, entry, later.policy)).map((k) => k.record);
  }

  /**
   * The newest record that superseded `entry`. Walked from the newest, a run of records keeping `entry`'s own
   * text is skipped whole, so each entry costs a few steps (one more per restore of itself), not one per record.
   */
  newestThan(entry: Superseded): IntentRecord | undefined {
    const later = this.later(entry);
    if (!later) return undefined;
    const { kept, runStart } = later.place;
    for (let q = kept.length - 1; q >= later.from; ) {
      if (kept[q].policy === later.policy) q = runStart[q] - 1;
      else if (supersedes(kept[q], entry, later.policy)) return kept[q].record;
      else q--;
    }
    return undefined;
  }

  /**
   * The records of `entry`'s bucket or queue later than it, from position `from`: later by the records' time,
   * the line order breaking ties only (a line appended to the log is not newer for being last).
   */
  private later(entry: Superseded): { place: Place; from: number; policy: string } | undefined {
    const place = this.places.get(placeKey(entry.accountId, entry.keptPolicy));
    const ms = Date.parse(entry.time);
    if (!place || Number.isNaN(ms)) return undefined;
    const at = this.firstIndexOf.get(entry.intentId) ?? -1;
    let [low, high] = [0, place.kept.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      const k = place.kept[mid];
      if (k.ms > ms || (k.ms === ms && k.index > at)) high = mid;
      else low = mid + 1;
    }
    return { place, from: low, policy: policyKey(entry.keptPolicy.policy) };
  }
}

/**
 * A later record that kept the very same text superseded nothing (restoring `entry` puts back that policy), nor
 * did a restore of `entry` itself: it put back that very policy.
 */
function supersedes(k: Kept, entry: Superseded, policy: string): boolean {
  return k.policy !== policy && k.record.parameters.fromRecord !== entry.intentId;
}
