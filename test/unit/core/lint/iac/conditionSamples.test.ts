import assert from 'node:assert/strict';
import { HOSTILE_INPUTS } from '../../../../../bench/hostileInputs';
import { coveringRows, factorRows, sampleSides, type SideRows } from '../../../../../src/core/lint/iac/conditionSamples';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { lineOf, managedPolicyTemplate } from './fixtures';

/** Whether every combination of the sides of any `strength` of the rows' conditions is in some row. */
function covers(rows: SideRows, conditions: number, strength: number): boolean {
  const groups: number[][] = [];
  const choose = (from: number, group: number[]) => {
    if (group.length === strength) return void groups.push(group);
    for (let c = from; c < conditions; c++) choose(c + 1, [...group, c]);
  };
  choose(0, []);
  return groups.every((group) => new Set(rows.map((row) => group.map((c) => (row[c] ? 1 : 0)).join(''))).size === 2 ** strength);
}

describe('the sides of template conditions a policy is read on', () => {
  it('every combination of up to three conditions; past three, of the sides of any three, or any two when fewer readings fit', () => {
    for (let conditions = 1; conditions <= 40; conditions++) {
      const triples = sampleSides(conditions, 1_000);
      assert.equal(triples.strength, 3);
      assert.ok(covers(triples.rows, conditions, Math.min(conditions, 3)), `${conditions} conditions: every three`);
      if (conditions <= 3) continue;
      const pairs = sampleSides(conditions, triples.rows.length - 1);
      assert.equal(pairs.strength, 2);
      assert.ok(covers(pairs.rows, conditions, 2), `${conditions} conditions: every two`);
    }
  });

  it('few readings for many conditions, and past the readings allowed every condition true, and every one false', () => {
    const table: [conditions: number, maxReadings: number, strength: number, readings: number][] = [
      [4, 8, 3, 8],
      [10, 8, 2, 6],
      [35, 8, 2, 8],
      [36, 8, 1, 2],
      [5_000, 16, 2, 16],
    ];
    for (const [conditions, maxReadings, strength, readings] of table) {
      const sample = sampleSides(conditions, maxReadings);
      assert.deepEqual([sample.strength, sample.rows.length], [strength, readings], `${conditions} conditions in ${maxReadings} readings`);
    }
    assert.deepEqual(sampleSides(36, 8).rows.map((row) => new Set(row)), [new Set([true]), new Set([false])]);
  });

  it('factors of several values (conditions that go together): every combination of the values of any two or three', () => {
    const levels = [3, 2, 2, 4, 2, 5, 1];
    // Seeded with a covering array of the factors of two values (and the one of one value): the others filled in.
    const twoValued = levels.flatMap((count, f) => (count === 2 ? [f] : []));
    const seed = (strength: 2 | 3) =>
      coveringRows(twoValued.length, strength, 1_000)!.map((sides) => levels.map((count, f) => (count === 1 ? 0 : twoValued.includes(f) ? (sides[twoValued.indexOf(f)] ? 0 : 1) : -1)));
    for (const strength of [2, 3] as const) {
      const groups: number[][] = [];
      const choose = (from: number, group: number[]) => {
        if (group.length === strength) return void groups.push(group);
        for (let f = from; f < levels.length; f++) choose(f + 1, [...group, f]);
      };
      choose(0, []);
      for (const rows of [factorRows(levels, strength, 1_000)!, factorRows(levels, strength, 1_000, seed(strength))!]) {
        for (const group of groups) {
          const seen = new Set(rows.map((row) => group.map((f) => row[f]).join()));
          assert.equal(seen.size, group.reduce((product, f) => product * levels[f], 1), `strength ${strength}: factors ${group.join()}`);
        }
      }
    }
    assert.equal(factorRows(levels, 3, 10), undefined, 'past the rows allowed');
  });

  describe('a finding that needs two conditions on given sides, whatever a third and fourth', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });
    const AUDIT_ONLY = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
    const template = [
      'Resources:',
      '  OpsPolicy:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Action:',
      '              - !If [RootOps, "sts:AssumeRoot", "sts:GetCallerIdentity"]',
      '              - !If [Logs, "logs:GetLogEvents", !Ref AWS::NoValue]',
      '              - !If [Metrics, "logs:DescribeLogGroups", !Ref AWS::NoValue]',
      '            Resource: "*"',
      '            Condition: !If',
      '              - Restrict',
      `              - StringEquals: {sts:TaskPolicyArn: ${AUDIT_ONLY}}`,
      '              - !Ref AWS::NoValue',
      '',
    ].join('\n');
    const terraform = [
      'resource "aws_iam_policy" "ops" {',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect = "Allow"',
      '      Action = [',
      '        var.root_ops ? "sts:AssumeRoot" : "sts:GetCallerIdentity",',
      '        var.logs ? "logs:GetLogEvents" : "logs:FilterLogEvents",',
      '        var.metrics ? "logs:DescribeLogGroups" : "logs:DescribeLogStreams",',
      '      ]',
      '      Resource  = "*"',
      `      Condition = var.restrict ? { StringEquals = { "sts:TaskPolicyArn" = "${AUDIT_ONLY}" } } : {}`,
      '    }]',
      '  })',
      '}',
      '',
    ].join('\n');
    const table: [what: string, lint: () => Finding[], expected: string[]][] = [
      ['CloudFormation', () => lintText({ path: 't.yaml', text: template }), ['RG101@10 When conditions RootOps is true and Restrict is false']],
      ['Terraform', () => lintFiles([{ path: 'main.tf', text: terraform }], { hcl })[0].findings, ['RG101@7 When conditions var.root_ops is true and var.restrict is false']],
    ];
    for (const [what, lint, expected] of table) {
      it(`${what}: found, and named by those two sides`, () => {
        assert.deepEqual(lint().map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`), expected);
      });
    }
  });

  it('a policy too large to read on every pair of its conditions\' sides says so (RG010), never reads as clean', () => {
    const input = HOSTILE_INPUTS.find((i) => i.name.startsWith('a conditional resource whose statements each test'))!;
    const partly = lintText({ path: 't.yaml', text: input.make(400) }).filter((f) => f.ruleId === 'RG010');
    assert.deepEqual(partly.map((f) => f.line), [8]);
    assert.match(partly[0].message, /^Resources\.P\.Properties\.PolicyDocument is only partly checked: it tests 400 template conditions in \d+ characters, too many to read on every pair of their sides; it is read with every condition true, and with every one false\.$/);
  });

  describe('conditions that go together, among many independent ones, leave the others read as independent ones are', () => {
    /**
     * A policy of a statement per condition on a hundred independent conditions (11 KB: 44 readings fit,
     * and every combination of the sides of any three needs 43), with `related` and the conditions it
     * defines, and a full admin where C5 is true and C7 false.
     */
    const template = (related: readonly string[]) => {
      const independent = Array.from({ length: 100 }, (_, i) => `C${i}`);
      const names = [...independent, ...related.map((r) => r.split(':')[0])];
      const statement = (action: string) => `          - Effect: Allow\n            Action: ${action}\n            Resource: "*"`;
      return managedPolicyTemplate(
        ['Parameters:', ...independent.map((c) => `  P${c}: {Type: String}`), 'Conditions:', ...independent.map((c) => `  ${c}: !Equals [!Ref P${c}, "yes"]`), ...related.map((r) => `  ${r}`)],
        [
          '        Statement:',
          '          - {Effect: Allow, Action: !If [C5, !If [C7, s3:GetObject, "*"], s3:GetObject], Resource: "*"}',
          ...names.map((c) => statement(`!If [${c}, "s3:GetObject", "s3:ListBucket"]`)),
        ],
      );
    };
    // [what, the conditions besides the hundred]: the full admin is found in each.
    const table: [what: string, related: string[]][] = [
      ['one more independent condition', ['N0: !Equals [!Ref Q, "no"]']],
      ['the negation of one of them (a factor of two values, read as one condition)', ['N0: !Not [!Condition C0]']],
      ['two comparisons of one parameter (a factor of three values, filled in by the greedy search)', ['IsProd: !Equals [!Ref Env, prod]', 'IsDev: !Equals [!Ref Env, dev]']],
    ];
    for (const [what, related] of table) {
      it(what, () => {
        const text = template(related).replace('Parameters:\n', 'Parameters:\n  Q: {Type: String}\n  Env: {Type: String}\n');
        const line = lineOf(text, '!If [C5, !If [C7');
        const when = 'When conditions C5 is true and C7 is false';
        assert.deepEqual(lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`), [`RG101@${line} ${when}`, `RG201@${line} ${when}`]);
      });
    }
  });
});
