/**
 * A CloudFormation parameter's `AllowedValues`, where they are the values its `Ref` can give. For a parameter
 * of an `AWS::SSM::Parameter::Value<…>` type they are not: they limit the SSM parameter's *name* written at
 * deployment, and the `Ref` gives the value stored under that name, which can be anything (`*` too).
 */
import { intrinsicCall } from './intrinsics';
import { entryValue, type IacValue, stringOf } from './sourceTree';

/**
 * The most allowed values a parameter's `Ref` is read as, one reading per value: as many readings as three
 * template conditions take. A longer list (every region) stays a value known only at deployment, rather
 * than multiply the readings of each policy that names it.
 */
const MAX_READ_VALUES = 8;

export function refAllowedValues(parameter: IacValue | undefined): IacValue | undefined {
  if (stringOf(entryValue(parameter, 'Type'))?.startsWith('AWS::SSM::Parameter::Value<')) return undefined;
  return entryValue(parameter, 'AllowedValues');
}

/**
 * The parameters whose `Ref` gives one of a few strings written in place (their `AllowedValues`), with those
 * strings as written there.
 */
export function parameterChoices(parameters: IacValue | undefined): Map<string, IacValue[]> {
  const choices = new Map<string, IacValue[]>();
  for (const { key, value: parameter } of parameters?.kind === 'map' ? parameters.entries : []) {
    const allowed = refAllowedValues(parameter);
    if (allowed?.kind !== 'seq' || allowed.items.length === 0 || allowed.items.length > MAX_READ_VALUES) continue;
    if (allowed.items.every((item) => !intrinsicCall(item) && stringOf(item) !== undefined)) choices.set(key, allowed.items);
  }
  return choices;
}

/**
 * The template condition a policy is read on for each value of a parameter of several (`!Equals [!Ref Env,
 * "prod"]`), named as written in a template, as no condition of the template's own can be (their names are
 * alphanumeric): findings on one value say "When condition !Equals [!Ref Env, "prod"] is true".
 */
export function parameterCondition(parameter: string, value: string): string {
  return `!Equals [!Ref ${parameter}, ${JSON.stringify(value)}]`;
}

/** The parameter and value a condition `parameterCondition` names compares; undefined for any other condition. */
export function comparedParameter(condition: string): { parameter: string; value: string } | undefined {
  const match = /^!Equals \[!Ref ([^\s,]+), ("(?:[^"\\]|\\.)*")\]$/.exec(condition);
  return match ? { parameter: match[1], value: JSON.parse(match[2]) as string } : undefined;
}

/** Each parameter's values in `parameterChoices`, as strings. */
export function parameterValues(parameters: IacValue | undefined): Map<string, string[]> {
  return new Map([...parameterChoices(parameters)].map(([parameter, values]) => [parameter, values.map((value) => stringOf(value)!)]));
}
