/** Counting and path helpers the formatters share. */
import path from 'node:path';
import { printable } from '../../report/cells';
import type { LintResult } from '../linter';
import type { Finding, Severity } from '../model';

export type SeverityCounts = Record<Severity, number>;

/** How many findings of each severity a set of results holds. */
export function countSeverities(results: readonly LintResult[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const result of results) for (const finding of result.findings) counts[finding.severity]++;
  return counts;
}

/** A path as shown to people and in SARIF: relative to `rootDir` when inside it, always with forward slashes. */
export function displayPath(filePath: string, rootDir: string, paths: PathRules = path): string {
  const relative = paths.relative(rootDir, paths.resolve(rootDir, filePath));
  // Outside the folder is `..` or `../x`; `..p.json` is a file inside it whose name starts with two dots.
  const outside = relative === '..' || relative.startsWith(`..${paths.sep}`) || paths.isAbsolute(relative);
  const shown = outside ? paths.resolve(rootDir, filePath) : relative;
  return shown.split(paths.sep).join('/');
}

/** The path rules of a platform: this one's (`path`), or another's (`path.win32`, `path.posix`) in tests. */
export type PathRules = path.PlatformPath;

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A finding's message as every output shows it (stylish, SARIF, the editor's Problems panel): after the
 * construct or resource it is in, for a generated file, and with the policy's text in it (a Sid, a construct's
 * name) showing its control, bidirectional and invisible characters as `\u{…}`, so that a right-to-left
 * override cannot reorder what the reader sees; other text, `Café東京`, as written.
 */
export function shownMessage(finding: Finding): string {
  return printable(finding.definedIn ? `${finding.definedIn}: ${finding.message}` : finding.message);
}
