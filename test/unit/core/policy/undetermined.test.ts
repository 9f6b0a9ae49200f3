/**
 * Policies from templates whose structure, not only a value, is known only at deployment: an `Effect`, a
 * `Condition`, a `Principal` or a whole statement given by a parameter or variable. The engine reads each as
 * "may apply, never surely": the answer is the one the known statements give, marked uncertain, and never
 * the certain answer a left-out statement would make it.
 */
import assert from 'node:assert/strict';
import { type Decision, type Policy, type PolicySet, type Request, UNKNOWN_PART, UNKNOWN_VALUE, evaluate, readPolicy, rootSessionDenials } from '../../../../src/core/policy';
import { ALLOW_ALL, where } from './helpers';

const U = UNKNOWN_PART;
const GET = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' } satisfies Request;
const ALLOW_GET = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const DENY_GET = { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' };

/** A policy whose `Statement` is given as is (a list, or one unknown value standing for the list). */
function policyWith(statement: unknown, name: string): Policy {
  return readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statement }, null, 2), name);
}

function answer(decision: Decision): [string, string[], boolean, boolean] {
  return [decision.decision, decision.deciding.map(where), decision.uncertain, decision.dependsOn.includes(UNKNOWN_VALUE)];
}

describe('policy engine: statements known only at deployment', () => {
  const cases: Array<[string, PolicySet, ReturnType<typeof answer>]> = [
    ['an Allow whose Effect is a parameter may allow: implicit deny, uncertain', { identity: [policyWith([{ ...ALLOW_GET, Effect: U }], 'id')] }, ['implicitDeny', [], true, true]],
    ['a Deny whose Effect is a parameter may deny a request another statement allows', { identity: [policyWith([ALLOW_GET, { ...DENY_GET, Effect: U }], 'id')] }, ['allowed', ['id#0 line 4'], true, true]],
    ['an SCP statement whose Effect is a parameter neither surely allows nor surely denies', { identity: [policyWith([ALLOW_GET], 'id')], scps: [[policyWith([ALLOW_ALL, { ...DENY_GET, Effect: U }], 'scp')]] }, ['allowed', ['id#0 line 4', 'scp#0 line 4'], true, true]],
    ['a whole Statement given by a variable may allow', { identity: [policyWith(U, 'id')] }, ['implicitDeny', [], true, true]],
    ['a whole Statement given by a variable may deny', { identity: [policyWith([ALLOW_GET], 'id'), policyWith(U, 'vars')] }, ['allowed', ['id#0 line 4'], true, true]],
    ['one statement of the list given by a variable, beside a known Allow', { identity: [policyWith([ALLOW_GET, U], 'id')] }, ['allowed', ['id#0 line 4'], true, true]],
    ['an Allow whose whole Condition is a variable no longer allows surely', { identity: [policyWith([{ ...ALLOW_GET, Condition: U }], 'id')] }, ['implicitDeny', [], true, true]],
    ['an Allow with one operator block given by a variable', { identity: [policyWith([{ ...ALLOW_GET, Condition: { StringEquals: U } }], 'id')] }, ['implicitDeny', [], true, true]],
    ['a Deny whose condition operator is a variable may deny', { identity: [policyWith([ALLOW_GET, { ...DENY_GET, Condition: { [U]: { 'aws:PrincipalTag/team': 'red' } } }], 'id')] }, ['allowed', ['id#0 line 4'], true, true]],
    ['a Deny whose condition key is a variable may deny', { identity: [policyWith([ALLOW_GET, { ...DENY_GET, Condition: { StringEquals: { [`aws:PrincipalTag/${U}`]: 'red' } } }], 'id')] }, ['allowed', ['id#0 line 4'], true, true]],
    ['a certain Deny decides beside an undetermined statement, and certainly: nothing unknown can change it', { identity: [policyWith([ALLOW_GET, DENY_GET, { ...ALLOW_GET, Effect: U }], 'id')] }, ['explicitDeny', ['id#1 line 9'], false, false]],
    ['a certain SCP Deny decides beside an identity Allow known only at deployment', { identity: [policyWith([{ ...ALLOW_GET, Resource: U }], 'id')], scps: [[policyWith([ALLOW_ALL, DENY_GET], 'scp')]] }, ['explicitDeny', ['scp#1 line 9'], false, false]],
    ['a Deny that applies only with an unknown value beside a certain one: the certain one decides alone', { identity: [policyWith([ALLOW_GET, DENY_GET, { ...DENY_GET, Resource: U }], 'id')] }, ['explicitDeny', ['id#1 line 9'], false, false]],
    ['an Allow that only may apply beside one that surely does: allowed for certain, by the sure one', { identity: [policyWith([{ ...ALLOW_GET, Condition: U }, ALLOW_GET], 'id')] }, ['allowed', ['id#1 line 10'], false, false]],
    ['an Allow whose action is known only in part beside one that surely applies: allowed for certain', { identity: [policyWith([ALLOW_GET, { ...ALLOW_GET, Action: `s3:${U}` }], 'id')] }, ['allowed', ['id#0 line 4'], false, false]],
    ['a sure identity Allow leaves uncertain an SCP level whose only Allow may apply', { identity: [policyWith([ALLOW_GET, { ...ALLOW_GET, Condition: U }], 'id')], scps: [[policyWith([{ ...ALLOW_ALL, Condition: U }], 'scp')]] }, ['implicitDeny', [], true, true]],
    ['a known Allow beside the same statement with its Effect a parameter: allowed, unless that one is a Deny', { identity: [policyWith([ALLOW_GET, { ...ALLOW_GET, Effect: U }], 'id')] }, ['allowed', ['id#0 line 4'], true, true]],
  ];
  for (const [name, set, expected] of cases) {
    it(name, () => assert.deepEqual(answer(evaluate(GET, set)), expected));
  }

  it('a resource policy whose Principal is a parameter may grant the caller', () => {
    const bucket = policyWith([{ ...ALLOW_GET, Principal: U }], 'bucket');
    const request: Request = { ...GET, principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:role/reader' }, context: { 'aws:ResourceAccount': '111122223333' } };
    assert.deepEqual(answer(evaluate(request, { resource: bucket })), ['implicitDeny', [], true, true]);
    const spared = policyWith([{ ...ALLOW_GET, Principal: '*' }, { ...DENY_GET, NotPrincipal: U }], 'bucket');
    assert.deepEqual(answer(evaluate(request, { resource: spared })), ['allowed', ['bucket#0 line 4'], true, true]);
  });

  it('reads a statement of unknown effect once per effect, and a variable statement as any statement, both at their index', () => {
    const read = policyWith([ALLOW_GET, { ...DENY_GET, Effect: U }, U], 'id');
    assert.deepEqual(
      read.statements.map((s) => [s.index, s.effect, s.undetermined ?? false, s.action?.values]),
      [
        [0, 'Allow', false, ['s3:GetObject']],
        [1, 'Allow', true, ['s3:GetObject']],
        [1, 'Deny', true, ['s3:GetObject']],
        [2, 'Allow', true, [U]],
        [2, 'Deny', true, [U]],
      ],
    );
  });

  it('a string that is only partly unknown is no statement, and an Effect partly unknown no effect', () => {
    assert.deepEqual(policyWith([`stmt-${U}`, { ...ALLOW_GET, Effect: `Al${U}` }], 'id').statements, []);
  });

  it('an SCP Deny whose Effect is a parameter may block root sessions: every task, never certainly', () => {
    const scp = policyWith([{ Effect: U, Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }], 'scp');
    const denials = rootSessionDenials(scp, 'scp');
    assert.equal(denials.length, 5);
    assert.deepEqual(new Set(denials.map((d) => [d.certain, d.dependsOn.includes(UNKNOWN_VALUE)].join())), new Set(['false,true']));
  });
});
