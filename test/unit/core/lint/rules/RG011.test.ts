import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const deny = `    { "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::logs" }`;

ruleTester('RG011', {
  valid: [
    { name: 'plain JSON', code: policy(deny) },
    { name: 'slashes and commas inside strings', code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::a//b/*", "Condition": { "StringLike": { "aws:Referer": "https://x/*, ]" } } }`) },
    { name: 'a permission set file is read by its pipeline, not by AWS', type: 'permission-set', code: '{\n  // the team\'s set\n  "Name": "ops",\n  "InlinePolicy": {"Version": "2012-10-17", "Statement": []}\n}' },
    { name: 'a file that does not parse is RG001\'s', code: '{ // unfinished\n "Statement": [' },
    { name: 'a template saved with a byte order mark: the AWS CLI reads it as YAML, which allows one', type: 'cloudformation', encoding: 'utf8bom', code: '{\n  "Resources": {}\n}' },
    { name: 'a permission set saved with a byte order mark: its pipeline reads it', type: 'permission-set', encoding: 'utf8bom', code: '{"Name": "ops", "InlinePolicy": {"Version": "2012-10-17", "Statement": []}}' },
    {
      name: 'a YAML template: its comments are YAML\'s, and a URL is no comment',
      type: 'cloudformation',
      code: '# deny root\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Deny\n            Action: s3:*\n            Resource: "*"\n            Condition: {StringNotLike: {aws:Referer: https://example.com/*}}\n',
    },
  ],
  invalid: [
    {
      name: 'a policy file saved with a byte order mark: reported at its start, with no fix (the mark is not in the text)',
      encoding: 'utf8bom',
      code: policy(deny),
      errors: [{ line: 1, column: 1, message: 'starts with a byte order mark (U+FEFF), which JSON does not allow' }],
    },
    {
      name: 'a policy file saved as UTF-16',
      encoding: 'utf16le',
      code: policy(deny),
      errors: [{ line: 1, column: 1, message: 'This file is saved as UTF-16 (little endian): Terraform\'s file() refuses it' }],
    },
    {
      name: 'an SCP with a byte order mark and a comment: one finding each',
      type: 'scp',
      encoding: 'utf8bom',
      code: `{\n  "Version": "2012-10-17", // v\n  "Statement": [\n${deny}\n  ]\n}`,
      errors: [{ line: 1, message: 'byte order mark' }, { line: 2, message: 'has 1 comment' }],
    },
    {
      name: 'a line comment, removed by the fix',
      code: `{\n  "Version": "2012-10-17", // the only version\n  "Statement": [\n${deny}\n  ]\n}`,
      errors: [{ line: 2, column: 28, message: 'This file has 1 comment: AWS parses policies and templates as plain JSON' }],
      fix: { output: `{\n  "Version": "2012-10-17",\n  "Statement": [\n${deny}\n  ]\n}` },
    },
    {
      name: 'a block comment and trailing commas in an SCP, one finding at the first, one fix for all',
      type: 'scp',
      code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Deny", "Action": ["s3:*",], "Resource": "*" },\n    /* more to come */\n  ]\n}`,
      errors: [{ line: 4, message: 'has 1 comment and 2 trailing commas' }],
      fix: { title: 'Remove the comments and trailing commas' },
    },
    {
      name: 'a CloudFormation template with a comment',
      type: 'cloudformation',
      code: '{\n  // stack\n  "Resources": {}\n}',
      errors: [{ line: 2 }],
      fix: {},
    },
    {
      name: 'a comment inside a policy written as a JSON string, fixed inside the string',
      type: 'permission-set',
      code: `{\n  "Name": "ops",\n  "InlinePolicy": ${JSON.stringify(`{"Version": "2012-10-17", /* v */ "Statement": [${deny}]}`)}\n}`,
      errors: [{ line: 3, message: 'The policy string at InlinePolicy has 1 comment' }],
      fix: {},
    },
  ],
});
