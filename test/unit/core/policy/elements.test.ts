import assert from 'node:assert/strict';
import { type Request, readPolicy } from '../../../../src/core/policy';
import { brief, decideIdentity } from './helpers';

/** One identity statement per row; the request decides `allowed` (statement #0, line 4 of the pretty-printed policy) or `implicitDeny`. */
type Row = [name: string, statement: object, request: Request, allowed: boolean];

function table(rows: Row[]): void {
  for (const [name, statement, request, allowed] of rows) {
    it(`${allowed ? 'allows' : 'does not allow'}: ${name}`, () => {
      const decision = brief(decideIdentity([{ Effect: 'Allow', ...statement }], request));
      assert.deepEqual(
        { decision: decision.decision, deciding: decision.deciding },
        allowed ? { decision: 'allowed', deciding: ['id#0 line 4'] } : { decision: 'implicitDeny', deciding: [] },
      );
    });
  }
}

const req = (action: string, resource = '*', context: Request['context'] = {}): Request => ({ action, resource, context });
const ROOT = 'arn:aws:iam::111122223333:root';

describe('policy engine: Action / NotAction', () => {
  table([
    ['exact name', { Action: 'sts:AssumeRoot', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['names compare case-insensitively', { Action: 'STS:assumeroot', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['a star within the name', { Action: 'sts:Assume*', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['a star across the colon', { Action: 's*t', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['a question mark is one character', { Action: 'sts:AssumeRoo?', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['a question mark is exactly one character', { Action: 'sts:AssumeRo?', Resource: '*' }, req('sts:AssumeRoot'), false],
    ['every action', { Action: '*', Resource: '*' }, req('iam:GetUser'), true],
    ['another action', { Action: 'sts:AssumeRole', Resource: '*' }, req('sts:AssumeRoot'), false],
    ['a prefix is not a match', { Action: 'sts:Assume', Resource: '*' }, req('sts:AssumeRoot'), false],
    ['one of a list', { Action: ['iam:GetUser', 'sts:AssumeRoot'], Resource: '*' }, req('sts:AssumeRoot'), true],
    ['NotAction covers what it does not list', { NotAction: 'iam:*', Resource: '*' }, req('sts:AssumeRoot'), true],
    ['NotAction leaves out what it lists', { NotAction: ['iam:*', 'sts:Assume*'], Resource: '*' }, req('sts:AssumeRoot'), false],
    ['no Action element matches nothing', { Resource: '*' }, req('sts:AssumeRoot'), false],
  ]);
});

describe('policy engine: Resource / NotResource, ARN segments', () => {
  table([
    ['* is every resource', { Action: '*', Resource: '*' }, req('iam:GetUser', ROOT), true],
    ['the exact ARN', { Action: '*', Resource: ROOT }, req('iam:GetUser', ROOT), true],
    ['a wildcard account segment', { Action: '*', Resource: 'arn:aws:iam::*:root' }, req('iam:GetUser', ROOT), true],
    ['a wildcard partition', { Action: '*', Resource: 'arn:*:iam::*:root' }, req('iam:GetUser', 'arn:aws-us-gov:iam::111122223333:root'), true],
    ['another account', { Action: '*', Resource: 'arn:aws:iam::444455556666:root' }, req('iam:GetUser', ROOT), false],
    ['another partition', { Action: '*', Resource: 'arn:aws:iam::*:root' }, req('iam:GetUser', 'arn:aws-cn:iam::111122223333:root'), false],
    ['a star in the account never spans a colon', { Action: '*', Resource: 'arn:aws:iam::*:root' }, req('iam:GetUser', 'arn:aws:iam::1:2:root'), false],
    ['a star in the resource part spans slashes', { Action: '*', Resource: 'arn:aws:s3:::bucket/*' }, req('s3:GetObject', 'arn:aws:s3:::bucket/a/b'), true],
    ['the resource part is case-sensitive', { Action: '*', Resource: 'arn:aws:s3:::Bucket/*' }, req('s3:GetObject', 'arn:aws:s3:::bucket/a'), false],
    ['an ARN pattern does not match *', { Action: '*', Resource: 'arn:aws:iam::*:root' }, req('iam:GetAccountSummary', '*'), false],
    ['NotResource covers others', { Action: '*', NotResource: 'arn:aws:iam::*:root' }, req('iam:GetUser', 'arn:aws:iam::111122223333:user/bob'), true],
    ['NotResource leaves out what it lists', { Action: '*', NotResource: 'arn:aws:iam::*:root' }, req('iam:GetUser', ROOT), false],
  ]);
});

describe('policy engine: policy variables', () => {
  const own = { Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
  table([
    ['the variable substituted', own, req('s3:GetObject', 'arn:aws:s3:::home/alice/notes', { 'aws:username': 'alice' }), true],
    ['another user', own, req('s3:GetObject', 'arn:aws:s3:::home/bob/notes', { 'aws:username': 'alice' }), false],
    ['a key absent: the value matches nothing', own, req('s3:GetObject', 'arn:aws:s3:::home/alice/notes'), false],
    ['a default when absent', { Action: '*', Resource: "arn:aws:s3:::home/${aws:username, 'guest'}/*" }, req('s3:GetObject', 'arn:aws:s3:::home/guest/x'), true],
    ['the default only when absent', { Action: '*', Resource: "arn:aws:s3:::home/${aws:username, 'guest'}/*" }, req('s3:GetObject', 'arn:aws:s3:::home/guest/x', { 'aws:username': 'al' }), false],
    ['${*} is a literal star', { Action: '*', Resource: 'arn:aws:s3:::b/${*}' }, req('s3:GetObject', 'arn:aws:s3:::b/*'), true],
    ['${*} is not a wildcard', { Action: '*', Resource: 'arn:aws:s3:::b/${*}' }, req('s3:GetObject', 'arn:aws:s3:::b/x'), false],
    ['${?} is a literal question mark', { Action: '*', Resource: 'arn:aws:s3:::b/${?}' }, req('s3:GetObject', 'arn:aws:s3:::b/x'), false],
    ['${$} is a literal dollar', { Action: '*', Resource: 'arn:aws:s3:::b/${$}x' }, req('s3:GetObject', 'arn:aws:s3:::b/$x'), true],
    ['a substituted value is literal', own, req('s3:GetObject', 'arn:aws:s3:::home/x/y', { 'aws:username': '*' }), false],
    ['in an account segment', { Action: '*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:root' }, req('iam:GetUser', ROOT, { 'aws:PrincipalAccount': '111122223333' }), true],
    ['a tag key with a space', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/cost center}/*' }, req('s3:GetObject', 'arn:aws:s3:::b/x/y', { 'aws:PrincipalTag/cost center': 'x' }), true],
    ['a tag key in another script', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/équipe}/*' }, req('s3:GetObject', 'arn:aws:s3:::b/t1/y', { 'aws:PrincipalTag/équipe': 't1' }), true],
    ['a tag key with : = + @', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team:name=+@}/*' }, req('s3:GetObject', 'arn:aws:s3:::b/red/y', { 'aws:PrincipalTag/team:name=+@': 'red' }), true],
    [
      'in a condition value',
      { Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } },
      req('sqs:GetQueueAttributes', '*', { 'aws:ResourceAccount': '1', 'aws:PrincipalAccount': '1' }),
      true,
    ],
  ]);

  it('reports an absent variable key as a dependency', () => {
    assert.deepEqual(brief(decideIdentity([{ Effect: 'Allow', ...own }], req('s3:GetObject', 'arn:aws:s3:::home/alice/x'))).dependsOn, ['aws:username']);
  });
});

describe('policy engine: a document AWS would refuse, read leniently', () => {
  it('a statement whose Condition is no object of operators decides nothing, never matching more, and the policy says why', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Listed', Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: ['aws:username', 'alice'] } },
        { Sid: 'Typo', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringEqual: { 'aws:username': 'bob' } } },
      ],
    });
    const policy = readPolicy(text, 'p');
    assert.deepEqual(policy.statements.map((s) => s.sid), ['Typo']);
    assert.deepEqual(policy.problems, ['statement 1 (Listed): its StringEquals is not an object of condition keys', 'statement 2 (Typo): StringEqual is not a condition operator']);
    assert.deepEqual(policy.rejected, { 0: ['its StringEquals is not an object of condition keys'], 1: ['StringEqual is not a condition operator'] });
    assert.deepEqual(readPolicy('{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",}]}', 'p').problems, ['it is not plain JSON (comments or trailing commas)']);
    const miswritten = JSON.stringify({
      Statement: [
        { Effect: 'deny', Action: '*', Resource: '*' },
        { Effect: 'Deny', Actions: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    assert.deepEqual(readPolicy(miswritten, 'p').problems, [
      'statement 1: its Effect is "deny", not Allow or Deny',
      'statement 2: it names no Action or NotAction',
      'statement 3: bool is written Bool',
    ]);
    assert.equal(readPolicy('{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', 'p').problems, undefined);
  });
});
