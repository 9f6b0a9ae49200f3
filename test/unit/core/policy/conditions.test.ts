import assert from 'node:assert/strict';
import type { PolicySet, Request } from '../../../../src/core/policy';
import { brief, decideIdentity, decideSet, policy } from './helpers';

type Context = Record<string, string | string[]>;
/** One Allow with the condition; `holds` says whether the request is allowed by it. */
type Row = [name: string, condition: object, context: Context, holds: boolean];

function table(rows: Row[]): void {
  for (const [name, condition, context, holds] of rows) {
    it(`${holds ? 'holds' : 'fails'}: ${name}`, () => {
      const decision = brief(decideIdentity([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }], { action: 'iam:GetUser', resource: '*', context }));
      assert.equal(decision.decision, holds ? 'allowed' : 'implicitDeny');
      assert.deepEqual(decision.deciding, holds ? ['id#0 line 4'] : []);
    });
  }
}

const K = 'aws:PrincipalTag/team';

describe('policy engine: String operators', () => {
  table([
    ['StringEquals, same value', { StringEquals: { [K]: 'red' } }, { [K]: 'red' }, true],
    ['StringEquals is case-sensitive', { StringEquals: { [K]: 'red' } }, { [K]: 'Red' }, false],
    ['StringEquals takes * literally', { StringEquals: { [K]: 'r*' } }, { [K]: 'red' }, false],
    ['key names compare case-insensitively', { StringEquals: { 'AWS:principaltag/TEAM': 'red' } }, { [K]: 'red' }, true],
    ['several values are OR-ed', { StringEquals: { [K]: ['blue', 'red'] } }, { [K]: 'red' }, true],
    ['StringEquals, key absent', { StringEquals: { [K]: 'red' } }, {}, false],
    ['StringNotEquals, other value', { StringNotEquals: { [K]: 'red' } }, { [K]: 'blue' }, true],
    ['StringNotEquals, one of the values', { StringNotEquals: { [K]: ['red', 'blue'] } }, { [K]: 'blue' }, false],
    ['StringNotEquals, key absent', { StringNotEquals: { [K]: 'red' } }, {}, true],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { [K]: 'RED' } }, { [K]: 'red' }, true],
    ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { [K]: 'RED' } }, { [K]: 'red' }, false],
    ['StringLike with *', { StringLike: { [K]: 'r*' } }, { [K]: 'red' }, true],
    ['StringLike with ?', { StringLike: { [K]: 'r?d' } }, { [K]: 'red' }, true],
    ['StringLike is case-sensitive', { StringLike: { [K]: 'R*' } }, { [K]: 'red' }, false],
    ['StringLike * spans colons', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }, { 'aws:PrincipalArn': 'arn:aws:iam::1:2:root' }, true],
    ['StringNotLike', { StringNotLike: { [K]: 'r*' } }, { [K]: 'blue' }, true],
    ['StringEqualsIfExists, key absent', { StringEqualsIfExists: { [K]: 'red' } }, {}, true],
    ['StringEqualsIfExists, key present', { StringEqualsIfExists: { [K]: 'red' } }, { [K]: 'blue' }, false],
    ['two keys are AND-ed', { StringEquals: { [K]: 'red', 'aws:RequestedRegion': 'eu-west-1' } }, { [K]: 'red', 'aws:RequestedRegion': 'us-east-1' }, false],
    ['two operators are AND-ed', { StringEquals: { [K]: 'red' }, StringLike: { 'aws:RequestedRegion': 'eu-*' } }, { [K]: 'red', 'aws:RequestedRegion': 'eu-west-1' }, true],
    ['an operator IAM lacks never holds', { StringEqualz: { [K]: 'red' } }, { [K]: 'red' }, false],
    ['operators are read case-insensitively', { stringequals: { [K]: 'red' } }, { [K]: 'red' }, true],
  ]);
});

