/**
 * CloudFormation dynamic references (`{{resolve:ssm:...}}`) are values known only at deployment, read as a
 * parameter is: not as their literal text, which made an SSM-held Resource look scoped (no RG101), an
 * SSM-held task policy ARN a misspelt one (RG103 offering to swap in another task's ARN), and an SSM-held
 * SCP broken JSON (RG001-RG003).
 */
import assert from 'node:assert/strict';
import { lintText } from '../../../../../src/core/lint/linter';
import { managedPolicyTemplate } from './fixtures';

/** Each finding as `RG101@12: its message's first words [its fixes' titles]`. */
const described = (path: string, text: string) =>
  lintText({ path, text }).map((f) => `${f.ruleId}@${f.line}: ${f.message.slice(0, 48)} [${f.fixes.map((x) => x.title).join('; ')}]`);
const AUDIT_ONLY_FIX = '[Restrict sts:TaskPolicyArn to IAMAuditRootUserCredentials (read-only)]';

const statement = (lines: string[]) => managedPolicyTemplate([], ['        Statement:', '          - Effect: Allow', ...lines.map((l) => `            ${l}`)]);

describe('CloudFormation dynamic references ({{resolve:...}})', () => {
  it('reads a Resource from Parameter Store as could be anything: RG101, as for !Ref Target', () => {
    const text = statement(['Action: sts:AssumeRoot', "Resource: '{{resolve:ssm:/root-access/target}}'"]);
    assert.deepEqual(described('t.yaml', text), [`RG101@9: Allows sts:AssumeRoot with every task policy, IA ${AUDIT_ONLY_FIX}`]);
    const secret = statement(['Action: "*"', "Resource: '{{resolve:secretsmanager:res:SecretString:arn}}'"]);
    const parameter = statement(['Action: "*"', 'Resource: !Ref Target']);
    assert.deepEqual(described('t.yaml', secret), described('t.yaml', parameter));
    assert.deepEqual(described('t.yaml', secret).map((d) => d.split(':')[0]), ['RG101@9']);
  });

  it('in a JSON template too, where a policy without functions was read in place', () => {
    const text = JSON.stringify({
      Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '{{resolve:ssm-secure:/target}}' }] } } } },
    }, null, 2);
    assert.deepEqual(described('t.json', text), [`RG101@11: Allows sts:AssumeRoot with every task policy, IA ${AUDIT_ONLY_FIX}`]);
  });

  it('offers no "did you mean" for a task policy ARN from Parameter Store (RG103 replaced it with an unrelated task ARN)', () => {
    const text = statement(['Action: sts:AssumeRoot', 'Resource: "*"', 'Condition:', '  ArnEquals:', "    sts:TaskPolicyArn: '{{resolve:ssm:/root-access/task-policy-arn}}'"]);
    // As for `!Ref TaskArn`: RG101, whose fix writes the read-only task's ARN in its place.
    assert.deepEqual(described('t.yaml', text), [`RG101@9: Allows sts:AssumeRoot with every task policy, IA ${AUDIT_ONLY_FIX}`]);
  });

  it('says an Action from Parameter Store is not checked (RG010), not that IAM has no service "{{resolve"', () => {
    const text = statement(["Action: '{{resolve:ssm:/my/action}}'", 'Resource: "*"']);
    assert.deepEqual(described('t.yaml', text), ["RG010@9: This statement's Action is given by {{resolve:ss []"]);
  });

  it('says a whole policy from Parameter Store is not checked (RG010), not invalid JSON', () => {
    const scp = ['Resources:', '  Guardrail:', '    Type: AWS::Organizations::Policy', '    Properties:', '      Name: g', '      Type: SERVICE_CONTROL_POLICY', "      Content: '{{resolve:ssm:/guardrails/deny-root-scp}}'", ''].join('\n');
    assert.deepEqual(
      lintText({ path: 't.yaml', text: scp }).map((f) => `${f.ruleId}@${f.line}: ${f.message}`),
      ['RG010@7: Resources.Guardrail.Properties.Content is not checked: the policy is only known at deployment (it is a dynamic reference, filled in from Parameter Store or Secrets Manager).'],
    );
  });

  it('reads the rest of a longer string as written: a root ARN whose account is in Parameter Store is still the root', () => {
    const scp = [
      'Resources:',
      '  Guard:',
      '    Type: AWS::Organizations::Policy',
      '    Properties:',
      '      Name: g',
      '      Type: SERVICE_CONTROL_POLICY',
      '      Content:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Deny',
      '            Action: "*"',
      '            Resource: "*"',
      '            Condition:',
      '              ArnLike:',
      "                aws:PrincipalArn: 'arn:aws:iam::{{resolve:ssm:/acct}}:root'",
      '',
    ].join('\n');
    const findings = lintText({ path: 't.yaml', text: scp });
    assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`), ['RG107@15:17']);
    assert.ok(findings[0].message.includes('(ArnLike "arn:aws:iam::{{resolve:ssm:/acct}}:root")'), findings[0].message);
  });
});
