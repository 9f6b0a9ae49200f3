import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const denyAll = policy(`    { "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*" }`);
const guard = (condition: string) =>
  policy(`    { "Effect": "Deny", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": ${condition} }`);

ruleTester('RG110', {
  valid: [
    { name: 'the guardrail in the same file', type: 'scp', code: guard('{ "Bool": { "aws:AssumedRoot": "true" } }') },
    { name: 'the guardrail in another SCP of the run', type: 'scp', code: denyAll, others: [{ path: 'guard.json', type: 'scp', text: guard('{ "Bool": { "aws:assumedroot": "true" } }') }] },
    { name: 'a wildcard deny with no AssumedRoot condition covers root sessions too', type: 'scp', code: policy(`    { "Effect": "Deny", "Action": "iam:*LoginProfile", "Resource": "*" }`) },
    { name: 'no SCP in the run: nothing to say', code: denyAll },
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
      name: 'a deny in an identity policy does not count',
      type: 'scp',
      code: denyAll,
      others: [{ path: 'identity.json', type: 'identity', text: guard('{ "Bool": { "aws:AssumedRoot": "true" } }') }],
      errors: [{ line: 1, message: 'None of the 1 SCP' }],
    },
  ],
});
