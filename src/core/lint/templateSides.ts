/**
 * The sides of template conditions a policy is read on. The linter reads a policy written with `Fn::If` (or
 * a Terraform conditional) once per side of its conditions (iac/intrinsics.ts); findings and hovers name the
 * sides they hold on ("When condition IsStrict is false"), and a question about one deployment (`simulate`,
 * a what-if) takes the reading that agrees with the sides the user names (`IsProd=true`).
 */
import { parameterCondition } from './iac/parameterAllowedValues';
import type { OffsetRange, PolicyDocument, TemplateBranch } from './model';

/** Template conditions' sides, as a user chose them: `IsProd` -> true. */
export type ChosenSides = ReadonlyMap<string, boolean>;

/** Template parameters' values, as a user chose them: `Partition` -> `aws-us-gov`. */
export type ChosenParameters = ReadonlyMap<string, string>;

/** `IsProd=true` (or a Terraform condition as written, `var.env == "prod"=true`) as a side; undefined for anything else. */
export function parseSide(text: string): [condition: string, holds: boolean] | undefined {
  const match = /^(\S.*)=(true|false)$/i.exec(text.trim());
  return match ? [match[1], match[2].toLowerCase() === 'true'] : undefined;
}

/** `Partition=aws-us-gov` as a parameter's value (a template's parameter names are alphanumeric); undefined for anything else. */
export function parseParameterValue(text: string): [parameter: string, value: string] | undefined {
  const match = /^([A-Za-z0-9]+)=(.*)$/.exec(text.trim());
  return match ? [match[1], match[2]] : undefined;
}

/**
 * `sides` with those `parameters` give: a policy that names a parameter of a few AllowedValues is read once
 * per value, each reading on the conditions `!Equals [!Ref Partition, "aws"]` (mappings.ts), and the value
 * chosen decides them all. A side given for one of those conditions is kept. A value not among the
 * parameter's allowed ones is `wrong`, saying which they are.
 */
export function sidesWithParameters(readings: readonly PolicyDocument[], sides: ChosenSides, parameters: ChosenParameters): { sides: ChosenSides } | { wrong: string } {
  if (parameters.size === 0) return { sides };
  const withValues = new Map(sides);
  for (const [parameter, chosen] of parameters) {
    const values = parameterValuesOf(readings, parameter);
    if (!values) continue;
    if (!values.includes(chosen)) return { wrong: `${parameter}=${chosen} is not one of the parameter's AllowedValues (${values.join(', ')})` };
    for (const value of values) {
      const condition = parameterCondition(parameter, value);
      if (!withValues.has(condition)) withValues.set(condition, value === chosen);
    }
  }
  return { sides: withValues };
}

/** One choice as the user gave it, `--template-condition IsGov=true` or `--template-parameter Partition=aws`, and the sides it sets. */
export interface TemplateChoice {
  flag: '--template-condition' | '--template-parameter';
  /** As written after the flag: `IsGov=true`. */
  given: string;
  sides: ChosenSides;
}

/**
 * Why no reading agrees with the choices, when none does: the one choice no reading agrees with on its own
 * (a condition leaves the policy out there), or two that no reading agrees with together (they contradict
 * each other: `Partition=aws` and `IsGov=true`, where IsGov is `!Equals [!Ref Partition, aws-us-gov]`);
 * undefined when it takes more than two.
 */
export function conflictingChoices(readings: readonly PolicyDocument[], sides: ChosenSides, parameters: ChosenParameters): { alone: TemplateChoice } | { together: [TemplateChoice, TemplateChoice] } | undefined {
  const choices: TemplateChoice[] = [
    ...[...parameters].map(([parameter, value]) => {
      const derived = sidesWithParameters(readings, new Map(), new Map([[parameter, value]]));
      return { flag: '--template-parameter' as const, given: `${parameter}=${value}`, sides: 'sides' in derived ? derived.sides : new Map<string, boolean>() };
    }),
    ...[...sides].map(([condition, holds]) => ({ flag: '--template-condition' as const, given: `${condition}=${holds}`, sides: new Map([[condition, holds]]) })),
  ];
  const agreeing = (chosen: ChosenSides) => readings.some((d) => agreesWith(d, chosen));
  const alone = choices.find((choice) => !agreeing(choice.sides));
  if (alone) return { alone };
  for (const [i, first] of choices.entries()) {
    const second = choices.slice(i + 1).find((other) => !agreeing(new Map([...first.sides, ...other.sides])));
    if (second) return { together: [first, second] };
  }
  return undefined;
}

/** The parameters chosen that none of the readings is read over: most often a misspelt name. */
export function unusedParameters(readings: readonly PolicyDocument[], parameters: ChosenParameters): string[] {
  return [...parameters.keys()].filter((parameter) => !parameterValuesOf(readings, parameter));
}

/** The parameters of a few AllowedValues the readings are read over, each once. */
export function readParameters(readings: readonly PolicyDocument[]): string[] {
  return [...new Set(readings.flatMap((d) => [...(d.reading?.parameterValues?.keys() ?? [])]))];
}

/** The allowed values of `parameter` the readings are read over, if they are. */
export function parameterValuesOf(readings: readonly PolicyDocument[], parameter: string): readonly string[] | undefined {
  return readings.find((d) => d.reading?.parameterValues?.has(parameter))?.reading?.parameterValues?.get(parameter);
}

/**
 * What choosing gave: the reading, or the conditions still to choose (none when no reading agrees: the
 * policy is not deployed on those sides).
 */
export type ChosenReading = { document: PolicyDocument } | { undecided: string[] };

