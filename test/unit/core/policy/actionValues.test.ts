/**
 * One Action value against an action, or against every action of a service, as the broad-grant rules ask:
 * surely, maybe (a part known only at deployment may be any name, `*` included), or not.
 */
import assert from 'node:assert/strict';
import { UNKNOWN_PART as U, actionServiceUnknown, actionValueCovers, actionValueCoversService, actionValueGrants } from '../../../../src/core/policy';

describe('policy engine: one Action value', () => {
  const covers: Array<[value: string, action: string, expected: string]> = [
    ['iam:PassRole', 'iam:PassRole', 'surely'],
    ['IAM:pass*', 'iam:PassRole', 'surely'],
    ['iam:Get*', 'iam:PassRole', 'no'],
    [`iam:${U}`, 'iam:PassRole', 'maybe'],
    [`iam:Pass${U}`, 'iam:PassRole', 'maybe'],
    [`iam:Get${U}`, 'iam:PassRole', 'no'],
    [`s3:${U}`, 'iam:PassRole', 'no'],
    [`${U}:PassRole`, 'iam:PassRole', 'maybe'],
  ];
  for (const [value, action, expected] of covers) {
    it(`${value.split(U).join('${x}')} covers ${action}: ${expected}`, () => assert.equal(actionValueCovers(value, action), expected));
  }

  const coversService: Array<[value: string, service: string, expected: string]> = [
    ['iam:*', 'iam', 'surely'],
    ['*', 'iam', 'surely'],
    ['i*', 'iam', 'surely'],
    ['iam:Get*', 'iam', 'no'],
    ['iam:PassRole', 'iam', 'no'],
    [`iam:${U}`, 'iam', 'maybe'],
    [`iam:Pass${U}`, 'iam', 'no'],
    [`i${U}`, 'iam', 'maybe'],
    [`sts:${U}`, 'iam', 'no'],
  ];
  for (const [value, service, expected] of coversService) {
    it(`${value.split(U).join('${x}')} covers every ${service} action: ${expected}`, () => assert.equal(actionValueCoversService(value, service), expected));
  }

  it('tells a value whose service is known only at deployment', () => {
    assert.deepEqual([`${U}:PassRole`, U, `iam:${U}`, 'iam:*'].map(actionServiceUnknown), [true, true, false, false]);
  });

  it('tells which of a list of actions a value grants, surely or maybe, and leaves whole-service values', () => {
    const actions = ['iam:PutUserPolicy', 'iam:PutRolePolicy', 'organizations:DisableAWSServiceAccess'];
    assert.deepEqual(actionValueGrants('iam:Put*', actions), { surely: ['iam:PutUserPolicy', 'iam:PutRolePolicy'], maybe: [] });
    assert.deepEqual(actionValueGrants(`iam:PutRole${U}`, actions), { surely: [], maybe: ['iam:PutRolePolicy'] });
    assert.deepEqual([`iam:${U}`, 'iam:*', `${U}:PutRolePolicy`, 'iam:Get*'].map((value) => actionValueGrants(value, actions)), [undefined, undefined, undefined, undefined]);
  });
});
