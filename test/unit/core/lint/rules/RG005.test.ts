import { ruleTester } from '../ruleTester';

const withCondition = (condition: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Deny", "Action": "*", "Resource": "*",\n    "Condition": ${condition}\n  }]\n}`;

/** Typos that say "not": the guess keeps the negation, never "corrects" it away (a Deny's perimeter would flip). */
const NEGATED_TYPOS: Array<[typo: string, meant: string]> = [
  ['NotStringEquals', 'StringNotEquals'],
  ['StringEqualsNot', 'StringNotEquals'],
  ['NotStringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['ForAnyValue:NotStringLike', 'ForAnyValue:StringNotLike'],
  ['NotArnLike', 'ArnNotLike'],
  ['NotArnEquals', 'ArnNotEquals'],
  ['NotNumericEquals', 'NumericNotEquals'],
  ['NotDateEquals', 'DateNotEquals'],
  ['IpAddressNot', 'NotIpAddress'],
  ['StringNotEqual', 'StringNotEquals'],
];

ruleTester('RG005', {
  valid: [
    { name: 'plain operators', code: withCondition('{ "StringEquals": { "aws:PrincipalOrgID": "o-1" }, "Null": { "aws:AssumedRoot": "true" } }') },
    { name: 'set prefixes and IfExists', code: withCondition('{ "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "a*" }, "ForAllValues:ArnNotEquals": { "aws:CalledVia": "x" } }') },
    { name: 'a malformed Condition is left to RG002', code: withCondition('"StringEqual"') },
  ],
  invalid: [
    {
      name: 'a typo, with the nearest operator as a fix',
      code: withCondition('{ "StringEqual": { "aws:PrincipalOrgID": "o-1" } }'),
      errors: [{ line: 5, column: 20, message: 'did you mean "StringEquals"' }],
      fix: { output: withCondition('{ "StringEquals": { "aws:PrincipalOrgID": "o-1" } }') },
    },
    {
      name: 'a known operator in the wrong case',
      code: withCondition('{ "stringequals": { "aws:PrincipalOrgID": "o-1" } }'),
      errors: [{ line: 5, message: 'spelled "StringEquals"' }],
      fix: { title: 'StringEquals', output: withCondition('{ "StringEquals": { "aws:PrincipalOrgID": "o-1" } }') },
    },
    {
      name: 'a miscased set prefix and suffix',
      code: withCondition('{ "foranyvalue:StringLikeifexists": { "aws:TagKeys": "a" } }'),
      errors: [{ line: 5, message: 'spelled "ForAnyValue:StringLikeIfExists"' }],
      fix: {},
    },
    {
      name: 'a miscased operator beside the one it should be: no fix, which would make the Condition hold it twice',
      code: withCondition('{ "StringEquals": { "aws:PrincipalAccount": "111122223333" }, "stringequals": { "aws:PrincipalOrgID": "o-1" } }'),
      errors: [{ line: 5, message: 'is spelled "StringEquals", and this Condition has "StringEquals" already. Merge the two.', fixes: [] }],
    },
    {
      name: 'a typo whose nearest operator the Condition has already: no fix either',
      code: withCondition('{ "StringEquals": { "aws:PrincipalAccount": "111122223333" }, "StringEqual": { "aws:PrincipalOrgID": "o-1" } }'),
      errors: [{ line: 5, message: 'did you mean "StringEquals"?', fixes: [] }],
    },
    ...NEGATED_TYPOS.map(([typo, meant]) => ({
      name: `${typo}: did you mean ${meant}`,
      code: withCondition(`{ "${typo}": { "aws:ResourceOrgID": "o-1" } }`),
      errors: [{ line: 5, message: `"${typo}" is not a condition operator IAM has; did you mean "${meant}"?`, fixes: [`Replace with "${meant}"`] }],
      fix: { output: withCondition(`{ "${meant}": { "aws:ResourceOrgID": "o-1" } }`) },
    })),
    ...['NotBool', 'NotNull', 'NotNumericLessThan', 'StringNoEquals'].map((typo) => ({
      name: `${typo}: no guess, none keeps what the text says about negation`,
      code: withCondition(`{ "${typo}": { "aws:ResourceOrgID": "o-1" } }`),
      errors: [{ line: 5, message: `"${typo}" is not a condition operator IAM has. See the IAM condition operators reference.`, fixes: [] }],
    })),
    { name: 'NullIfExists', code: withCondition('{ "NullIfExists": { "aws:AssumedRoot": "true" } }'), errors: [{ line: 5, message: 'no IfExists form' }] },
    { name: 'nothing close', code: withCondition('{ "Whatever": { "aws:AssumedRoot": "true" } }'), errors: [{ line: 5, message: 'is not a condition operator' }] },
  ],
});
