/**
 * What template conditions are built from, so that a policy is read only on sides of its conditions that a
 * deployment can have. CloudFormation defines conditions from others (`Fn::Not`, `Fn::And`, `Fn::Or`,
 * `Condition: Other`) and from comparisons of parameters (`Fn::Equals`); a Terraform conditional tests an
 * expression (`!var.prod`, `var.env == "prod"`). Read as independent, `IsProd` and `IsNotProd` would be read
 * both true, and a finding only that impossible policy has would be reported.
 *
 * Each condition is a formula over subjects (a parameter, a variable, or a test known only by its text)
 * compared with values. A subject has one value per deployment: two comparisons of one subject with
 * different values never both hold, and two with the same value always agree. Conditions that share no
 * subject are independent and are read as conditionSamples.ts samples them; those that share one form a
 * factor whose values are the combinations of sides they can take together.
 */
import { coveringRows, factorRows, type SideRows } from './conditionSamples';
import { impliedSides } from './impliedSides';
import { withThousands } from '../../text/numbers';

export type Formula =
  | { kind: 'equals'; subject: string; value: string }
  | { kind: 'constant'; holds: boolean }
  | { kind: 'not'; of: Formula }
  | { kind: 'and' | 'or'; of: Formula[] };

/** How a file defines its conditions. */
export interface ConditionLogic {
  /** What a condition is built from; undefined for one the file does not define (it is free). */
  formula(condition: string): Formula | undefined;
  /** The only values a subject takes (a parameter's `AllowedValues`), where the file says. */
  allowedValues(subject: string): readonly string[] | undefined;
  /** Charges steps of work to the file's budget (workBudget); false once it is spent. */
  spend(steps: number): boolean;
}

/**
 * The work a file's policies may spend following its conditions, all together: formulas visited and
 * evaluated. Each policy follows the conditions it tests down to their parameters, so a template of many
 * policies each testing a link of one long chain (`C2: !Not [!Condition C1]`, ...) cost the chain's length
 * per policy: 6 s for 850 KB, minutes at 2 MB. Past the budget the file's policies are read as if their
 * conditions were independent, and their readings say so (RG010). Real templates spend thousands.
 */
export const MAX_FILE_CONDITION_STEPS = 4_000_000;

export function workBudget(steps = MAX_FILE_CONDITION_STEPS): (cost: number) => boolean {
  let left = steps;
  return (cost) => (left -= cost) >= 0;
}

/** Returned when the file's budget is spent: its conditions are then read as independent. */
export const BEYOND_BUDGET = 'beyond the budget';

/** A test known only by its text: a subject of its own, which holds or not. */
export function freeTest(text: string): Formula {
  return { kind: 'equals', subject: text, value: 'true' };
}

/** A side of a condition that is already decided: a resource's `Condition`, an enclosing conditional's. */
export interface DecidedSide {
  condition: string;
  holds: boolean;
}

/**
 * The rows of sides of `conditions` a policy is read on (as sampleSides's), and how many conditions every
 * combination of whose sides that can happen is read for: 0 when not even each side of each is read.
 */
export interface ConsistentSample {
  rows: SideRows;
  strength: 0 | 1 | 2 | 3;
  /**
   * Why some conditions were read on both sides as if independent of the others (unenumeratedFactors): a
   * reading may then combine sides no deployment has.
   */
  unenumerated?: string;
}

/** A value no comparison names: a subject that equals none of the values it is compared with. */
const ANY_OTHER = '\u0000other';

/** The most assignments of a factor's subjects enumerated; past them, unenumeratedFactors reads its conditions. */
const MAX_ASSIGNMENTS = 4096;

/**
 * The most evaluations of formulas (each part of each, once per assignment) a factor's enumeration makes:
 * 4,096 assignments of conditions built from 1,024 parts. Past them, unenumeratedFactors reads its conditions.
 */
const MAX_EVALUATION_STEPS = 4096 * 1024;

/** Conditions each read in every combination of sides they can take, as conditionSamples.ts reads three. */
const EVERY_COMBINATION = 3;

/**
 * The sides of `conditions` to read a policy on, in at most `maxReadings` readings where sampled, each row
 * one a deployment can have with the `decided` sides; no rows when those never hold together. Undefined when
 * the conditions are independent and nothing is decided that bears on them: then sampleSides reads them.
 */
