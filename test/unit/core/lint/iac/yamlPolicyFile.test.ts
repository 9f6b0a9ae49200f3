/**
 * A YAML file whose top level has `Statement` is a policy document, as the AWS CLI and policy repositories
 * keep them in YAML too: it was skipped as "not a policy (give --type to lint it anyway)", and `--type scp`
 * was then refused ("A YAML file is read as a CloudFormation template only"), the run exiting 0.
 */
import assert from 'node:assert/strict';
import { applyFix, lintFiles, lintText } from '../../../../../src/core/lint/linter';

const DENY_ROOT = [
  "Version: '2012-10-17'",
  'Statement:',
  '  - Effect: Deny',
  "    Action: '*'",
  "    Resource: '*'",
  '    Condition:',
  '      ArnLike:',
  '        aws:PrincipalArn: arn:aws:iam::*:root',
  '',
].join('\n');

const described = (path: string, text: string, type?: 'scp' | 'permission-set') => {
  const [result] = lintFiles([{ path, text, type }]);
  return { type: result.type, findings: result.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`), nothingChecked: result.nothingChecked };
};

describe('a YAML policy document', () => {
  it('is linted when its top level has Statement: an identity policy, or a resource policy when it names a Principal', () => {
    // As a JSON file: an SCP's checks (RG107) wait for its type, which the CLI says to give (scp/ folder).
    assert.deepEqual(described('scp/deny-root.yaml', DENY_ROOT), { type: 'identity', findings: [], nothingChecked: undefined });
    const bucket = ['Statement:', '  Effect: Allow', '  Principal: "*"', '  Action: s3:GetObject', '  Resource: arn:aws:s3:::b/*', ''].join('\n');
    assert.deepEqual(described('bucket.yml', bucket), { type: 'resource', findings: ['RG003@1:1', 'RG208@3:14'], nothingChecked: undefined });
  });

  it('is linted as the type given, with fixes written in YAML that lint clean again', () => {
    assert.deepEqual(described('deny-root.yaml', DENY_ROOT, 'scp'), { type: 'scp', findings: ['RG107@8:9'], nothingChecked: undefined });
    const [finding] = lintText({ path: 'deny-root.yaml', text: DENY_ROOT, type: 'scp' });
    const fixed = applyFix(DENY_ROOT, finding.fixes[0]);
    assert.equal(fixed, `${DENY_ROOT}      "Null":\n        aws:AssumedRoot: "true"\n`);
    assert.deepEqual(lintText({ path: 'deny-root.yaml', text: fixed, type: 'scp' }), []);
  });

  it('RG107: a Deny sparing the audit task gets the narrow fix, a Deny of the other tasks\' calls written as a YAML statement', () => {
    const auditOnly = `${DENY_ROOT}      StringNotEquals:\n        sts:TaskPolicyArn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials\n`;
    const [finding] = lintText({ path: 'audit-only.yaml', text: auditOnly, type: 'scp' });
    assert.deepEqual(
      finding.fixes.map((f) => [f.title.split(':')[0], f.preferred === true]),
      [
        ['Exempt only IAMAuditRootUserCredentials root sessions', true],
        ['Exempt root sessions', false],
      ],
    );
    const fixed = applyFix(auditOnly, finding.fixes[0]);
    // The exemption in the statement, the new Deny after it, for root sessions only.
    assert.ok(fixed.startsWith(`${auditOnly}      "Null":\n        aws:AssumedRoot: "true"\n  - Effect: Deny\n    Action:\n      - iam:CreateLoginProfile\n`), fixed);
    assert.ok(fixed.endsWith(`    Condition:\n      ArnLike:\n        aws:PrincipalArn: arn:aws:iam::*:root\n      Bool:\n        aws:AssumedRoot: "true"\n`), fixed);
    assert.deepEqual(lintText({ path: 'audit-only.yaml', text: fixed, type: 'scp' }), []);
    // In a flow sequence, the new statement is written in flow style after the other.
    const flow = `Version: "2012-10-17"\nStatement: [{Effect: Deny, Action: "*", Resource: "*", Condition: {ArnLike: {aws:PrincipalArn: "arn:aws:iam::*:root"}, StringNotEquals: {sts:TaskPolicyArn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials}}}]\n`;
    const [flowFinding] = lintText({ path: 'flow.yaml', text: flow, type: 'scp' });
    const flowFixed = applyFix(flow, flowFinding.fixes[0]);
    assert.match(flowFixed, /"Null": \{ "aws:AssumedRoot": "true" \}\}\}, \{ "Effect": "Deny", "Action": \["iam:CreateLoginProfile", /);
    assert.deepEqual(lintText({ path: 'flow.yaml', text: flowFixed, type: 'scp' }), []);
  });

  it('that does not parse is reported (RG001), not skipped', () => {
    const broken = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject\n";
    assert.deepEqual(described('broken.yaml', broken).findings.map((f) => f.split('@')[0]), ['RG001']);
  });

  it('of more than one YAML document is reported as a policy document, not a template', () => {
    const [finding, ...more] = lintText({ path: 'multi.yaml', text: `${DENY_ROOT}---\n${DENY_ROOT}` });
    assert.deepEqual([finding.ruleId, finding.line, more.length], ['RG001', 9, 0]);
    assert.match(finding.message, /the file holds more than one YAML document \(---\), and a policy document is one\. /);
  });

  it('is not made of other YAML, and a type that is no policy type says it does not apply', () => {
    assert.deepEqual(described('pod.yaml', 'apiVersion: v1\nkind: Pod\n'), { type: undefined, findings: [], nothingChecked: undefined });
    assert.deepEqual(described('deny-root.yaml', DENY_ROOT, 'permission-set').nothingChecked, [
      'A YAML file is read as a CloudFormation template or a policy document; --type permission-set does not apply to it.',
    ]);
  });
});
