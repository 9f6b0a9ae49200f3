import assert from 'node:assert/strict';
import { UNKNOWN_PART as U } from '../../../../../src/core/policy';
import { coveredActions, grantsAction, valueGrants } from '../../../../../src/core/lint/semantics/grants';
import { coversAllResources, coversEveryResource } from '../../../../../src/core/lint/semantics/resources';
import { statementOf } from './statementOf';

describe('grantsAction', () => {
  const grants = (element: object, effect = 'Allow') => grantsAction(statementOf({ Effect: effect, Resource: '*', ...element }), 'sts:AssumeRoot');

  for (const action of ['sts:AssumeRoot', 'STS:assumeroot', 'sts:*', 'sts:Assume*', '*', '*:AssumeRoot', 'sts:AssumeRo?t']) {
    it(`through Action ${action}`, () => {
      const grant = grants({ Action: ['s3:GetObject', action] });
      assert.deepEqual(grant?.patterns.map((p) => p.value), [action]);
    });
  }

  it('not through other actions', () => {
    assert.equal(grants({ Action: ['sts:AssumeRole', 'sts:AssumeRole*', 'iam:*'] }), undefined);
  });

  it('through a NotAction that does not list it, not through one that does', () => {
    assert.deepEqual(grants({ NotAction: 'iam:*' }), { patterns: [], viaNotAction: true });
    assert.equal(grants({ NotAction: ['sts:Assume*'] }), undefined);
  });

  it('never for a Deny', () => {
    assert.equal(grants({ Action: '*' }, 'Deny'), undefined);
  });
});

describe('coveredActions', () => {
  it('lists the actions of a list an element covers', () => {
    const statement = statementOf({ Effect: 'Deny', Resource: '*', NotAction: ['s3:GetBucketPolicy', 's3:PutBucketPolicy'] });
    assert.deepEqual(coveredActions(statement, ['s3:GetBucketPolicy', 's3:ListAllMyBuckets']), ['s3:ListAllMyBuckets']);
  });
});

describe('coversAllResources and coversEveryResource', () => {
  const statement = (resource: unknown) => statementOf({ Effect: 'Allow', Action: '*', Resource: resource });
  /** Resource, then whether it reaches: every resource; every IAM resource; every IAM role; every S3 resource. */
  const rows: [resource: unknown, every: boolean, iam: boolean, role: boolean, s3: boolean][] = [
    ['*', true, true, true, true],
    ['arn:*', true, true, true, true],
    ['arn:aws:*', true, true, true, true],
    ['arn:aws:iam:*', false, true, true, false],
    ['arn:aws:iam::*:*', false, true, true, false],
    ['arn:aws:iam::*:role/*', false, false, true, false],
    ['arn:aws:iam::*:role*', false, false, true, false],
    ['arn:aws:iam::*:user/*', false, false, false, false],
    ['arn:aws:s3:::*', false, false, false, true],
    [['arn:aws:s3:::b', '*'], true, true, true, true],
    ['arn:aws:s3:::bucket/*', false, false, false, false],
    // Values of other services are passed over, whatever else the Resource lists.
    [['arn:aws:s3:::bucket/*', 'arn:aws:ec2:*:*:instance/*'], false, false, false, false],
    [['arn:aws:s3:::*', 'arn:aws:iam::*:role/*'], false, false, true, true],
    [['arn:aws:ec2:*:*:instance/*', 'arn:aws:iam::*:*'], false, true, true, false],
    // An identity policy acts on its own account's IAM only: naming that account reaches every role it can.
    ['arn:aws:iam::111122223333:role/*', false, false, true, false],
    ['arn:aws:iam::${aws:PrincipalAccount}:role/*', false, false, true, false],
    ['arn:aws:iam::111122223333:role/app-*', false, false, false, false],
    ['arn:aws:iam::*:role/app-*', false, false, false, false],
    // Wildcards spanning segments reach what they match, whatever they start with.
    ['arn*', true, true, true, true],
    ['*:*', true, true, true, true],
    ['arn:aws:iam::*:r*', false, false, true, false],
    // A Region or an empty account IAM's ARNs do not have reaches none of them.
    ['arn:aws:*:us-east-1:*:*', false, false, false, false],
    ['arn:aws:iam:us-east-1:*:*', false, false, false, false],
    ['arn:aws:iam:::*', false, false, false, false],
  ];
  for (const [resource, every, iam, role, s3] of rows) {
    it(`${JSON.stringify(resource)}: every resource ${every}, IAM ${iam}, every role ${role}, S3 ${s3}`, () => {
      const s = statement(resource);
      assert.deepEqual([coversEveryResource(s), coversAllResources(s, 'iam', '*'), coversAllResources(s, 'iam', 'role'), coversAllResources(s, 's3', '*')], [every, iam, role, s3]);
    });
  }
});

describe('coversAllResources: NotResource and the global services', () => {
  const allow = (element: object) => statementOf({ Effect: 'Allow', Action: '*', ...element });

  it('a NotResource reaches what it does not list: every role but one is every role the probes ask about', () => {
    assert.equal(coversAllResources(allow({ NotResource: 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole' }), 'iam', 'role'), true);
    assert.equal(coversAllResources(allow({ NotResource: 'arn:aws:iam::*:role/*' }), 'iam', 'role'), false);
    assert.equal(coversEveryResource(allow({ NotResource: '*' })), false);
  });

  it('Organizations and Account ARNs have no Region: their wildcards written without one reach all', () => {
    assert.equal(coversAllResources(allow({ Resource: 'arn:aws:organizations::*:*' }), 'organizations'), true);
    assert.equal(coversAllResources(allow({ Resource: 'arn:aws:organizations::*:policy/*' }), 'organizations'), false);
    assert.equal(coversAllResources(allow({ Resource: ['arn:aws:account::*:account', 'arn:aws:account::*:account/*'] }), 'account'), true);
    assert.equal(coversAllResources(allow({ Resource: 'arn:aws:account::*:account' }), 'account'), false);
  });
});

describe('valueGrants', () => {
  const of = (element: object) => valueGrants(statementOf({ Effect: 'Allow', Resource: '*', ...element }), ['iam:PassRole', 'iam:PutUserPolicy']);
  const grants = (element: object) => of(element).map((g) => [g.pattern.value, g.surely, g.maybe]);

  it('skips whole-service patterns and NotAction', () => {
    assert.deepEqual(grants({ Action: ['iam:*', '*', '*:*', 'iam:P*'] }), [['iam:P*', ['iam:PassRole', 'iam:PutUserPolicy'], []]]);
    assert.deepEqual(of({ NotAction: 's3:*' }), []);
  });

  it('finds patterns of any case or leading wildcard among many that cannot match', () => {
    const unrelated = Array.from({ length: 200 }, (_, i) => `s3:GetObjectVersion${i}`);
    const matching = ['IAM:PASSROLE', '?am:PassRole', '*:PassRole', 'i*:PassRole'];
    assert.deepEqual(of({ Action: [...unrelated, ...matching] }).map((g) => g.pattern.value), matching);
  });

  it('tells a value known only in part that may grant one; leaves one that may be iam:* or of an unknown service', () => {
    const values = [`iam:Put${U}`, `iam:${U}`, `${U}:PassRole`, `iam:Get${U}`];
    assert.deepEqual(grants({ Action: values }), [[`iam:Put${U}`, [], ['iam:PutUserPolicy']]]);
  });
});
