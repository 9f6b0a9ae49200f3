import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

/** An SCP in a CloudFormation template whose Deny lists iam:GetLoginProfile and an action known only at deployment. */
const templateScp = (actions: unknown[]) =>
  JSON.stringify({
    Parameters: { Extra: { Type: 'String' } },
    Resources: { Guard: { Type: 'AWS::Organizations::Policy', Properties: { Name: 'guard', Type: 'SERVICE_CONTROL_POLICY', Content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: actions, Resource: '*' }] } } } },
  });

const denyAll = policy(`    { "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*" }`);
const guard = (condition: string) =>
  policy(`    { "Effect": "Deny", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": ${condition} }`);

ruleTester('RG110', {
  valid: [
    { name: 'the guardrail in the same file', type: 'scp', code: guard('{ "Bool": { "aws:AssumedRoot": "true" } }') },
    { name: 'the guardrail in another SCP of the run', type: 'scp', code: denyAll, others: [{ path: 'guard.json', type: 'scp', text: guard('{ "Bool": { "aws:assumedroot": "true" } }') }] },
    { name: 'a wildcard deny with no AssumedRoot condition covers root sessions too', type: 'scp', code: policy(`    { "Effect": "Deny", "Action": "iam:*LoginProfile", "Resource": "*" }`) },
    { name: 'no SCP in the run: nothing to say', code: denyAll },
    { name: "a template's Deny of iam:GetLoginProfile and iam:CreateLoginProfile, both named", type: 'cloudformation', code: templateScp(['iam:GetLoginProfile', 'iam:CreateLoginProfile']) },
  ],
  invalid: [
    {
      name: 'no SCP denies it',
      type: 'scp',
      code: denyAll,
      others: [{ path: 'other.json', type: 'scp', text: denyAll }],
      errors: [{ line: 1, message: 'None of the 2 SCP document(s) linted denies iam:CreateLoginProfile in root sessions' }],
    },
    {
      name: 'a deny that exempts root sessions is no guardrail',
      type: 'scp',
      code: guard('{ "Null": { "aws:AssumedRoot": "true" } }'),
      errors: [{ line: 1 }],
    },
    {
      // The Deny is certain for the task through iam:GetLoginProfile alone; iam:CreateLoginProfile only if the parameter names it.
      name: "a template's Deny of iam:GetLoginProfile and an action known only at deployment is no guardrail",
      type: 'cloudformation',
      code: templateScp(['iam:GetLoginProfile', { 'Fn::Sub': 'iam:${Extra}' }]),
      errors: [{ line: 1, message: 'None of the 1 SCP document(s) linted denies iam:CreateLoginProfile in root sessions' }],
    },
    {
      name: 'a deny in an identity policy does not count',
      type: 'scp',
      code: denyAll,
      others: [{ path: 'identity.json', type: 'identity', text: guard('{ "Bool": { "aws:AssumedRoot": "true" } }') }],
      errors: [{ line: 1, message: 'None of the 1 SCP' }],
    },
  ],
});
