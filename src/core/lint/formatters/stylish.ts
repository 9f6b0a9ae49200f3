/** The human format (after ESLint's "stylish"): findings grouped by file, aligned, and a closing count. */
import { printable } from '../../report/cells';
import type { LintResult } from '../linter';
import { countSeverities, displayPath, plural, shownMessage } from './summary';

export interface StylishOptions {
  /** Paths are shown relative to this folder. */
  rootDir: string;
}

/** Formats results for a terminal; an empty string when there is nothing to report. */
export function formatStylish(results: readonly LintResult[], options: StylishOptions): string {
  const blocks: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    // Messages quote policy text and paths are file names: their control and bidirectional characters are
    // shown as `\u{…}`, so that no file can clear the terminal or hide the findings printed after it.
    const rows = result.findings.map((f) => [`${f.line}:${f.column}`, f.severity, shownMessage(f), f.ruleId]);
    // A reduce, not Math.max(...lengths): spreading 100,000 findings into arguments overflows the stack.
    const widths = [0, 1].map((column) => rows.reduce((widest, row) => Math.max(widest, row[column].length), 0));
    const lines = rows.map(([where, severity, message, ruleId]) => `  ${where.padEnd(widths[0])}  ${severity.padEnd(widths[1])}  ${message}  ${ruleId}`);
    blocks.push(`${printable(displayPath(result.path, options.rootDir))}\n${lines.join('\n')}`);
  }
  if (blocks.length === 0) return '';
  const counts = countSeverities(results);
  const total = counts.error + counts.warning + counts.info;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), ...(counts.info ? [plural(counts.info, 'info')] : [])];
  return `${blocks.join('\n\n')}\n\n✖ ${plural(total, 'problem')} (${parts.join(', ')})\n`;
}
