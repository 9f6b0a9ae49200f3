/**
 * How sure and how wide an answer about root sessions is (`Certainty`, `Reach`), collected over every
 * candidate request by `Tally`: per partition and account, per call, and per valuation of the free keys.
 */
import { type NamedAccount, type Valuation, accountPart } from './candidates';
import { UNKNOWN_VALUE, maybeMarkers } from './evaluate';
import { keysChangingAnswers } from './joint';
import { MAYBE, NO, YES } from './tri';
import { globMatches } from './wildcards';

/** How sure an answer is. */
export interface Certainty {
  /** Holds in some partition and account whatever the other keys hold. */
  certain: boolean;
  /** The partitions where it is certain; where it holds in others, only depending on `dependsOn`. */
  certainIn: readonly string[];
  /** The keys (and `unknown policy value`) an uncertain answer, or its uncertain partitions, depend on. */
  dependsOn: readonly string[];
}

/** Where an answer holds. */
export interface Reach {
  /** Partitions it holds in (every real one when `everyPartition`). */
  partitions: readonly string[];
  everyPartition: boolean;
  /** Holds for accounts no policy names, i.e. for every account but those named otherwise. */
  everyAccount: boolean;
  /** Named accounts it holds for (with the pattern an example account stands for). */
  accounts: readonly NamedAccount[];
  /** Named accounts past those tried one by one: whether it holds for them is not known. */
  uncheckedAccounts: number;
  /**
   * Named accounts it never holds for although `everyAccount` or a pattern of `accounts` covers them: a Deny
   * (or a condition) carves them out. "Every account" is then every account but these.
   */
  exceptAccounts: readonly string[];
}

/**
 * Collects, per cell (a partition and an account, by their indices), whether an answer held for every
 * valuation, some, or none. Cells are indices rather than strings: a question records hundreds of answers.
 */
export class Tally {
  /** Per cell: held for some valuation. */
  private readonly ever: boolean[];
  /**
   * Per cell and call: held for some valuation, and for every valuation recorded so far. A task whose one
   * call a Deny refuses whatever the keys hold is blocked for certain, though it never refuses another.
   */
  private readonly byCall: Map<string, { ever: boolean; always: boolean }>[];
  /** The calls some answer of which was "maybe", with why (`UNKNOWN_VALUE`, `SHORT_ARN_PATTERN`). */
  private readonly maybe = new Map<string, Set<string>>();
  /** Per call, keys no valuation sets (a policy variable's only) on which some answer hinged: see `record`. */
  private readonly unenumerated = new Map<string, Set<string>>();
  /** Every answer, by request (cell and call) and valuation index: which keys changed one. */
  private readonly answers: { request: string; call: string; valuation: number; answer: number }[] = [];
  /** The keys of `record`'s `hingedOn` no valuation sets, lower case: given as written ("which MFA device"). */
  private readonly variableOnly: ReadonlySet<string>;
  /** The valuations' entries as numbers, made when first asked for (valuationEntryIds). */
  private entryIds?: ValuationEntry[][];
  constructor(
    private readonly partitions: readonly string[],
    private readonly accounts: readonly NamedAccount[],
    private readonly uncheckedAccounts: number,
    private readonly keys: readonly string[],
    private readonly list: readonly Valuation[],
    private readonly capped: boolean,
    variableOnly: ReadonlySet<string>,
  ) {
    this.variableOnly = new Set([...variableOnly].map((key) => key.toLowerCase()));
    const cells = partitions.length * accounts.length;
    this.ever = new Array<boolean>(cells).fill(false);
    this.byCall = Array.from({ length: cells }, () => new Map<string, { ever: boolean; always: boolean }>());
  }

  /**
   * The answer for `this.partitions[partition]` and `this.accounts[account]` under valuation `index`; `call`
   * tells apart requests of one cell that are not valuations of each other (a task's several calls).
   * `hingedOn`: the keys the answer depended on. One that no valuation sets is read by a policy variable
   * alone (`"sts:TaskPolicyArn": "${aws:PrincipalTag/task}"`), whose values no condition names to try:
   * some value of it may turn the answer, so it holds there depending on that key.
   */
  record(partition: number, account: number, applies: number, index: number, call = '', hingedOn: readonly string[] = []): void {
    const cell = partition * this.accounts.length + account;
    const seen = this.byCall[cell].get(call) ?? { ever: false, always: true };
    this.byCall[cell].set(call, seen);
    const unenumerated = hingedOn.filter((key) => this.variableOnly.has(key.toLowerCase()));
    if (unenumerated.length > 0) {
      const keys = this.unenumerated.get(call) ?? new Set<string>();
      for (const key of unenumerated) keys.add(key);
      this.unenumerated.set(call, keys);
      this.ever[cell] = seen.ever = true;
      seen.always = false;
      return;
    }
    if (applies === MAYBE) {
      const why = this.maybe.get(call) ?? new Set<string>();
      for (const marker of maybeMarkers(hingedOn)) why.add(marker);
      this.maybe.set(call, why);
    }
    if (applies !== NO) this.ever[cell] = seen.ever = true;
    seen.always &&= applies === YES;
    // Without free keys, or past the cap, every key is named anyway: nothing to pair.
    if (this.keys.length > 0 && !this.capped) this.answers.push({ request: `${cell}\u0000${call}`, call, valuation: index, answer: applies });
  }

