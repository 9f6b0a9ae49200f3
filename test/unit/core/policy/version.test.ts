/**
 * The policy language version: policy variables need "Version": "2012-10-17". Without it (or with
 * 2008-10-17) IAM reads `${aws:username}` as the literal text written, in `Resource` and in condition values
 * alike (IAM User Guide, "IAM policy elements: Variables and tags", and "IAM JSON policy elements: Version").
 */
import assert from 'node:assert/strict';
import { type Policy, type Request, UNKNOWN_PART, evaluate, readPolicy } from '../../../../src/core/policy';

const HOME = 'arn:aws:s3:::home/${aws:username}/*';

function policyOf(version: string | undefined, statement: object): Policy {
  return readPolicy(JSON.stringify({ ...(version === undefined ? {} : { Version: version }), Statement: [statement] }), 'id');
}

const get = (key: string, context: Request['context'] = { 'aws:username': 'bob' }): Request => ({ action: 's3:GetObject', resource: `arn:aws:s3:::home/${key}`, context });

describe('policy engine: policy variables and the Version', () => {
  const inResource = { Effect: 'Allow', Action: 's3:GetObject', Resource: HOME };
  const inCondition = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } } };
  const cases: Array<[string, string | undefined, object, Request, string]> = [
    ['2012-10-17: Resource substitutes the variable', '2012-10-17', inResource, get('bob/notes.txt'), 'allowed'],
    ['2012-10-17: another user\'s folder is not theirs', '2012-10-17', inResource, get('alice/notes.txt'), 'implicitDeny'],
    ['no Version: the variable is text, so bob\'s folder is not matched', undefined, inResource, get('bob/notes.txt'), 'implicitDeny'],
    ['no Version: an object named with the literal text is', undefined, inResource, get('${aws:username}/notes.txt'), 'allowed'],
    ['2008-10-17: the same as no Version', '2008-10-17', inResource, get('bob/notes.txt'), 'implicitDeny'],
    ['2012-10-17: a condition value substitutes the variable', '2012-10-17', inCondition, get('x', { 'aws:username': 'bob', 'aws:PrincipalTag/owner': 'bob' }), 'allowed'],
    ['no Version: a condition value is text', undefined, inCondition, get('x', { 'aws:username': 'bob', 'aws:PrincipalTag/owner': 'bob' }), 'implicitDeny'],
    ['no Version: a tag holding the literal text matches it', undefined, inCondition, get('x', { 'aws:PrincipalTag/owner': '${aws:username}' }), 'allowed'],
    ['2012-10-17: ${*} is a literal star', '2012-10-17', { ...inResource, Resource: 'arn:aws:s3:::home/${*}' }, get('*'), 'allowed'],
    ['2012-10-17: ${*} matches no other key', '2012-10-17', { ...inResource, Resource: 'arn:aws:s3:::home/${*}' }, get('bob'), 'implicitDeny'],
    ['no Version: ${*} is its own four characters', undefined, { ...inResource, Resource: 'arn:aws:s3:::home/${*}' }, get('${*}'), 'allowed'],
    ['a Version known only at deployment is taken to be 2012-10-17', UNKNOWN_PART, inResource, get('bob/notes.txt'), 'allowed'],
  ];
  for (const [name, version, statement, request, expected] of cases) {
    it(name, () => assert.equal(evaluate(request, { identity: [policyOf(version, statement)] }).decision, expected));
  }
});
