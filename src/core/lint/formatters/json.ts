/**
 * The machine format (after ESLint's "json"): one entry per file with its findings and counts. Messages show
 * controls and invisible characters from the policy file as `\u{…}`, as the terminal output does: JSON's own
 * escaping keeps a bidirectional override, which reorders the message wherever it is shown.
 */
import { printable } from '../../report/cells';
import type { LintResult } from '../linter';
import { countSeverities, displayPath } from './summary';

export interface JsonOptions {
  rootDir: string;
  /**
   * What the run says about a file beside its findings, by the file's path as linted: a file not checked, or only
   * partly, under a configuration that turns RG010 off, so that a reader of the JSON does not take it for clean.
   */
  notices?: ReadonlyMap<string, ReadonlyArray<{ level: 'warning'; message: string }>>;
  /** Files found and not linted (the configuration that applies has errors): each an entry of its own, with an `error` notice saying why. */
  notLinted?: ReadonlyArray<{ path: string; message: string }>;
}

/** Formats results as a JSON array; fixes are listed by title (their edits are offsets for editors, not people). */
export function formatJson(results: readonly LintResult[], options: JsonOptions): string {
  const files = results.map((result) => {
    const counts = countSeverities([result]);
    const notices = options.notices?.get(result.path);
    return {
      filePath: displayPath(result.path, options.rootDir),
      type: result.type ?? null,
      errorCount: counts.error,
      warningCount: counts.warning,
      infoCount: counts.info,
      messages: result.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: printable(f.message),
        ...(f.definedIn ? { definedIn: printable(f.definedIn) } : {}),
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        fixes: f.fixes.map((fix) => fix.title),
      })),
      ...(notices?.length ? { notices } : {}),
    };
  });
  const left = (options.notLinted ?? []).map(({ path, message }) => ({
    filePath: displayPath(path, options.rootDir),
    type: null,
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    messages: [],
    notices: [{ level: 'error' as const, message: printable(message) }],
  }));
  return `${JSON.stringify([...files, ...left], null, 2)}\n`;
}
