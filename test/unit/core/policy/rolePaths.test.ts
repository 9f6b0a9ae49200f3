/**
 * A role session's ARN drops its role's path; `aws:PrincipalArn` holds it. Decided at each path the policies
 * name, a request whose answer changes with the path depends on `aws:PrincipalArn`.
 */
import assert from 'node:assert/strict';
import { type Request, evaluateAtRolePaths, rolePathsToTry } from '../../../../src/core/policy';
import { ALLOW_ALL, policy } from './helpers';

const SESSION = 'arn:aws:sts::111122223333:assumed-role/Ops/alice';
const ASSUME_ROOT: Request = {
  action: 'sts:AssumeRoot',
  resource: 'arn:aws:iam::444455556666:root',
  principal: { type: 'AWS', id: SESSION },
  context: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
};
const denyUnless = (operator: string, pattern: string | string[]) => ({ Sid: 'Guard', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { [operator]: { 'aws:PrincipalArn': pattern } } });

describe('policy engine: a role session at the role paths the policies name', () => {
  const rows: Array<[string, object, Partial<Request>, string, string[]]> = [
    ['an exemption for a path: denied at /, allowed there', denyUnless('ArnNotLike', 'arn:aws:iam::*:role/breakglass/*'), {}, 'explicitDeny', ['aws:PrincipalArn']],
    ['a deny of a path: allowed at /, denied there', denyUnless('ArnLike', 'arn:aws:iam::*:role/contractors/*'), {}, 'allowed', ['aws:PrincipalArn']],
    ["an exemption of another role's path: the same at every path", denyUnless('ArnNotLike', 'arn:aws:iam::*:role/security/RootOperator'), {}, 'explicitDeny', []],
    ['an exemption whose star spans a path (role/security*)', denyUnless('ArnNotLike', 'arn:aws:iam::*:role/security*'), {}, 'explicitDeny', ['aws:PrincipalArn']],
    ['paths named by a statement about another action: decided at /', { ...denyUnless('ArnNotLike', 'arn:aws:iam::*:role/breakglass/*'), Action: 'iam:CreateUser' }, {}, 'allowed', []],
    ["Control Tower's root deny names no path: decided at /", denyUnless('ArnLike', 'arn:*:iam::*:root'), {}, 'allowed', []],
    ['the role ARN given with its path', denyUnless('ArnNotLike', 'arn:aws:iam::*:role/breakglass/*'), { context: { ...ASSUME_ROOT.context, 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/breakglass/Ops' } }, 'allowed', []],
    ['a user, whose ARN has its path', denyUnless('ArnNotLike', 'arn:aws:iam::*:user/breakglass/*'), { principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/breakglass/bob' } }, 'allowed', []],
  ];
  for (const [name, guard, change, decision, dependsOn] of rows) {
    it(name, () => {
      const answer = evaluateAtRolePaths({ ...ASSUME_ROOT, ...change }, { identity: [policy([ALLOW_ALL], 'id')], scps: [[policy([ALLOW_ALL, guard], 'scp')]] });
      assert.deepEqual([answer.decision, answer.dependsOn], [decision, dependsOn]);
    });
  }

  it('tries the path each value about the action names, wildcards filled, and none for a caller that is no role session', () => {
    const guards = policy([denyUnless('ArnLike', ['arn:aws:iam::*:role/team-*/ops/Admin', 'arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/security*'])]);
    assert.deepEqual(rolePathsToTry(SESSION, [guards], 'sts:AssumeRoot'), {
      arns: ['arn:aws:iam::111122223333:role/Ops', 'arn:aws:iam::111122223333:role/team-x/ops/Ops', 'arn:aws:iam::111122223333:role/team-x/Ops', 'arn:aws:iam::111122223333:role/securityx/Ops'],
      capped: false,
    });
    assert.deepEqual(rolePathsToTry(SESSION, [guards], 'iam:CreateUser'), { arns: [], capped: false });
    assert.deepEqual(rolePathsToTry('arn:aws:iam::111122223333:user/bob', [guards], 'sts:AssumeRoot'), { arns: [], capped: false });
  });

  it('past the paths it tries, the answer depends on aws:PrincipalArn whatever the tried ones say', () => {
    const paths = Array.from({ length: 12 }, (_, i) => `arn:aws:iam::*:role/team${i}/*`);
    const answer = evaluateAtRolePaths(ASSUME_ROOT, { identity: [policy([ALLOW_ALL], 'id')], scps: [[policy([ALLOW_ALL, denyUnless('ArnLike', paths)], 'scp')]] });
    assert.deepEqual([answer.decision, answer.dependsOn], ['allowed', ['aws:PrincipalArn']]);
  });
});
