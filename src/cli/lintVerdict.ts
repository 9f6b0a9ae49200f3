/** The closing line of `rootguard lint`: what the run linted, with which configuration, and what it did not check. */
import path from 'node:path';
import type { RootGuardConfig } from '../core/lint/config';
import { countSeverities, plural } from '../core/lint/formatters/summary';
import type { LintInput, LintResult } from '../core/lint/linter';

/**
 * One line saying what the run linted and with which configuration, so that a clean run is not silent. A run
 * that left files unchecked (`notChecked`: those it was asked for, said above it, and those found with
 * nothing in them checked; `partlyChecked`: those with parts not checked where RG010 is off) does not call
 * itself clean, nor one that found no policy at all.
 */
export function describeRun(results: LintResult[], groups: Map<RootGuardConfig, LintInput[]>, typed: string[], cwd: string, gaps: { notChecked: number; partlyChecked: number }, configsChecked: number): string {
  const linted = results.filter((r) => r.type && !r.noPolicy).length;
  const where = typed.map((t) => `"${t}"`).join(', ');
  // Every file given was read, and each crashed the linter (said above): they hold what was not checked.
  const given = [...groups.values()].reduce((sum, inputs) => sum + inputs.length, 0);
  if (results.length === 0 && given > 0) return `nothing linted in ${where}: ${plural(given, 'file')} not checked`;
  if (results.length === 0 && configsChecked > 0) return `checked ${plural(configsChecked, 'configuration file')}, no policy to lint in ${where}`;
  if (results.length === 0) return `nothing to lint in ${where} (folders are searched for *.json, *.jsonc, *.template, *.yaml, *.yml and *.tf files)`;
  // --type lints a file whose type was not recognised; a template's or .tf file's resources say what it holds.
  const typeHint = results.some((r) => !r.type) ? ' (give --type to lint them anyway)' : '';
  if (linted === 0) return `no policy in ${where}: ${plural(results.length, 'file')} read, none holds one${typeHint}`;
  // Folders without a configuration each get a default one of their own; the reader needs one count for them.
  const filesByLabel = new Map<string, number>();
  for (const [config, inputs] of groups) {
    const label = config.path ? path.relative(cwd, config.path) || config.path : 'no .rootguard.json';
    filesByLabel.set(label, (filesByLabel.get(label) ?? 0) + inputs.length);
  }
  const uses = [...filesByLabel].map(([label, files]) => (filesByLabel.size === 1 ? label : `${label} for ${plural(files, 'file')}`));
  const problems = countSeverities(results);
  const found = problems.error + problems.warning + problems.info;
  const { notChecked, partlyChecked } = gaps;
  const unsaid = [notChecked > 0 ? `${plural(notChecked, 'file')} not checked` : '', partlyChecked > 0 ? `${plural(partlyChecked, 'file')} not fully checked` : ''].filter(Boolean).join('; ');
  // "No problems" only of what was checked, when some of it was not.
  const verdict = unsaid ? (found === 0 && notChecked === 0 ? `, no problems found in what was checked; ${unsaid}` : `, ${unsaid}`) : found === 0 ? ', no problems' : '';
  return `linted ${plural(linted, 'file')} of ${where} as policies${verdict} (configuration: ${uses.join('; ')})`;
}
