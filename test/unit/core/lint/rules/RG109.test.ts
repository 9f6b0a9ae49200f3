import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG109', {
  valid: [
    {
      name: 'a Deny in the same policy takes the grant back',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:DisableOrganizationsRootSessions", "s3:GetObject"], "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:DisableOrganizations*", "Resource": "*" }`),
    },
    { name: 'with a condition', code: policy(`    { "Effect": "Allow", "Action": "iam:DisableOrganizationsRootSessions", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }`) },
    { name: 'the enable actions', code: policy(`    { "Effect": "Allow", "Action": ["iam:EnableOrganizationsRoot*", "organizations:EnableAWSServiceAccess"], "Resource": "*" }`) },
    { name: 'whole-service wildcards are RG201/RG202', code: policy(`    { "Effect": "Allow", "Action": ["*", "iam:*", "organizations:*"], "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:DisableOrganizationsRootSessions", "Resource": "*" }`) },
    { name: 'SCP', type: 'scp', code: policy(`    { "Effect": "Allow", "Action": "iam:DisableOrganizationsRootSessions", "Resource": "*" }`) },
    { name: 'a specific resource', code: policy(`    { "Effect": "Allow", "Action": "organizations:DeregisterDelegatedAdministrator", "Resource": "arn:aws:organizations::111122223333:account/o-abc/222233334444" }`) },
  ],
  invalid: [
    {
      name: 'a Deny that depends on MFA takes nothing back for every request',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:DisableOrganizationsRootSessions", "s3:GetObject"], "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:DisableOrganizations*", "Resource": "*", "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }`),
      errors: [{ line: 4, message: 'Allows iam:DisableOrganizationsRootSessions on every resource without condition' }],
    },
    {
      name: 'named actions, one report per value',
      code: policy(`    {
      "Effect": "Allow",
      "Action": [
        "iam:DisableOrganizationsRootCredentialsManagement",
        "organizations:DisableAWSServiceAccess"
      ],
      "Resource": "*"
    }`),
      errors: [
        { line: 7, message: 'Allows iam:DisableOrganizationsRootCredentialsManagement on every resource without condition' },
        { line: 8, message: 'organizations:DisableAWSServiceAccess' },
      ],
    },
    {
      name: 'wildcards iam:DisableOrganizationsRoot* and organizations:Deregister*',
      code: policy(`    { "Effect": "Allow", "Action": "iam:disableorganizationsroot*", "Resource": "*" },
    { "Effect": "Allow", "Action": "organizations:Deregister*", "Resource": "*" }`),
      errors: [
        { line: 4, message: 'iam:DisableOrganizationsRootCredentialsManagement and iam:DisableOrganizationsRootSessions' },
        { line: 5, message: 'organizations:DeregisterDelegatedAdministrator' },
      ],
    },
  ],
});
