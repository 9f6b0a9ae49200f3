import assert from 'node:assert/strict';
import { findDocuments } from '../../../../../src/core/lint/documents';
import { readYamlTemplate } from '../../../../../src/core/lint/iac/yamlTemplate';
import { UNKNOWN_PART } from '../../../../../src/core/policy';
import { lintText } from '../../../../../src/core/lint/linter';
import { HOSTILE_INPUTS } from '../../../../../bench/hostileInputs';
import { parseJson, valueOf } from '../../../../../src/core/lint/parse';
import { lineOf, ruleLines } from './fixtures';

const U = UNKNOWN_PART;

/** A template with one managed policy, P, whose PolicyDocument holds `documentLines` (line 6 is the first). */
function managedPolicyTemplate(...documentLines: string[]): string {
  return ['Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', ...documentLines.map((line) => `        ${line}`), ''].join('\n');
}

/** The Resource values of a managed policy's first statement, written in YAML with `resource` as its value. */
function resolvedResources(resource: string): unknown[] {
  const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: ${resource}\n`;
  const { documents, unchecked } = readYamlTemplate(text, undefined);
  assert.deepEqual(unchecked, []);
  return documents.map((d) => (valueOf(d.root) as { Statement: Array<{ Resource: unknown }> }).Statement[0]?.Resource);
}

describe('CloudFormation intrinsic functions, resolved symbolically', () => {
  it('Fn::Sub: pseudo parameters and parameters become unknown parts, IAM policy variables and ${!Literal} stay', () => {
    assert.deepEqual(resolvedResources('!Sub arn:${AWS::Partition}:iam::*:root'), [`arn:${U}:iam::*:root`]);
    assert.deepEqual(resolvedResources('!Sub arn:${AWS::Partition}:s3:::${Bucket}/${aws:username}/*'), [`arn:${U}:s3:::${U}/\${aws:username}/*`]);
    assert.deepEqual(resolvedResources('!Sub arn:aws:s3:::b/${!Literal}'), ['arn:aws:s3:::b/${Literal}']);
    assert.deepEqual(resolvedResources("!Sub 'arn:aws:s3:::home/${!aws:username}/*'"), ['arn:aws:s3:::home/${aws:username}/*']);
    assert.deepEqual(resolvedResources('!Sub ["arn:aws:s3:::${Name}/*", {Name: logs}]'), ['arn:aws:s3:::logs/*']);
    assert.deepEqual(resolvedResources('!Sub ["arn:aws:s3:::${Name}/*", {Name: !Ref B}]'), [`arn:aws:s3:::${U}/*`]);
  });

  it('Fn::Join joins known and unknown parts; Ref, GetAtt and ImportValue are one unknown part', () => {
    assert.deepEqual(resolvedResources('!Join ["", ["arn:", !Ref "AWS::Partition", ":iam::", !GetAtt A.Id, ":root"]]'), [`arn:${U}:iam::${U}:root`]);
    assert.deepEqual(resolvedResources('!ImportValue shared-arn'), [U]);
  });

  it('Fn::Split splits a string known whole, each piece where it is written; a string with an unknown part is unknown', () => {
    assert.deepEqual(resolvedResources('!Split [",", "arn:aws:s3:::a,arn:aws:s3:::b"]'), [['arn:aws:s3:::a', 'arn:aws:s3:::b']]);
    assert.deepEqual(resolvedResources('{"Fn::Split": ["|", {"Fn::Join": ["|", ["arn:aws:s3:::a", "arn:aws:s3:::b"]]}]}'), [['arn:aws:s3:::a', 'arn:aws:s3:::b']]);
    assert.deepEqual(resolvedResources('!Split [",", !Sub "arn:aws:s3:::${Buckets}"]'), [U]);
    const text = managedPolicyTemplate('Version: "2012-10-17"', 'Statement:', '  - Effect: Allow', '    Action: !Split [",", "s3:GetObject,sts:AssumeRoot"]', '    Resource: "*"');
    const [finding] = lintText({ path: 't.yaml', text });
    assert.deepEqual([finding.ruleId, finding.line, text.slice(finding.range.start, finding.range.end)], ['RG101', 9, 'sts:AssumeRoot']);
  });

  it('Fn::Select of a known index in a known list is that item, findings where it is written; any other Select is unknown', () => {
    assert.deepEqual(resolvedResources('!Select [1, ["arn:aws:s3:::a", "arn:aws:s3:::b"]]'), ['arn:aws:s3:::b']);
    assert.deepEqual(resolvedResources('{"Fn::Select": ["0", {"Fn::Split": [",", "arn:aws:s3:::a,arn:aws:s3:::b"]}]}'), ['arn:aws:s3:::a']);
    assert.deepEqual(resolvedResources('!Select [!Ref Index, ["arn:aws:s3:::a", "arn:aws:s3:::b"]]'), [U]);
    assert.deepEqual(resolvedResources('!Select [2, ["arn:aws:s3:::a", "arn:aws:s3:::b"]]'), [U]);
    assert.deepEqual(resolvedResources('!Select [0, !GetAZs ""]'), [U]);
    // It was RG010, "known only at deployment": the Allow is full administrator access.
    const text = managedPolicyTemplate('Version: "2012-10-17"', 'Statement:', '  - Effect: Allow', '    Action: !Select [0, ["*", "s3:GetObject"]]', '    Resource: "*"');
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, text.slice(f.range.start, f.range.end), f.fixes.length]), [
      ['RG101', 9, '"*"', 0],
      ['RG201', 9, '"*"', 0],
    ]);
  });

  it('Fn::FindInMap with its keys written in place is the mapping\'s value, findings on the mapping; a key from a parameter is unknown', () => {
    const mappings = ['Mappings:', '  Tasks:', '    dev: {Arn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials}', '    typo: {Arn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredential}', ''];
    const template = (keys: string) =>
      mappings.join('\n') +
      managedPolicyTemplate('Version: "2012-10-17"', 'Statement:', '  - Effect: Allow', '    Action: sts:AssumeRoot', '    Resource: "*"', `    Condition: {ArnEquals: {sts:TaskPolicyArn: !FindInMap ${keys}}}`);
    // The read-only task: no finding (it had been RG101, "every task policy").
    assert.deepEqual(lintText({ path: 't.yaml', text: template('[Tasks, dev, Arn]') }), []);
    // A mistyped ARN in the mapping is reported where the mapping writes it.
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: template('[Tasks, typo, Arn]') })), ['RG103@4']);
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: template('[Tasks, !Ref Env, Arn]') })), ['RG101@13']);
  });

  it('a Ref to a parameter whose AllowedValues is one value is that value, reported at the Ref; of several, read as each', () => {
    const template = (allowed: string) =>
      [
        'Parameters:',
        `  RootPrincipal: {Type: String, AllowedValues: ${allowed}}`,
        'Resources:',
        '  DenyRoot:',
        '    Type: AWS::Organizations::Policy',
        '    Properties:',
        '      Type: SERVICE_CONTROL_POLICY',
        '      Content:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - {Effect: Deny, Action: "*", Resource: "*", Condition: {ArnLike: {aws:PrincipalArn: !Ref RootPrincipal}}}',
        '',
      ].join('\n');
    // It was clean: the only ARN a deployment can give denies every root session, central root access too.
    const [finding, ...more] = lintText({ path: 't.yaml', text: template('["arn:aws:iam::*:root"]') });
    assert.deepEqual([finding.ruleId, finding.line, more.length], ['RG107', 11, 0]);
    assert.ok(finding.message.startsWith('Denies the root principal (ArnLike "arn:aws:iam::*:root")'), finding.message);
    // It was clean too, read as any value: on the root ARN it denies root sessions, on the role's it does not.
    const [either, ...others] = lintText({ path: 't.yaml', text: template('["arn:aws:iam::*:role/admin", "arn:aws:iam::*:root"]') });
    assert.deepEqual([either.ruleId, either.line, either.column, others.length], ['RG107', 11, 78, 0]);
    const when = 'When condition !Equals [!Ref RootPrincipal, "arn:aws:iam::*:role/admin"] is false: ';
    assert.ok(either.message.startsWith(`${when}Denies the root principal (ArnLike "arn:aws:iam::*:root")`), either.message);
  });

  it("Fn::Sub reads a parameter of allowed values as each, at its ${Param}; the policy's own variable map goes first", () => {
    const template = (principal: string) =>
      [
        'Parameters:',
        '  Partition: {Type: String, AllowedValues: [aws, aws-us-gov]}',
        'Resources:',
        '  DenyRoot:',
        '    Type: AWS::Organizations::Policy',
        '    Properties:',
        '      Type: SERVICE_CONTROL_POLICY',
        '      Content:',
        '        Version: "2012-10-17"',
        '        Statement:',
        `          - {Effect: Deny, Action: "*", Resource: "*", Condition: {ArnLike: {aws:PrincipalArn: ${principal}}}}`,
        '',
      ].join('\n');
    // Each finding up to what it says of the exemption: the rest is RG107's usual text.
    const denials = (principal: string) => lintText({ path: 't.yaml', text: template(principal) }).map((f) => `${f.ruleId}@${f.line}:${f.column} ${f.message.split(' without ')[0]}`);
    assert.deepEqual(denials('!Sub "arn:${Partition}:iam::*:root"'), [
      'RG107@11:78 When condition !Equals [!Ref Partition, "aws"] is true: Denies the root principal (ArnLike "arn:aws:iam::*:root")',
      'RG107@11:78 When condition !Equals [!Ref Partition, "aws"] is false: Denies the root principal (ArnLike "arn:aws-us-gov:iam::*:root")',
    ]);
    assert.deepEqual(denials('!Sub ["arn:${Partition}:iam::*:root", {Partition: aws-cn}]'), ['RG107@11:78 Denies the root principal (ArnLike "arn:aws-cn:iam::*:root")']);
  });

  it("a Ref to an SSM-typed parameter stays unknown: its one AllowedValues entry is the SSM parameter's name, not the value", () => {
    const text = [
      'Parameters:',
      '  ActionParam: {Type: "AWS::SSM::Parameter::Value<String>", AllowedValues: [/org/policy/admin-action]}',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - {Effect: Allow, Action: !Ref ActionParam, Resource: "*"}',
      '',
    ].join('\n');
    const [finding, ...more] = lintText({ path: 't.yaml', text });
    assert.deepEqual([finding.ruleId, finding.line, more.length], ['RG010', 10, 0]);
    assert.ok(finding.message.startsWith("This statement's Action is given by !Ref ActionParam, known only at deployment"), finding.message);
  });

  it('short and long forms resolve alike', () => {
    assert.deepEqual(resolvedResources('{"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, "s3", "", "", "b"]]}'), resolvedResources('!Join [":", [arn, !Ref AWS::Partition, s3, "", "", b]]'));
    assert.deepEqual(resolvedResources('{"Fn::Sub": "arn:${AWS::Partition}:s3:::b"}'), resolvedResources('!Sub arn:${AWS::Partition}:s3:::b'));
  });

  it('Fn::If: both branches are linted, AWS::NoValue removes the item, findings shared by both are reported once', () => {
    assert.deepEqual(resolvedResources('!If [C, "arn:aws:s3:::a", "arn:aws:s3:::b"]'), ['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    const text = managedPolicyTemplate(
      'Version: "2012-10-17"',
      'Statement:',
      '  - Effect: Allow',
      '    Action: [s3:GetObjet, !If [C, iam:PassRol, !Ref AWS::NoValue]]',
      '    Resource: !If [C, "*", !Ref AWS::NoValue]',
    );
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`),
      ['RG002@8:13', 'RG009@9:22', 'RG009@9:43'],
      findings.map((f) => f.message).join('\n'),
    );
    // What one side alone has says which; what both have stands as it is.
    assert.deepEqual(
      findings.map((f) => f.message.split(':')[0]),
      ['When condition C is false', 'Action "s3', 'When condition C is true'],
    );
  });

  describe('Fn::If read per template condition', () => {
    const rootOps = (...statementLines: string[]) => managedPolicyTemplate('Version: "2012-10-17"', 'Statement:', '  - Effect: Allow', ...statementLines.map((line) => `    ${line}`));
    const AUDIT_ONLY = 'StringEquals: {"sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"}';

    it('every Fn::If on one condition takes the same side, as CloudFormation evaluates it', () => {
      // Root sessions only with the audit task when A holds, a bucket read otherwise: never both apart.
      const text = rootOps('Action: !If [A, sts:AssumeRoot, s3:GetObject]', 'Resource: "*"', `Condition: !If [A, {${AUDIT_ONLY}}, !Ref AWS::NoValue]`);
      assert.deepEqual(lintText({ path: 't.yaml', text }), []);
    });

    it('a finding of one side names the side: a Condition the reader sees is not there on the other', () => {
      const text = rootOps('Action: sts:AssumeRoot', 'Resource: "*"', `Condition: !If [Strict, {${AUDIT_ONLY}}, !Ref AWS::NoValue]`);
      const [finding, ...rest] = lintText({ path: 't.yaml', text });
      assert.deepEqual(rest, []);
      assert.equal(finding.ruleId, 'RG101');
      assert.match(finding.message, /^When condition Strict is false: Allows sts:AssumeRoot with every task policy/);
    });

    it('several conditions: the sides the finding\'s readings share, else each reading', () => {
      const text = rootOps(
        'Action: !If [Vendor, "sts:AssumeRoot", "s3:GetObject"]',
        'Resource: "*"',
        `Condition: !If [Strict, {${AUDIT_ONLY}}, !Ref AWS::NoValue]`,
      );
      const [finding] = lintText({ path: 't.yaml', text });
      assert.match(finding.message, /^When conditions Vendor is true and Strict is false: Allows sts:AssumeRoot/);
      // Two grants written in two places: each names the sides it is read on (a nested Fn::If's only where met).
      const nested = rootOps('Action: !If [Vendor, "sts:AssumeRoot", !If [Strict, "s3:GetObject", "sts:AssumeRoot"]]', 'Resource: "*"');
      assert.deepEqual(
        lintText({ path: 't.yaml', text: nested }).map((f) => f.message.split(':')[0]),
        ['When condition Vendor is true', 'When conditions Vendor is false and Strict is false'],
      );
    });

    it('a policy only one side deploys: its findings name that side', () => {
      const text = [
        'Resources:',
        '  R:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
        '      Policies:',
        '        - !If',
        '          - Breakglass',
        '          - PolicyName: root',
        '            PolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*"}]}',
        '          - !Ref AWS::NoValue',
        '',
      ].join('\n');
      const findings = lintText({ path: 't.yaml', text });
      assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`), ['RG101@10 When condition Breakglass is true']);
      // A side given by another function is known only at deployment: said, never skipped.
      const imported = text.replace('!Ref AWS::NoValue', '!ImportValue shared-policy');
      const read = readYamlTemplate(imported, undefined);
      assert.deepEqual(read.unchecked.map((u) => u.message), ['Resources.R.Properties.Policies[0].PolicyDocument is not checked when condition Breakglass is false: the policy is only known at deployment.']);
      // A list computed whole is not checked, and says so.
      const wholeList = text.replace('      Policies:\n        - !If', '      Policies: !If').replace(/\n {10}- PolicyName/, '\n          - - PolicyName').replace(/\n {12}PolicyDocument/, '\n              PolicyDocument');
      assert.match(readYamlTemplate(wholeList, undefined).unchecked[0]?.message ?? '', /Policies is not checked: it is computed at deployment, not written as a list/);
    });

    it('a resource with a Condition: its findings hold where it does, and an Fn::If on that condition takes its true side', () => {
      const text = [
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Condition: Vendor',
        '    Properties:',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: sts:AssumeRoot',
        '            Resource: "*"',
        `            Condition: !If [Vendor, {${AUDIT_ONLY}}, !Ref AWS::NoValue]`,
        '',
      ].join('\n');
      // Only the side where Vendor holds exists, and there the grant is scoped: no finding.
      assert.deepEqual(lintText({ path: 't.yaml', text }), []);
      const unscoped = text.replace(`!If [Vendor, {${AUDIT_ONLY}}, !Ref AWS::NoValue]`, `!If [Vendor, !Ref AWS::NoValue, {${AUDIT_ONLY}}]`);
      assert.deepEqual(lintText({ path: 't.yaml', text: unscoped }).map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`), ['RG101@10 When condition Vendor is true']);
      // The same template as JSON, whose plain policies are otherwise read in place.
      const json = JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Condition: 'Vendor', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }] } } } } }, null, 2);
      assert.deepEqual(lintText({ path: 't.json', text: json }).map((f) => `${f.ruleId} ${f.message.split(':')[0]}`), ['RG101 When condition Vendor is true']);
    });

    it('more conditions than are read in every combination: every side of each is read, and findings name their statement\'s', () => {
      const input = HOSTILE_INPUTS.find((i) => i.name.startsWith('a conditional resource whose statements each test'))!;
      const findings = lintText({ path: 't.yaml', text: input.make(5) });
      const labels = findings.map((f) => `${f.ruleId} ${f.message.split(': ')[0]}`);
      assert.deepEqual(labels, [
        'RG003 When condition Deployed is true',
        ...[0, 1, 2, 3, 4].flatMap((i) => [`RG101 When conditions Deployed is true and C${i} is true`, `RG009 When conditions Deployed is true and C${i} is false`]),
      ]);
    });

    it('a size over the limit on every reading: once, without sides, with the largest size; on some: once, with theirs', () => {
      /** A managed policy of `statements` padding statements, then one per condition, its action chosen by `action`. */
      const sized = (statements: number, action: string, conditions = ['C0', 'C1', 'C2', 'C3']) =>
        managedPolicyTemplate(
          'Version: "2012-10-17"',
          'Statement:',
          ...Array.from({ length: statements }, (_, i) => `  - {Effect: Allow, Action: [${Array(40).fill('s3:GetObject').join(', ')}], Resource: "arn:aws:s3:::b${i}/*"}`),
          ...conditions.map((c) => `  - {Effect: Allow, Action: !If [${c}, ${action}], Resource: "*"}`),
        );
      const OVER = 'over the limit of 6,144. Split it into several policies.';
      const table: [what: string, text: string, expected: string[]][] = [
        [
          'over on every side, by sizes that differ',
          sized(12, 's3:GetObject, s3:PutObjectAcl'),
          [`RG007@6 This managed policy is 8,216 non-whitespace characters, ${OVER} Its size depends on the template's conditions: 8,204 at the least, 8,216 at the most.`],
        ],
        ['over on every side, by one size', sized(12, 's3:GetObject, s3:PutObject'), [`RG007@6 This managed policy is 8,204 non-whitespace characters, ${OVER}`]],
        ['over on one side only', sized(9, `s3:GetObject, s3:${'x'.repeat(800)}`, ['C0']), [`RG007@6 When condition C0 is false: This managed policy is 6,836 non-whitespace characters, ${OVER}`]],
      ];
      for (const [what, text, expected] of table) {
        const findings = lintText({ path: 't.yaml', text }).filter((f) => f.ruleId === 'RG007');
        assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.line} ${f.message}`), expected, what);
      }
    });

    it('a finding of one side, read again under another condition, is reported once per side', () => {
      const text = managedPolicyTemplate(
        'Version: "2012-10-17"',
        'Statement:',
        '  - {Effect: Allow, Action: sts:AssumeRoot, Resource: !If [C0, "*", "arn:aws:iam::111122223333:root"]}',
        '  - {Effect: Allow, Action: !If [C1, s3:GetObject, s3:PutObject], Resource: "*"}',
      );
      assert.deepEqual(
        lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`),
        ['RG101@8 When condition C0 is true', 'RG101@8 When condition C0 is false'],
      );
    });

    it('SAM: a policy document under Fn::If is read per side; a managed policy by !Ref holds none to read', () => {
      const sam = (policies: string) => ['Resources:', '  F:', '    Type: AWS::Serverless::Function', '    Properties:', `      Policies: ${policies}`, ''].join('\n');
      const document = '{Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sts:AssumeRoot", Resource: "*"}]}';
      const items = lintText({ path: 't.yaml', text: sam(`[AWSLambdaBasicExecutionRole, !If [Breakglass, ${document}, !Ref AWS::NoValue]]`) });
      assert.deepEqual(items.map((f) => `${f.ruleId} ${f.message.split(':')[0]}`), ['RG101 When condition Breakglass is true']);
      const managed = readYamlTemplate(sam('!Ref ManagedPolicyArn'), undefined);
      assert.deepEqual([managed.documents.length, managed.unchecked], [0, []]);
      const wholeList = readYamlTemplate(sam(`!If [Breakglass, [${document}], []]`), undefined);
      assert.deepEqual(wholeList.unchecked.map((u) => u.message), ['Resources.F.Properties.Policies is not checked: it is computed at deployment, not written as a list.']);
    });
  });

  it('a JSON template policy written with Fn::Sub is linted, not skipped (issue 10)', () => {
    const template = JSON.stringify(
      {
        Resources: {
          Scp: {
            Type: 'AWS::Organizations::Policy',
            Properties: {
              Type: 'SERVICE_CONTROL_POLICY',
              Content: { 'Fn::Sub': '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateLoginProfil", "Resource": "arn:${AWS::Partition}:iam::*:root"}]}' },
            },
          },
        },
      },
      null,
      2,
    );
    const [document] = findDocuments(template, parseJson(template).root, 'cloudformation');
    assert.equal((valueOf(document.root) as { Statement: Array<{ Resource: string }> }).Statement[0].Resource, `arn:${U}:iam::*:root`);
    const findings = lintText({ path: 't.json', text: template });
    assert.deepEqual(ruleLines(findings), ['RG009@8']);
    assert.deepEqual(findings[0].fixes, [], 'text computed by Fn::Sub is not edited');
  });

  it('a JSON template: Fn::If items and escaped Fn::Sub text are reported where they are written', () => {
    // The JSON tree is read on demand (iac/jsonSource.ts): resolving Fn::If copies its maps, and a string's
    // offsets are worked out only when a document is read from it, past its escapes.
    const scp = String.raw`{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"iam:CreateLoginProfil\", \"Resource\": \"*\"}]}`;
    const text = [
      '{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {',
      '  "Version": "2012-10-17",',
      '  "Statement": [{"Effect": "Allow",',
      '    "Action": ["s3:GetObjet", {"Fn::If": ["C", "iam:PassRol", {"Ref": "AWS::NoValue"}]}], "Resource": "*"}]}}},',
      '  "S": {"Type": "AWS::Organizations::Policy", "Properties": {"Type": "SERVICE_CONTROL_POLICY",',
      `    "Content": {"Fn::Sub": "${scp}"}}}}}`,
    ].join('\n');
    const found = lintText({ path: 't.json', text }).filter((f) => f.ruleId === 'RG009');
    const spanOf = (line: number, fragment: string) => {
      const column = text.split('\n')[line - 1].indexOf(fragment) + 1;
      return `${line}:${column}-${column + fragment.length}`;
    };
    assert.deepEqual(
      found.map((f) => `${f.line}:${f.column}-${f.endColumn}`),
      [spanOf(4, '"s3:GetObjet"'), spanOf(4, '"iam:PassRol"'), spanOf(6, String.raw`\"iam:CreateLoginProfil\"`)],
      found.map((f) => f.message).join('\n'),
    );
  });

  it('a JSON template policy that only calls Ref is resolved too, not read as written', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObjet', Resource: { Ref: 'BucketArn' } };
    const template = { Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } } };
    const text = JSON.stringify(template, null, 2);
    const [document] = findDocuments(text, parseJson(text).root, 'cloudformation');
    assert.equal((valueOf(document.root) as { Statement: Array<{ Resource: string }> }).Statement[0].Resource, U);
    // Read as written, the object in Resource would be a grammar error (RG002).
    assert.deepEqual(ruleLines(lintText({ path: 't.json', text })), [`RG009@${lineOf(text, 's3:GetObjet')}`]);
  });

  it('an SCP whose type is a parameter is reported as not checked', () => {
    const text = 'Resources:\n  P:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Type: !Ref PolicyType\n      Content: {Statement: []}\n';
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(ruleLines(findings), ['RG010@5']);
    assert.match(findings[0].message, /policy type .* only known at deployment/);
  });

  it('values known only at deployment are not judged as text, and messages quote each as its own author wrote it', () => {
    const text = managedPolicyTemplate(
      'Version: !Ref PolicyVersion',
      'Statement:',
      '  - Sid: !Sub "Allow${Env}"',
      '    Effect: Allow',
      '    Action: s3:GetObject',
      '    Resource: "*"',
      '    Condition:',
      '      Bool: {aws:SecureTransport: !Ref Secure}',
      '      NumericLessThan: {s3:max-keys: !Ref MaxKeys}',
      '      DateGreaterThan: {aws:CurrentTime: !Ref Start}',
      '  - Sid: !Ref OtherSid',
      '    Effect: Deny',
      '    Action: s3:PutObject',
      '    Resource: "*"',
      '  - Sid: !Ref ThirdSid',
      '    Effect: Deny',
      '    Action: s3:DeleteObject',
      '    Resource: "*"',
      '    Condition: {Bool: {aws:SecureTransport: !Ref Insecure}, NumericLessThan: {s3:max-keys: "many"}}',
    );
    const findings = lintText({ path: 't.yaml', text });
    // s3:max-keys is a key of s3:ListBucket, not of s3:GetObject: RG015 judges the key, never the unknown value.
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.line}: ${f.message.slice(0, 60)}`),
      [
        `RG015@14: s3:max-keys is supported by none of this statement's actions`,
        `RG015@24: s3:max-keys is supported by none of this statement's actions`,
        `RG006@24: NumericLessThan compares s3:max-keys with a number, such as `,
      ],
    );
    assert.match(findings[2].message, /; "many" never matches as intended/);
  });

  it('two values that read alike but are written differently are each quoted as written', () => {
    const text = managedPolicyTemplate(
      'Version: "2012-10-17"',
      'Statement:',
      '  - Effect: Allow',
      '    Action: s3:GetObject',
      '    Resource:',
      '      - !Sub "arn:aws:s3:::<BUCKET>/${Env}/*"',
      '      - !Sub "arn:aws:s3:::<BUCKET>/${Stage}/*"',
    );
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.line}`),
      ['RG014@11', 'RG014@12'],
    );
    assert.match(findings[0].message, /^Resource "arn:aws:s3:::<BUCKET>\/\$\{Env\}\/\*" still holds the placeholder <BUCKET>/);
    assert.match(findings[1].message, /^Resource "arn:aws:s3:::<BUCKET>\/\$\{Stage\}\/\*" still holds the placeholder <BUCKET>/);
  });
});

describe('what CloudFormation does not substitute', () => {
  const findingsOf = (...documentLines: string[]) => lintText({ path: 't.yaml', text: managedPolicyTemplate(...documentLines) }).map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);
  const statement = (...lines: string[]) => ['Version: "2012-10-17"', 'Statement:', '  - Effect: Deny', '    Action: s3:DeleteBucket', ...lines];

  it('a ${Name} written without Fn::Sub, or escaped in it as ${!Name}, reaches IAM as written (RG014)', () => {
    const findings = findingsOf(...statement('    Resource:', '      - "arn:aws:s3:::${BucketName}"', '      - !Sub "arn:aws:s3:::${!Literal}"', '      - !Sub "arn:${AWS::Partition}:s3:::${BucketName}"'));
    assert.deepEqual(findings, [
      'RG014@11:17: Resource "arn:aws:s3:::${BucketName}" still holds the placeholder ${BucketName}: as written it matches nothing, or AWS rejects it. ' +
        'CloudFormation fills in ${Name} only inside Fn::Sub, where ${!Name} stays ${Name}: write the value with !Sub (or Fn::Sub), or in full.',
      'RG014@12:22: Resource "arn:aws:s3:::${Literal}" still holds the placeholder ${Literal}: as written it matches nothing, or AWS rejects it. ' +
        'CloudFormation fills in ${Name} only inside Fn::Sub, where ${!Name} stays ${Name}: write the value with !Sub (or Fn::Sub), or in full.',
    ]);
  });

  it('a condition key written with !Sub is not substituted: RG014 names the key as written, tag and all', () => {
    const findings = findingsOf(...statement('    Resource: "*"', '    Condition:', '      StringNotEquals:', '        !Sub "aws:ResourceTag/${TagKey}": blue'));
    assert.deepEqual(findings, [
      'RG014@13:17: Condition key "!Sub aws:ResourceTag/${TagKey}" still holds the placeholder ${TagKey}: as written it matches nothing, or AWS rejects it. ' +
        'CloudFormation resolves intrinsic functions in values, never in keys: write the key in full.',
    ]);
  });

  it('an operator written !Ref Op: is reported as written, with why (RG005)', () => {
    const findings = findingsOf(...statement('    Resource: "*"', '    Condition:', '      !Ref Op:', '        aws:SourceIp: 10.0.0.0/8'));
    assert.deepEqual(findings, [
      'RG005@12:15: "!Ref Op" is not a condition operator IAM has (CloudFormation resolves intrinsic functions in values only, never in keys). See the IAM condition operators reference.',
    ]);
  });

  it('Fn::Sub written where the condition keys go is named as a function, not "a string" (RG002)', () => {
    const findings = findingsOf(...statement('    Resource: "*"', '    Condition:', '      StringEquals:', '        Fn::Sub:', '          "${Provider}:sub": system:serviceaccount:default:sa'));
    assert.deepEqual(findings, [
      'RG002@13:17: The StringEquals block must be an object of condition keys to values; found an intrinsic function, but CloudFormation resolves them in values only, never to write keys.',
    ]);
  });
});
