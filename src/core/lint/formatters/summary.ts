/** Counting and path helpers the formatters share. */
import path from 'node:path';
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
export function displayPath(filePath: string, rootDir: string): string {
  const relative = path.relative(rootDir, path.resolve(rootDir, filePath));
  // Outside the folder is `..` or `../x`; `..p.json` is a file inside it whose name starts with two dots.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  const shown = outside ? path.resolve(rootDir, filePath) : relative;
  return shown.split(path.sep).join('/');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A finding's message as people read it: after the construct or resource it is in, for a generated file. */
export function describedMessage(finding: Finding): string {
  return finding.definedIn ? `${finding.definedIn}: ${finding.message}` : finding.message;
}
