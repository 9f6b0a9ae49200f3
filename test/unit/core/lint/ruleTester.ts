/**
 * RuleTester, after ESLint's: a table of valid and invalid cases per rule, each invalid case with the
 * lines (and optionally message fragments) it must report, and fixes that must re-lint clean. No fix of
 * an invalid case may have overlapping edits.
 */
import assert from 'node:assert/strict';
import { applyFix, type LintInput, lintFiles } from '../../../../src/core/lint/linter';
import type { FileType, Finding } from '../../../../src/core/lint/model';
import type { FileEncoding } from '../../../../src/core/text/fileEncoding';
import { ruleById } from '../../../../src/core/lint/rules';
import { assertEditsApart } from './fixEdits';

export interface ValidCase {
  name?: string;
  code: string;
  /** File type; `identity` by default. */
  type?: FileType;
  /** Other files linted in the same run (run-level rules such as RG110). */
  others?: LintInput[];
  /** How the file is saved (`code` is its decoded text, without a byte order mark, as in an editor). */
  encoding?: FileEncoding;
}

export interface ExpectedError {
  line: number;
  /** A fragment the message must contain, or a pattern it must match. */
  message?: string | RegExp;
  column?: number;
  /** The titles of the finding's fixes, exactly (`[]`: it offers none), as ESLint's RuleTester checks suggestions. */
  fixes?: string[];
  /** The titles of the fixes marked preferred (applied by "fix all"), exactly. */
  preferred?: string[];
}

export interface ExpectedFix {
  /** Picks the fix by title; the first fix when omitted. */
  title?: string | RegExp;
  /** For interactive fixes: the user's choice. */
  choice?: string[];
  /** The exact text after the fix, when the case wants to pin it. */
  output?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Applies this fix of the first finding, then expects the rule to report nothing. */
  fix?: ExpectedFix;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    it('is registered', () => assert.ok(rule, `${ruleId} is not in the registry`));
    if (!rule) return;
    const run = (c: ValidCase, code = c.code): Finding[] => {
      const severities = { [ruleId]: rule.meta.defaultSeverity };
      const results = lintFiles([{ path: 'case.json', text: code, type: c.type ?? 'identity', encoding: c.encoding }, ...(c.others ?? [])], {
        rules: [rule],
        severities,
      });
      return results[0].findings;
    };

    describe('valid', () => {
      cases.valid.forEach((c, i) => {
        it(c.name ?? `valid #${i + 1}`, () => {
          const findings = run(c);
          assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
        });
      });
    });

    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(c.name ?? `invalid #${i + 1}`, () => {
          const findings = run(c);
          assert.deepEqual(
            findings.map((f) => f.line),
            c.errors.map((e) => e.line),
            `lines of findings: ${findings.map(describeFinding).join(' | ')}`,
          );
          c.errors.forEach((expected, j) => {
            const actual = findings[j];
            if (expected.column !== undefined) assert.equal(actual.column, expected.column, describeFinding(actual));
            if (typeof expected.message === 'string') assert.ok(actual.message.includes(expected.message), `"${actual.message}" lacks "${expected.message}"`);
            if (expected.message instanceof RegExp) assert.match(actual.message, expected.message);
            if (expected.fixes) assert.deepEqual(actual.fixes.map((f) => f.title), expected.fixes, describeFinding(actual));
            if (expected.preferred) assert.deepEqual(actual.fixes.filter((f) => f.preferred).map((f) => f.title), expected.preferred, describeFinding(actual));
          });
          for (const fix of findings.flatMap((f) => f.fixes)) assertEditsApart(fix);
          if (c.fix) checkFix(c, findings[0], (code) => run(c, code));
        });
      });
    });
  });
}

function checkFix(c: InvalidCase, finding: Finding, relint: (code: string) => Finding[]): void {
  const wanted = c.fix!;
  const matches = (title: string) =>
    wanted.title === undefined || (typeof wanted.title === 'string' ? title.includes(wanted.title) : wanted.title.test(title));
  let fix = wanted.choice ? undefined : finding.fixes.find((f) => matches(f.title));
  if (wanted.choice) fix = finding.interactiveFixes.find((f) => matches(f.title))?.build(wanted.choice);
  assert.ok(fix, `no fix matching ${String(wanted.title)} among ${[...finding.fixes, ...finding.interactiveFixes].map((f) => f.title).join(', ')}`);
  assertEditsApart(fix);
  const output = applyFix(c.code, fix);
  if (wanted.output !== undefined) assert.equal(output, wanted.output);
  assert.deepEqual(relint(output).map(describeFinding), [], `after "${fix.title}":\n${output}`);
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.line}:${f.column} ${f.message}`;
}
