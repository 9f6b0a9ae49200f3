import assert from 'node:assert/strict';
import { applyFix, lintFiles, lintText } from '../../../../src/core/lint/linter';
import type { Rule } from '../../../../src/core/lint/model';

// A rule made up for the test: flags every Allow statement, with a fix that turns it into a Deny.
const flagAllow: Rule = {
  meta: { id: 'T001', name: 'flag-allow', defaultSeverity: 'warning', description: 'test rule' },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        if (statement.effect?.value !== 'Allow') continue;
        const node = statement.effect.node;
        context.report({
          document,
          node,
          message: 'an Allow',
          fixes: [{ title: 'make it Deny', edits: [{ start: node.offset, end: node.offset + node.length, text: '"Deny"' }] }],
        });
      }
    }
  },
};

const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Deny", "Action": "*", "Resource": "*" },
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }
  ]
}`;

describe('linter', () => {
  it('reports 1-based positions of the offending node', () => {
    const [finding] = lintText({ path: 'p.json', text: policy, type: 'identity' }, { rules: [flagAllow] });
    assert.equal(finding.ruleId, 'T001');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [5, 17, 5, 24]);
  });

  it('the rules that interpret statements skip a statement AWS rejects (RG002 reports it), and read the others', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Both", "Effect": "Allow", "Action": "sts:AssumeRoot", "NotAction": "s3:GetObject", "Resource": "*" },
    { "Sid": "NoResource", "Effect": "Allow", "Action": "sts:AssumeRoot" },
    { "Sid": "Unknown", "Effect": "Allow", "Action": "*", "Resource": "*", "Bogus": 1 },
    { "Sid": "Valid", "Effect": "Allow", "Action": "iam:*", "Resource": "*" }
  ]
}`;
    const findings = lintText({ path: 'p.json', text, type: 'identity' }).map((f) => `${f.ruleId}@${f.line}`);
    assert.deepEqual(findings, ['RG002@4', 'RG002@5', 'RG002@6', 'RG202@7']);
    // Nor does the engine's reading of the policy count it: a rejected Deny narrows no grant.
    const narrowed = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Grant", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" },
    { "Sid": "Narrow", "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Conditions": {} }
  ]
}`;
    assert.deepEqual(lintText({ path: 'p.json', text: narrowed, type: 'identity' }).map((f) => `${f.ruleId}@${f.line}`), ['RG101@4', 'RG002@5']);
    // A principal element, which IAM rejects in an identity policy (RG008), is a rejection too.
    const withPrincipal = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Grant", "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRoot", "Resource": "*" },
    { "Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*" }
  ]
}`;
    assert.deepEqual(lintText({ path: 'p.json', text: withPrincipal, type: 'identity' }).map((f) => `${f.ruleId}@${f.line}`), ['RG008@4', 'RG202@5']);
  });

  it('applies fixes in file offsets', () => {
    const [finding] = lintText({ path: 'p.json', text: policy, type: 'identity' }, { rules: [flagAllow] });
    const fixed = applyFix(policy, finding.fixes[0]);
    assert.equal(lintText({ path: 'p.json', text: fixed, type: 'identity' }, { rules: [flagAllow] }).length, 0);
  });

  it('honours severity overrides and off', () => {
    const input = { path: 'p.json', text: policy, type: 'identity' as const };
    assert.equal(lintText(input, { rules: [flagAllow], severities: { T001: 'error' } })[0].severity, 'error');
    assert.equal(lintText(input, { rules: [flagAllow], severities: { T001: 'off' } }).length, 0);
  });

  it('keeps results per file in a run', () => {
    const results = lintFiles(
      [
        { path: 'a.json', text: policy, type: 'identity' },
        { path: 'b.json', text: '{"Statement": []}', type: 'identity' },
      ],
      { rules: [flagAllow] },
    );
    assert.deepEqual(results.map((r) => [r.path, r.findings.length]), [['a.json', 1], ['b.json', 0]]);
  });

  it('leaves out the fixes that ask for a choice when told to (the CLI), keeping the others', () => {
    const grant = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*"}]}';
    const titles = (interactiveFixes?: boolean) => {
      const [finding] = lintText({ path: 'p.json', text: grant }, { interactiveFixes }).filter((f) => f.ruleId === 'RG101');
      return [finding.fixes.length > 0, finding.interactiveFixes.map((fix) => fix.title)];
    };
    assert.deepEqual(titles(), [true, ['Restrict sts:TaskPolicyArn to chosen task policies...']]);
    assert.deepEqual(titles(false), [true, []]);
  });
});
