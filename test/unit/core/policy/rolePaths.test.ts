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

  it('tries the path each value names, wildcards filled, and none for a caller that is no role session', () => {
    const guards = policy([denyUnless('ArnLike', ['arn:aws:iam::*:role/team-*/ops/*', 'arn:aws:iam::*:role/AWSControlTowerExecution'])]);
    assert.deepEqual(rolePathsToTry(SESSION, [guards]), ['arn:aws:iam::111122223333:role/Ops', 'arn:aws:iam::111122223333:role/team-x/ops/Ops']);
    assert.deepEqual(rolePathsToTry('arn:aws:iam::111122223333:user/bob', [guards]), []);
  });
});