export function consistentSides(
  conditions: readonly string[],
  logic: ConditionLogic,
  maxReadings: number,
  decided: readonly DecidedSide[] = [],
): ConsistentSample | typeof BEYOND_BUDGET | undefined {
  // Spent, the budget is not walked past again: the walk down the conditions is what it bounds.
  if (!logic.spend(0)) return BEYOND_BUDGET;
  const formulas = conditions.map((c) => logic.formula(c) ?? freeTest(c));
  const required = decided.map((side) => ({ formula: logic.formula(side.condition) ?? freeTest(side.condition), holds: side.holds }));
  const roots = [...formulas, ...required.map((r) => r.formula)];
  const reachable = formulasIn(roots);
  if (!logic.spend(reachable.length)) return BEYOND_BUDGET;
  const domains = subjectDomains(reachable, logic);
  const factors: Factor[] = [];
  let unenumerated: string | undefined;
  for (const component of components(roots, formulas.length, reachable)) {
    const levels = sidesTogether(component, formulas, required, domains, logic);
    if (levels === BEYOND_BUDGET) return BEYOND_BUDGET;
    if (!levels) {
      const approximate = unenumeratedFactors(component, formulas, required);
      if (!approximate) return { rows: [], strength: EVERY_COMBINATION };
      for (const factor of approximate) factors.push(factor);
      // A condition its decided sides settle is read exactly; one read on both sides may not have both.
      if (approximate.some((factor) => factor.levels.length > 1)) unenumerated ??= whyNotEnumerated(component, domains);
    } else if (levels.length === 0) return { rows: [], strength: EVERY_COMBINATION };
    else if (component.conditions.length) factors.push({ columns: component.conditions, levels });
  }
  const independent = factors.every((f, i) => f.columns.length === 1 && f.columns[0] === i && f.levels.length === 2 && f.levels[0][0] && !f.levels[1][0]);
  if (independent && factors.length === conditions.length && !unenumerated) return undefined;
  const { rows, strength } = factorSample(factors.map((f) => f.levels.length), conditions.length, maxReadings);
  const sides = rows.map((row) => {
    const sidesOfRow = Array<boolean>(conditions.length);
    row.forEach((level, f) => factors[f].columns.forEach((c, k) => (sidesOfRow[c] = factors[f].levels[level][k])));
    return sidesOfRow;
  });
  return unenumerated ? { rows: sides, strength, unenumerated } : { rows: sides, strength };
}

/** Conditions that go together, and the combinations of sides they take (`levels[l][k]`: column k's side). */
interface Factor {
  columns: number[];
  levels: boolean[][];
}

/**
 * The factors of a component with too many assignments to enumerate: each condition on the sides its decided
 * ones leave it (impliedSides.ts), and otherwise read on both as if independent, except that conditions of
 * one formula, or each the negation of another (`IsProd`, `IsNotProd`), go together; none when the decided
 * sides contradict each other.
 */
function unenumeratedFactors(component: Component, formulas: readonly Formula[], required: readonly { formula: Formula; holds: boolean }[]): Factor[] | undefined {
  const implied = impliedSides(component.required.map((r) => required[r]), component.formulas);
  if (!implied) return undefined;
  const byBase = new Map<Formula, { columns: number[]; polarities: boolean[]; sides: boolean[] }>();
  for (const c of component.conditions) {
    let [base, polarity] = [formulas[c], true];
    while (base.kind === 'not') [base, polarity] = [base.of, !polarity];
    const side = implied(base);
    const factor = byBase.get(base) ?? { columns: [], polarities: [], sides: side === undefined ? [true, false] : [side] };
    factor.columns.push(c);
    factor.polarities.push(polarity);
    byBase.set(base, factor);
  }
  return [...byBase.values()].map(({ columns, polarities, sides }) => ({ columns, levels: sides.map((side) => polarities.map((polarity) => polarity === side)) }));
}

/** Whether the sides can hold together in some deployment (true when there are too many ways to tell). */
export function canHoldTogether(sides: readonly DecidedSide[], logic: ConditionLogic): boolean {
  const sample = consistentSides([], logic, 1, sides);
  return sample === undefined || sample === BEYOND_BUDGET || sample.rows.length > 0;
}

