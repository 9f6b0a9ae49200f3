import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { lineOf, managedPolicyTemplate } from './fixtures';

/** `RG004@line When ...`: a duplicate Sid, with the sides it holds on near it. */
const described = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`);
/** The finding expected on the second statement's Sid, which repeats the first's, with the sides named near it. */
const onSecond = (text: string, when: string) => `RG004@${lineOf(text, 'Ops')} When condition ${when}`;

/** A managed policy of two statements whose Sids are written as given: RG004 where they are both `Root`. */
function template(conditions: readonly string[], firstSid: string, secondSid: string): string {
  return managedPolicyTemplate(
    ['Parameters:', '  Env: {Type: String}', 'Conditions:', ...conditions.map((c) => `  ${c}`)],
    [
      '        Statement:',
      `          - {Sid: ${firstSid}, Effect: Allow, Action: s3:GetObject, Resource: "*"}`,
      `          - {Sid: ${secondSid}, Effect: Allow, Action: s3:PutObject, Resource: "*"}`,
    ],
  );
}

describe('template conditions built from others are read only on sides a deployment can have', () => {
  const PROD = 'IsProd: !Equals [!Ref Env, prod]';
  const DEV = 'IsDev: !Equals [!Ref Env, dev]';
  // [what, conditions, first Sid, second Sid, the sides near the second the collision is reported on].
  const table: [what: string, conditions: string[], firstSid: string, secondSid: string, expected: string[]][] = [
    ['Fn::Not of another: never both true', [PROD, 'IsNotProd: !Not [!Condition IsProd]'], '!If [IsProd, Root, Audit]', '!If [IsNotProd, Root, Ops]', []],
    ['Fn::Not in the long form: never both true', [PROD, 'IsNotProd: {"Fn::Not": [{Condition: IsProd}]}'], '!If [IsProd, Root, Audit]', '!If [IsNotProd, Root, Ops]', []],
    ['Fn::Not of another: the sides a deployment has, the collision found', [PROD, 'IsNotProd: !Not [!Condition IsProd]'], '!If [IsNotProd, Root, Audit]', '!If [IsProd, Ops, Root]', ['IsProd is false']],
    ['Fn::Equals of one parameter against two values: never both true', [PROD, 'IsDev: !Equals [dev, !Ref Env]'], '!If [IsProd, Root, Audit]', '!If [IsDev, Root, Ops]', []],
    ['Fn::Equals of one parameter and value, written twice: always alike', [PROD, 'Prod: !Equals [!Ref Env, prod]'], '!If [IsProd, Root, Audit]', '!If [Prod, Ops, Root]', []],
    ['Fn::And: never true where a part is false', [PROD, 'ProdEu: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]'], '!If [ProdEu, Root, Audit]', '!If [IsProd, Ops, Root]', []],
    ['Fn::Or: never false where a part is true', [PROD, DEV, 'Any: !Or [!Condition IsProd, !Condition IsDev]'], '!If [IsDev, Root, Audit]', '!If [Any, Ops, Root]', []],
    ['conditions on different parameters: every combination, the collision found', [PROD, 'IsEu: !Equals [!Ref "AWS::Region", eu-west-1]'], '!If [IsProd, Root, Audit]', '!If [IsEu, Ops, Root]', ['IsEu is false']],
    ['a parameter against two values: both false is a deployment, found', [PROD, DEV], '!If [IsDev, Audit, Root]', '!If [IsProd, Ops, Root]', ['IsProd is false']],
  ];
  for (const [what, conditions, firstSid, secondSid, expected] of table) {
    it(`CloudFormation: ${what}`, () => {
      const text = template(conditions, firstSid, secondSid);
      assert.deepEqual(described(lintText({ path: 't.yaml', text })), expected.map((when) => onSecond(text, when)));
    });
  }

  it("CloudFormation: a parameter's AllowedValues: one of them always holds", () => {
    const allowing = (text: string) => text.replace('  Env: {Type: String}', '  Env: {Type: String, AllowedValues: [prod, dev]}');
    const possible = allowing(template([PROD, DEV], '!If [IsProd, Root, Audit]', '!If [IsDev, Ops, Root]'));
    assert.deepEqual(described(lintText({ path: 't.yaml', text: possible })), [onSecond(possible, 'IsDev is false')]);
    // Both false (Env neither prod nor dev) is no deployment: AllowedValues rules it out.
    const never = allowing(template([PROD, DEV], '!If [IsDev, Audit, Root]', '!If [IsProd, Ops, Root]'));
    assert.deepEqual(described(lintText({ path: 't.yaml', text: never })), []);
  });

  it("CloudFormation: an SSM-typed parameter's AllowedValues limit its name, not the value a condition compares", () => {
    const ssm = (text: string) => text.replace('  Env: {Type: String}', '  Env: {Type: "AWS::SSM::Parameter::Value<String>", AllowedValues: [prod, dev]}');
    // The value stored in SSM may be neither prod nor dev: both false is a deployment.
    const both = ssm(template([PROD, DEV], '!If [IsDev, Audit, Root]', '!If [IsProd, Ops, Root]'));
    assert.deepEqual(described(lintText({ path: 't.yaml', text: both })), [onSecond(both, 'IsProd is false')]);
  });

  it('CloudFormation: past three conditions, each reading one a deployment can have, each side each can take read', () => {
    // Five values of one parameter, and the negation of the first: six conditions, sampled.
    const values = ['e0', 'e1', 'e2', 'e3', 'e4'];
    const conditions = [...values.map((v) => `${v.toUpperCase()}: !Equals [!Ref Env, ${v}]`), 'NotE0: !Not [!Condition E0]'];
    const names = [...values.map((v) => v.toUpperCase()), 'NotE0'];
    const statements = names.map((n, i) => `          - {Effect: Allow, Action: !If [${n}, s3:GetObject, s3:PutObject], Resource: "arn:aws:s3:::b/${i}/*"}`);
    const text = template(conditions, 'A', 'B').replace(/ {10}- \{Sid: A[^\n]*\n {10}- \{Sid: B[^\n]*\n/, `${statements.join('\n')}\n`);
    const readings = readPolicyDocuments({ path: 't.yaml', text }, {}).documents.map((d) => new Map(d.reading!.branches.map((b) => [b.condition, b.holds])));
    for (const sides of readings) {
      assert.ok(values.filter((v) => sides.get(v.toUpperCase())).length <= 1, 'one value of Env at a time');
      assert.equal(sides.get('NotE0'), !sides.get('E0'));
    }
    for (const name of names) assert.deepEqual(new Set(readings.map((sides) => sides.get(name))), new Set([true, false]), name);
    assert.ok(readings.some((sides) => names.slice(0, 5).every((n) => !sides.get(n))), 'Env none of the values');
    assert.deepEqual(described(lintText({ path: 't.yaml', text })), []);
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });
    const lintTf = (firstSid: string, secondSid: string) => {
      const text = [
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [',
        `      { Sid = ${firstSid}, Effect = "Allow", Action = "s3:GetObject", Resource = "*" },`,
        `      { Sid = ${secondSid}, Effect = "Allow", Action = "s3:PutObject", Resource = "*" },`,
        '    ]',
        '  })',
        '}',
        '',
      ].join('\n');
      return { text, found: described(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings) };
    };
    const table: [what: string, firstSid: string, secondSid: string, expected: string[]][] = [
      ['a variable and its negation: never both true', 'var.prod ? "Root" : "Audit"', '!var.prod ? "Root" : "Ops"', []],
      ['a variable compared to two values: never both true', 'var.env == "prod" ? "Root" : "Audit"', '"dev" == var.env ? "Root" : "Ops"', []],
      ['a comparison and its inequality: never both true', 'var.env == "prod" ? "Root" : "Audit"', 'var.env != "prod" ? "Root" : "Ops"', []],
      ['an && never true where a part is false', '(var.prod && var.eu) ? "Root" : "Audit"', 'var.eu ? "Ops" : "Root"', []],
      ['different variables: the collision found', 'var.prod ? "Root" : "Audit"', 'var.eu ? "Ops" : "Root"', ['var.eu is false']],
      // Terraform's == compares by type, then value: 1 == 1.0 == 01, 1 != "1", true != "true".
      ['a number written 1 and 1.0: the same comparison', 'var.tier == 1 ? "Root" : "Audit"', 'var.tier == 1.0 ? "Ops" : "Root"', []],
      ['a number written 1 and 01: the same comparison', 'var.tier == 1 ? "Root" : "Audit"', 'var.tier == 01 ? "Ops" : "Root"', []],
      ['a number and a string of its digits: unrelated, the collision found', 'var.tier == 1 ? "Root" : "Audit"', 'var.tier == "1" ? "Ops" : "Root"', ['var.tier == "1" is false']],
      ['a bool test and a comparison with "true": unrelated, the collision found', 'var.admin ? "Root" : "Audit"', 'var.admin == "true" ? "Ops" : "Root"', ['var.admin == "true" is false']],
      ['a bool test and a comparison with true: the same test', 'var.admin ? "Root" : "Audit"', 'var.admin == true ? "Ops" : "Root"', []],
    ];
    for (const [what, firstSid, secondSid, expected] of table) {
      it(what, () => {
        const { text, found } = lintTf(firstSid, secondSid);
        assert.deepEqual(found, expected.map((when) => onSecond(text, when)));
      });
    }
  });
});
