/**
 * Generative: a hostile repository's files (issue 17) lint, at any size, to findings whose number and
 * text are bounded by the input's size, and the output formats stay linear too. Sizes stay small here so
 * the suite's time is bounded; `npm run bench` (bench/hostile.bench.ts) times them at the reported sizes.
 * Nothing here measures time: the bounds are on counts and lengths.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HOSTILE_INPUTS } from '../../../../bench/hostileInputs';
import { formatSarif } from '../../../../src/core/lint/formatters/sarif';
import { formatStylish } from '../../../../src/core/lint/formatters/stylish';
import { lintFiles } from '../../../../src/core/lint/linter';
import { MAX_PARSE_ERRORS, parseJson } from '../../../../src/core/lint/parse';
import { RULES } from '../../../../src/core/lint/rules';

describe('hostile inputs lint with work bounded by their size', function () {
  this.timeout(60_000);

  it('every kind, at random sizes, gives findings and output linear in the input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE_INPUTS), fc.integer({ min: 1, max: 1_000 }), (input, size) => {
        const text = input.make(size);
        const [result] = lintFiles([{ path: `/repo/hostile.${input.extension}`, text }]);
        assert.ok(result.type, `${input.name} (${size}) is linted, not skipped`);
        assert.ok(result.findings.length <= 4 * size + 20, `${input.name} (${size}): ${result.findings.length} findings`);
        const edits = result.findings.reduce((sum, f) => sum + f.fixes.reduce((n, fix) => n + fix.edits.reduce((m, e) => m + e.text.length, 0), 0), 0);
        assert.ok(edits <= 2 * text.length + 10_000, `${input.name} (${size}): ${edits} characters of fixes for ${text.length}`);
        const stylish = formatStylish([result], { rootDir: '/repo' });
        const sarif = formatSarif([result], { rules: RULES, version: '0', rootDir: '/repo', docsBaseUri: 'https://example.invalid/', informationUri: 'https://example.invalid/', notifications: [] });
        assert.ok(stylish.length <= 20 * text.length + 10_000, `${input.name} (${size}): ${stylish.length} characters of stylish output`);
        assert.ok(sarif.length <= 100 * text.length + 200_000, `${input.name} (${size}): ${sarif.length} characters of SARIF`);
      }),
      { numRuns: 30, seed: 1717 },
    );
  });

  it('keeps at most MAX_PARSE_ERRORS parse errors, however many the text has, and says there are more', () => {
    const text = `{"Statement":[${','.repeat(100_000)}`;
    assert.equal(parseJson(text).errors.length, MAX_PARSE_ERRORS);
    const [rg001] = lintFiles([{ path: 'commas.json', text }])[0].findings.filter((f) => f.ruleId === 'RG001');
    assert.match(rg001.message, /\(at least 999 more errors may follow from it\)/);
  });

  it('formats 200,000 findings without overflowing the stack', () => {
    const finding = lintFiles([{ path: '/repo/p.json', text: HOSTILE_INPUTS[3].make(10) }])[0].findings[0];
    const result = { path: '/repo/wild.json', type: 'identity' as const, findings: Array.from({ length: 200_000 }, () => finding) };
    assert.match(formatStylish([result], { rootDir: '/repo' }), /✖ 200000 problems/);
  });

  it('lays out a fix on a minified template by its own line only (one long line, thousands of fixes)', () => {
    const [result] = lintFiles([{ path: '/repo/t.template', text: HOSTILE_INPUTS[2].make(2_000) }]);
    const fixes = result.findings.filter((f) => f.ruleId === 'RG101').flatMap((f) => f.fixes);
    assert.equal(result.findings.filter((f) => f.ruleId === 'RG101').length, 2_000);
    // One-line objects get one-line fixes: no line break, no indentation copied from the long line.
    for (const fix of fixes) for (const edit of fix.edits) assert.doesNotMatch(edit.text, /\n/);
  });
});
