/**
 * Conditions on more parameters than the linter enumerates (2^13 assignments, past 4,096): the sides decided
 * around a policy (a resource's `Condition`, an enclosing Terraform conditional) still hold in every reading,
 * and a condition they decide is read only on that side. They had been dropped, and a combination no
 * deployment has reported as full admin. A condition they leave undecided is read on both sides as if
 * independent of the others, and the policy says it is only partly checked (RG010).
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText } from '../../../../../src/core/lint/linter';
import { lineOf } from './fixtures';

const FLAGS = Array.from({ length: 13 }, (_, i) => `Flag${i}`);

/** `RG201@line When ...`: each finding with the sides it holds on. */
const described = (findings: readonly { ruleId: string; line: number; message: string }[]) => findings.map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`);

/** A policy that exists only where all thirteen flags are on, and grants `action` as its statement says. */
function template(conditions: readonly string[], action: string): string {
  return [
    'Parameters:',
    ...FLAGS.map((flag) => `  ${flag}: {Type: String}`),
    '  Region: {Type: String}',
    'Conditions:',
    `  AllOn: !And [${FLAGS.map((flag) => `!Equals [!Ref ${flag}, "on"]`).join(', ')}]`,
    ...conditions.map((c) => `  ${c}`),
    'Resources:',
    '  P:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Condition: AllOn',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    `          - {Effect: Allow, Action: ${action}, Resource: "*"}`,
    '',
  ].join('\n');
}

describe('past the assignments enumerated, the sides decided around a policy still hold', () => {
  // [what, conditions, the statement's Action, the sides of the full admin found, or none, and whether it is only partly checked].
  const table: [what: string, conditions: string[], action: string, when: string | undefined, partly?: true][] = [
    ["the negation of the resource's condition: never true in it", ['NotAllOn: !Not [!Condition AllOn]'], '!If [NotAllOn, "*", s3:GetObject]', undefined],
    ["a flag the resource's condition compares, tested again: always on in it", ['Flag1Off: !Not [!Equals [!Ref Flag1, "on"]]'], '!If [Flag1Off, "*", s3:GetObject]', undefined],
    ['a condition and its negation, neither decided: never both true', ['IsEu: !Or [!Equals [!Ref Region, eu], !Equals [!Ref Flag0, "off"]]', 'NotEu: !Not [!Condition IsEu]'], '!If [IsEu, !If [NotEu, "*", s3:GetObject], s3:GetObject]', undefined, true],
    ["an Fn::Or of the resource's condition: always true in it, the full admin found", ['Any: !Or [!Condition AllOn, !Equals [!Ref Flag0, "off"]]'], '!If [Any, "*", s3:GetObject]', 'conditions AllOn is true and Any is true'],
  ];
  for (const [what, conditions, action, when, partly] of table) {
    it(`CloudFormation: ${what}`, () => {
      const text = template(conditions, action);
      const line = lineOf(text, 'Action:');
      const findings = [...(partly ? [`RG010@${lineOf(text, 'Version: "2012-10-17"')} Resources.P.Properties.PolicyDocument is only partly checked`] : []), ...(when ? [`RG101@${line} When ${when}`, `RG201@${line} When ${when}`] : [])];
      assert.deepEqual(described(lintText({ path: 't.yaml', text })), findings);
    });
  }

  it('CloudFormation: a condition left undecided is read as if independent, and RG010 says so', () => {
    const text = template(['IsEu: !Or [!Equals [!Ref Region, eu], !Equals [!Ref Flag0, "off"]]'], '!If [IsEu, "*", s3:GetObject]');
    const line = lineOf(text, 'Action:');
    assert.deepEqual(
      lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line} ${f.message.split(': Allows')[0]}`),
      [
        `RG010@${lineOf(text, 'Version: "2012-10-17"')} Resources.P.Properties.PolicyDocument is only partly checked: it tests 1 template condition, and conditions on 14 parameters or variables take 24,576 combinations of values, more than the linter enumerates (4,096): they are read as if independent, so a finding may hold only on sides that never go together.`,
        `RG101@${line} When conditions AllOn is true and IsEu is true`,
        `RG201@${line} When conditions AllOn is true and IsEu is true`,
      ],
    );
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });
    const allOn = FLAGS.map((flag) => `var.${flag.toLowerCase()} == "on"`).join(' && ');
    // [what, the Action inside the policy that exists only where every flag is on, the full admin's sides, or none, and whether it is only partly checked].
    const table: [what: string, action: string, when: string | undefined, partly?: true][] = [
      ['the negation of the enclosing test: never true inside it', `!(${allOn}) ? "*" : "s3:GetObject"`, undefined],
      ['a flag the enclosing test compares, tested again: always on inside it', 'var.flag1 != "on" ? "*" : "s3:GetObject"', undefined],
      ['a flag the enclosing test compares, tested on: the full admin found', 'var.flag1 == "on" ? "*" : "s3:GetObject"', 'var.flag1 == "on" is true'],
      [
        'a test of a flag and another variable, left undecided: read as if independent, and RG010 says so',
        'var.flag1 == "on" && var.region == "eu" ? "*" : "s3:GetObject"',
        'var.flag1 == "on" && var.region == "eu" is true',
        true,
      ],
    ];
    for (const [what, action, when, partly] of table) {
      it(what, () => {
        const text = ['resource "aws_iam_policy" "p" {', `  policy = ${allOn} ? jsonencode({`, '    Version = "2012-10-17"', `    Statement = [{ Effect = "Allow", Action = ${action}, Resource = "*" }]`, '  }) : jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })', '}', ''].join('\n');
        const line = lineOf(text, 'Action =');
        const found = described(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings);
        assert.deepEqual(found.map((f) => f.replace(/ When .*/, '')), [...(partly ? ['RG010@2 aws_iam_policy.p.policy is only partly checked'] : []), ...(when ? [`RG101@${line}`, `RG201@${line}`] : [])]);
        if (when) assert.ok(found.filter((f) => !f.startsWith('RG010')).every((f) => f.includes(when)), found.join('\n'));
      });
    }
  });
});