/** Rows of levels of the factors: every combination up to three conditions, then sampled as the readings allow. */
function factorSample(levels: readonly number[], conditions: number, maxReadings: number): { rows: number[][]; strength: ConsistentSample['strength'] } {
  if (conditions <= EVERY_COMBINATION) return { rows: factorRows(levels, levels.length, Infinity)!, strength: 3 };
  // Factors of two values are read as independent conditions are, on sampleSides's covering arrays, and
  // the greedy search only fills in the others: one pair of related conditions had sent every condition
  // through it, and it needs far more rows for many, lowering the strength for all of them.
  const binary = levels.flatMap((count, f) => (count === 2 ? [f] : []));
  for (const strength of [3, 2] as const) {
    const covering = coveringRows(binary.length, strength, maxReadings);
    if (!covering) continue;
    const seed = covering.map((sides) => {
      const row = levels.map((count): number => (count === 1 ? 0 : -1));
      binary.forEach((f, k) => (row[f] = sides[k] ? 0 : 1));
      return row;
    });
    const rows = factorRows(levels, strength, maxReadings, seed);
    if (rows) return { rows, strength };
  }
  // Each value of each factor in some row: each side each condition can take is read.
  const most = Math.max(...levels);
  const rows = Array.from({ length: Math.min(most, maxReadings) }, (_, r) => levels.map((count) => r % count));
  return { rows, strength: most <= maxReadings ? 1 : 0 };
}

/**
 * Each formula reachable from `roots` once, after every one it is built from. Conditions name others, so
 * the formulas form a graph that shares parts (`C2: !And [!Condition C1, !Condition C1]`): walked as a tree,
 * a chain of such conditions is exponential, and walked by recursion a chain of thousands of `Fn::Not`s
 * overflows the stack. Template conditions never name themselves (templateConditions.ts reads those as free).
 */
function formulasIn(roots: readonly Formula[]): Formula[] {
  const order: Formula[] = [];
  const seen = new Set<Formula>();
  const stack = roots.map((formula) => ({ formula, built: false })).reverse();
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.built) order.push(top.formula);
    else if (!seen.has(top.formula)) {
      seen.add(top.formula);
      stack.push({ formula: top.formula, built: true });
      for (const part of partsOf(top.formula)) if (!seen.has(part)) stack.push({ formula: part, built: false });
    }
  }
  return order;
}

function partsOf(formula: Formula): readonly Formula[] {
  if (formula.kind === 'not') return [formula.of];
  return formula.kind === 'and' || formula.kind === 'or' ? formula.of : [];
}

/** Each subject's values: those its parameter allows, else those it is compared with and any other. */
function subjectDomains(formulas: readonly Formula[], logic: ConditionLogic): Map<string, string[]> {
  const compared = new Map<string, Set<string>>();
  for (const formula of formulas) if (formula.kind === 'equals') compared.set(formula.subject, (compared.get(formula.subject) ?? new Set()).add(formula.value));
  return new Map([...compared].map(([subject, values]) => [subject, [...(logic.allowedValues(subject) ?? [...values, ANY_OTHER])]]));
}

/** Conditions and decided sides that share subjects, directly or through others, with the formulas they reach. */
interface Component {
  conditions: number[];
  required: number[];
  subjects: string[];
  /** Each formula the component's are built from once, after its parts (as formulasIn orders them). */
  formulas: Formula[];
}

function components(roots: readonly Formula[], conditionCount: number, reachable: readonly Formula[]): Component[] {
  const at = new Map(reachable.map((formula, i) => [formula, i]));
  const parent = reachable.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (i: number, j: number) => void (parent[root(i)] = root(j));
  const firstWith = new Map<string, number>();
  reachable.forEach((formula, i) => {
    partsOf(formula).forEach((part) => join(at.get(part)!, i));
    if (formula.kind !== 'equals') return;
    const other = firstWith.get(formula.subject);
    if (other === undefined) firstWith.set(formula.subject, i);
    else join(i, other);
  });
  const byRoot = new Map<number, Component & { subjectSet: Set<string> }>();
  const componentOf = (i: number) => {
    const found = byRoot.get(root(i)) ?? { conditions: [], required: [], subjects: [], formulas: [], subjectSet: new Set<string>() };
    byRoot.set(root(i), found);
    return found;
  };
  roots.forEach((formula, i) => {
    const component = componentOf(at.get(formula)!);
    if (i < conditionCount) component.conditions.push(i);
    else component.required.push(i - conditionCount);
  });
  reachable.forEach((formula, i) => {
    const component = componentOf(i);
    component.formulas.push(formula);
    if (formula.kind === 'equals') component.subjectSet.add(formula.subject);
  });
  return [...byRoot.values()].map(({ subjectSet, ...component }) => ({ ...component, subjects: [...subjectSet] }));
}

