// Completion and hover in CloudFormation YAML templates: the cursor is mapped into the policy JSON the
// linter reads from the template, so the answers are those of a JSON policy, written back as YAML.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hoverAt } from '../../../../src/core/assist/hover';
import { type CompletionCase, type HoverCase, completionAt, hoverWordsAgreeWithMarkers, itCompletes, itHovers } from './assistCases';
import { cursor } from './cursor';

const YAML = { kind: 'yaml' } as const;

/** A template with one resource holding `policy` (indented under its property). */
function template(resourceType: string, property: string, policy: string, extra = ''): string {
  const body = policy.replace(/^/gm, '        ').trimEnd();
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: ${resourceType}\n    Properties:\n${extra}      ${property}:\n${body}\n`;
}
const managed = (statementYaml: string) => template('AWS::IAM::ManagedPolicy', 'PolicyDocument', `Version: '2012-10-17'\nStatement:\n${statementYaml}`);

/** `§` writes a YAML literal block's `|`, which would read as the cursor. */
function complete(textWithCursor: string) {
  const marked = cursor(textWithCursor);
  return completionAt(marked.text.replace('§', '|'), marked.offset, YAML);
}

function hover(textWithCursor: string) {
  const { text, offset } = cursor(textWithCursor);
  const found = hoverAt(text, offset, 'cloudformation', YAML);
  return found && { markdown: found.markdown, hovered: text.slice(found.range.start, found.range.end) };
}

const ROOT_TASK = 'arn:aws:iam::aws:policy/root-task/';

describe('completion and hover in CloudFormation YAML', () => {
  describe('completion', () => {
    const cases: CompletionCase[] = [
      {
        name: 'Action, block style, half-typed after the colon (a YAML error without the cursor marker)',
        text: managed('  - Effect: Allow\n    Action: sts:|\n    Resource: "*"'),
        replaced: 'sts:',
        first: ['sts:AssumeRoot'],
      },
      {
        name: 'Action, a service prefix in a block list item, completing to "prefix:"',
        text: managed('  - Effect: Allow\n    Action:\n      - s3:GetObject\n      - io|'),
        replaced: 'io',
        first: [],
        includes: ['iot', 'iam'],
        insert: { iam: 'iam:' },
      },
      {
        name: 'NotAction, an empty list item',
        text: managed('  - Effect: Deny\n    NotAction:\n      - |\n    Resource: "*"'),
        replaced: '',
        first: [],
        includes: ['sts', 'iam'],
      },
      {
        name: 'Action in a flow sequence, after another action',
        text: managed('  - Effect: Allow\n    Action: [sts:AssumeRoot, iam:CreateLog|]'),
        replaced: 'iam:CreateLog',
        first: [],
        includes: ['iam:CreateLoginProfile'],
      },
      {
        name: 'Action in a quoted scalar',
        text: managed('  - Effect: Allow\n    Action: "sts:Assume|"'),
        replaced: 'sts:Assume',
        first: ['sts:AssumeRoot'],
      },
      {
        name: 'a Condition operator typed on its own line (a key with no value yet)',
        text: managed('  - Effect: Allow\n    Action: sts:AssumeRoot\n    Condition:\n      StringEq|'),
        replaced: 'StringEq',
        first: ['ArnEquals'],
        includes: ['StringEquals', 'ForAnyValue:StringEquals', 'StringEqualsIfExists'],
      },
      {
        name: 'a condition key: those of the statement\'s actions first, then the global keys',
        text: managed('  - Effect: Allow\n    Action: sts:AssumeRoot\n    Condition:\n      ArnEquals:\n        sts:|'),
        replaced: 'sts:',
        first: ['sts:TaskPolicyArn', 'aws:AssumedRoot'],
      },
      {
        name: 'a condition key in a flow mapping',
        text: managed('  - Effect: Allow\n    Action: sts:AssumeRoot\n    Condition: { StringEquals: { aws:Assumed| } }'),
        replaced: 'aws:Assumed',
        first: ['sts:TaskPolicyArn'],
        includes: ['aws:AssumedRoot'],
      },
      {
        name: 'the task-policy ARNs for sts:TaskPolicyArn, in an empty value',
        text: managed('  - Effect: Allow\n    Action: sts:AssumeRoot\n    Condition:\n      ArnEquals:\n        sts:TaskPolicyArn: |'),
        replaced: '',
        first: [`${ROOT_TASK}IAMAuditRootUserCredentials`, `${ROOT_TASK}IAMCreateRootUserPassword`],
      },
      {
        name: 'true and false for a Bool key, in a list item',
        text: managed('  - Effect: Deny\n    Action: "*"\n    Resource: "*"\n    Condition:\n      Bool:\n        aws:AssumedRoot:\n          - t|'),
        replaced: 't',
        first: ['true', 'false'],
      },
      {
        name: 'Resource: ARN templates of the statement\'s actions, then "*" quoted (a plain * is a YAML alias)',
        text: managed('  - Effect: Allow\n    Action: sts:AssumeRoot\n    Resource: |'),
        replaced: '',
        first: ['arn:${Partition}:iam::${Account}:root', '*'],
        insert: { '*': "'*'", 'arn:${Partition}:iam::${Account}:root': 'arn:${1:Partition}:iam::${2:Account}:root' },
      },
      {
        name: 'an SCP\'s Content in AWS::Organizations::Policy',
        text: template('AWS::Organizations::Policy', 'Content', `Version: '2012-10-17'\nStatement:\n  - Effect: Deny\n    Action: iam:DeleteLog|\n    Resource: "*"`, '      Type: SERVICE_CONTROL_POLICY\n'),
        replaced: 'iam:DeleteLog',
        first: [],
        includes: ['iam:DeleteLoginProfile'],
      },
      {
        name: 'a role\'s inline policy',
        text: template('AWS::IAM::Role', 'Policies', `- PolicyName: p\n  PolicyDocument:\n    Statement:\n      - Effect: Allow\n        Action: sts:Assu|`),
        replaced: 'sts:Assu',
        first: ['sts:AssumeRoot'],
      },
      {
        name: 'a policy written as JSON in a literal block, between its strings',
        text: template('AWS::Organizations::Policy', 'Content', `§\n  {"Statement": [{"Effect": "Deny", "Action": [|], "Resource": "*"}]}`, '      Type: SERVICE_CONTROL_POLICY\n'),
        replaced: '',
        first: [],
        includes: ['sts'],
        insert: { sts: '"sts:"' },
      },
      {
        name: 'a Resource given by !Sub, completed within its text',
        text: managed('  - Effect: Allow\n    Action: sts:Assume|\n    Resource: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"'),
        replaced: 'sts:Assume',
        first: ['sts:AssumeRoot'],
      },
    ];
    itCompletes(cases, complete);

    it('offers nothing outside a policy document, nor in a template resource that holds none', () => {
      assert.equal(complete(managed('  - Effect: Allow\n    Action: s3:GetObject').replace("Version: '2012", "Version: '20|12")).list, undefined);
      assert.equal(complete(template('AWS::S3::Bucket', 'BucketName', 'sts:|')).list, undefined);
      assert.equal(complete(managed('  - Effect: Allow\n    Sid: sts:|')).list, undefined);
    });
  });

  describe('hover', () => {
    const statementYaml = (effectCursor: string) =>
      managed(
        `  - Sid: Audit\n    Effect: ${effectCursor}\n    Action: sts:AssumeRoot\n    Resource: "*"\n    Condition:\n      StringEquals:\n        sts:TaskPolicyArn: ${ROOT_TASK}IAMAuditRootUserCredentials`,
      );
    const cases: HoverCase[] = [
      {
        name: 'an action: access level, description, the reference',
        text: managed('  - Effect: Allow\n    Action:\n      - sts:Assume|Root'),
        hovered: 'sts:AssumeRoot',
        markdown: /^\*\*sts:AssumeRoot\*\* · Write\n\nGrants permission to obtain[^]*Service Authorization Reference/,
      },
      {
        name: 'a wildcard: how many actions, the sensitive ones first',
        text: managed('  - Effect: Allow\n    Action: "iam:*Login|Profile"'),
        hovered: 'iam:*LoginProfile',
        markdown: /^\*\*iam:\\\*LoginProfile\*\* covers 4 actions in 1 service, the sensitive ones first:\n\n- `iam:CreateLoginProfile` · Write/,
      },
      {
        name: 'a condition key: the root-access explanation and the statement\'s supporting action',
        text: statementYaml('Allow').replace('sts:TaskPolicyArn:', 'sts:TaskPol|icyArn:'),
        hovered: 'sts:TaskPolicyArn',
        markdown: /^\*\*sts:TaskPolicyArn\*\* · ARN\n\nFilters access by TaskPolicyARN\n\nCentralized root access: [^]*Supported by `sts:AssumeRoot` \(in this statement\)\.$/,
      },
      {
        name: 'a task-policy ARN: the calls of that task',
        text: statementYaml('Allow').replace('IAMAuditRoot', 'IAMAudit|Root'),
        hovered: `${ROOT_TASK}IAMAuditRootUserCredentials`,
        markdown: /^\*\*IAMAuditRootUserCredentials\*\* \(root-task policy\)\n\nA root session opened with it may call only:\n\n- `iam:GetAccountSummary`/,
      },
      {
        name: 'a statement (on Effect): its sentence from the policy engine',
        text: statementYaml('Al|low'),
        hovered: 'Allow',
        markdown: /^Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.$/,
      },
      {
        name: 'a grant on an account known only at deployment says so in words',
        text: managed('  - Effect: Al|low\n    Action: sts:AssumeRoot\n    Resource: !Sub "arn:aws:iam::${Target}:root"'),
        hovered: 'Allow',
        markdown: /^Lets its holder open root sessions with IAMAuditRootUserCredentials, .* \(and any task policy AWS adds later\) in every member account, depending on values known only at deployment\.$/,
      },
      {
        name: 'a statement written with Fn::If: each side of the condition, when they read differently',
        text: managed(
          '  - Effect: Al|low\n    Action: sts:AssumeRoot\n    Resource: "*"\n    Condition: !If\n      - Strict\n      - StringEquals: {sts:TaskPolicyArn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials}\n      - !Ref AWS::NoValue',
        ),
        hovered: 'Allow',
        markdown:
          /^When condition Strict is true: Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.\n\nWhen condition Strict is false: Lets its holder open root sessions with IAMAuditRootUserCredentials, .* \(and any task policy AWS adds later\) in every member account\.$/,
      },
      {
        name: 'a statement AWS rejects on one side of an Fn::If (Resource and NotResource both) says so on that side',
        text: managed('  - Effect: Al|low\n    Action: sts:AssumeRoot\n    Resource: "*"\n    NotResource: !If [Strict, "arn:aws:iam::111122223333:root", !Ref AWS::NoValue]'),
        hovered: 'Allow',
        markdown:
          /^When condition Strict is true: AWS rejects this statement: A statement may have Resource or NotResource, not both: remove one of them\.\n\nWhen condition Strict is false: Lets its holder open root sessions with .* in every member account\.$/,
      },
      {
        name: 'a statement Fn::If leaves the same on either side: one sentence',
        text: managed('  - Effect: Al|low\n    Action: sts:AssumeRoot\n    Resource: "*"\n    Condition: {StringEquals: {sts:TaskPolicyArn: arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials}}\n  - Effect: Deny\n    Action: s3:*\n    Resource: !If [Strict, "*", "arn:aws:s3:::logs/*"]'),
        hovered: 'Allow',
        markdown: /^Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.$/,
      },
      {
        name: 'a statement of an Fn::ForEach loop: each resource it makes, by name, each side of its condition',
        text: [
          'Transform: AWS::LanguageExtensions',
          'Conditions:',
          '  Strict: !Equals [!Ref AWS::Region, us-east-1]',
          'Resources:',
          '  Fn::ForEach::Tasks:',
          '    - Task',
          '    - [IAMAuditRootUserCredentials, S3UnlockBucketPolicy]',
          '    - Root${Task}:',
          '        Type: AWS::IAM::ManagedPolicy',
          '        Properties:',
          '          PolicyDocument:',
          '            Statement:',
          '              - Sid: Ro|ot',
          '                Effect: !If [Strict, Deny, Allow]',
          '                Action: sts:AssumeRoot',
          '                Resource: "*"',
          `                Condition: {StringEquals: {sts:TaskPolicyArn: !Sub "${ROOT_TASK}\${Task}"}}`,
          '',
        ].join('\n'),
        hovered: 'Root',
        markdown: new RegExp(
          [
            '^Resources.RootIAMAuditRootUserCredentials, when condition Strict is true: Denies sts:AssumeRoot .*',
            'Resources.RootIAMAuditRootUserCredentials, when condition Strict is false: Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\\.',
            'Resources.RootS3UnlockBucketPolicy, when condition Strict is true: Denies sts:AssumeRoot .*',
            'Resources.RootS3UnlockBucketPolicy, when condition Strict is false: Lets its holder open root sessions with S3UnlockBucketPolicy in every member account\\.$',
          ].join('\n\n'),
        ),
      },
      {
        name: 'an event bus statement, on the first letter of its first key: what the reader adds around it is not there',
        text: template('AWS::Events::EventBusPolicy', 'Statement', '|Sid: AllowOrg\nEffect: Allow\nPrincipal: "*"\nAction: events:PutEvents\nResource: "*"\nCondition: {StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}}', '      StatementId: AllowOrg\n'),
        hovered: 'Sid',
        markdown: /^Allows events:PutEvents on every resource, under 1 condition\.$/,
      },
      {
        name: 'an SCP statement (on Sid) in AWS::Organizations::Policy',
        text: template(
          'AWS::Organizations::Policy',
          'Content',
          `Statement:\n  - Sid: No|Delete\n    Effect: Deny\n    Action: iam:DeleteLoginProfile\n    Resource: "*"\n    Condition:\n      Bool:\n        aws:AssumedRoot: "true"`,
          '      Type: SERVICE_CONTROL_POLICY\n',
        ),
        hovered: 'NoDelete',
        markdown: /^Denies iam:DeleteLoginProfile on every resource, under 1 condition\. Blocks iam:DeleteLoginProfile in IAMDeleteRootUserCredentials sessions in every account it is attached to \(root sessions only/,
      },
    ];
    itHovers(cases, hover);

    it('a file that reads: the word under the cursor as the completion reading finds it, at every offset of a template', () => {
      const text = fs.readFileSync(path.join(__dirname, '../../../fixtures/workspace/templates/assist.yaml'), 'utf8');
      const words = hoverWordsAgreeWithMarkers(text, YAML);
      // Every action, key, value and Sid or Effect of its statements, not one of them missed.
      assert.ok(words > 200, `${words} offsets on words`);
    });

    it('a flow sequence\'s bracket or a block sequence\'s dash is no word', () => {
      assert.equal(hover(managed('  - Effect: Allow\n    Action: |[iam:*LoginProfile]')), undefined);
      assert.equal(hover(managed('  - Effect: Allow\n    Action:\n      |- s3:Get*')), undefined);
    });

    it('nothing on a Resource or outside a policy', () => {
      assert.equal(hover(managed('  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::b|')), undefined);
      assert.equal(hover(managed('  - Effect: Allow\n    Action: s3:GetObject').replace('ManagedPolicy', 'Managed|Policy')), undefined);
    });
  });
});
