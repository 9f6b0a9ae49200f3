import assert from 'node:assert/strict';
import { findDocuments } from '../../../../src/core/lint/documents';
import { detectFileType, unescapeJsonString } from '../../../../src/core/lint/embedded';
import { applyFix, lintText } from '../../../../src/core/lint/linter';
import type { Rule } from '../../../../src/core/lint/model';
import { parseJson, valueOf } from '../../../../src/core/lint/parse';

/** Flags every Action value that is exactly "s3:GetObject", with a fix that replaces it by a longer, quote-bearing text. */
const flagGetObject: Rule = {
  meta: { id: 'T100', name: 'flag', defaultSeverity: 'warning', description: 'test rule' },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        for (const action of statement.action?.values ?? []) {
          if (action.value !== 's3:GetObject') continue;
          const { node } = action;
          const edits = [{ start: node.offset, end: node.offset + node.length, text: '"s3:PutObject" /* "quoted" */' }];
          context.report({ document, node, message: 'GetObject', fixes: [{ title: 'put', edits }] });
        }
      }
    }
  },
};

const docs = (text: string, type: Parameters<typeof findDocuments>[2]) => findDocuments(text, parseJson(text).root, type);

describe('embedded documents', () => {
  describe('unescapeJsonString', () => {
    it('decodes every JSON escape and maps each unescaped code unit to its escape in the file', () => {
      const file = String.raw`"a\n\"b\\\/\u00e9\uD83D\uDE00z"`;
      const { text, offsets } = unescapeJsonString(file, parseJson(file).root!);
      assert.equal(text, 'a\n"b\\/é\u{1F600}z');
      assert.deepEqual([...offsets], [1, 2, 4, 6, 7, 9, 11, 17, 23, 29, 30]);
      assert.equal(text, parseJson(file).root!.value, 'agrees with the JSON parser');
    });

    it('keeps literal non-BMP characters one to one and survives a malformed escape', () => {
      const file = '"😀\\x"';
      const { text, offsets } = unescapeJsonString(file, parseJson(file).root!);
      assert.equal(text, '😀\\x');
      assert.deepEqual([...offsets], [1, 2, 3, 4, 5]);
    });
  });

  describe('permission sets', () => {
    const inline = JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: '*' }] }, null, 2));
    const permissionSet = `{\n  "Name": "Reader",\n  "ManagedPolicies": [],\n  "InlinePolicy": ${inline}\n}`;

    it('puts a finding inside an escaped InlinePolicy string on its line and column in the file', () => {
      const [finding] = lintText({ path: 'ps.json', text: permissionSet, type: 'permission-set' }, { rules: [flagGetObject] });
      const expectedOffset = permissionSet.indexOf('\\"s3:GetObject\\"');
      assert.equal(finding.range.start, expectedOffset);
      assert.equal(finding.range.end, expectedOffset + '\\"s3:GetObject\\"'.length);
      assert.deepEqual([finding.line, finding.column], [4, expectedOffset - permissionSet.lastIndexOf('\n', expectedOffset)]);
    });

    it('escapes a fix into the string so that the file still parses and the policy changed', () => {
      const [finding] = lintText({ path: 'ps.json', text: permissionSet, type: 'permission-set' }, { rules: [flagGetObject] });
      const fixed = applyFix(permissionSet, finding.fixes[0]);
      const parsed = parseJson(fixed);
      assert.deepEqual(parsed.errors, []);
      const inlineText = parsed.root!.children![2].children![1].value as string;
      const inlinePolicy = parseJson(inlineText);
      assert.deepEqual(inlinePolicy.errors, []);
      assert.deepEqual(JSON.parse(JSON.stringify(valueOf(inlinePolicy.root!))), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:PutObject'], Resource: '*' }] });
      assert.ok(inlineText.includes('"s3:PutObject" /* "quoted" */'));
      assert.deepEqual(lintText({ path: 'ps.json', text: fixed, type: 'permission-set' }, { rules: [flagGetObject] }), []);
    });

    it('reads InlinePolicy as an object, CustomPolicy as its pipeline alias, and no policy from empty values', () => {
      assert.equal(docs('{"InlinePolicy": {"Statement": []}}', 'permission-set')[0].origin, 'InlinePolicy');
      assert.equal(docs('{"CustomPolicy": {"Statement": []}}', 'permission-set')[0].sizeLimit?.limit, 10240);
      assert.deepEqual(docs('{"CustomPolicy": {}, "InlinePolicy": ""}', 'permission-set'), []);
      assert.deepEqual(docs('{"InlinePolicy": null}', 'permission-set'), []);
    });
  });

  describe('CloudFormation templates', () => {
    const template = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Scp: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: { Statement: [] } } },
          Rcp: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'RESOURCE_CONTROL_POLICY', Content: '{"Statement": []}' } },
          Tags: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'TAG_POLICY', Content: { tags: {} } } },
          Ps: { Type: 'AWS::SSO::PermissionSet', Properties: { InlinePolicy: { Statement: [] } } },
          Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [] } } },
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Statement: [] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [] } }, { PolicyDocument: { 'Fn::Sub': '{}' } }] },
          },
          Sub: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { 'Fn::Join': ['', ['{', '}']] } } },
          Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
          Broken: { Type: 42, Properties: [] },
        },
      },
      null,
      2,
    );

    it('finds each policy with its type, origin and size limit, skips tag policies and resolves intrinsic functions', () => {
      const found = docs(template, 'cloudformation').map((d) => [d.origin, d.type, d.sizeLimit?.limit]);
      assert.deepEqual(found, [
        ['Resources.Scp.Properties.Content', 'scp', 10240],
        ['Resources.Rcp.Properties.Content', 'rcp', 5120],
        ['Resources.Ps.Properties.InlinePolicy', 'identity', 10240],
        ['Resources.Managed.Properties.PolicyDocument', 'identity', 6144],
        ['Resources.Role.Properties.AssumeRolePolicyDocument', 'resource', undefined],
        ['Resources.Role.Properties.Policies[0].PolicyDocument', 'identity', undefined],
        ['Resources.Role.Properties.Policies[1].PolicyDocument', 'identity', undefined],
        ['Resources.Sub.Properties.PolicyDocument', 'identity', undefined],
      ]);
    });
  });

  describe('detectFileType', () => {
    const detect = (value: unknown) => detectFileType(parseJson(JSON.stringify(value)).root);
    it('tells templates, permission sets, identity and resource policies from other JSON', () => {
      assert.equal(detect({ AWSTemplateFormatVersion: '2010-09-09' }), 'cloudformation');
      assert.equal(detect({ Resources: { X: { Type: 'AWS::IAM::Policy' } } }), 'cloudformation');
      assert.equal(detect({ Name: 'x', ManagedPolicies: [] }), 'permission-set');
      assert.equal(detect({ InlinePolicy: '{}' }), 'permission-set');
      assert.equal(detect({ Statement: [{ Effect: 'Allow' }] }), 'identity');
      assert.equal(detect({ Statement: [{ Effect: 'Allow', Principal: '*' }] }), 'resource');
      assert.equal(detect({ PolicyVersion: { Document: { Statement: [] } } }), 'identity');
      assert.equal(detect({ name: 'rootguard', version: '1.0.0' }), undefined);
      assert.equal(detect({ Resources: { X: { Type: 'Custom::Thing' } } }), undefined);
      assert.equal(detect([{ Statement: [] }]), undefined);
    });

    it('skips a file detected as no policy and lints one that is', () => {
      const rule = flagGetObject;
      const policy = '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
      assert.equal(lintText({ path: 'p.json', text: policy }, { rules: [rule] }).length, 1);
      assert.deepEqual(lintText({ path: 'package.json', text: '{"name": "x"}' }, { rules: [rule] }), []);
    });

    it('unwraps a saved get-policy-version answer', () => {
      const wrapped = '{"PolicyVersion": {"Document": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}';
      const [finding] = lintText({ path: 'AmazonS3ReadOnlyAccess', text: wrapped }, { rules: [flagGetObject] });
      assert.equal(finding.column, wrapped.indexOf('"s3:GetObject"') + 1);
    });
  });
});
