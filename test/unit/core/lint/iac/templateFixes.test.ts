/**
 * Quick fixes that move a condition key in a template. One computed on one side of its `Fn::If`s edits
 * what the file writes, so every side at once, and must not change what another side reads beyond its own
 * finding; and the edits of one fix must not overlap, or an editor refuses them.
 */
import assert from 'node:assert/strict';
import { loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { applyFix, lintFiles, lintText } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { assertEditsApart } from '../fixEdits';
import { fixture } from './fixtures';

const TAG_GUARD_HEAD =
  'Parameters:\n  Env: {Type: String, AllowedValues: [prod, dev]}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  TagGuard:\n' +
  '    Type: AWS::Organizations::Policy\n    Properties:\n      Name: tag-guard\n      Type: SERVICE_CONTROL_POLICY\n      TargetIds: [r-abcd]\n' +
  '      Content:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Deny\n            Action: ec2:CreateTags\n            Resource: "*"\n' +
  '            Condition:\n';

/** An SCP denying ec2:CreateTags under `condition` (lines at 14 spaces, the Condition's members). */
const tagGuard = (condition: string) => `${TAG_GUARD_HEAD}${condition}`;

const findingsOf = (text: string, ruleId: string): Finding[] => lintText({ path: 't.yaml', text }).filter((f) => f.ruleId === ruleId);

describe('quick fixes of a template read on each side of its Fn::If', () => {
  it('moves the key out of a block every side holds another key in, never renaming the block', () => {
    const text = tagGuard(
      '              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: platform\n                aws:ResourceTag/team: platform\n' +
        '                aws:TagKeys: !If [IsProd, [CostCenter, Owner], !Ref AWS::NoValue]\n',
    );
    const findings = findingsOf(text, 'RG207').filter((f) => f.message.includes('aws:PrincipalTag/team'));
    assert.equal(findings.length, 1);
    const fixed = tagGuard(
      '              ForAnyValue:StringEquals:\n                aws:ResourceTag/team: platform\n                aws:TagKeys: !If [IsProd, [CostCenter, Owner], !Ref AWS::NoValue]\n' +
        '              StringEquals:\n                aws:PrincipalTag/team: platform\n',
    );
    for (const finding of findings) assert.equal(applyFix(text, finding.fixes[0]), fixed, finding.message);
  });

  it('moves no key out of a block another side would leave empty (the other key written under Fn::If with AWS::NoValue)', () => {
    const text = tagGuard(
      '              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: platform\n' +
        '                aws:TagKeys: !If [IsProd, [CostCenter, Owner], !Ref AWS::NoValue]\n',
    );
    const findings = findingsOf(text, 'RG207');
    assert.deepEqual(
      findings.map((f) => f.message.split(':')[0]),
      ['When condition IsProd is false', 'When condition IsProd is true'],
    );
    // Moving aws:PrincipalTag/team out had written `ForAnyValue:StringEquals: {}` when IsProd is false.
    assert.deepEqual(findings.map((f) => f.fixes), [[], []]);
  });

  it('offers no fix for a block an Fn::If chooses: another side may hold more in it', () => {
    const text = tagGuard(
      '              ForAnyValue:StringEquals: !If\n                - IsProd\n                - {aws:PrincipalTag/team: platform, aws:TagKeys: [CostCenter]}\n' +
        '                - {aws:PrincipalTag/team: platform}\n',
    );
    const findings = findingsOf(text, 'RG207');
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.map((f) => f.fixes), [[], []]);
  });

  it('moves no value an Fn::If chooses: its other side would be lost', () => {
    const text = tagGuard(
      '              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: !If [IsProd, platform, ops]\n                aws:TagKeys: [CostCenter]\n',
    );
    const findings = findingsOf(text, 'RG207');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});

describe("RG107's exemption in a template", () => {
  it('is not preferred for a deny that spares the audit task only: the fix that spares it alone adds a statement, which a template\'s writers do not', () => {
    const text =
      'Resources:\n  Guard:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: guard\n      Type: SERVICE_CONTROL_POLICY\n      TargetIds: [r-abcd]\n' +
      '      Content:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Deny\n            Action: "*"\n            Resource: "*"\n            Condition:\n' +
      '              ArnLike: {aws:PrincipalArn: "arn:aws:iam::*:root"}\n' +
      '              StringNotEquals: {sts:TaskPolicyArn: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"}\n';
    const [finding] = findingsOf(text, 'RG107');
    assert.deepEqual(
      finding.fixes.map((f) => [f.title, f.preferred === true]),
      [['Exempt root sessions: add "Null": {"aws:AssumedRoot": "true"} (lets every task\'s root sessions through, not only IAMAuditRootUserCredentials)', false]],
    );
  });
});

describe('moving a key in YAML', () => {
  const region = (condition: string) => tagGuard(condition).replace('Action: ec2:CreateTags', 'NotAction: "iam:*"');

  const lastKeyMoved = (eol: string) => {
    const text = region('              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: platform\n                aws:RequestedRegion: eu-west-1\n').replace(/\n/g, eol);
    const [finding] = findingsOf(text, 'RG207').filter((f) => f.message.includes('aws:RequestedRegion'));
    assertEditsApart(finding.fixes[0]);
    return applyFix(text, finding.fixes[0]);
  };

  it('moves the last key of the last block with edits that do not overlap', () => {
    assert.equal(
      lastKeyMoved('\n'),
      region('              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: platform\n              StringEquals:\n                aws:RequestedRegion: eu-west-1\n'),
    );
  });

  it('moves the last key of the last block with edits that do not overlap, in a file with CRLF line ends, written with CRLF', () => {
    assert.equal(
      lastKeyMoved('\r\n'),
      region('              ForAnyValue:StringEquals:\n                aws:PrincipalTag/team: platform\n              StringEquals:\n                aws:RequestedRegion: eu-west-1\n').replace(/\n/g, '\r\n'),
    );
  });

  it('moves the first key of a block, its line and no other', () => {
    const text = region('              ForAnyValue:StringEquals:\n                aws:RequestedRegion: eu-west-1 # home\n                aws:TagKeys: [team]\n');
    const [finding] = findingsOf(text, 'RG207');
    assertEditsApart(finding.fixes[0]);
    assert.equal(
      applyFix(text, finding.fixes[0]),
      region('              ForAnyValue:StringEquals:\n                aws:TagKeys: [team]\n              StringEquals:\n                aws:RequestedRegion: eu-west-1\n'),
    );
  });
});

describe('fixes in Terraform with CRLF line ends', () => {
  it('writes the exemption (RG107) and the condition block (RG101) with CRLF, no bare LF', async () => {
    const hcl = await loadHclParser();
    const file = fixture('terraform/main.tf');
    const text = file.text.replace(/\r?\n/g, '\r\n');
    const findings = lintFiles([{ path: file.path, text }], { hcl, interactiveFixes: true })[0].findings;
    const exemption = findings.find((f) => f.ruleId === 'RG107')?.fixes.find((f) => /Exempt root sessions/.test(f.title));
    const restriction = findings.find((f) => f.ruleId === 'RG101')?.interactiveFixes[0]?.build(['IAMAuditRootUserCredentials']);
    for (const fix of [exemption, restriction]) {
      assert.ok(fix);
      const fixed = applyFix(text, fix);
      assert.notEqual(fixed, text);
      assert.doesNotMatch(fixed, /[^\r]\n/, fix.title);
    }
  });
});
