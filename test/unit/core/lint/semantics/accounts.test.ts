import assert from 'node:assert/strict';
import { describeRootUserScope, reachesAnyRootUser, reachesUnboundedAccounts, rootUserScope } from '../../../../../src/core/lint/semantics/accounts';
import { statementOf } from './statementOf';

const scopeOf = (resource: object) => rootUserScope(statementOf({ Effect: 'Allow', Action: 'sts:AssumeRoot', ...resource }));

describe('rootUserScope', () => {
  const table: [string, object, string, boolean][] = [
    ['*', { Resource: '*' }, 'every member account', true],
    ['account wildcard', { Resource: 'arn:aws:iam::*:root' }, 'every member account', true],
    ['partition wildcard', { Resource: 'arn:*:iam::*:root' }, 'every member account', true],
    ['one account', { Resource: 'arn:aws:iam::111122223333:root' }, 'account 111122223333', false],
    ['two accounts', { Resource: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, 'accounts 111122223333 and 444455556666', false],
    ['partial account wildcard', { Resource: 'arn:aws:iam::1111*:root' }, 'every account matching arn:aws:iam::1111*:root', true],
    ['NotResource of one account', { NotResource: 'arn:aws:iam::111122223333:root' }, 'every member account except arn:aws:iam::111122223333:root', true],
    ['iam wildcard resource', { Resource: 'arn:aws:iam::*:*' }, 'every member account', true],
  ];
  for (const [name, resource, description, unbounded] of table) {
    it(name, () => {
      const scope = scopeOf(resource);
      assert.equal(describeRootUserScope(scope), description);
      assert.equal(reachesUnboundedAccounts(scope), unbounded);
      assert.equal(reachesAnyRootUser(scope), true);
    });
  }

  it('reaches no root user through other resources or a NotResource of all of them', () => {
    for (const resource of [{ Resource: 'arn:aws:s3:::bucket' }, { Resource: 'arn:aws:iam::111122223333:role/Admin' }, { NotResource: 'arn:aws:iam::*:root' }]) {
      assert.equal(reachesAnyRootUser(scopeOf(resource)), false, JSON.stringify(resource));
    }
  });

  it('keeps the partition of the resource for fixes', () => {
    assert.equal(scopeOf({ Resource: 'arn:aws-cn:iam::111122223333:root' }).partition, 'aws-cn');
    assert.equal(scopeOf({ Resource: '*' }).partition, 'aws');
  });
});
