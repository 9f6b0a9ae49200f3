/**
 * Choosing one reading of a template policy written with `Fn::If` (or a Terraform conditional). The linter
 * reads such a policy once per side of its conditions (iac/intrinsics.ts); a question about one deployment (`simulate`, a
 * what-if) needs the policy as that deployment has it: the user names the sides (`IsProd=true`), and the
 * reading that agrees with them is the policy.
 */
import type { PolicyDocument } from './model';

/** Template conditions' sides, as a user chose them: `IsProd` -> true. */
export type ChosenSides = ReadonlyMap<string, boolean>;

/** `IsProd=true` (or a Terraform condition as written, `var.env == "prod"=true`) as a side; undefined for anything else. */
export function parseSide(text: string): [condition: string, holds: boolean] | undefined {
  const match = /^(\S.*)=(true|false)$/i.exec(text.trim());
  return match ? [match[1], match[2].toLowerCase() === 'true'] : undefined;
}

/**
 * What choosing gave: the reading, or the conditions still to choose (none when no reading agrees: the
 * policy is not deployed on those sides).
 */
export type ChosenReading = { document: PolicyDocument } | { undecided: string[] };

/**
 * The reading of one place (`readings`: its documents, one per reading, or one document without `Fn::If`)
 * whose sides agree with `chosen`; otherwise the conditions that still tell the agreeing readings apart.
 */
export function readingOnSides(readings: readonly PolicyDocument[], chosen: ChosenSides): ChosenReading {
  const agreeing = readings.filter((d) => agreesWith(d, chosen));
  const distinct = [...new Map(agreeing.map((d) => [d.reading?.key ?? '', d])).values()];
  if (distinct.length === 1) return { document: distinct[0] };
  return { undecided: undecidedConditions(distinct, chosen) };
}

/** The conditions the documents are read on that no side was chosen for, in order, each once. */
export function undecidedConditions(documents: readonly PolicyDocument[], chosen: ChosenSides): string[] {
  return [...new Set(documents.flatMap((d) => d.reading?.branches.map((b) => b.condition) ?? []))].filter((c) => !chosen.has(c));
}

/** Whether a document is read on sides that agree with those chosen (a side not chosen agrees with either). */
export function agreesWith(document: PolicyDocument, chosen: ChosenSides): boolean {
  return (document.reading?.branches ?? []).every((b) => (chosen.get(b.condition) ?? b.holds) === b.holds);
}
