/**
 * The bounds on reading a loop over values written in place value by value (CloudFormation's `Fn::ForEach`,
 * Terraform's `for_each` and `[for ...]`): each value makes a copy of the loop's body, so a file could
 * multiply the work by its loops. A loop past them is not read value by value, and the reader says so: read
 * once with its identifier unknown, a loop whose values each name one task policy would read as naming any
 * (a false RG101), and identical loops would get different answers by where the file writes them.
 */
import { MAX_LINT_FILE_BYTES, megabytes } from '../limits';

/** The most copies of its body a loop (nested ones included) is read as. */
export const MAX_ITERATIONS = 64;

/**
 * The most text a file's loops may copy, in all: half the largest file the linter reads, so that no file
 * costs more than one and a half of those, and a realistic one (dozens of loops over a few values, or a
 * hundred resources made for each of three) never reaches it.
 */
const MAX_ITERATED_TEXT = MAX_LINT_FILE_BYTES / 2;

/** The text a file's loops may still copy. */
export interface IterationBudget {
  left: number;
}

export function iterationBudget(): IterationBudget {
  return { left: MAX_ITERATED_TEXT };
}

/**
 * Why a loop is not read value by value, or undefined when it is, its copies then charged to the budget:
 * `made`, the copies of its body it makes (times those of the loops around it); `copied`, their text.
 */
export function iterationRefused(budget: IterationBudget, made: number, copied: number): string | undefined {
  if (made > MAX_ITERATIONS) return `it makes ${made} copies of its body, more than the linter reads one value at a time (${MAX_ITERATIONS})`;
  if (copied > budget.left) return `the file's loops copy more than ${megabytes(MAX_ITERATED_TEXT)} of text, more than the linter reads one value at a time`;
  budget.left -= copied;
  return undefined;
}