describe('policy engine: Numeric, Date, Bool, Binary operators', () => {
  const N = 'aws:MultiFactorAuthAge';
  const D = 'aws:CurrentTime';
  table([
    ['NumericEquals', { NumericEquals: { [N]: '300' } }, { [N]: '300.0' }, true],
    ['NumericNotEquals', { NumericNotEquals: { [N]: '300' } }, { [N]: '300' }, false],
    ['NumericLessThan', { NumericLessThan: { [N]: '3600' } }, { [N]: '100' }, true],
    ['NumericLessThan, equal', { NumericLessThan: { [N]: '3600' } }, { [N]: '3600' }, false],
    ['NumericLessThanEquals, equal', { NumericLessThanEquals: { [N]: '3600' } }, { [N]: '3600' }, true],
    ['NumericGreaterThan', { NumericGreaterThan: { [N]: '10' } }, { [N]: '11' }, true],
    ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { [N]: '10' } }, { [N]: '9' }, false],
    ['a policy value that is no number never matches', { NumericLessThan: { [N]: 'ten' } }, { [N]: '1' }, false],
    ['a request value that is no number never matches', { NumericLessThan: { [N]: '10' } }, { [N]: 'one' }, false],
    ['NumericLessThanIfExists, absent', { NumericLessThanIfExists: { [N]: '10' } }, {}, true],
    ['DateLessThan, ISO dates', { DateLessThan: { [D]: '2026-12-31T00:00:00Z' } }, { [D]: '2026-12-04T18:00:00Z' }, true],
    ['DateGreaterThan, epoch seconds', { DateGreaterThan: { [D]: '1000' } }, { [D]: '1970-01-01T00:20:00Z' }, true],
    ['DateEquals', { DateEquals: { [D]: '2026-12-04T00:00:00Z' } }, { [D]: '2026-12-04T00:00:00+00:00' }, true],
    ['DateNotEquals', { DateNotEquals: { [D]: '2026-12-04T00:00:00Z' } }, { [D]: '2026-12-05T00:00:00Z' }, true],
    ['a date that does not parse never matches', { DateLessThan: { [D]: 'tomorrow' } }, { [D]: '2026-12-04T00:00:00Z' }, false],
    ['a day its month does not have is no date (not read as the 3rd of the next)', { DateGreaterThan: { [D]: '2025-02-31T00:00:00Z' } }, { [D]: '2025-03-04T00:00:00Z' }, false],
    ['Bool true', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' }, true],
    ['Bool false against true', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' }, false],
    ['Bool, key absent', { Bool: { 'aws:SecureTransport': 'false' } }, {}, false],
    ['BoolIfExists, key absent', { BoolIfExists: { 'aws:SecureTransport': 'false' } }, {}, true],
    ['Bool as a JSON boolean', { Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' }, true],
    ['BinaryEquals', { BinaryEquals: { 'k:bin': 'QmluYXJ5VmFsdWU=' } }, { 'k:bin': 'QmluYXJ5VmFsdWU=' }, true],
    ['BinaryEquals, other bytes', { BinaryEquals: { 'k:bin': 'QmluYXJ5VmFsdWU=' } }, { 'k:bin': 'b3RoZXI=' }, false],
  ]);
});

describe('policy engine: a time without a zone is UTC, wherever the engine runs', () => {
  // AWS decides on its own servers; the machine's zone must not change the answer. Tokyo is UTC+9.
  const zone = process.env.TZ;
  before(() => {
    process.env.TZ = 'Asia/Tokyo';
  });
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });
  table([
    ['DateLessThan noon without a zone, at 10:00 UTC', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T12:00:00' } }, { 'aws:CurrentTime': '2020-01-01T10:00:00Z' }, true],
    ['DateLessThan noon without a zone, at 13:00 UTC', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T12:00:00' } }, { 'aws:CurrentTime': '2020-01-01T13:00:00Z' }, false],
    ['DateEquals, a space and minutes only', { DateEquals: { 'aws:CurrentTime': '2020-01-01 12:00' } }, { 'aws:CurrentTime': '2020-01-01T12:00:00Z' }, true],
  ]);
});

describe('policy engine: IpAddress, Arn, Null operators', () => {
  const IP = 'aws:SourceIp';
  const P = 'aws:PrincipalArn';
  table([
    ['IpAddress in a CIDR', { IpAddress: { [IP]: '203.0.113.0/24' } }, { [IP]: '203.0.113.7' }, true],
    ['IpAddress outside it', { IpAddress: { [IP]: '203.0.113.0/24' } }, { [IP]: '203.0.114.7' }, false],
    ['IpAddress, a single address', { IpAddress: { [IP]: '203.0.113.7' } }, { [IP]: '203.0.113.7' }, true],
    ['IpAddress, IPv6', { IpAddress: { [IP]: '2001:db8::/32' } }, { [IP]: '2001:db8:1234::1' }, true],
    ['IpAddress, IPv6 outside', { IpAddress: { [IP]: '2001:db8::/32' } }, { [IP]: '2001:db9::1' }, false],
    ['IpAddress, IPv4 against IPv6', { IpAddress: { [IP]: '2001:db8::/32' } }, { [IP]: '203.0.113.7' }, false],
    ['NotIpAddress outside', { NotIpAddress: { [IP]: '203.0.113.0/24' } }, { [IP]: '198.51.100.1' }, true],
    ['NotIpAddress, key absent', { NotIpAddress: { [IP]: '203.0.113.0/24' } }, {}, true],
    ['ArnLike per segment', { ArnLike: { [P]: 'arn:aws:iam::*:root' } }, { [P]: 'arn:aws:iam::111122223333:root' }, true],
    ['ArnLike: a star never spans a colon', { ArnLike: { [P]: 'arn:aws:iam::*:root' } }, { [P]: 'arn:aws:iam::1:2:root' }, false],
    ['ArnEquals takes wildcards too', { ArnEquals: { [P]: 'arn:aws:iam::*:role/Admin' } }, { [P]: 'arn:aws:iam::111122223333:role/Admin' }, true],
    ['ArnNotLike', { ArnNotLike: { [P]: 'arn:aws:iam::*:role/*' } }, { [P]: 'arn:aws:iam::111122223333:root' }, true],
    ['ArnNotEquals, same ARN', { ArnNotEquals: { [P]: 'arn:aws:iam::111122223333:root' } }, { [P]: 'arn:aws:iam::111122223333:root' }, false],
    ['ArnLike, not an ARN', { ArnLike: { [P]: 'arn:aws:iam::*:root' } }, { [P]: 'root' }, false],
    ['Null true: key absent', { Null: { 'aws:AssumedRoot': 'true' } }, {}, true],
    ['Null true: key present', { Null: { 'aws:AssumedRoot': 'true' } }, { 'aws:AssumedRoot': 'true' }, false],
    ['Null false: key present', { Null: { 'aws:AssumedRoot': 'false' } }, { 'aws:AssumedRoot': 'true' }, true],
  ]);
});

describe('policy engine: set operators on multi-valued keys', () => {
  const T = 'aws:TagKeys';
  table([
    ['ForAnyValue: one value matches', { 'ForAnyValue:StringEquals': { [T]: ['env'] } }, { [T]: ['env', 'team'] }, true],
    ['ForAnyValue: none matches', { 'ForAnyValue:StringEquals': { [T]: ['cost'] } }, { [T]: ['env', 'team'] }, false],
    ['ForAnyValue: key absent', { 'ForAnyValue:StringEquals': { [T]: ['env'] } }, {}, false],
    ['ForAnyValue: empty set', { 'ForAnyValue:StringEquals': { [T]: ['env'] } }, { [T]: [] }, false],
    ['ForAllValues: every value listed', { 'ForAllValues:StringEquals': { [T]: ['env', 'team'] } }, { [T]: ['env'] }, true],
    ['ForAllValues: one value not listed', { 'ForAllValues:StringEquals': { [T]: ['env'] } }, { [T]: ['env', 'team'] }, false],
    ['ForAllValues: key absent', { 'ForAllValues:StringEquals': { [T]: ['env'] } }, {}, true],
    ['ForAllValues: empty set', { 'ForAllValues:StringEquals': { [T]: ['env'] } }, { [T]: [] }, true],
    ['ForAnyValue:StringNotEquals: one value unlisted', { 'ForAnyValue:StringNotEquals': { [T]: ['env'] } }, { [T]: ['env', 'team'] }, true],
    ['ForAllValues:StringNotEquals: one value listed', { 'ForAllValues:StringNotEquals': { [T]: ['env'] } }, { [T]: ['env', 'team'] }, false],
    ['ForAllValues:StringLike', { 'ForAllValues:StringLike': { [T]: ['e*', 't*'] } }, { [T]: ['env', 'team'] }, true],
    ['ForAnyValue:StringEqualsIfExists: absent', { 'ForAnyValue:StringEqualsIfExists': { [T]: ['env'] } }, {}, true],
    ['a plain operator on a multi-valued key: any value', { StringEquals: { [T]: 'team' } }, { [T]: ['env', 'team'] }, true],
  ]);
});

describe('policy engine: dependencies on absent keys', () => {
  const deny = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };
  const allow = { Effect: 'Allow', Action: '*', Resource: '*' };

  it('an absent key that decided a Deny is named', () => {
    const decision = brief(decideIdentity([allow, deny], { action: 'iam:GetUser', resource: '*' }));
    assert.deepEqual(decision, { decision: 'explicitDeny', deciding: ['id#1 line 9'], dependsOn: ['aws:SourceIp'] });
  });

  it('an absent key tested by Null is named', () => {
    const nullDeny = { ...deny, Condition: { Null: { 'aws:ResourceTag/owner': 'true' } } };
    const decision = brief(decideIdentity([allow, nullDeny], { action: 'iam:GetUser', resource: '*' }));
    assert.deepEqual(decision, { decision: 'explicitDeny', deciding: ['id#1 line 9'], dependsOn: ['aws:ResourceTag/owner'] });
  });

  it('a key the request gave is no dependency', () => {
    const decision = brief(decideIdentity([allow, deny], { action: 'iam:GetUser', resource: '*', context: { 'aws:SourceIp': '203.0.113.9' } }));
    assert.deepEqual(decision, { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [] });
  });

  it('an absent key of a statement that given keys already rule out is no dependency', () => {
    const ruledOut = { ...deny, Condition: { ...deny.Condition, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
    const decision = brief(decideIdentity([allow, ruledOut], { action: 'iam:GetUser', resource: '*', context: { 'aws:RequestedRegion': 'us-east-1' } }));
    assert.deepEqual(decision.dependsOn, []);
  });

  /**
   * Only keys whose value could change the decision are named: a key every value of which answers as its
   * absence does, or whose statement another one already outweighs, is no dependency.
   */
  const GET_USER: Request = { action: 'iam:GetUser', resource: '*' };
  const conditioned = (effect: string, condition: object, action = '*') => ({ Effect: effect, Action: action, Resource: '*', Condition: condition });
  const rows: [name: string, set: () => PolicySet, request: Request, expected: ReturnType<typeof brief>][] = [
    [
      'an IpAddress Deny whose value is no address block never applies, whatever the address',
      () => ({ identity: [policy([allow, conditioned('Deny', { IpAddress: { 'aws:SourceIp': 'corp-network' } })], 'id')] }),
      GET_USER,
      { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [] },
    ],
    [
      'a NotIpAddress Deny whose value is no address block applies whatever the address',
      () => ({ identity: [policy([allow, conditioned('Deny', { NotIpAddress: { 'aws:SourceIp': 'corp-network' } })], 'id')] }),
      GET_USER,
      { decision: 'explicitDeny', deciding: ['id#1 line 9'], dependsOn: [] },
    ],
    [
      'a Numeric Deny whose value is no number never applies',
      () => ({ identity: [policy([allow, conditioned('Deny', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': 'one hour' } })], 'id')] }),
      GET_USER,
      { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [] },
    ],
    [
      'StringLikeIfExists * holds for every value and for absence: the Deny applies whatever the tag',
      () => ({ identity: [policy([allow, conditioned('Deny', { StringLikeIfExists: { [K]: '*' } })], 'id')] }),
      GET_USER,
      { decision: 'explicitDeny', deciding: ['id#1 line 9'], dependsOn: [] },
    ],
    [
      'StringLike * without IfExists still depends on whether the key is present',
      () => ({ identity: [policy([allow, conditioned('Deny', { StringLike: { [K]: '*' } })], 'id')] }),
      GET_USER,
      { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [K] },
    ],
    [
      'a Deny that applies whatever the keys hold decides alone: the other Deny\'s key is no dependency',
      () => ({ identity: [policy([allow, conditioned('Deny', {}, 'iam:*'), deny], 'id')] }),
      GET_USER,
      { decision: 'explicitDeny', deciding: ['id#1 line 9', 'id#2 line 15'], dependsOn: [] },
    ],
    [
      'an Allow beside a certain Allow is no dependency',
      () => ({ identity: [policy([allow, conditioned('Allow', { StringEquals: { [K]: 'sec' } })], 'id')] }),
      GET_USER,
      { decision: 'allowed', deciding: ['id#0 line 4'], dependsOn: [] },
    ],
    [
      'an identity Allow behind a permissions boundary that cannot allow is no dependency',
      () => ({ identity: [policy([conditioned('Allow', { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } })], 'id')], permissionsBoundary: policy([conditioned('Allow', {}, 's3:*')], 'boundary') }),
      GET_USER,
      { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    ],
    [
      'an identity Allow is no dependency within the account when the resource policy allows certainly',
      () => ({
        identity: [policy([conditioned('Allow', { StringEquals: { [K]: 'sec' } })], 'id')],
        resource: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 's3:GetObject', Resource: '*' }], 'bucket'),
      }),
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/alice' }, context: { 'aws:ResourceAccount': '111122223333' } },
      { decision: 'allowed', deciding: ['bucket#0 line 4'], dependsOn: [] },
    ],
    [
      'across accounts the same identity Allow is a dependency (both must allow)',
      () => ({
        identity: [policy([conditioned('Allow', { StringEquals: { [K]: 'sec' } })], 'id')],
        resource: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 's3:GetObject', Resource: '*' }], 'bucket'),
      }),
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/alice' }, context: { 'aws:ResourceAccount': '444455556666' } },
      { decision: 'implicitDeny', deciding: [], dependsOn: [K] },
    ],
    [
      'an identity Allow is no dependency when an SCP level cannot allow',
      () => ({ identity: [policy([conditioned('Allow', { StringEquals: { [K]: 'sec' } })], 'id')], scps: [[policy([conditioned('Allow', {}, 's3:*')], 'S3Only')]] }),
      GET_USER,
      { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    ],
  ];
  for (const [name, set, request, expected] of rows) {
    it(name, () => assert.deepEqual(decideSet(request, set()), expected));
  }
});
