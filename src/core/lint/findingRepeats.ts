import type { Finding } from './model';

/**
 * Drops a finding that repeats one before it (same rule, place and message): a CloudFormation policy with
 * `Fn::If` is linted once per branch, and a part both branches share must be reported once. Findings at
 * one place are in report order, where other findings there may come between two repeats.
 */
export function withoutRepeats(sorted: Finding[]): Finding[] {
  let at = -1;
  let here = new Set<string>();
  return sorted.filter((f) => {
    if (f.range.start !== at) [at, here] = [f.range.start, new Set()];
    const key = `${f.ruleId}\u0000${f.range.end}\u0000${f.message}`;
    if (here.has(key)) return false;
    here.add(key);
    return true;
  });
}
