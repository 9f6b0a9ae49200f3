/**
 * A template policy written with `Fn::If` is linted once per side of its conditions (iac/intrinsics.ts). A
 * finding every reading has holds whichever side the stack takes, and stands as it is; one that only some
 * readings have holds only there, and says where: "When condition IsStrict is false: Allows sts:AssumeRoot…".
 * Without it the finding would point at a `Condition` the reader can see, and claim there is none.
 */
import { withThousands as count } from '../text/numbers';
import type { Finding, OffsetRange, TemplateReading } from './model';
import { whenReadings } from './templateSides';

/** A finding reported on one reading of a policy written with `Fn::If`, and the policy's place. */
export interface BranchFinding {
  finding: Finding;
  origin: string;
  reading: TemplateReading;
  /** Where the finding's own sides are tested: its statement's file range, or its own outside any. */
  around: OffsetRange;
  /** The size its message states (Problem.size): the readings' sizes differ where their sides do. */
  size?: number;
}

/**
 * Prefixes each finding that not every reading of its policy has with the sides of the conditions it holds
 * on; returns those to drop: a finding on some sides that the same place also has on every side, or outside
 * any condition (a document one resource uses under a conditional and another as is). Findings that state a
 * size are one per rule and place, whatever size each reading has: the largest is kept, and says so.
 */
export function nameBranches(reported: readonly BranchFinding[], all: readonly Finding[]): Set<Finding> {
  const what = (f: Finding) => `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
  const onBranches = new Set(reported.map((r) => r.finding));
  const always = new Set(all.filter((f) => !onBranches.has(f)).map(what));
  const groups = new Map<string, { found: BranchFinding[]; readings: Map<string, TemplateReading>; around: OffsetRange }>();
  for (const found of reported) {
    const { finding, origin, reading, around, size } = found;
    const same = size === undefined ? what(finding) : `${finding.ruleId}\u0000${finding.range.start}\u0000${finding.range.end}\u0000size`;
    const key = `${origin}\u0000${same}`;
    const group = groups.get(key) ?? { found: [] as BranchFinding[], readings: new Map<string, TemplateReading>(), around };
    group.found.push(found);
    group.readings.set(reading.key, reading);
    groups.set(key, group);
  }
  const dropped = new Set<Finding>();
  const kept = [...groups.values()].map((group) => ({ ...group, findings: oneSize(group.found, dropped) }));
  const partial = kept.filter(({ findings, readings }) => {
    const complete = readings.size >= [...readings.values()][0].readings;
    if (complete) always.add(what(findings[0]));
    return !complete;
  });
  for (const { findings, readings, around } of partial) {
    if (always.has(what(findings[0]))) {
      for (const finding of findings) dropped.add(finding);
      continue;
    }
    const where = whenReadings([...readings.values()].map((r) => r.branches), around);
    for (const finding of findings) finding.message = `${where}: ${finding.message}`;
  }
  return dropped;
}

/**
 * Of findings that state sizes, the one with the largest, saying that the size depends on the sides where
 * the readings' sizes differ; the others go to `dropped`. Findings without a size are returned as they are.
 */
function oneSize(found: readonly BranchFinding[], dropped: Set<Finding>): Finding[] {
  if (found[0].size === undefined) return found.map(({ finding }) => finding);
  const largest = found.reduce((max, f) => (f.size! > max.size! ? f : max));
  for (const { finding } of found) if (finding !== largest.finding) dropped.add(finding);
  if (found.some((f) => f.size !== largest.size)) largest.finding.message += ` Its size depends on the template's conditions: ${count(Math.min(...found.map((f) => f.size!)))} at the least, ${count(largest.size!)} at the most.`;
  return [largest.finding];
}
