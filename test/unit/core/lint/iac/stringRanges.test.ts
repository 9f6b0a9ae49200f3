/**
 * A policy read from Terraform's jsonencode() or CloudFormation YAML is written out as JSON, where a string's
 * characters may take more or fewer units than in the file: an emoji is a surrogate pair, a lone surrogate or
 * a control character becomes a `\uXXXX` escape, a quote or backslash gains a backslash. Findings on such a
 * string still cover all of it, and a character after one of them maps to itself.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { applyFix, lintFiles } from '../../../../../src/core/lint/linter';

/** An identity policy whose one statement ends with `Sid = <sid>` (line 4, the value from column 85). */
const terraform = (sid: string) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = ${sid} }]
  })
}
`;

/** The same policy in YAML block style, `Sid: <sid>` on line 8 (the value from column 18). */
const yaml = (sid: string) => `Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: ${sid}
            Effect: Allow
            Action: s3:GetObject
            Resource: "*"
`;

describe('findings on a string with characters JSON writes in other widths cover the whole string', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  /** The invalid Sid's finding (RG012) as `line:column-endLine:endColumn text`, and the Sid line once fixed. */
  function sidFinding(path: string, text: string): [placed: string, fixed: string | undefined] {
    const [finding] = lintFiles([{ path, text }], { hcl })[0].findings.filter((f) => f.ruleId === 'RG012');
    const placed = `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${text.slice(finding.range.start, finding.range.end)}`;
    const fixed = finding.fixes[0] && applyFix(text, finding.fixes[0]).split('\n').find((line) => line.includes('Sid'));
    return [placed, fixed?.trim()];
  }

  // The end columns count UTF-16 units, as editors and SARIF do: an emoji takes two.
  const cases: Array<[what: string, path: string, text: string, placed: string, fixed: string | undefined]> = [
    ['an emoji first (Terraform)', 't.tf', terraform('"😀x"'), '4:85-4:90 "😀x"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "x" }]'],
    ['an emoji between letters (Terraform)', 't.tf', terraform('"x😀y"'), '4:85-4:91 "x😀y"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "xY" }]'],
    ['an escaped tab before an emoji (Terraform)', 't.tf', terraform('"a\\tb😀"'), '4:85-4:93 "a\\tb😀"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "aB" }]'],
    ['an escaped quote before an emoji (Terraform)', 't.tf', terraform('"a\\"b😀"'), '4:85-4:93 "a\\"b😀"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "aB" }]'],
    ['an escaped backslash before an emoji (Terraform)', 't.tf', terraform('"a\\\\b😀"'), '4:85-4:93 "a\\\\b😀"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "aB" }]'],
    ['U+2028 before an emoji (Terraform)', 't.tf', terraform('"a\\u2028b😀"'), '4:85-4:97 "a\\u2028b😀"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "aB" }]'],
    ['a lone high surrogate first (Terraform)', 't.tf', terraform('"\\ud83dx"'), '4:85-4:94 "\\ud83dx"', 'Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Sid = "x" }]'],
    ['an emoji first (YAML)', 't.yaml', yaml('"😀x"'), '8:18-8:23 "😀x"', '- Sid: "x"'],
    ['an emoji between letters (YAML)', 't.yaml', yaml('"x😀y"'), '8:18-8:24 "x😀y"', '- Sid: "xY"'],
    ['an emoji in a plain scalar (YAML)', 't.yaml', yaml('x😀y'), '8:18-8:22 x😀y', '- Sid: xY'],
    ['an escaped tab before an emoji (YAML)', 't.yaml', yaml('"a\\tb😀"'), '8:18-8:26 "a\\tb😀"', '- Sid: "aB"'],
    ['a quote in single quotes before an emoji (YAML)', 't.yaml', yaml(`'a"b😀'`), `8:18-8:25 'a"b😀'`, `- Sid: 'aB'`],
    ['a control character escaped before an emoji (YAML)', 't.yaml', yaml('"a\\x01b😀"'), '8:18-8:28 "a\\x01b😀"', '- Sid: "aB"'],
    ['a lone high surrogate before an emoji (YAML)', 't.yaml', yaml('"\\ud83d😀x"'), '8:18-8:29 "\\ud83d😀x"', '- Sid: "x"'],
    ['a lone low surrogate then a high one (YAML)', 't.yaml', yaml('"\\ude00\\ud83d"'), '8:18-8:32 "\\ude00\\ud83d"', undefined],
  ];
  for (const [what, path, text, placed, fixed] of cases) {
    it(what, () => {
      assert.deepEqual(sidFinding(path, text), [placed, fixed]);
    });
  }

  it('quotes an unknown part after an emoji as written, not from the emoji on', () => {
    const [finding] = lintFiles([{ path: 't.tf', text: terraform('"😀${var.x}"') }], { hcl })[0].findings.filter((f) => f.ruleId === 'RG012');
    assert.match(finding.message, /^Sid "😀\$\{var\.x\}" has "😀";/);
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [4, 85, 4, 97]);
  });
});
