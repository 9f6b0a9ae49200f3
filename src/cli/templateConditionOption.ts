/**
 * `--template-condition NAME=true|false` (simulate, preflight): the side of a template condition on which a
 * policy written with CloudFormation's `Fn::If` is read, as one deployment has it. Repeatable. And
 * `--template-parameter NAME=VALUE`: the value of a parameter of a few `AllowedValues`, on which a policy that
 * names it is read (it is read once per value otherwise).
 */
import { type ChosenParameters, type ChosenSides, parseParameterValue, parseSide } from '../core/lint/templateSides';

/** The sides given; `usage` makes the command's usage error for a malformed one. */
export function templateSides(texts: readonly string[] | undefined, usage: (message: string) => Error): ChosenSides {
  const sides = new Map<string, boolean>();
  for (const text of texts ?? []) {
    const side = parseSide(text);
    if (!side) throw usage(`--template-condition expects NAME=true or NAME=false, not "${text}"`);
    if (sides.has(side[0]) && sides.get(side[0]) !== side[1]) throw usage(`--template-condition ${side[0]} is given both true and false`);
    sides.set(...side);
  }
  return sides;
}

/** The parameters' values given; `usage` as for templateSides. */
export function templateParameters(texts: readonly string[] | undefined, usage: (message: string) => Error): ChosenParameters {
  const values = new Map<string, string>();
  for (const text of texts ?? []) {
    const chosen = parseParameterValue(text);
    if (!chosen) throw usage(`--template-parameter expects NAME=VALUE, NAME a template parameter, not "${text}"`);
    if (values.has(chosen[0]) && values.get(chosen[0]) !== chosen[1]) throw usage(`--template-parameter ${chosen[0]} is given two values`);
    values.set(...chosen);
  }
  return values;
}
