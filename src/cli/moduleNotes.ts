/**
 * What a run on some files of a Terraform module leaves to the files it does not lint (a pre-commit run on
 * the files that changed), said rather than covered by "no problems": a policy of this file written in
 * another (main.tf without iam.tf), and locals of this file that policies of another name (locals.tf
 * without main.tf).
 */
import type { LintResult } from '../core/lint/linter';

/**
 * The notes for `results`: `linted` tells whether a file (as a result names it) is linted by the run;
 * `shown` writes a file's path as the run shows it.
 */
export function moduleNotes(results: readonly LintResult[], linted: (file: string) => boolean, shown: (file: string) => string): { path: string; message: string }[] {
  return results.flatMap((result) => [
    ...(result.linkedElsewhere ?? []).flatMap(({ site, name, path: writtenIn }) =>
      linted(writtenIn) ? [] : [{ path: result.path, message: `${site.origin} is ${name}, written in ${shown(writtenIn)}, which this run does not lint` }],
    ),
    ...[...localsByFile(result)].flatMap(([usedIn, names]) =>
      linted(usedIn)
        ? []
        : [{ path: result.path, message: `${names.map((name) => `local.${name}`).join(', ')} ${names.length === 1 ? 'is' : 'are'} part of policies in ${shown(usedIn)}, which this run does not lint: lint that file (or the folder) to check them` }],
    ),
  ]);
}

/** A result's locals that policies of other files name, by the file that names them. */
function localsByFile(result: LintResult): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { name, path: usedIn } of result.localsUsedElsewhere ?? []) found.set(usedIn, [...(found.get(usedIn) ?? []), name]);
  return found;
}
