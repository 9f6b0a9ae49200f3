/**
 * A template policy written with `Fn::If` is linted once per side of its conditions (iac/intrinsics.ts). A
 * finding every reading has holds whichever side the stack takes, and stands as it is; one that only some
 * readings have holds only there, and says where: "When condition IsStrict is false: Allows sts:AssumeRoot…".
 * Without it the finding would point at a `Condition` the reader can see, and claim there is none.
 */
import type { Finding, TemplateBranch, TemplateReading } from './model';

/** A finding reported on one reading of a policy written with `Fn::If`, and the policy's place. */
export interface BranchFinding {
  finding: Finding;
  origin: string;
  reading: TemplateReading;
}

/** Prefixes each finding that not every reading of its policy has with the sides of the conditions it holds on. */
export function nameBranches(reported: readonly BranchFinding[]): void {
  const groups = new Map<string, { findings: Finding[]; readings: Map<string, TemplateReading> }>();
  for (const { finding, origin, reading } of reported) {
    const key = `${origin}\u0000${finding.ruleId}\u0000${finding.range.start}\u0000${finding.range.end}\u0000${finding.message}`;
    const group = groups.get(key) ?? { findings: [] as Finding[], readings: new Map<string, TemplateReading>() };
    group.findings.push(finding);
    group.readings.set(reading.key, reading);
    groups.set(key, group);
  }
  for (const { findings, readings } of groups.values()) {
    const found = [...readings.values()];
    if (found.length >= found[0].readings) continue;
    const where = whenReadings(found.map((r) => r.branches));
    for (const finding of findings) finding.message = `${where}: ${finding.message}`;
  }
}

/**
 * "When condition IsStrict is false", "When conditions A is true and B is false": the sides every reading
 * shares; without one they all share, each reading's, joined by "or".
 */
export function whenReadings(found: readonly (readonly TemplateBranch[])[]): string {
  const common = found[0].filter((branch) => found.every((reading) => reading.some((b) => b.condition === branch.condition && b.holds === branch.holds)));
  return `When ${describeSides(...(common.length ? [common] : found))}`;
}

/** "condition IsStrict is false", "conditions A is true and B is false, or A is false" (one reading per argument). */
export function describeSides(...readings: (readonly TemplateBranch[])[]): string {
  const count = new Set(readings.flat().map((b) => b.condition)).size;
  return `condition${count === 1 ? '' : 's'} ${readings.map((reading) => reading.map(({ condition, holds }) => `${condition} is ${holds}`).join(' and ')).join(', or ')}`;
}
