import assert from 'node:assert/strict';
import { principalRootGrant } from '../../../../src/core/policy';
import { policy } from './helpers';

/**
 * The caller's own sts:AssumeRoot with its tags given (principalRootGrant's `context`) and every other tag
 * key absent (`absent: ['aws:PrincipalTag/']`): grants on tags decided, not left as conditions, and accounts
 * a policy variable names with a given tag tried as the account they name.
 */
interface Row {
  name: string;
  statements: object[];
  tags: Record<string, string>;
  /** The audit task's grant: `accounts` (`*` for every account) and `?` when it depends on keys; none when not granted. */
  expected: string | undefined;
}

const rows: Row[] = [
  {
    name: 'a tag the condition asks for, given: certain',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }],
    tags: { 'aws:PrincipalTag/Team': 'platform' },
    expected: '*',
  },
  {
    name: 'another value: no grant',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }],
    tags: { 'aws:PrincipalTag/team': 'data' },
    expected: undefined,
  },
  {
    name: 'a tag key not given is absent: a Deny on StringNotEquals applies',
    statements: [
      { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' },
      { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/clearance': 'root' } } },
    ],
    tags: { 'aws:PrincipalTag/team': 'data' },
    expected: undefined,
  },
  {
    name: 'a tag key not given is absent: an Allow on Null true applies',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Null: { 'aws:PrincipalTag/contractor': 'true' } } }],
    tags: {},
    expected: '*',
  },
  {
    name: 'the account a policy variable names with a given tag',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::${aws:PrincipalTag/account}:root' }],
    tags: { 'aws:PrincipalTag/account': '222222222222' },
    expected: '222222222222',
  },
  {
    name: 'the account a condition value names with a given tag',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalTag/account}' } } }],
    tags: { 'aws:PrincipalTag/account': '222222222222' },
    expected: '222222222222',
  },
  {
    name: "a variable's default where the tag is not given, the tag where it is",
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: "arn:aws:iam::${aws:PrincipalTag/account, '333333333333'}:root" }],
    tags: {},
    expected: '333333333333',
  },
  {
    name: "a given tag before the variable's default",
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: "arn:aws:iam::${aws:PrincipalTag/account, '333333333333'}:root" }],
    tags: { 'aws:PrincipalTag/account': '222222222222' },
    expected: '222222222222',
  },
  {
    name: 'a policy variable on a tag not given matches nothing',
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::${aws:PrincipalTag/account}:root' }],
    tags: {},
    expected: undefined,
  },
];

describe('principalRootGrant: the principal tags given, the others absent', () => {
  for (const row of rows) {
    it(row.name, () => {
      const grants = principalRootGrant({ identity: [policy(row.statements)], context: row.tags, absent: ['aws:PrincipalTag/'] });
      const audit = grants.find((g) => g.task === 'IAMAuditRootUserCredentials');
      const shown = audit && `${audit.everyAccount ? '*' : audit.accounts.map((a) => a.account).join(',')}${audit.certain ? '' : '?'}`;
      assert.equal(shown, row.expected);
    });
  }
});
