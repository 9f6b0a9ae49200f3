/**
 * Generators and request grids shared by the generative tests of the symbolic answers: random small
 * statements over the keys root sessions fix and the keys the text cannot fix, and a grid of values of
 * those free keys chosen independently of the policies' own values.
 */
import fc from 'fast-check';
import { TASK_POLICY_NAMES, taskPolicyArn } from '../../../../src/core/policy';

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

/** The free keys' grid: every combination of these (absent included). */
export const GRID: Record<string, (string | string[] | undefined)[]> = {
  'aws:RequestedRegion': [undefined, 'eu-west-1', 'us-east-1'],
  'aws:SourceIp': [undefined, '203.0.113.5'],
  'aws:PrincipalTag/team': [undefined, 'red', 'blue'],
  'aws:TagKeys': [undefined, ['env', 'cost']],
};

export type Context = Record<string, string | string[]>;

function gridContexts(): Context[] {
  let contexts: Context[] = [{}];
  for (const [key, values] of Object.entries(GRID)) {
    contexts = contexts.flatMap((context) => values.map((value) => (value === undefined ? context : { ...context, [key]: value })));
  }
  return contexts;
}
export const CONTEXTS = gridContexts();

export const isPrincipalTag = (key: string): boolean => key.toLowerCase().startsWith('aws:principaltag/');

/** The grid as root sessions meet it: no principal tags (the root user cannot be tagged, AssumeRoot takes no session tags). */
export const ROOT_SESSION_CONTEXTS = CONTEXTS.filter((context) => !Object.keys(context).some(isPrincipalTag));

export const oneOrMany = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

export const freeConditions = fc.dictionary(
  fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIfExists', 'StringLike', 'StringLikeIfExists', 'StringNotLikeIfExists', 'IpAddress', 'NotIpAddress', 'ForAnyValue:StringEquals', 'ForAllValues:StringEquals'),
  fc.dictionary(
    fc.constantFrom('aws:RequestedRegion', 'aws:SourceIp', 'aws:PrincipalTag/team', 'aws:TagKeys'),
    // `r*` and `*d`: two Like conditions on one key that only a value matching both (`red`) passes.
    oneOrMany(fc.constantFrom('eu-west-1', 'us-*', 'red', 'r*', '*d', '203.0.113.0/24', 'env', '*')),
    { maxKeys: 2 },
  ),
  { maxKeys: 2 },
);

export const rootConditions = fc.dictionary(
  fc.constantFrom('ArnLike', 'StringLike', 'StringEquals', 'ArnNotLike', 'StringNotLike', 'ArnEquals', 'Null', 'Bool', 'BoolIfExists', 'StringNotEqualsIfExists'),
  fc.dictionary(
    fc.constantFrom('aws:PrincipalArn', 'aws:AssumedRoot', 'aws:PrincipalAccount'),
    oneOrMany(fc.constantFrom('arn:aws:iam::*:root', 'arn:*:iam::*:root', 'arn:${PARTITION}:iam::*:root', 'arn:aws:iam::*:role/Admin', 'arn:aws:iam::111122223333:root', 'true', 'false', '111122223333')),
    { maxKeys: 2 },
  ),
  { maxKeys: 2 },
);

export function mergeConditions(a: Record<string, object>, b: Record<string, object>): Record<string, object> {
  const merged: Record<string, object> = { ...a };
  for (const [operator, block] of Object.entries(b)) merged[operator] = { ...(merged[operator] ?? {}), ...block };
  return merged;
}

/** A Deny of an SCP (or, with a `Principal`, of an RCP) that may catch root sessions' task calls. */
export const denyStatement = fc.record({
  Effect: fc.constant('Deny'),
  Action: oneOrMany(fc.constantFrom('*', 'iam:*', 'iam:Get*', 'iam:CreateLoginProfile', 's3:*', 'sqs:GetQueue*', 'sts:*', 'iam:Delete*')),
  Resource: oneOrMany(fc.constantFrom('*', 'arn:aws:iam::*:root', 'arn:*:iam::*:root', 'arn:aws:iam::111122223333:root', 'arn:aws:s3:::*', 'arn:aws-cn:iam::*:*')),
  Condition: fc.tuple(rootConditions, freeConditions).map(([a, b]) => mergeConditions(a, b)),
});

const taskArnValue = fc.constantFrom(
  ...TASK_POLICY_NAMES.map((n) => taskPolicyArn(n)),
  taskPolicyArn('IAMAuditRootUserCredentials', 'aws-cn'),
  'arn:aws:iam::aws:policy/root-task/IAM*',
  'arn:*:iam::aws:policy/root-task/*',
  'arn:aws:iam::aws:policy/root-task/S3Unlock?ucketPolicy',
);

/** An identity (or permissions boundary) statement about `sts:AssumeRoot` and the task policy it names. */
export const grantStatement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  Action: oneOrMany(fc.constantFrom('sts:AssumeRoot', 'sts:*', '*', 'sts:Assume*', 'iam:*')),
  Resource: oneOrMany(fc.constantFrom('*', 'arn:aws:iam::*:root', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::1111*:root', 'arn:*:iam::*:root')),
  Condition: fc.tuple(
    fc.dictionary(
      fc.constantFrom('ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringEquals', 'StringLike', 'ArnEqualsIfExists', 'StringNotEquals'),
      fc.dictionary(fc.constant('sts:TaskPolicyArn'), oneOrMany(taskArnValue), { maxKeys: 1 }),
      { maxKeys: 2 },
    ),
    freeConditions,
  ).map(([a, b]) => mergeConditions(a, b)),
});

/**
 * The free keys whose value changed an answer: two requests that differ in that key alone (same partition,
 * account and call, `cell`) were answered differently.
 */
export function decisiveKeys(answers: readonly { cell: string; context: Context; answer: unknown }[]): string[] {
  return Object.keys(GRID).filter((key) => {
    const seen = new Map<string, unknown>();
    return answers.some(({ cell, context, answer }) => {
      const rest = JSON.stringify([cell, Object.entries(context).filter(([k]) => k !== key)]);
      if (!seen.has(rest)) seen.set(rest, answer);
      return seen.get(rest) !== answer;
    });
  });
}
