import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const denyWith = (condition: string) => policy(`    {
      "Effect": "Deny",
      "Action": "iam:CreateLoginProfile",
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

ruleTester('RG108', {
  valid: [
    { name: 'Bool true', type: 'scp', code: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    { name: 'Null true, in an Allow of an identity policy', code: denyWith(`"Null": { "aws:AssumedRoot": "true" }`).replace('"Deny"', '"Allow"') },
    { name: 'BoolIfExists false', type: 'scp', code: denyWith(`"BoolIfExists": { "aws:AssumedRoot": "false" }`) },
    { name: 'set operators on a multivalued key are not this rule', type: 'scp', code: denyWith(`"ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] }`) },
  ],
  invalid: [
    {
      name: 'ForAnyValue:Bool renamed to Bool',
      type: 'scp',
      code: denyWith(`"ForAnyValue:Bool": { "aws:AssumedRoot": "true" }`),
      errors: [{ line: 9, message: 'ForAnyValue:Bool: ForAnyValue: is for multivalued keys. Use Bool.' }],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'ForAllValues:Bool true holds for every request: its exact rewrite, BoolIfExists true, would too, and is not offered; Bool is, not preferred',
      type: 'scp',
      code: denyWith(`"ForAllValues:Bool": { "aws:AssumedRoot": "true" }`),
      errors: [
        {
          line: 9,
          message: 'ForAllValues: holds whenever the key is absent, i.e. for every request outside a root session. Use Bool (which no longer holds when the key is absent).',
          fixes: ['Use Bool (then no longer holds when the key is absent)'],
          preferred: [],
        },
      ],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'ForAllValues:Bool false (an exemption): BoolIfExists false is the same (preferred); Bool false, which holds for no request, is not offered',
      type: 'scp',
      code: denyWith(`"ForAllValues:Bool": { "aws:AssumedRoot": "false" }`),
      errors: [{ line: 9, message: 'outside a root session. Use BoolIfExists.', fixes: ['Use BoolIfExists'], preferred: ['Use BoolIfExists'] }],
      fix: { output: denyWith(`"BoolIfExists": { "aws:AssumedRoot": "false" }`) },
    },
    {
      name: 'BoolIfExists true holds for every request (the key is absent outside root sessions): reported, Bool offered, not preferred',
      type: 'scp',
      code: denyWith(`"BoolIfExists": { "aws:AssumedRoot": "true" }`),
      errors: [
        {
          line: 9,
          message:
            'aws:AssumedRoot is absent outside root sessions and "true" in them: BoolIfExists "true" holds for every request, so it tests nothing (a Deny with it denies everyone, an Allow allows everyone). ' +
            'Use Bool (which no longer holds when the key is absent).',
          fixes: ['Use Bool (then no longer holds when the key is absent)'],
          preferred: [],
        },
      ],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'Bool false holds for no request: reported, BoolIfExists (the exemption) offered, not preferred',
      code: denyWith(`"Bool": { "aws:AssumedRoot": "false" }`).replace('"Deny"', '"Allow"'),
      errors: [
        {
          line: 9,
          message: 'Bool "false" holds for no request (a Deny with it denies nothing, an Allow allows nothing). Use BoolIfExists (which also holds when the key is absent).',
          fixes: ['Use BoolIfExists (then also holds when the key is absent)'],
          preferred: [],
        },
      ],
      fix: { output: denyWith(`"BoolIfExists": { "aws:AssumedRoot": "false" }`).replace('"Deny"', '"Allow"') },
    },
    {
      name: 'StringEqualsIfExists true: its Bool twin, BoolIfExists true, holds for every request; Bool is offered instead, not preferred',
      code: denyWith(`"StringEqualsIfExists": { "aws:AssumedRoot": "true" }`),
      errors: [{ line: 9, message: 'String operators compare it as text. Use Bool (which no longer holds when the key is absent).', preferred: [] }],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'ForAllValues:Bool, miscased key, sharing its block: Bool, on request, moves it into the existing Bool block',
      type: 'scp',
      code: denyWith(`"ForAllValues:Bool": { "aws:assumedRoot": "true", "aws:ViaAWSService": "false" },
        "Bool": { "aws:SecureTransport": "true" }`),
      errors: [{ line: 9, message: 'ForAllValues: holds whenever the key is absent' }],
      fix: {
        title: 'Use Bool (',
        output: denyWith(`"ForAllValues:Bool": { "aws:ViaAWSService": "false" },
        "Bool": { "aws:SecureTransport": "true", "aws:assumedRoot": "true" }`),
      },
    },
    {
      name: 'ForAllValues:StringEquals true: not BoolIfExists true (it holds for every request), Bool, not preferred',
      code: denyWith(`"ForAllValues:StringEquals": { "aws:AssumedRoot": "true" }`),
      errors: [{ line: 9, fixes: ['Use Bool (then no longer holds when the key is absent)'], preferred: [] }],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'StringEquals means Bool',
      code: denyWith(`"StringEquals": { "aws:AssumedRoot": "true" }`),
      errors: [{ line: 9, message: 'String operators compare it as text' }],
      fix: { output: denyWith(`"Bool": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'StringNotLike has no fix; a value that is no Bool is reported on its line',
      code: denyWith(`"StringNotLike": {
          "aws:AssumedRoot": "yes"
        }`),
      errors: [{ line: 9, message: 'Use Bool or Null' }, { line: 10, message: '"yes" is neither "true" nor "false"' }],
    },
    {
      name: '"True": read as true, as the engine reads it, and written lowercase as AWS documents it',
      code: denyWith(`"Null": { "aws:AssumedRoot": "True" }`),
      errors: [{ line: 9, message: 'aws:AssumedRoot is a Bool: write "true". AWS documents "true" and "false"; whether IAM reads "True" the same is not documented', fixes: ['Write "true"'] }],
      fix: { output: denyWith(`"Null": { "aws:AssumedRoot": "true" }`) },
    },
    {
      name: 'BoolIfExists "TRUE" holds for every request as "true" does: reported, and no fix writes "true" there',
      type: 'scp',
      code: denyWith(`"BoolIfExists": { "aws:AssumedRoot": "TRUE" }`),
      errors: [
        {
          line: 9,
          message: 'aws:AssumedRoot is absent outside root sessions and "true" in them: BoolIfExists "TRUE" holds for every request, so it tests nothing',
          fixes: ['Use Bool (then no longer holds when the key is absent)'],
          preferred: [],
        },
        { line: 9, message: 'aws:AssumedRoot is a Bool: write "true".', fixes: [] },
      ],
    },
    {
      name: 'Bool "False" holds for no request as "false" does: reported, and no fix writes "false" there',
      type: 'scp',
      code: denyWith(`"Bool": { "aws:AssumedRoot": "False" }`),
      errors: [
        { line: 9, message: 'Bool "False" holds for no request', fixes: ['Use BoolIfExists (then also holds when the key is absent)'], preferred: [] },
        { line: 9, message: 'aws:AssumedRoot is a Bool: write "false".', fixes: [] },
      ],
    },
  ],
});