  /**
   * The keys whose value changed an answer: two valuations that differ in that key alone, for the same
   * request, were answered differently. A key the text conditions on in a way no value can change (an
   * `IfExists` test against `*`, a value no address can match) is not one. A capped enumeration holds
   * no such pair for every key, so it names them all.
   */
  private decisiveKeys(calls: (call: string) => boolean): string[] {
    if (this.capped) return [...this.keys];
    const entries = (this.entryIds ??= valuationEntryIds(this.list));
    const withoutKey = (valuation: number, key: string) => {
      const lower = key.toLowerCase();
      return entries[valuation].filter((entry) => entry.key !== lower).map((entry) => entry.id).join(',');
    };
    return keysChangingAnswers(this.keys, this.answers.filter(({ call }) => calls(call)), withoutKey);
  }

  /** The keys the answers of `calls` depended on, `unknown policy value` among them where one was read. */
  private dependsOn(calls: (call: string) => boolean): string[] {
    const unenumerated = [...this.unenumerated].filter(([call]) => calls(call)).flatMap(([, keys]) => [...keys]);
    const maybe = [...this.maybe].filter(([call]) => calls(call)).flatMap(([, why]) => [...why]);
    return [...new Set([...this.decisiveKeys(calls), ...unenumerated, ...maybe, ...(this.capped ? [UNKNOWN_VALUE] : [])])];
  }

  /** The partitions (indices) where `calls` held for every valuation, in some account (none past the cap). */
  private certainPartitions(held: readonly number[], calls: (call: string) => boolean): number[] {
    if (this.capped) return [];
    const width = this.accounts.length;
    return held.filter((p) => this.byCall.slice(p * width, (p + 1) * width).some((byCall) => [...byCall].some(([call, seen]) => calls(call) && seen.always)));
  }

  /**
   * One call's certainty: a Deny certain for its task may refuse one call whatever the keys hold and another
   * only for some values (a Deny of some buckets refuses the listing, on `*`, for certain).
   */
  callAnswer(call: string): { certain: boolean; dependsOn: string[] } {
    const width = this.accounts.length;
    const only = (c: string) => c === call;
    const held = this.partitions.map((_, p) => p).filter((p) => this.byCall.slice(p * width, (p + 1) * width).some((byCall) => byCall.get(call)?.ever));
    const certainIn = this.certainPartitions(held, only);
    return { certain: certainIn.length > 0, dependsOn: certainIn.length === held.length ? [] : this.dependsOn(only) };
  }

  answer(): Certainty & Reach {
    const width = this.accounts.length;
    const heldPartitions = this.partitions.map((_, p) => p).filter((p) => this.ever.slice(p * width, (p + 1) * width).includes(true));
    const heldIn = (account: number) => heldPartitions.some((p) => this.ever[p * width + account]);
    const everyAccount = heldIn(width - 1);
    // The last account is the fresh one, standing for every account no policy names.
    const named = this.accounts.slice(0, -1);
    const accounts = named.filter((_, a) => heldIn(a));
    const patterns = accounts.flatMap(({ pattern }) => (pattern ? [accountPart(pattern) ?? ''] : []));
    // A named account, or a pattern of them (`9999*`), it never holds for though every account does.
    const carvedOut = ({ account, pattern }: NamedAccount, a: number) => !heldIn(a) && (pattern ? everyAccount : everyAccount || patterns.some((p) => globMatches(p, account, false)));
    // Certain only when every valuation was tried: a capped enumeration may have missed one that escapes.
    const certainIn = this.certainPartitions(heldPartitions, () => true);
    const certain = certainIn.length > 0;
    const partitions = heldPartitions.map((p) => this.partitions[p]);
    return {
      certain,
      certainIn: certainIn.map((p) => this.partitions[p]),
      // Also where it is certain in some partitions only: the others depend on these keys.
      dependsOn: certainIn.length === heldPartitions.length && certain ? [] : this.dependsOn(() => true),
      partitions,
      everyPartition: partitions.length === this.partitions.length,
      everyAccount,
      accounts,
      uncheckedAccounts: this.uncheckedAccounts,
      // A capped enumeration may not have tried the valuation under which it holds there after all.
      exceptAccounts: this.capped ? [] : named.filter(carvedOut).map(({ account, pattern }) => (pattern ? (accountPart(pattern) ?? account) : account)),
    };
  }
}

/** One key's value in a valuation: the key (lower case), and a number standing for the key and its value. */
interface ValuationEntry {
  key: string;
  id: number;
}

/**
 * Each valuation's entries, with one number per distinct key and value: the decisive keys compare valuations
 * with one key left out thousands of times, and short lists of numbers compare far faster than the values.
 */
function valuationEntryIds(list: readonly Valuation[]): ValuationEntry[][] {
  const ids = new Map<string, number>();
  return list.map((valuation) =>
    Object.entries(valuation).map(([name, value]) => {
      const key = name.toLowerCase();
      const text = `${key}\u0000${typeof value === 'string' ? `s${value}` : `a${JSON.stringify(value)}`}`;
      let id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      return { key, id };
    }),
  );
}