/**
 * The reading of one place (`readings`: its documents, one per reading, or one document without `Fn::If`)
 * whose sides agree with `chosen`; otherwise the conditions that still tell the agreeing readings apart.
 */
export function readingOnSides(readings: readonly PolicyDocument[], chosen: ChosenSides): ChosenReading {
  const agreeing = readings.filter((d) => agreesWith(d, chosen));
  const distinct = [...new Map(agreeing.map((d) => [d.reading?.key ?? '', d])).values()];
  if (distinct.length === 1) return { document: distinct[0] };
  return { undecided: undecidedConditions(distinct, chosen) };
}

/** The conditions the documents are read on that no side was chosen for, in order, each once. */
export function undecidedConditions(documents: readonly PolicyDocument[], chosen: ChosenSides): string[] {
  return [...new Set(documents.flatMap((d) => d.reading?.branches.map((b) => b.condition) ?? []))].filter((c) => !chosen.has(c));
}

/** Whether a document is read on sides that agree with those chosen (a side not chosen agrees with either). */
export function agreesWith(document: PolicyDocument, chosen: ChosenSides): boolean {
  return (document.reading?.branches ?? []).every((b) => (chosen.get(b.condition) ?? b.holds) === b.holds);
}

/** The sides as one string, the same for the same sides in any order: a reading's identity. */
export function sidesKey(branches: readonly TemplateBranch[]): string {
  return branches.map((b) => `${b.condition}=${b.holds}`).sort().join('\u0000');
}

/** The most sides a finding names; more are counted ("and 4 more"). */
const NAMED_SIDES = 3;

/**
 * "When condition IsStrict is false", "When conditions A is true and B is false": the sides every reading
 * shares; without one they all share, each reading's, joined by "or". With `around` (a finding's statement),
 * the sides tested there or for the whole policy (a resource's `Condition`), when there are any: past three
 * conditions the readings are a sample in which conditions elsewhere go together with the finding's own.
 */
export function whenReadings(found: readonly (readonly TemplateBranch[])[], around?: OffsetRange): string {
  const local = (reading: readonly TemplateBranch[]) => {
    const near = around ? sidesNear(reading, around) : reading;
    return near.length ? near : reading;
  };
  const readings = found.map(local);
  const side = (b: TemplateBranch) => `${b.condition}=${b.holds}`;
  const others = readings.slice(1).map((reading) => new Set(reading.map(side)));
  const common = readings[0].filter((branch) => others.every((sides) => sides.has(side(branch))));
  return `When ${describeSides(...(common.length ? [common] : readings))}`;
}

/** A reading's sides by where their tests are written; built once per reading. */
interface SideIndex {
  /** Sides tested for the whole policy (nowhere in it), or by a test that holds others: asked every time. */
  wide: { side: TemplateBranch; at?: OffsetRange }[];
  /** The other tests, which do not overlap, by where they start. */
  narrow: { side: TemplateBranch; at: OffsetRange }[];
  /** Each side's place in the reading, to give the sides found in the reading's order. */
  order: Map<TemplateBranch, number>;
}

const sideIndexes = new WeakMap<readonly TemplateBranch[], SideIndex>();

/**
 * The sides tested in `range`, around it, or for the whole policy. Indexed by place: a hostile policy tests
 * thousands of conditions, with a finding in each statement.
 */
function sidesNear(branches: readonly TemplateBranch[], range: OffsetRange): TemplateBranch[] {
  let index = sideIndexes.get(branches);
  if (!index) {
    const placed = branches.flatMap((side) => (side.at ?? []).map((at) => ({ side, at }))).sort((a, b) => a.at.start - b.at.start);
    index = { wide: branches.filter((side) => !side.at?.length).map((side) => ({ side })), narrow: [], order: new Map(branches.map((side, i) => [side, i])) };
    for (const [i, entry] of placed.entries()) {
      const holdsNext = i + 1 < placed.length && entry.at.end > placed[i + 1].at.start;
      (holdsNext ? index.wide : index.narrow).push(entry);
    }
    sideIndexes.set(branches, index);
  }
  const overlaps = (at: OffsetRange | undefined) => !at || (at.start < range.end && range.start < at.end);
  const near = new Set(index.wide.filter((entry) => overlaps(entry.at)).map((entry) => entry.side));
  const { narrow } = index;
  let low = 0;
  for (let high = narrow.length; low < high; ) {
    const middle = (low + high) >> 1;
    if (narrow[middle].at.start < range.start) low = middle + 1;
    else high = middle;
  }
  // The one test that starts before the range may still reach into it; those after it start inside.
  for (let i = Math.max(0, low - 1); i < narrow.length && narrow[i].at.start < range.end; i++) if (overlaps(narrow[i].at)) near.add(narrow[i].side);
  return [...near].sort((a, b) => index!.order.get(a)! - index!.order.get(b)!);
}

/**
 * "condition IsStrict is false", "conditions A is true and B is false, or A is false" (one reading per
 * argument), each reading's first three sides named and the rest counted.
 */
export function describeSides(...readings: (readonly TemplateBranch[])[]): string {
  const count = new Set(readings.flat().map((b) => b.condition)).size;
  const shown = readings.slice(0, NAMED_SIDES).map((reading) => {
    const named = reading.slice(0, NAMED_SIDES).map(({ condition, holds }) => `${condition} is ${holds}`);
    return `${named.join(' and ')}${reading.length > NAMED_SIDES ? ` (and ${reading.length - NAMED_SIDES} more)` : ''}`;
  });
  const more = readings.length > NAMED_SIDES ? `, or ${readings.length - NAMED_SIDES} more ways` : '';
  return `condition${count === 1 ? '' : 's'} ${shown.join(', or ')}${more}`;
}