/**
 * The combinations of sides the component's conditions take over every assignment of values to its subjects
 * where its decided sides hold, each once, in the order found; undefined past MAX_ASSIGNMENTS, or past
 * MAX_EVALUATION_STEPS of its formulas' evaluation.
 */
function sidesTogether(
  component: Component,
  formulas: readonly Formula[],
  required: readonly { formula: Formula; holds: boolean }[],
  domains: ReadonlyMap<string, string[]>,
  logic: ConditionLogic,
): boolean[][] | typeof BEYOND_BUDGET | undefined {
  const subjectDomains = component.subjects.map((s) => domains.get(s)!);
  const assignments = assignmentsOf(component, domains);
  const steps = evaluationSteps(component);
  const at = new Map(component.formulas.map((formula, i) => [formula, i]));
  const parts = component.formulas.map((formula) => partsOf(formula).map((part) => at.get(part)!));
  if (assignments > MAX_ASSIGNMENTS || assignments * steps > MAX_EVALUATION_STEPS) return undefined;
  if (!logic.spend(assignments * steps)) return BEYOND_BUDGET;
  const found = new Map<string, boolean[]>();
  const digits = component.subjects.map(() => 0);
  const holds = Array<boolean>(component.formulas.length);
  for (;;) {
    const assignment = new Map(component.subjects.map((s, i) => [s, subjectDomains[i][digits[i]]]));
    // Each formula once per assignment, its parts already evaluated.
    component.formulas.forEach((formula, i) => (holds[i] = evaluate(formula, assignment, parts[i], holds)));
    const truth = (formula: Formula) => holds[at.get(formula)!];
    if (component.required.every((r) => truth(required[r].formula) === required[r].holds)) {
      const sides = component.conditions.map((c) => truth(formulas[c]));
      found.set(sides.join(), sides);
    }
    let i = 0;
    while (i < digits.length && ++digits[i] === subjectDomains[i].length) digits[i++] = 0;
    if (i === digits.length) break;
  }
  return [...found.values()];
}

/** How many assignments of values to its subjects a component has. */
function assignmentsOf(component: Component, domains: ReadonlyMap<string, string[]>): number {
  return component.subjects.reduce((product, subject) => product * domains.get(subject)!.length, 1);
}

/** The evaluations of its formulas' parts one assignment of a component takes. */
function evaluationSteps(component: Component): number {
  return component.formulas.reduce((sum, formula) => sum + partsOf(formula).length + 1, 0);
}

/** Why a component was not enumerated (sidesTogether's bounds), for the readings to say. */
function whyNotEnumerated(component: Component, domains: ReadonlyMap<string, string[]>): string {
  const assignments = assignmentsOf(component, domains);
  const subjects = `conditions on ${component.subjects.length} parameters or variables`;
  if (assignments > MAX_ASSIGNMENTS) return `${subjects} take ${withThousands(assignments)} combinations of values, more than the linter enumerates (${withThousands(MAX_ASSIGNMENTS)})`;
  return `${subjects} take more steps to evaluate on each of their ${withThousands(assignments)} combinations of values than the linter takes (${withThousands(MAX_EVALUATION_STEPS)})`;
}

/** Whether a formula holds, given whether its parts (at `parts` in `holds`) do. */
function evaluate(formula: Formula, assignment: ReadonlyMap<string, string>, parts: readonly number[], holds: readonly boolean[]): boolean {
  switch (formula.kind) {
    case 'equals':
      return assignment.get(formula.subject) === formula.value;
    case 'constant':
      return formula.holds;
    case 'not':
      return !holds[parts[0]];
    case 'and':
      return parts.every((part) => holds[part]);
    case 'or':
      return parts.some((part) => holds[part]);
  }
}
