/**
 * A template policy written with `Fn::If` is linted once per side of its conditions (iac/intrinsics.ts). A
 * finding every reading has holds whichever side the stack takes, and stands as it is; one that only some
 * readings have holds only there, and says where: "When condition IsStrict is false: Allows sts:AssumeRoot…".
 * Without it the finding would point at a `Condition` the reader can see, and claim there is none.
 */
import type { Finding, OffsetRange, TemplateReading } from './model';
import { whenReadings } from './templateSides';

/** A finding reported on one reading of a policy written with `Fn::If`, and the policy's place. */
export interface BranchFinding {
  finding: Finding;
  origin: string;
  reading: TemplateReading;
  /** Where the finding's own sides are tested: its statement's file range, or its own outside any. */
  around: OffsetRange;
}

/**
 * Prefixes each finding that not every reading of its policy has with the sides of the conditions it holds
 * on; returns those to drop: a finding on some sides that the same place also has on every side, or outside
 * any condition (a document one resource uses under a conditional and another as is).
 */
export function nameBranches(reported: readonly BranchFinding[], all: readonly Finding[]): Set<Finding> {
  const what = (f: Finding) => `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
  const onBranches = new Set(reported.map((r) => r.finding));
  const always = new Set(all.filter((f) => !onBranches.has(f)).map(what));
  const groups = new Map<string, { findings: Finding[]; readings: Map<string, TemplateReading>; around: OffsetRange }>();
  for (const { finding, origin, reading, around } of reported) {
    const key = `${origin}\u0000${what(finding)}`;
    const group = groups.get(key) ?? { findings: [] as Finding[], readings: new Map<string, TemplateReading>(), around };
    group.findings.push(finding);
    group.readings.set(reading.key, reading);
    groups.set(key, group);
  }
  const partial = [...groups.values()].filter(({ findings, readings }) => {
    const complete = readings.size >= [...readings.values()][0].readings;
    if (complete) always.add(what(findings[0]));
    return !complete;
  });
  const dropped = new Set<Finding>();
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
