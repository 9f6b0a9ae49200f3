import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const statement = (action: string, condition: string) =>
  policy(`    {\n      "Effect": "Deny",\n      "Action": ${JSON.stringify(action)},\n      "Resource": "*",\n      "Condition": ${condition}\n    }`);
/** A statement on a Resource, its Condition optional: the line of each is fixed (Resource 7, Condition 8). */
const onResource = (resource: string, condition = '{}') =>
  policy(`    {\n      "Effect": "Deny",\n      "Action": "s3:*",\n      "Resource": ${JSON.stringify(resource)},\n      "Condition": ${condition}\n    }`);

ruleTester('RG015', {
  valid: [
    { name: 'every action: a key some action supports is not weighed', code: statement('*', '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }') },
    { name: 'a key the action supports', code: statement('s3:PutObject', '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }') },
    { name: 'a resource-type key (kms:ResourceAliases on a key)', code: statement('kms:Decrypt', '{ "ForAnyValue:StringLike": { "kms:ResourceAliases": "alias/app-*" } }') },
    { name: 'a templated key, case-insensitive', code: statement('s3:GetObject', '{ "StringEquals": { "S3:ExistingObjectTag/team": "a" } }') },
    { name: 'a key templated after a colon (kms:EncryptionContext:<context key>)', code: statement('kms:Decrypt', '{ "ArnLike": { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::logs-*" } }') },
    { name: 'a templated key of the tag kind (aws-style <key> placeholder)', code: statement('s3:GetObject', '{ "StringEquals": { "s3:ExistingObjectTag/team/sub": "a" } }') },
    { name: "a tag template the reference writes as a literal tag-key", code: statement('secretsmanager:GetSecretValue', '{ "StringEquals": { "secretsmanager:ResourceTag/owner": "a" } }') },
    { name: 'global keys are always fine', code: statement('s3:PutEncryptionConfiguration', '{ "StringNotEquals": { "aws:PrincipalOrgID": "o-abc" } }') },
    { name: 'another service\'s key describes the caller\'s credentials', code: statement('s3:GetObject', '{ "StringNotEquals": { "ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/i-1" } }') },
    { name: "a cross-service key rides on its own service's requests too", code: statement('ec2:CreateSnapshots', '{ "StringEquals": { "ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/i-1" } }') },
    { name: 'a wildcard action supports what any of its actions supports', code: statement('s3:Put*', '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }') },
    { name: 'NotAction is not judged', code: policy(`    { "Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*", "Condition": { "Bool": { "s3:nonsense": "true" } } }`) },
    { name: 'a policy variable of a global key, in a Resource and a condition value', code: onResource('arn:aws:s3:::home/${aws:username}/*', '{ "StringNotEquals": { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }') },
    { name: 'a policy variable of a service key is not judged', code: onResource('arn:aws:s3:::b/${s3:prefix}') },
    { name: '${*}, ${?} and ${$} read no key', code: onResource('arn:aws:s3:::b/${*}${?}${$}') },
    { name: 'a global key IAM lists beside the documented ones (aws:SourceOwner)', code: statement('sns:Publish', '{ "StringEquals": { "aws:SourceOwner": "111122223333" } }') },
    { name: 'an action whose data lists no keys at all is not judged for a key IAM has', code: statement('states:InvokeHTTPEndpoint', '{ "StringNotLike": { "states:HTTPEndpoint": "https://*" } }') },
  ],
  invalid: [
    {
      name: 'every action: a key IAM does not have is a typo whatever the action (it is judged only for that)',
      code: statement('*', '{ "StringNotEquals": { "s3:x-amz-server-side-encyrption": "aws:kms" } }'),
      errors: [{ line: 8, message: 'IAM has no condition key s3:x-amz-server-side-encyrption: no request carries it' }],
    },
    {
      name: 'every service\'s Put actions alike',
      code: statement('*:Put*', '{ "StringNotEquals": { "s3:x-amz-server-side-encyrption": "aws:kms" } }'),
      errors: [{ line: 8, message: 'IAM has no condition key s3:x-amz-server-side-encyrption' }],
    },
    {
      name: 'a key of another action of the same service',
      code: statement('s3:PutEncryptionConfiguration', '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }'),
      errors: [{ line: 8, column: 43, message: "s3:x-amz-server-side-encryption is supported by none of this statement's actions (s3:PutEncryptionConfiguration)" }],
    },
    {
      name: 'the colon template belongs to other actions of the service',
      code: statement('kms:ScheduleKeyDeletion', '{ "StringEquals": { "kms:EncryptionContext:team": "a" } }'),
      errors: [{ line: 8, message: "kms:EncryptionContext:team is supported by none of this statement's actions (kms:ScheduleKeyDeletion)" }],
    },
    {
      name: 'a misspelt name under a documented prefix is not a template instance',
      code: statement('apigateway:POST', '{ "StringEquals": { "apigateway:Request/ApiNme": "a" } }'),
      errors: [{ line: 8, message: 'IAM has no condition key apigateway:Request/ApiNme' }],
    },
    {
      name: '${aws:Partition} in a Resource: no request carries the key, the value matches nothing (CloudFormation means ${AWS::Partition})',
      code: onResource('arn:${aws:Partition}:s3:::shared/*'),
      errors: [{ line: 7, column: 19, message: "${aws:Partition} reads aws:Partition, which is no global condition key: no request carries it, so this value matches nothing. CloudFormation's pseudo parameter is written ${AWS::Partition}" }],
    },
    {
      name: 'in a condition value, with a default: always the default',
      code: onResource('*', `{ "StringNotLike": { "aws:PrincipalArn": "arn:\${aws:Partition, 'aws'}:iam::*:role/Admin" } }`),
      errors: [{ line: 8, message: "${aws:Partition, 'aws'} reads aws:Partition, which is no global condition key: no request carries it, so it is always its default 'aws'." }],
    },
    {
      name: 'a misspelt global key in a variable is named',
      code: onResource('*', '{ "StringEquals": { "aws:ResourceAccount": "${aws:PrincipalAcount}" } }'),
      errors: [{ line: 8, message: 'reads aws:PrincipalAcount, which is no global condition key: no request carries it, so this value matches nothing. Did you mean aws:PrincipalAccount?' }],
    },
    {
      name: 'an aws: condition key that is no global key reads absent',
      code: statement('s3:GetObject', '{ "StringEquals": { "aws:AccountId": "111122223333" } }'),
      errors: [{ line: 8, message: 'aws:AccountId is no global condition key: no request carries it, so this condition reads it as absent.' }],
    },
    {
      name: 'aws:ResourceArn, no global key, is pointed to Resource rather than to aws:SourceArn',
      code: statement('s3:GetObject', '{ "ArnNotLikeIfExists": { "aws:ResourceArn": "arn:aws:s3:::aws-*" } }'),
      errors: [{ line: 8, message: "aws:ResourceArn is no global condition key: no request carries it, so this condition reads it as absent. The request's resource is matched by the statement's Resource or NotResource." }],
    },
    {
      name: 'a key IAM does not have',
      code: statement('sqs:CreateQueue', '{ "Null": { "sqs:KmsMasterKeyId": "true" } }'),
      errors: [{ line: 8, message: 'IAM has no condition key sqs:KmsMasterKeyId: requests for sqs:CreateQueue never carry it' }],
    },
  ],
});
