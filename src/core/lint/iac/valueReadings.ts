/**
 * The readings of a value written with `Fn::If`s (or Terraform conditionals): resolved once per choice of
 * the sides of the conditions it tests, within bounds (conditionSamples.ts), and only on sides its file's
 * conditions can take together when their logic is known (conditionLogic.ts).
 */
import { withThousands } from '../../text/numbers';
import type { TemplateReading } from '../model';
import { sidesKey } from '../templateSides';
import { BEYOND_BUDGET, type ConditionLogic, type ConsistentSample, consistentSides, type DecidedSide, MAX_FILE_CONDITION_STEPS } from './conditionLogic';
import { sampleSides } from './conditionSamples';
import { type Choices, ifConditions, resolveIntrinsics } from './intrinsics';
import type { IacValue } from './sourceTree';

/**
 * The most characters of policy source the readings of one policy lint together, past eight readings: eight
 * readings of a 64 KiB policy. No policy IAM or Organizations accepts comes near 64 KiB (10,240 characters at
 * most); without a bound, a hostile template's 5,000-statement policy testing a condition in each would be
 * linted dozens of times over.
 */
const MAX_READ_CHARACTERS = 8 * 64 * 1024;

/**
 * The choices a value is read on, how many conditions each combination of whose sides is read for (0: not
 * every side of each), whether they are only sides a deployment can have together (`consistent`), and
 * whether its template's bound lowered that.
 */
interface ChoiceSample {
  choices: Choices[];
  strength: ConsistentSample['strength'];
  consistent: boolean;
  capped: boolean;
  /** The file's budget for following its conditions was spent: they were read as if independent. */
  beyondBudget: boolean;
  /** Why some conditions were read as if independent, too many ways to enumerate (ConsistentSample). */
  unenumerated?: string;
}

/** A bound on a policy's readings from outside it (its template's, templateReadings.ts), and what sets it. */
export interface ReadingsCap {
  readings: number;
  /** "the template's policies that test more conditions have 1,565,306 characters in all". */
  reason: string;
}

/** How a value's conditions are read, besides the value itself. */
export interface ReadingOptions {
  /** A condition the whole value exists under (a resource's own `Condition`): held true, not sampled. */
  onlyWhen?: string;
  /** A bound on its readings its template or file sets. */
  cap?: ReadingsCap;
  /** What its file's conditions are built from: each reading is then one a deployment can have. */
  logic?: ConditionLogic;
  /** Sides already decided around it (a Terraform conditional that chooses the whole policy). */
  decided?: readonly DecidedSide[];
}

/**
 * The choices to lint a value of `size` characters with (conditionSamples.ts): every combination of up to
 * three conditions, and past three every combination of the sides of any three, or of any two, in as many
 * readings as fit the bounds; past that, every condition true and every one false. With `logic`, only the
 * sides its conditions can take together (conditionLogic.ts).
 */
function choicesFor(conditions: readonly string[], size: number, options: ReadingOptions): ChoiceSample {
  const { cap, logic, onlyWhen } = options;
  const decided = [...(onlyWhen === undefined ? [] : [{ condition: onlyWhen, holds: true }]), ...(options.decided ?? [])];
  let beyondBudget = false;
  const sample = (readings: number) => {
    const together = logic && consistentSides(conditions, logic, readings, decided);
    if (together === BEYOND_BUDGET) beyondBudget = true;
    return together && together !== BEYOND_BUDGET ? { ...together, consistent: true } : { ...sampleSides(conditions.length, readings), consistent: false };
  };
  const own = Math.max(8, Math.floor(MAX_READ_CHARACTERS / Math.max(size, 1)));
  const { rows, strength, consistent, unenumerated } = sample(Math.min(own, cap?.readings ?? own));
  const column = new Map(conditions.map((condition, i) => [condition, i]));
  const choices = rows.map((row): Choices => ({ holds: (condition) => row[column.get(condition)!] }));
  const capped = cap !== undefined && cap.readings < own && sample(own).strength > strength;
  return { choices, strength, consistent, capped, beyondBudget, unenumerated };
}

/** One way a value reads: resolved on one choice of sides, with the reading (unset when it tests no condition). */
export interface ValueReading {
  value: IacValue | undefined;
  reading?: TemplateReading;
}

/** A value's readings; `partly`, set when they leave pairs of sides of its conditions unread: why and what is read. */
export interface ValueReadings {
  readings: ValueReading[];
  partly?: string;
}

/**
 * The value resolved once per choice of the sides of the conditions its `Fn::If`s test, each with its
 * reading (see ReadingOptions).
 */
export function readingsOf(value: IacValue, options: ReadingOptions = {}): ValueReadings {
  const { onlyWhen } = options;
  const conditions = ifConditions(value).filter((c) => c !== onlyWhen);
  const { choices, strength, consistent, capped, beyondBudget, unenumerated } = choicesFor(conditions, sizeOf(value), options);
  const tests = `it tests ${conditions.length} template condition${conditions.length === 1 ? '' : 's'}`;
  const partly = beyondBudget
    ? `${tests}, and its file's conditions are built from more than the linter follows for one file (${withThousands(MAX_FILE_CONDITION_STEPS)} steps in all): they are read as if independent, so a finding may hold only on sides that never go together`
    : [
        partlyRead(conditions.length, strength, consistent, capped ? `, and ${options.cap!.reason}` : ` in ${sizeOf(value)} characters`),
        unenumerated && `${tests}, and ${unenumerated}: they are read as if independent, so a finding may hold only on sides that never go together`,
      ]
        .filter(Boolean)
        .join('; ') || undefined;
  if (onlyWhen === undefined) {
    const resolutions = choices.map((choice) => resolveIntrinsics(value, choice));
    const readings = new Set(resolutions.map((r) => r.key)).size;
    return { readings: resolutions.map((r) => ({ value: r.value, reading: r.branches.length ? { branches: r.branches, key: r.key, readings } : undefined })), partly };
  }
  // A resource's `Condition`: its policy exists only where it holds, so it is held true, not sampled with
  // the others (where it would go together with one of them, whose other side would never be read), and the
  // side where it fails, with no policy, counts as one more reading.
  const resolutions = choices.map((choice) => resolveIntrinsics(value, { holds: (c) => c === onlyWhen || choice.holds(c) }));
  const readings = new Set(resolutions.map((r) => r.key)).size + 1;
  const read = resolutions.map((r) => {
    const branches = [{ condition: onlyWhen, holds: true }, ...r.branches.filter((b) => b.condition !== onlyWhen)];
    return { value: r.value, reading: { branches, key: sidesKey(branches), readings } };
  });
  return { readings: read, partly };
}

/** Why a value's readings leave combinations of sides of its `conditions` unread; undefined when none are. */
function partlyRead(conditions: number, strength: ChoiceSample['strength'], consistent: boolean, where: string): string | undefined {
  const tests = `it tests ${conditions} template conditions${where}`;
  if (strength === 0) return `${tests}, which can go together in more ways than are read; some of them are not read on every side they can take`;
  if (strength > 1) return undefined;
  if (consistent) return `${tests}, too many to read on every pair of the sides they can take together; it is read on each side each of them can take`;
  return `${tests}, too many to read on every pair of their sides; it is read with every condition true, and with every one false`;
}

function sizeOf(value: IacValue): number {
  return value.range.end - value.range.start;
}
