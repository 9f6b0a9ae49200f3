/** The machine format (after ESLint's "json"): one entry per file with its findings and counts. */
import type { LintResult } from '../linter';
import { countSeverities, displayPath } from './summary';

export interface JsonOptions {
  rootDir: string;
}

/** Formats results as a JSON array; fixes are listed by title (their edits are offsets for editors, not people). */
export function formatJson(results: readonly LintResult[], options: JsonOptions): string {
  const files = results.map((result) => {
    const counts = countSeverities([result]);
    return {
      filePath: displayPath(result.path, options.rootDir),
      type: result.type ?? null,
      errorCount: counts.error,
      warningCount: counts.warning,
      infoCount: counts.info,
      messages: result.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...(f.definedIn ? { definedIn: f.definedIn } : {}),
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        fixes: f.fixes.map((fix) => fix.title),
      })),
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
}
