import assert from 'node:assert/strict';
import { lintText } from '../../../../../src/core/lint/linter';

/** AWS::Include inserts its snippet where `Fn::Transform` is written: a map, a policy's part, any JSON. */
describe('CloudFormation AWS::Include (Fn::Transform) inside a resource', () => {
  const INCLUDE = 'Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/snippet.yaml}}';
  const lint = (lines: string[]) => lintText({ path: 't.yaml', text: [...lines, ''].join('\n') }).map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);

  it('says so when Fn::Transform is one key among the Properties (it was a silent "no problems")', () => {
    assert.deepEqual(
      lint([
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      ManagedPolicyName: breakglass',
        `      ${INCLUDE}`,
        '  Topic:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      TopicName: t',
        `      ${INCLUDE}`,
      ]),
      // A topic holds no policy: its snippet cannot bring one.
      ['RG010@6:22: Resources.P.Properties.Fn::Transform is not checked: the properties it brings are only known at deployment.'],
    );
  });

  it('still reads the properties written beside it', () => {
    assert.deepEqual(
      lint([
        'Resources:',
        '  R:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: sts:AssumeRole}]}',
        `      ${INCLUDE}`,
      ]).map((f) => f.split(':')[0]),
      ['RG208@5', 'RG010@6'],
    );
  });

  it('reads a statement Condition given by Fn::Transform as not checked (RG010), not as a grammar error (RG002)', () => {
    assert.deepEqual(
      lint([
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: sts:AssumeRoot',
        '            Resource: "*"',
        `            Condition: {${INCLUDE}}`,
        '          - Effect: Allow',
        '            Action: s3:GetObject',
        '            Resource: "*"',
        '            Condition: !Ref Conditions',
      ]),
      [
        'RG101@9:21: Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account, as far as values known only at deployment allow: no condition restricts sts:TaskPolicyArn.',
        `RG010@11:24: This statement's Condition is given by {${INCLUDE}}, known only at deployment, and is not checked: findings on the statement read it as if it might not restrict it.`,
        // Ref gives a string: no snippet, so still the grammar error it was.
        'RG002@15:29: Condition must be an object of operators, e.g. { "StringEquals": { "aws:PrincipalOrgID": "o-..." } }; found !Ref Conditions, which CloudFormation resolves to a string or a list of strings, never to an object.',
      ],
    );
  });
  it('reads Fn::Transform beside a statement\'s elements as elements not checked (RG010), not an unknown element (RG002), and the statement as one that may apply', () => {
    assert.deepEqual(
      lint([
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: sts:AssumeRoot',
        '            Resource: "*"',
        `            ${INCLUDE}`,
        '          - Effect: Allow',
        '            Action: s3:GetObject',
        '            Resource: "*"',
        '            Fn::Transfrom: {Name: AWS::Include}',
      ]),
      [
        'RG101@9:21: Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account, as far as values known only at deployment allow: no condition restricts sts:TaskPolicyArn.',
        `RG010@11:28: This statement's Fn::Transform {Name: AWS::Include, Parameters: {Location: s3://bucket/snippet.yaml}} brings elements known only at deployment, which are not checked: findings on the statement read it as if they might change what it does.`,
        // A misspelled key is no snippet: still an unknown element.
        'RG002@15:13: "Fn::Transfrom" is not an element of a statement; it may have Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition. Remove or rename it.',
      ],
    );
  });
});
