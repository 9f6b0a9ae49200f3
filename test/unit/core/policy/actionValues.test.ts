/**
 * One Action value against an action, or against every action of a service, as the broad-grant rules ask:
 * surely, maybe (a part known only at deployment may be any name, `*` included), or not.
 */
import assert from 'node:assert/strict';
import { UNKNOWN_PART as U, actionServiceUnknown, actionValueCovers, actionValueCoversService } from '../../../../src/core/policy';

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
});
