/**
 * A bound on the readings of a template's policies taken together (or a Terraform file's). Each policy
 * written with `Fn::If` (or conditionals) on more conditions than are read in every combination is read on a
 * sample of their sides, as many readings as its size allows (intrinsics.ts); a file of hundreds of such
 * policies would be linted that many times over. Every such policy of a file gets the same bound, so that
 * identical policies get the same answer.
 */
import { withThousands } from '../../text/numbers';
import { ifConditions } from './intrinsics';
import type { ReadingsCap } from './valueReadings';
import type { IacValue } from './sourceTree';

/**
 * The most characters of policy source a template's readings lint in all: eight readings of the largest
 * template the linter reads (2 MB), what reading each policy on eight sides of its conditions cost.
 */
const MAX_TEMPLATE_READ_CHARACTERS = 8 * 2 * 1024 * 1024;

/** Policies on at most this many conditions are read in every combination of their sides, eight readings at most. */
const EVERY_COMBINATION = 3;

/**
 * The bound on each of the policies' readings (`onlyWhen`: a condition the whole policy exists under, which
 * is not sampled), or undefined when none samples its sides.
 */
export function templateReadingsCap(policies: readonly { value: IacValue; onlyWhen?: string }[], whose: 'template' | 'file' = 'template'): ReadingsCap | undefined {
  const sampled = policies.filter(({ value, onlyWhen }) => ifConditions(value).filter((c) => c !== onlyWhen).length > EVERY_COMBINATION);
  const characters = sampled.reduce((sum, { value }) => sum + value.range.end - value.range.start, 0);
  if (characters === 0) return undefined;
  const readings = Math.max(2, Math.floor(MAX_TEMPLATE_READ_CHARACTERS / characters));
  return { readings, reason: `the ${whose}'s policies that test more than three conditions have ${withThousands(characters)} characters in all` };
}
