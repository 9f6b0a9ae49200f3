import assert from 'node:assert/strict';
import { applyFix, lintText } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { readYamlTemplate } from '../../../../../src/core/lint/iac/yamlTemplate';
import { fixture, lineOf, ruleLines } from './fixtures';

const lint = (file: { path: string; text: string }) => lintText({ path: file.path, text: file.text });

/** A managed policy granting sts:AssumeRoot on every member account's root, written for every partition, then `condition`. */
const policyWith = (condition: string) =>
  `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoot\n            Resource: !Sub 'arn:\${AWS::Partition}:iam::*:root'\n${condition}`;

function onlyFinding(findings: Finding[], ruleId: string): Finding {
  const found = findings.filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `one ${ruleId} expected: ${ruleLines(findings).join(', ')}`);
  return found[0];
}

describe('CloudFormation YAML', () => {
  it('is read as YAML when the caller gives the syntax, whatever the name (an untitled editor document)', () => {
    const file = fixture('cloudformation/control-tower-customizations-scp.yaml');
    const asUntitled = lintText({ path: 'Untitled-1', text: file.text, syntax: 'yaml' });
    assert.deepEqual(ruleLines(asUntitled), ruleLines(lint(file)));
    assert.ok(asUntitled.length > 0);
  });

  it('a policy variable in !Sub without ${!...}: RG014 where it is written, once for both sides of an !If, fixed in place', () => {
    const text = policyWith(
      "            Condition:\n              StringLike:\n                s3:prefix: !If [Strict, !Sub '${aws:username}/*', !Sub \"${aws:username}/${!aws:userid}\"]\n",
    );
    const found = lint({ path: 't.yaml', text }).filter((f) => f.ruleId === 'RG014');
    assert.deepEqual(found.map((f) => `${f.line}:${f.column} ${f.fixes.map((x) => x.title).join()}`), ['13:47 Write ${!aws:username}', '13:73 Write ${!aws:username}']);
    const fixed = found.reduceRight((t, f) => applyFix(t, f.fixes[0]), text);
    assert.ok(fixed.includes(`!If [Strict, !Sub '\${!aws:username}/*', !Sub "\${!aws:username}/\${!aws:userid}"]`), fixed);
    assert.deepEqual(lint({ path: 't.yaml', text: fixed }).filter((f) => f.ruleId === 'RG014'), []);
  });

  describe('fixture sets', () => {
    it('Control Tower Customizations guardrails: findings on the lines of the YAML', () => {
      const file = fixture('cloudformation/control-tower-customizations-scp.yaml');
      assert.deepEqual(ruleLines(lint(file)), [
        `RG107@${lineOf(file.text, 'aws:PrincipalArn: arn:aws:iam::*:root')}`,
        // arn:${AWS::Partition}: in any partition the template is deployed in.
        `RG107@${lineOf(file.text, 'aws:PrincipalArn: !Sub arn:${AWS::Partition}:iam::*:root')}`,
        `RG101@${lineOf(file.text, 'Action: sts:AssumeRoot')}`,
        `RG009@${lineOf(file.text, 's3:GetObjet')}`,
      ]);
    });

    it('a landing-zone template: Fn::Sub JSON text, Fn::Join, Fn::If and Fn::ImportValue are read, not skipped', () => {
      const file = fixture('cloudformation/landing-zone-sub-content.yaml');
      const findings = lint(file);
      assert.deepEqual(ruleLines(findings), [`RG010@${lineOf(file.text, '!ImportValue')}`]);
      assert.match(findings[0].message, /SharedPolicy\.Properties\.PolicyDocument is not checked.*Fn::ImportValue/);
    });

    it('an AWS SAM sample: documents among SAM policy templates and managed policy names', () => {
      const file = fixture('cloudformation/sam-function.yaml');
      // The queue policy opens the template's queue, its ARN known only at deployment, to every account.
      assert.deepEqual(ruleLines(lint(file)), [`RG205@${lineOf(file.text, '- iam:PassRole')}`, `RG208@${lineOf(file.text, 'QueuePolicy:') + 4}`]);
    });

    it('CDK cdk.out: a synthesized template is linted with Fn::Join and Fn::GetAtt resolved, each finding naming its construct', () => {
      const file = fixture('cdk/cdk.out/RootAccessStack.template.json');
      const findings = lint(file);
      // The Fn::Join'ed arn:${AWS::Partition}:iam::*:root grants every task policy (RG101); the role's default
      // policy, on Fn::GetAtt'ed bucket ARNs, misspells an action (RG009); the SCP denies the root (RG107).
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}@${f.line} ${f.definedIn}`),
        [
          `RG101@${lineOf(file.text, '"sts:AssumeRoot"')} RootAccessStack/RootTasksPolicy/Resource`,
          `RG009@${lineOf(file.text, '"s3:GetObjet"')} RootAccessStack/OpsRole/DefaultPolicy/Resource`,
          `RG107@${lineOf(file.text, '"aws:PrincipalArn"')} RootAccessStack/DenyRootScp`,
        ],
      );
      // The construct path is said beside the message, never inside it: the message is the rule's own.
      assert.ok(findings.every((f) => !f.message.includes('RootAccessStack')));
    });

    it('CDK cdk.out: a policy only known at deployment is reported under its construct path', () => {
      const template = {
        Resources: {
          Imported5E6F7A8B: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: { PolicyDocument: { 'Fn::ImportValue': 'SharedPolicy' } },
            Metadata: { 'aws:cdk:path': 'Stack/Imported/Resource' },
          },
        },
      };
      const findings = lint({ path: 'cdk.out/Stack.template.json', text: JSON.stringify(template, null, 1) });
      assert.deepEqual(findings.map((f) => f.ruleId), ['RG010']);
      assert.match(findings[0].message, /^Stack\/Imported\/Resource: Resources\.Imported5E6F7A8B\.Properties\.PolicyDocument is not checked/);
    });
  });

  describe('positions', () => {
    it('places a finding on the value in the YAML, line and column', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: [s3:ListBucket, s3:GetObjet]\n            Resource: "*"\n';
      const finding = onlyFinding(lintText({ path: 't.yaml', text }), 'RG009');
      assert.deepEqual([finding.line, finding.column, finding.endColumn], [9, 37, 48]);
      assert.equal(text.slice(finding.range.start, finding.range.end), 's3:GetObjet');
    });

    it('maps each character of a key written bare or quoted to itself in the file', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            "Action": s3:GetObject\n            Resource: "*"\n';
      const [document] = readYamlTemplate(text, 'cloudformation').documents;
      for (const key of ['Effect', 'Action']) {
        const at = document.text.indexOf(`"${key}"`) + 1;
        const mapped = [...key].map((_, i) => text[document.toFileOffset(at + i)]).join('');
        assert.equal(mapped, key);
      }
    });

    /** An SCP whose Content is JSON text under `!Sub |`, its lines from line 7 of the template. */
    const subContentScp = (...json: string[]) =>
      ['Resources:', '  Scp:', '    Type: AWS::Organizations::Policy', '    Properties:', '      Type: SERVICE_CONTROL_POLICY', '      Content: !Sub |', ...json.map((line) => `        ${line}`), ''].join('\n');

    it('places a finding inside a double-quoted JSON string on its escaped text, past \\u escapes', () => {
      const content = String.raw`"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\u0041\u0042\u0043\",\"Effect\":\"Deny\",\"Action\":\"iam:CreateLoginProfil\",\"Resource\":\"*\"}]}"`;
      const text = `Resources:\n  Scp:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: c\n      Type: SERVICE_CONTROL_POLICY\n      Content: ${content}\n`;
      const finding = onlyFinding(lintText({ path: 't.yaml', text }), 'RG009');
      const line = text.split('\n')[6];
      // From the backslash before the opening quote to the backslash before the closing one, quotes included.
      const start = line.indexOf(String.raw`\"iam:CreateLoginProfil`);
      assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [7, start + 1, 7, start + String.raw`\"iam:CreateLoginProfil\"`.length + 1]);
    });

    it('places a finding inside a Content: !Sub | JSON block on its line in the file', () => {
      const text = subContentScp('{"Version": "2012-10-17", "Statement": [', '  {"Effect": "Deny", "Action": "s3:GetObjet", "Resource": "arn:${AWS::Partition}:s3:::*"}', ']}');
      const finding = onlyFinding(lintText({ path: 't.yml', text }), 'RG009');
      assert.equal(finding.line, 8);
      assert.equal(text.slice(finding.range.start, finding.range.end), '"s3:GetObjet"');
    });

    it('reads a parameter that stands for a whole JSON value in Content: !Sub | as one unknown value, never invalid JSON', () => {
      const text = subContentScp(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObjet", "Resource": "*",',
        '  "Condition": {"StringNotEquals": {"aws:RequestedRegion": ${Regions}}}}]}',
      );
      assert.deepEqual(ruleLines(lintText({ path: 't.yml', text })), ['RG009@7']);
    });
  });

  describe('quick fixes written in YAML, re-linted clean', () => {
    const fixAndRelint = (text: string, ruleId: string, title?: RegExp) => {
      const finding = onlyFinding(lintText({ path: 't.yaml', text }), ruleId);
      const fix = title ? finding.fixes.find((f) => title.test(f.title)) : finding.fixes[0];
      assert.ok(fix, `no fix among ${finding.fixes.map((f) => f.title).join(', ')}`);
      const fixed = applyFix(text, fix);
      assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: fixed }).filter((f) => f.ruleId === ruleId)), [], fixed);
      return fixed;
    };

    it('replaces a plain scalar in a flow sequence, keeping it plain', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: [s3:ListBucket, s3:GetObjet]\n            Resource: "*"\n';
      assert.equal(fixAndRelint(text, 'RG009'), text.replace('s3:GetObjet', 's3:GetObject'));
    });

    for (const style of ['>-', '|', '>']) {
      it(`replaces a block scalar (${style}) with its value alone, the next key left on its line`, () => {
        const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: ${style}\n              iam:GetUsr\n            Resource: "*"\n`;
        const finding = onlyFinding(lintText({ path: 't.yaml', text }), 'RG009');
        // The finding ends with the value, not at the start of the next line.
        assert.deepEqual([finding.line, finding.endLine], [9, 10]);
        const fixed = fixAndRelint(text, 'RG009');
        assert.equal(fixed, text.replace(`${style}\n              iam:GetUsr`, '"iam:GetUser"'));
      });
    }

    it('adds no key that a side of an Fn::If leaves out: the template has it already, on the other side', () => {
      const text =
        'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nParameters:\n  Env: {Type: String}\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n' +
        '        Version: !If [IsProd, "2012-10-17", !Ref AWS::NoValue]\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: "*"\n';
      const finding = onlyFinding(lintText({ path: 't.yaml', text }), 'RG003');
      assert.match(finding.message, /^When condition IsProd is false: /);
      assert.deepEqual(finding.fixes, []);
    });

    it('renames no key to one its map has already', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            action: iam:*\n            Resource: "*"\n';
      assert.deepEqual(onlyFinding(lintText({ path: 't.yaml', text }), 'RG002').fixes, []);
    });

    it('inserts Version as the first line of a block mapping', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:ListBucket\n            Resource: "*"\n';
      assert.equal(fixAndRelint(text, 'RG003'), text.replace('        Statement:', '        Version: "2012-10-17"\n        Statement:'));
    });

    it('adds the aws:AssumedRoot exemption as a block under an existing Condition (RG107)', () => {
      const file = fixture('cloudformation/control-tower-customizations-scp.yaml');
      // The fixture's first deny (the second, arn:${AWS::Partition}:, is reported too and stays).
      const [first, second] = lint(file).filter((f) => f.ruleId === 'RG107');
      const fix = first.fixes.find((f) => /Exempt root sessions/.test(f.title));
      assert.ok(fix, 'the exemption is offered');
      const fixed = applyFix(file.text, fix);
      assert.deepEqual(ruleLines(lint({ path: file.path, text: fixed }).filter((f) => f.ruleId === 'RG107')), [`RG107@${second.line + 2}`], fixed);
      assert.ok(fixed.includes('                aws:PrincipalArn: arn:aws:iam::*:root\n              "Null":\n                aws:AssumedRoot: "true"\n'), fixed);
    });

    it('restricts sts:AssumeRoot to chosen task policies with a Condition block in a sequence item (RG101)', () => {
      const file = fixture('cloudformation/control-tower-customizations-scp.yaml');
      const finding = onlyFinding(lint(file), 'RG101');
      const fix = finding.interactiveFixes[0]?.build(['IAMAuditRootUserCredentials']);
      assert.ok(fix, 'the interactive fix is offered and builds');
      const fixed = applyFix(file.text, fix);
      assert.ok(
        fixed.includes(
          '                Resource: arn:aws:iam::*:root\n                Condition:\n                  ArnEquals:\n                    sts:TaskPolicyArn:\n                      - arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials\n',
        ),
        fixed,
      );
      assert.deepEqual(lint({ path: file.path, text: fixed }).filter((f) => f.ruleId === 'RG101'), []);
    });

    it('a template written for every partition gets task policy ARNs in ${AWS::Partition}, as Fn::Sub (RG101), and RG103 suggests one', () => {
      const policy = (resource: string, condition = '') =>
        `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoot\n            Resource: ${resource}\n${condition}`;
      const joins = ["!Ref AWS::Partition", "!Ref 'AWS::Partition'", '!Ref "AWS::Partition"', '{Ref: AWS::Partition}'].map((ref) => `!Join ['', ['arn:', ${ref}, ':iam::*:root']]`);
      for (const resource of ["!Sub 'arn:${AWS::Partition}:iam::*:root'", ...joins, "\n              Fn::Join:\n                - ''\n                - - 'arn:'\n                  - Ref: AWS::Partition\n                  - ':iam::*:root'"]) {
        const text = policy(resource);
        const fix = onlyFinding(lintText({ path: 't.yaml', text }), 'RG101').fixes[0];
        const fixed = applyFix(text, fix);
        assert.ok(fixed.endsWith('                  - Fn::Sub: arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCredentials\n'), fixed);
        assert.deepEqual(lintText({ path: 't.yaml', text: fixed }), []);
      }
      const typo = policy("!Sub 'arn:${AWS::Partition}:iam::*:root'", "            Condition:\n              ArnEquals:\n                sts:TaskPolicyArn: !Sub 'arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCrendentials'\n");
      assert.deepEqual(
        lintText({ path: 't.yaml', text: typo }).map((f) => f.message),
        [
          '"arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCrendentials" is not a root-task policy ARN (compared case-sensitively); did you mean "arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCredentials"?',
        ],
      );
      // Written with !Join, the suggestion is still one a !Sub takes.
      const joined = typo.replace("!Sub 'arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCrendentials'", "!Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/root-task/IAMAuditRootUserCrendentials']]");
      assert.match(lintText({ path: 't.yaml', text: joined })[0].message, /did you mean "arn:\$\{AWS::Partition\}:iam::aws:policy\/root-task\/IAMAuditRootUserCredentials"\?$/);
    });

    it('a sts:TaskPolicyArn value written with !Sub is restricted by rewriting its block, and the chooser is offered only when it can write', () => {
      const text = policyWith("            Condition:\n              ArnEquals:\n                sts:TaskPolicyArn: !Sub 'arn:${AWS::Partition}:iam::aws:policy/root-task/*'\n");
      const finding = onlyFinding(lintText({ path: 't.yaml', text }), 'RG101');
      const fixed = applyFix(text, finding.fixes[0]);
      assert.ok(fixed.endsWith('              ArnEquals:\n                sts:TaskPolicyArn:\n                  - Fn::Sub: arn:${AWS::Partition}:iam::aws:policy/root-task/IAMAuditRootUserCredentials\n'), fixed);
      assert.deepEqual(lintText({ path: 't.yaml', text: fixed }), []);
      assert.ok(finding.interactiveFixes[0].build(['IAMDeleteRootUserCredentials']));
      // Beside another key of the block, the computed value cannot be rewritten: no fix, and no chooser that does nothing.
      const shared = text.replace("root-task/*'\n", "root-task/*'\n                aws:PrincipalArn: arn:aws:iam::111122223333:role/Ops\n");
      const alone = onlyFinding(lintText({ path: 't.yaml', text: shared }), 'RG101');
      assert.deepEqual([alone.fixes.length, alone.interactiveFixes.length], [0, 0]);
    });

    it('adds a key after a value with a comment on its line below that line, the comment kept with its value', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:ListBucket\n            Resource: "*"   # everything\n';
      // RG101's Condition is added last in the statement: below the line, not between the value and its comment.
      const finding = onlyFinding(lintText({ path: 't.yaml', text: text.replace('s3:ListBucket', 'sts:AssumeRoot') }), 'RG101');
      const fix = finding.fixes.find((f) => /IAMAuditRootUserCredentials/.test(f.title));
      assert.ok(fix, finding.fixes.map((f) => f.title).join(', '));
      const fixed = applyFix(text.replace('s3:ListBucket', 'sts:AssumeRoot'), fix);
      assert.ok(fixed.includes('            Resource: "*"   # everything\n            Condition:\n'), fixed);
    });

    it('writes into a flow mapping in flow style', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "*"}]}\n';
      assert.equal(fixAndRelint(text, 'RG003'), text.replace('{Statement:', '{Version: "2012-10-17", Statement:'));
    });

    it('offers no fix for a value computed by an intrinsic function', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: !Sub s3:GetObjet\n            Resource: "*"\n';
      assert.deepEqual(onlyFinding(lintText({ path: 't.yaml', text }), 'RG009').fixes, []);
    });
  });

  describe('detection and errors', () => {
    it('reads a plain Null: key as the IAM condition operator, not as YAML null', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Deny\n            Action: s3:*\n            Resource: "*"\n            Condition:\n              Null:\n                aws:MultiFactorAuthAge: true\n';
      assert.deepEqual(lintText({ path: 't.yaml', text }), []);
    });

    it('skips YAML that is no template and reports a broken template with RG001', () => {
      assert.deepEqual(lintText({ path: '.github/workflows/ci.yml', text: 'on: push\njobs: {}\n' }), []);
      const broken = lintText({ path: 't.yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - [unclosed\n' });
      assert.deepEqual(broken.map((f) => f.ruleId), ['RG001']);
    });

    const template = (statement: string, before = '') =>
      `AWSTemplateFormatVersion: "2010-09-09"\n${before}Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement: ${statement}\n`;
    const messages = (text: string) => lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);

    it('an Effect or Principal given by a parameter may be valid (RG010); a statement or Condition never is (RG002)', () => {
      const text = template(
        `\n          - Effect: !Ref Mode\n            Action: s3:*\n            Resource: "*"\n          - !ImportValue shared-statement\n          - Effect: Deny\n            Action: s3:*\n            Resource: "*"\n            Condition: !Ref Tags`,
      );
      assert.deepEqual(messages(text), [
        "RG010@9:26: This statement's Effect is given by !Ref Mode, known only at deployment: most checks skip the statement; simulate, the preflight and the root-session checks read it as either.",
        'RG002@12:26: A statement must be a JSON object; found !ImportValue shared-statement, which CloudFormation resolves to a string or a list of strings, never to an object.',
        'RG002@16:29: Condition must be an object of operators, e.g. { "StringEquals": { "aws:PrincipalOrgID": "o-..." } }; found !Ref Tags, which CloudFormation resolves to a string or a list of strings, never to an object.',
      ]);
      assert.deepEqual(messages(template('!Ref Statements')), [
        'RG002@8:25: Statement must be a statement or a list of them; found !Ref Statements, which CloudFormation resolves to a string or a list of strings, never to an object.',
      ]);
    });

    it("an Action whose service is known only at deployment is not checked (RG010): it may be sts:AssumeRoot", () => {
      const text = template(`\n          - Effect: Allow\n            Action: !Ref Actions\n            Resource: "*"\n          - Effect: Allow\n            Action: [s3:GetObject, !Sub "\${Service}:*", !Sub "s3:\${Operation}"]\n            Resource: "*"`);
      assert.deepEqual(messages(text), [
        "RG010@10:26: This statement's Action is given by !Ref Actions, known only at deployment: which actions it allows is not checked; simulate and the preflight read it as possibly any action.",
        `RG010@13:41: This statement's Action "\${Service}:*" names a service known only at deployment: which actions it allows is not checked; simulate and the preflight read it as possibly any action.`,
      ]);
    });

    it('reads the resource policies of keys (replicas too), topics and queues (inline ones too), secrets, repositories, access points, file systems and domains', () => {
      const resource = (type: string, key: string, action: string) =>
        `  R${type.replace(/\W/g, '')}:\n    Type: ${type}\n    Properties:\n      ${key}:\n        Version: "2012-10-17"\n        Statement: [{Effect: Allow, Principal: {AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"}, Action: ${action}, Resource: "*"}]\n`;
      const kinds: Array<[string, string, string]> = [
        ['AWS::KMS::Key', 'KeyPolicy', 'kms:Decrpyt'],
        ['AWS::SNS::TopicPolicy', 'PolicyDocument', 'sns:Publsh'],
        ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy', 'secretsmanager:GetSecretValu'],
        ['AWS::ECR::Repository', 'RepositoryPolicyText', 'ecr:BatchGetImag'],
        ['AWS::S3::AccessPoint', 'Policy', 's3:GetObjet'],
        ['AWS::EFS::FileSystem', 'FileSystemPolicy', 'elasticfilesystem:ClientMoun'],
        ['AWS::OpenSearchService::Domain', 'AccessPolicies', 'es:ESHttpGett'],
        ['AWS::KMS::ReplicaKey', 'KeyPolicy', 'kms:Encrpyt'],
        ['AWS::SQS::QueueInlinePolicy', 'PolicyDocument', 'sqs:SendMesage'],
        ['AWS::SNS::TopicInlinePolicy', 'PolicyDocument', 'sns:Subscrbe'],
      ];
      const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${kinds.map(([type, key, action]) => resource(type, key, action)).join('')}`;
      assert.deepEqual(
        lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}`),
        kinds.map((_, i) => `RG009@${8 + 6 * i}`),
      );
    });

    it('reads the resources Fn::ForEach makes, nested loops too, the identifier an unknown part; a malformed loop is RG010', () => {
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        '  Fn::ForEach::Envs:',
        '    - Env',
        '    - [dev, prod]',
        '    - Fn::ForEach::Buckets:',
        '        - Bucket',
        '        - [logs, data]',
        '        - ${Env}${Bucket}Policy:',
        '            Type: AWS::S3::BucketPolicy',
        '            Properties:',
        '              PolicyDocument:',
        '                Version: "2012-10-17"',
        '                Statement:',
        '                  - Effect: Allow',
        '                    Principal: {AWS: "arn:aws:iam::111122223333:root"}',
        '                    Action: s3:GetObjet',
        '                    Resource: "arn:aws:s3:::${Env}-&{Bucket}/*"',
        '  Fn::ForEach::Roles:',
        '    - Team',
        '    - [red, blue]',
        '    - ${Team}Operators:',
        '        Type: AWS::IAM::ManagedPolicy',
        '        Properties:',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement: [{Effect: Allow, Action: sts:AssumeRoot, Resource: "*"}]',
        '  Fn::ForEach::Broken: [Only, Two]',
        '',
      ].join('\n');
      // `${Env}` outside Fn::Sub is the loop's, not a placeholder left unfilled (no RG014).
      assert.deepEqual(lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}`), ['RG009@18', 'RG101@28', 'RG010@29']);
      // The misspelt action is written once and read by all four copies: no fix edits it for one.
      assert.deepEqual(lintText({ path: 't.yaml', text })[0].fixes, []);
    });

    it('a key given twice: the last counts (RG101 sees the grant unscoped), RG016 at the first', () => {
      const text = template(
        `\n          - Effect: Allow\n            Action: sts:AssumeRoot\n            Resource: "*"\n            Condition:\n              StringEquals: {sts:TaskPolicyArn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials}\n              StringEquals: {aws:PrincipalOrgID: o-abc}`,
      );
      const found = messages(text);
      assert.deepEqual(found.map((m) => m.slice(0, m.indexOf(':', m.indexOf(':') + 1))), ['RG101@10:21', 'RG016@13:15']);
      assert.match(found[1], /"StringEquals" is given again at line 14, column 15: parsers keep only the last one/);
    });

    it('reports nesting deeper than 256 levels with RG001 at the first level too deep, whatever the stack', () => {
      const nested = (depth: number) => template(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      const tooDeep = 'Invalid YAML: nesting deeper than 256 levels. Fix the syntax here; nothing after it can be checked reliably.';
      // 300 levels were read as "found null" (RG002); 3,000 as the `yaml` package's own "Maximum call stack
      // size exceeded", at a column that depended on the stack.
      for (const depth of [300, 3_000, 20_000]) assert.deepEqual(messages(nested(depth)), [`RG001@8:271: ${tooDeep}`], `${depth} levels`);
      assert.deepEqual(
        lintText({ path: 't.yaml', text: nested(250) }).map((f) => f.ruleId),
        ['RG002'],
        '250 levels are read (and an array of arrays is no statement)',
      );
    });

    it('stops reading aliases of aliases past 100,000 values with RG001 (a 1 KB "billion laughs" exhausted the heap)', () => {
      let anchors = 'Mappings:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i <= 8; i++) anchors += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
      const text = template('[{Effect: Allow, Action: *a8, Resource: "*"}]', anchors);
      assert.deepEqual(messages(text), [
        'RG001@7:47: Invalid YAML: aliases expand to more than 100,000 values; not read. Fix the syntax here; nothing after it can be checked reliably.',
      ]);
      // An alias used a few times is read as a copy of its anchor's value: the misspelt action is reported
      // at each alias, in each statement that reads it (at the anchor, outside both, neither statement showed it).
      const shared = template('[{Effect: Allow, Action: *actions, Resource: "*"}, {Effect: Deny, Action: *actions, Resource: "*"}]', 'Mappings:\n  A: &actions [s3:GetObjet]\n');
      assert.deepEqual(lintText({ path: 't.yaml', text: shared }).map((f) => `${f.ruleId}@${f.line}:${f.column}`), ['RG009@10:45', 'RG009@10:94']);
    });

    it('says an AWS::Include snippet is not checked where it may bring a policy: Properties, a Policies item, the Resources', () => {
      const include = 'Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/snippet.yaml}}';
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Managed:',
        '    Type: AWS::IAM::ManagedPolicy',
        `    Properties: {${include}}`,
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
        `      Policies: [{${include}}]`,
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        `    Properties: {${include}}`,
        `  ${include}`,
        '',
      ].join('\n');
      assert.deepEqual(
        lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}: ${f.message}`),
        [
          'RG010@5: Resources.Managed.Properties is not checked: it is given by Fn::Transform, known only at deployment.',
          'RG010@10: Resources.Role.Properties.Policies[0] is not checked: it is given by Fn::Transform, known only at deployment.',
          'RG010@14: Resources.Fn::Transform is not checked: the resources it brings are only known at deployment.',
        ],
      );
    });

    it('takes a file whose resources are all made in Fn::ForEach loops for a template, YAML or JSON', () => {
      const loop = { 'Fn::ForEach::Policies': ['Name', ['A', 'B'], { 'Policy${Name}': { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }] } } } }] };
      const yaml = 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Policies:\n    - Name\n    - [A, B]\n    - Policy${Name}:\n        Type: AWS::IAM::ManagedPolicy\n        Properties:\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Effect: Allow\n                Action: sts:AssumeRoot\n                Resource: "*"\n';
      assert.deepEqual(ruleLines(lintText({ path: 'loops.yaml', text: yaml })), ['RG101@13']);
      const json = lintText({ path: 'loops.json', text: JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: loop }, null, 1) });
      assert.deepEqual(json.map((f) => f.ruleId), ['RG101']);
    });

    it('reads a .template file as YAML when it does not start as JSON does', () => {
      const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement: [{Effect: Allow, Action: s3:GetObjet, Resource: "*"}]\n';
      assert.deepEqual(ruleLines(lintText({ path: 'stack.template', text })), ['RG009@7']);
    });
  });
});
