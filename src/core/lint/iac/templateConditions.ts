/**
 * A CloudFormation template's `Conditions`, read as what each is built from (conditionLogic.ts): `Fn::Equals`
 * of a parameter (`Ref`) and a value compares that parameter; `Fn::Not`, `Fn::And`, `Fn::Or` and
 * `Condition: Other` combine others. Anything else (`Fn::Equals` of two functions' results, a condition
 * defined by itself) is a test known only by its text: the same text, the same test.
 */
import { UNKNOWN_PART } from '../../policy';
import { freeTest, type ConditionLogic, type Formula, workBudget } from './conditionLogic';
import { intrinsicCall } from './intrinsics';
import { parameterChoices, parameterCondition, refAllowedValues } from './parameterAllowedValues';
import { entryValue, type IacEntry, type IacValue, stringOf } from './sourceTree';

/**
 * The template's conditions (`conditions`: its `Conditions` with the entries its `Fn::ForEach` loops make,
 * forEach.ts) and parameters as the readings of its policies need them, with the comparisons a policy is
 * read on for each value of a parameter of several (mappings.ts).
 */
export function templateConditionLogic(root: IacValue | undefined, conditions: readonly IacEntry[]): ConditionLogic {
  const definitions = conditionDefinitions(conditions);
  const parameters = entryValue(root, 'Parameters');
  const formulas = new Map<string, Formula>(parameterComparisons(parameters));
  const formula = (name: string): Formula | undefined => {
    if (!formulas.has(name) && definitions.has(name)) buildFormulas(name, definitions, formulas);
    return formulas.get(name);
  };
  const allowedValues = (subject: string): readonly string[] | undefined => {
    const allowed = subject.startsWith('Ref ') ? refAllowedValues(entryValue(parameters, subject.slice(4))) : undefined;
    const values = allowed?.kind === 'seq' ? allowed.items.map(literal) : undefined;
    return values?.every((v) => v !== undefined) && values.length ? (values as string[]) : undefined;
  };
  return { formula, allowedValues, spend: workBudget() };
}

/** The comparison of each parameter of several allowed values with each of them, by its condition's name. */
function parameterComparisons(parameters: IacValue | undefined): Array<[string, Formula]> {
  return [...parameterChoices(parameters)].flatMap(([parameter, values]) =>
    values.map((value): [string, Formula] => [parameterCondition(parameter, stringOf(value)!), { kind: 'equals', subject: `Ref ${parameter}`, value: stringOf(value)! }]),
  );
}

/** Each condition's definition by name; the first where a name is written twice, as entryValue reads it. */
function conditionDefinitions(conditions: readonly IacEntry[]): Map<string, IacValue> {
  const definitions = new Map<string, IacValue>();
  for (const { key, value } of conditions) if (!definitions.has(key)) definitions.set(key, value);
  return definitions;
}

/**
 * Builds the formula of `name` into `formulas`, and of each condition it names that is not built yet, those
 * first. Without recursion: a template may chain thousands of conditions, each naming the one before it.
 * A condition that names one still being built (defined by way of itself, and so never deployed) reads that
 * one as a free test: it is at least read on both sides.
 */
function buildFormulas(name: string, definitions: ReadonlyMap<string, IacValue>, formulas: Map<string, Formula>): void {
  const building = new Set<string>();
  const stack = [name];
  while (stack.length) {
    const current = stack[stack.length - 1];
    if (formulas.has(current)) {
      stack.pop();
      continue;
    }
    // Those it names that are not built yet are built first, then it is read again (twice at most).
    const unbuilt: string[] = [];
    const named = (other: string) => {
      const known = formulas.get(other);
      if (!known && definitions.has(other) && !building.has(other)) unbuilt.push(other);
      return known ?? freeTest(other);
    };
    const built = formulaOf(definitions.get(current)!, named);
    if (unbuilt.length) {
      building.add(current);
      for (const other of unbuilt) stack.push(other);
      continue;
    }
    formulas.set(current, built);
    building.delete(current);
    stack.pop();
  }
}

/** What a condition's definition is built from; `named`, what another condition it names is. */
function formulaOf(value: IacValue, named: (condition: string) => Formula): Formula {
  // `{Condition: Other}`, the long form inside Fn::And and the like (intrinsicCall reads `!Condition Other`).
  const long = value.kind === 'map' && value.entries.length === 1 && value.entries[0].key === 'Condition' ? stringOf(value.entries[0].value) : undefined;
  if (long !== undefined) return named(long);
  const call = intrinsicCall(value);
  const args = call?.arg.kind === 'seq' ? call.arg.items : [];
  switch (call?.name) {
    case 'Condition': {
      const other = stringOf(call.arg);
      return other === undefined ? freeTest(textOf(value)) : named(other);
    }
    case 'Fn::Not':
      return args.length === 1 ? { kind: 'not', of: formulaOf(args[0], named) } : freeTest(textOf(value));
    case 'Fn::And':
    case 'Fn::Or':
      return args.length ? { kind: call.name === 'Fn::And' ? 'and' : 'or', of: args.map((arg) => formulaOf(arg, named)) } : freeTest(textOf(value));
    case 'Fn::Equals':
      return args.length === 2 ? comparison(args[0], args[1]) : freeTest(textOf(value));
    default:
      return freeTest(textOf(value));
  }
}

/** `Fn::Equals`: of two values written in place, known now; of a parameter and a value, that parameter's test. */
function comparison(left: IacValue, right: IacValue): Formula {
  const [a, b] = [literal(left), literal(right)];
  if (a !== undefined && b !== undefined) return { kind: 'constant', holds: a === b };
  const [parameter, value] = a === undefined ? [reference(left), b] : [reference(right), a];
  if (parameter !== undefined && value !== undefined) return { kind: 'equals', subject: `Ref ${parameter}`, value };
  // Two functions' results: the same pair, written either way round, is the same test.
  return freeTest(`Fn::Equals ${[textOf(left), textOf(right)].sort().join(' ')}`);
}

/** A value written in place, as CloudFormation compares it: as a string; not one with an unknown part (`${Env}` of a loop over a parameter). */
function literal(value: IacValue): string | undefined {
  const text = value.kind === 'scalar' && !value.tag && value.value !== null ? String(value.value) : undefined;
  return text?.includes(UNKNOWN_PART) ? undefined : text;
}

function reference(value: IacValue): string | undefined {
  const call = intrinsicCall(value);
  return call?.name === 'Ref' ? stringOf(call.arg) : undefined;
}

/** A value's text without its places: the same for the same value wherever written. */
function textOf(value: IacValue): string {
  if (value.kind === 'scalar') return `${value.tag ?? ''}${JSON.stringify(value.value)}`;
  if (value.kind === 'seq') return `${value.tag ?? ''}[${value.items.map(textOf).join(',')}]`;
  return `${value.tag ?? ''}{${value.entries.map((e) => `${JSON.stringify(e.key)}:${textOf(e.value)}`).join(',')}}`;
}
