/**
 * The `[for ...]` expressions a policy's reading meets past the bounds on iterations (iterationBudget.ts).
 * hclValue reads such a loop once, its variable unknown: a statement per task would read as one for any
 * task, so the policy that holds it is reported as not checked, with why, as a `for_each` past them is.
 */
import type { ParseProblem } from '../model';
import type { HclNode } from './hclParser';
import { rootOf } from './hclLocals';

export interface LoopNotRead {
  loop: HclNode;
  reason: string;
}

/** The loops not read value by value by the readings under way, innermost last. */
const readingLoops: LoopNotRead[][] = [];

/** Records a loop hclValue read once, for the reading under way. */
export function loopNotReadMet(loop: LoopNotRead): void {
  readingLoops.at(-1)?.push(loop);
}

/** What `read` returns, with the `[for ...]`s it met past the bounds on iterations. */
export function withLoopsNotRead<T>(read: () => T): { result: T; loopsNotRead: LoopNotRead[] } {
  readingLoops.push([]);
  let loopsNotRead: LoopNotRead[] = [];
  try {
    return { result: read(), loopsNotRead: (loopsNotRead = readingLoops.at(-1)!) };
  } finally {
    readingLoops.pop();
    // A reading inside another (a merged document's) leaves the outer one not checked too.
    readingLoops.at(-1)?.push(...loopsNotRead);
  }
}

/**
 * What a policy read from `policy` does not read, for a loop its reading met (as `readPolicyDocument` says
 * it): placed on the loop's collection in the policy's file, else (a local another file of the module
 * writes) on the policy.
 */
export function loopNotRead({ loop, reason }: LoopNotRead, policy: HclNode): ParseProblem {
  const intro = loop.namedChildren[0]?.namedChildren.find((c) => c.type === 'for_intro');
  const at = (rootOf(loop) === rootOf(policy) ? intro?.namedChildren.find((c) => c.type === 'expression') : undefined) ?? policy;
  return { message: `its [for ...] is not read value by value: ${reason}`, range: { start: at.startIndex, end: at.endIndex } };
}
