/**
 * Quick fixes never edit text more than one statement reads: a YAML anchor an alias or merge key reads
 * again, a Terraform `dynamic "statement"`'s content or a CloudFormation `Fn::ForEach` fragment read once per
 * value. The edit would change every reader, and one right for the finding's statement may widen another's.
 */
import assert from 'node:assert/strict';
import { loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { applyFix, lintFiles, lintText } from '../../../../../src/core/lint/linter';

const PREFERRED_RG207 = 'Use StringEqualsIfExists';
/** Each RG207 finding as `line: its fixes' titles`. */
const rg207 = (findings: ReturnType<typeof lintText>) => findings.filter((f) => f.ruleId === 'RG207').map((f) => `${f.line}: ${f.fixes.map((fix) => fix.title).join(', ')}`);

const managedPolicy = (statements: string[]) =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Pol:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    ...statements,
    '',
  ].join('\n');

const PLATFORM_READS = ['          - Effect: Allow', '            Action: s3:GetObject', '            Resource: "*"'];

describe('fixes of text more than one statement reads', () => {
  it('offers none in a YAML anchor a merge key reads again: renaming it would drop the team condition of the other statement', () => {
    const merged = managedPolicy([
      ...PLATFORM_READS,
      '            Condition: &platform',
      '              ForAllValues:StringEquals:',
      '                aws:PrincipalTag/team: [platform]',
      '          - Effect: Allow',
      '            Action: s3:PutObject',
      '            Resource: "*"',
      '            Condition:',
      '              <<: *platform',
      '              StringEqualsIfExists:',
      '                aws:RequestedRegion: [eu-west-1]',
    ]);
    // The statement that merges it has its own finding, at the merge key, with no fix either.
    assert.deepEqual(rg207(lintText({ path: 't.yaml', text: merged })), ['13: ', '19: ']);
    // Nor in one an alias reads; an anchor nothing reads is the statement's own.
    const aliased = managedPolicy([...PLATFORM_READS, '            Condition: &platform', '              ForAllValues:StringEquals:', '                aws:PrincipalTag/team: [platform]', '          - {Effect: Allow, Action: s3:PutObject, Resource: "*", Condition: *platform}']);
    assert.deepEqual(rg207(lintText({ path: 't.yaml', text: aliased })), ['13: ', '15: ']);
    const unread = managedPolicy([...PLATFORM_READS, '            Condition: &platform', '              ForAllValues:StringEquals:', '                aws:PrincipalTag/team: [platform]']);
    assert.match(rg207(lintText({ path: 't.yaml', text: unread }))[0], new RegExp(`^13: ${PREFERRED_RG207}`));
  });

  it('offers none in an Fn::ForEach fragment read for two values: the aws:TagKeys copy would be widened', () => {
    const template = (keys: string) =>
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        '  Fn::ForEach::Keys:',
        '    - K',
        `    - ${keys}`,
        '    - "Policy&{K}":',
        '        Type: AWS::IAM::ManagedPolicy',
        '        Properties:',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: ec2:CreateTags',
        '                Resource: "*"',
        '                Condition:',
        '                  ForAllValues:StringEquals:',
        '                    "${K}": [platform, CostCenter, Owner]',
        '',
      ].join('\n');
    assert.deepEqual(rg207(lintText({ path: 't.yaml', text: template('["aws:PrincipalTag/team", "aws:TagKeys"]') })), ['17: ']);
    // Read for one value, the fragment is that resource's own.
    assert.match(rg207(lintText({ path: 't.yaml', text: template('["aws:PrincipalTag/team"]') }))[0], new RegExp(`^17: ${PREFERRED_RG207}`));
  });

  it('offers none in a dynamic "statement" content read for two values: the aws:TagKeys statement would be widened', async () => {
    const hcl = await loadHclParser();
    const policy = (forEach: string) =>
      [
        'data "aws_iam_policy_document" "tags" {',
        '  dynamic "statement" {',
        `    for_each = ${forEach}`,
        '    content {',
        '      effect    = "Allow"',
        '      actions   = ["ec2:CreateTags"]',
        '      resources = ["*"]',
        '      condition {',
        '        test     = "ForAllValues:StringEquals"',
        '        variable = statement.value',
        '        values   = ["platform", "CostCenter", "Owner"]',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
    const lint = (text: string) => rg207(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings);
    assert.deepEqual(lint(policy('["aws:PrincipalTag/team", "aws:TagKeys"]')), ['9: ']);
    assert.match(lint(policy('["aws:PrincipalTag/team"]'))[0], new RegExp(`^9: ${PREFERRED_RG207}`));
  });

  describe('a key added after an alias the statement ends with, not inside it (the text went between "Resource" and ": *all")', () => {
    /** The text with the finding's first fix applied, checked to lint clean again (valid YAML, the finding gone). */
    const fixedClean = (text: string, ruleId: string) => {
      const finding = lintText({ path: 't.yaml', text }).find((f) => f.ruleId === ruleId);
      assert.ok(finding?.fixes[0], `a ${ruleId} fix`);
      const fixed = applyFix(text, finding.fixes[0]);
      assert.deepEqual(lintText({ path: 't.yaml', text: fixed }).map((f) => f.ruleId), []);
      return fixed;
    };
    const AUDIT_ONLY = '{ "ArnEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"] } }';

    it('in a block map', () => {
      const head = ['          - Effect: Allow', '            Action: s3:GetObject', '            Resource: &everything "*"', '          - Effect: Allow', '            Action: sts:AssumeRoot'];
      const fixed = fixedClean(managedPolicy([...head, '            Resource: *everything']), 'RG101');
      assert.equal(fixed, managedPolicy([...head, '            Resource: *everything', '            Condition:', '              ArnEquals:', '                sts:TaskPolicyArn:', '                  - arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials']));
    });

    it('in a flow map', () => {
      const head = '          - {Effect: Allow, Action: s3:GetObject, Resource: &all "*"}';
      const fixed = fixedClean(managedPolicy([head, '          - {Effect: Allow, Action: sts:AssumeRoot, Resource: *all}']), 'RG101');
      assert.equal(fixed, managedPolicy([head, `          - {Effect: Allow, Action: sts:AssumeRoot, Resource: *all, Condition: ${AUDIT_ONLY}}`]));
    });

    it("in an SCP's Condition whose ArnLike is an alias: the finding is the aliasing statement's, on its line", () => {
      const scp = (second: string[]) =>
        [
          'Resources:',
          '  Guard:',
          '    Type: AWS::Organizations::Policy',
          '    Properties:',
          '      Name: guard',
          '      Type: SERVICE_CONTROL_POLICY',
          '      Content:',
          '        Version: "2012-10-17"',
          '        Statement:',
          '          - Effect: Deny',
          '            Action: "*"',
          '            Resource: "*"',
          '            Condition:',
          '              ArnLike: &root',
          '                aws:PrincipalArn: arn:aws:iam::*:root',
          '              "Null":',
          '                aws:AssumedRoot: "true"',
          '          - Effect: Deny',
          '            Action: iam:*',
          '            Resource: "*"',
          '            Condition:',
          '              ArnLike: *root',
          ...second,
          '',
        ].join('\n');
      const text = scp([]);
      // It was reported at the anchor, line 15, inside the first statement, which exempts root sessions.
      assert.deepEqual(lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}`), ['RG107@22']);
      assert.equal(fixedClean(text, 'RG107'), scp(['              "Null":', '                aws:AssumedRoot: "true"']));
    });
  });
});
