/**
 * Generative robustness: whatever the input (random JSON, policy-shaped nonsense, real policies cut up
 * and mutated, wrapped in permission sets and templates, absurd nesting and sizes), every rule runs, no
 * exception escapes, and every finding has a sane range, position and message.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { applyFix, lintText } from '../../../../src/core/lint/linter';
import { FILE_TYPES, type FileType, type Finding } from '../../../../src/core/lint/model';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/policies');
const REAL_POLICIES = fs
  .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .map((name) => path.join(FIXTURES, name))
  .filter((file) => fs.statSync(file).isFile() && !file.endsWith('.tsv'))
  .map((file) => fs.readFileSync(file, 'utf8'));

const TYPES: ReadonlyArray<FileType | undefined> = [...FILE_TYPES, undefined];

/** Lints as one type and checks every finding; returns them for further checks. */
function lintChecked(text: string, type: FileType | undefined): Finding[] {
  const findings = lintText({ path: 'fuzz.json', text, type });
  for (const f of findings) {
    const where = `${f.ruleId} ${JSON.stringify(f.range)} in ${text.length} chars`;
    assert.ok(Number.isInteger(f.range.start) && f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, where);
    assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)), where);
    assert.ok(f.message.length > 0 && /^RG\d{3}$/.test(f.ruleId), where);
    for (const fix of f.fixes) for (const edit of fix.edits) assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${where}: fix ${fix.title}`);
  }
  return findings;
}

function lintAsEveryType(text: string): void {
  for (const type of TYPES) lintChecked(text, type);
}

/** Unusual text: astral characters, lone surrogates, controls, RTL marks, BOMs, escapes and quotes. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\uD800', '\uDC00', '\u0000', '\u202E', '\uFEFF', '😀', '\\u', '\\uD83D', '"', '\\', '${aws:username}', 'ﬀ', 'İ', '\r\n'),
);

const ELEMENTS = ['Version', 'Id', 'Statement', 'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const OPERATORS = ['StringEquals', 'ForAnyValue:StringLike', 'BoolIfExists', 'Null', 'NumericLessThan', 'DateGreaterThan', 'ArnLike', 'Nul', 'stringequals'];
const VALUES = ['Allow', 'Deny', '*', 's3:GetObject', 'sts:AssumeRoot', 'sts:*', 'iam:Create*', 'arn:aws:iam::*:root', 'true', '2012-10-17', 'aws:AssumedRoot', 'sts:TaskPolicyArn', 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword'];

/** Policy-shaped values: the right names with values of every type, so that rules see every odd shape. */
const policyLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VALUES),
    oddString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...ELEMENTS, ...OPERATORS, ...VALUES), oddString), tie('value'), { maxKeys: 5 }),
  ),
}));
const statementLike = fc.dictionary(fc.constantFrom(...ELEMENTS, ...OPERATORS), policyLike.value, { maxKeys: 8 });
const policyDocument = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 5), Statement: fc.oneof(fc.array(statementLike, { maxLength: 4 }), statementLike) }, { requiredKeys: [] });

/** Cuts, insertions and swaps at random places of a text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(oddString, fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '/*', '//', '\n')) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 60 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
  }
}

/** The same policy text as a permission set's inline string and as a CloudFormation SCP's Content. */
function wrappings(policyText: string): string[] {
  return [
    JSON.stringify({ Name: 'fuzz', InlinePolicy: policyText }),
    JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: policyText } } } }),
  ];
}

describe('linter fuzzing (no exception, sane findings)', function () {
  // The bound only catches a hang: these tests are CPU-bound (about 5 s each on an idle core) and take
  // several times longer on a loaded 2-core machine, where a tighter bound failed a green run.
  this.timeout(300_000);

  it('has real policies to mutate', () => assert.ok(REAL_POLICIES.length >= 15, `${REAL_POLICIES.length} fixtures`));

  it('random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => lintAsEveryType(JSON.stringify(value))), { numRuns: 300 });
  });

  it('policy-shaped values, alone, in permission sets and in templates', () => {
    fc.assert(
      fc.property(policyDocument, (doc) => {
        const text = JSON.stringify(doc, null, 2);
        lintAsEveryType(text);
        for (const wrapped of wrappings(text)) lintChecked(wrapped, undefined);
        lintChecked(JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc, Policies: [{ PolicyDocument: doc }] } } } }), 'cloudformation');
      }),
      { numRuns: 700 },
    );
  });

  it('mutated real policies, also inside escaped strings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL_POLICIES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (original, mutations) => {
        const text = mutations.reduce(mutate, original);
        lintAsEveryType(text);
        for (const wrapped of wrappings(text)) lintChecked(wrapped, undefined);
        // Mutating the escaped form breaks escapes themselves (a lone backslash, half a \u sequence).
        lintChecked(mutations.reduce(mutate, wrappings(original)[0]), 'permission-set');
      }),
      { numRuns: 600 },
    );
  });

  it('fixes applied to mutated policies leave text the linter still reads', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL_POLICIES), mutation, (original, m) => {
        for (const text of [mutate(original, m), wrappings(mutate(original, m))[0]]) {
          for (const finding of lintChecked(text, undefined)) for (const fix of finding.fixes) lintChecked(applyFix(text, fix), undefined);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('deep nesting (10,000 levels) gives a finding, not a stack overflow', () => {
    const deepFiles = [
      `{"Statement": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      `{"Statement": [{"Effect": "Deny", "Action": "*", "Condition": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`,
    ];
    const reportsNesting = (findings: Finding[]) => findings.some((f) => f.ruleId === 'RG001' && /nesting deeper/.test(f.message));
    for (const text of deepFiles) for (const type of TYPES) assert.ok(reportsNesting(lintChecked(text, type)), String(type));
    // Deep, but within the parser's reach: every rule walks it without overflowing either.
    lintAsEveryType(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": ${'['.repeat(3000)}${']'.repeat(3000)}}]}`);
    lintAsEveryType(JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: JSON.parse(`{"Statement": ${'['.repeat(3000)}${']'.repeat(3000)}}`) } } } }));
    // Deep inside an escaped string: only read as a policy when the file is a permission set.
    const deepInline = JSON.stringify({ InlinePolicy: `{"Statement": ${'['.repeat(10_000)}` });
    for (const type of ['permission-set', undefined] as const) assert.ok(reportsNesting(lintChecked(deepInline, type)), String(type));
    lintAsEveryType(deepInline);
  });

  it('huge strings and files', () => {
    // 200,000 characters: 40 times the largest policy AWS accepts, and past V8's limit on regular expressions.
    const bigString = 'x'.repeat(200_000);
    lintAsEveryType(`{"Statement": [{"Effect": "Allow", "Action": "${bigString}", "Resource": "*"}]}`);
    lintAsEveryType(JSON.stringify({ InlinePolicy: JSON.stringify({ Statement: { Sid: bigString } }) }));
    const manyStatements = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 5000 }, (_, i) => ({ Sid: `S${i % 50}`, Effect: 'Deny', Action: ['s3:GetObject', 'iam:*'], Resource: '*' })) });
    const findings = lintChecked(manyStatements, 'scp');
    assert.ok(findings.some((f) => f.ruleId === 'RG007') && findings.some((f) => f.ruleId === 'RG004'));
  });

  it('truncated text at every length of a real permission set', () => {
    const text = wrappings(REAL_POLICIES.reduce((a, b) => (a.length <= b.length ? a : b)))[0];
    for (let length = 0; length <= text.length; length++) lintChecked(text.slice(0, length), undefined);
  });
});
