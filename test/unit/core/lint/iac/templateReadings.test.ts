import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';

/** Sixty template conditions, each tested by one statement of every policy. */
const CONDITIONS = 60;

/** A template of `policies` managed policies on the conditions, each with `padding` comment lines of 200 characters. */
function template(policies: number, padding: number): string {
  const policy = (i: number) => [
    `  P${i}:`,
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    ...Array.from({ length: padding }, () => `        # ${'x'.repeat(200)}`),
    '        Statement:',
    ...Array.from({ length: CONDITIONS }, (_, c) => `          - {Effect: Allow, Action: !If [C${c}, s3:GetObject, s3:PutObject], Resource: "arn:aws:s3:::b/${c}/*"}`),
  ];
  // Each on a parameter of its own: independent, so that every combination of their sides is a deployment.
  const conditions = Array.from({ length: CONDITIONS }, (_, c) => `  C${c}: !Equals [!Ref Env${c}, on]`);
  return ['Conditions:', ...conditions, 'Resources:', ...Array.from({ length: policies }, (_, i) => policy(i)).flat(), ''].join('\n');
}

describe("a template's conditional policies are read within one bound for them all", function () {
  this.timeout(60_000);

  // [what, policies, padding, readings of each policy, RG010s]: identical policies read alike, wherever written.
  const table: [what: string, policies: number, padding: number, readings: number, partly: number][] = [
    // Each 14 KB: alone, read on every three of its conditions' sides (34 readings).
    ['a few: each on every three of its conditions\' sides', 4, 40, 34, 0],
    // 0.55 MB of them: on every three, 19 MB in all; on every pair, 5.5 MB.
    ['many: each on every pair', 40, 40, 10, 0],
    // 1.7 MB: on every pair, 17 MB.
    ['more: each with every condition true and every one false, and said so', 85, 100, 2, 85],
  ];
  for (const [what, policies, padding, readings, partly] of table) {
    it(what, () => {
      const text = template(policies, padding);
      const { documents } = readPolicyDocuments({ path: 't.yaml', text }, {});
      const perPolicy = new Map<string, number>();
      for (const document of documents) perPolicy.set(document.origin, (perPolicy.get(document.origin) ?? 0) + 1);
      assert.deepEqual(new Set(perPolicy.values()), new Set([readings]));
      assert.equal(perPolicy.size, policies);
      const notChecked = lintText({ path: 't.yaml', text }).filter((f) => f.ruleId === 'RG010');
      assert.equal(notChecked.length, partly);
      if (partly) {
        assert.match(
          notChecked[0].message,
          /^Resources\.P0\.Properties\.PolicyDocument is only partly checked: it tests 60 template conditions, and the template's policies that test more than three conditions have [\d,]+ characters in all, too many to read on every pair of their sides; it is read with every condition true, and with every one false\.$/,
        );
      }
    });
  }
});

/** The same policies in a Terraform file: each statement's action chosen by a variable of its own. */
function terraformFile(policies: number, padding: number): string {
  const policy = (i: number) => [
    `resource "aws_iam_policy" "p${i}" {`,
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    ...Array.from({ length: padding }, () => `    # ${'x'.repeat(200)}`),
    '    Statement = [',
    ...Array.from({ length: CONDITIONS }, (_, c) => `      { Effect = "Allow", Action = var.c${c} ? "s3:GetObject" : "s3:PutObject", Resource = "arn:aws:s3:::b/${c}/*" },`),
    '    ]',
    '  })',
    '}',
  ];
  return [...Array.from({ length: policies }, (_, i) => policy(i)).flat(), ''].join('\n');
}

describe("a Terraform file's conditional policies are read within one bound for them all, as a template's", function () {
  this.timeout(60_000);
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  const table: [what: string, policies: number, padding: number, readings: number, partly: number][] = [
    ['a few: each on every three of its conditions\' sides', 4, 40, 34, 0],
    ['many: each on every pair', 40, 40, 10, 0],
    ['more: each with every condition true and every one false, and said so', 85, 100, 2, 85],
  ];
  for (const [what, policies, padding, readings, partly] of table) {
    it(what, () => {
      const text = terraformFile(policies, padding);
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      const perPolicy = new Map<string, number>();
      for (const document of documents) perPolicy.set(document.origin, (perPolicy.get(document.origin) ?? 0) + 1);
      assert.deepEqual(new Set(perPolicy.values()), new Set([readings]));
      assert.equal(perPolicy.size, policies);
      const notChecked = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings.filter((f) => f.ruleId === 'RG010');
      assert.equal(notChecked.length, partly);
      if (partly) {
        assert.match(
          notChecked[0].message,
          /^aws_iam_policy\.p0\.policy is only partly checked: it tests 60 template conditions, and the file's policies that test more than three conditions have [\d,]+ characters in all, too many to read on every pair of their sides; it is read with every condition true, and with every one false\.$/,
        );
        assert.equal(notChecked[0].line, 2);
      }
    });
  }
});
