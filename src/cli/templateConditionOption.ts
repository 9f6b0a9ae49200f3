/**
 * `--template-condition NAME=true|false` (simulate, preflight): the side of a template condition on which a
 * policy written with CloudFormation's `Fn::If` is read, as one deployment has it. Repeatable.
 */
import { type ChosenSides, parseSide } from '../core/lint/templateSides';

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
