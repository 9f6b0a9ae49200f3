import assert from 'node:assert/strict';
import { SHORT_ARN_PATTERN, assumeRootGrant, decideOrgFilters, evaluate, rootSessionDenials } from '../../../../src/core/policy';
import { conditionsHold } from '../../../../src/sandbox/policyConditions';
import { ALLOW_ALL, type DecisionRow, decisionTable, policy } from './helpers';

/*
 * An ARN pattern of fewer than six parts (`arn:aws:iam::*`). AWS checks "each of the six colon-delimited
 * components of the ARN ... separately" (IAM User Guide, condition operators, ArnLike) and does not say what a
 * shorter value matches: read as one glob, its `*` covers `111122223333:root`; read part by part, it matches
 * no six-part ARN (the sandbox's reading). Where the readings differ the answer depends on it.
 */
const ROOT = 'arn:aws:iam::111122223333:root';
const request = { action: 'iam:ListAccessKeys', resource: ROOT, context: { 'aws:PrincipalArn': ROOT, 'aws:PrincipalAccount': '111122223333' } };

function row(name: string, effect: 'Allow' | 'Deny', condition: object, decision: DecisionRow['decision'], dependsOn: string[]): DecisionRow {
  const statement = { Effect: effect, Action: 'iam:*', Resource: '*', Condition: condition };
  const set = effect === 'Allow' ? { identity: [policy([statement], 'id')] } : { identity: [policy([ALLOW_ALL], 'id')], scps: [[policy([ALLOW_ALL, statement], 'scp')]] };
  const deciding = effect === 'Allow' ? [] : decision === 'explicitDeny' ? ['scp#1 line 9'] : ['id#0 line 4', 'scp#0 line 4'];
  return { name, request, set, decision, deciding, dependsOn };
}

describe('policy engine: ARN patterns of fewer than six parts', () => {
  const short = 'arn:aws:iam::*';
  describe('depend on how AWS reads them where a glob over the whole ARN would match', () => {
    decisionTable([
      row('ArnLike in an Allow', 'Allow', { ArnLike: { 'aws:PrincipalArn': short } }, 'implicitDeny', [SHORT_ARN_PATTERN]),
      row('ArnEquals in an Allow', 'Allow', { ArnEquals: { 'aws:PrincipalArn': short } }, 'implicitDeny', [SHORT_ARN_PATTERN]),
      row('ArnNotLike in an Allow', 'Allow', { ArnNotLike: { 'aws:PrincipalArn': short } }, 'implicitDeny', [SHORT_ARN_PATTERN]),
      row('ArnLike in a Deny', 'Deny', { ArnLike: { 'aws:PrincipalArn': short } }, 'allowed', [SHORT_ARN_PATTERN]),
      row('ArnNotLike in a Deny', 'Deny', { ArnNotLike: { 'aws:PrincipalArn': short } }, 'allowed', [SHORT_ARN_PATTERN]),
      row('ArnNotEquals in a Deny', 'Deny', { ArnNotEquals: { 'aws:PrincipalArn': short } }, 'allowed', [SHORT_ARN_PATTERN]),
      row('a variable that leaves five parts', 'Deny', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}' } }, 'allowed', [SHORT_ARN_PATTERN]),
    ]);

    it('says the answer is uncertain, and names no key or template value', () => {
      const decision = evaluate(request, row('', 'Deny', { ArnNotLike: { 'aws:PrincipalArn': short } }, 'allowed', []).set);
      assert.equal(decision.uncertain, true);
      assert.deepEqual(decision.dependsOn, [SHORT_ARN_PATTERN]);
    });
  });

  describe('are certain where every reading agrees', () => {
    decisionTable([
      row('`*` matches every ARN', 'Deny', { ArnLike: { 'aws:PrincipalArn': '*' } }, 'explicitDeny', []),
      row('another partition never matches', 'Deny', { ArnLike: { 'aws:PrincipalArn': 'arn:aws-cn:iam::*' } }, 'allowed', []),
      row('another service never matches, ArnNotLike', 'Deny', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:s3:*' } }, 'explicitDeny', []),
      row('all six parts', 'Deny', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }, 'allowed', []),
      row('a variable that gives six parts', 'Deny', { ArnNotEquals: { 'aws:PrincipalArn': '${aws:PrincipalArn}' } }, 'allowed', []),
      row('another value of the entry matches part by part', 'Deny', { ArnLike: { 'aws:PrincipalArn': [short, 'arn:aws:iam::*:root'] } }, 'explicitDeny', []),
    ]);

    // The sandbox's enforcement (the stand-in for AWS in end-to-end runs) compares part by part.
    const agreed: [string, object, boolean][] = [
      ['another partition', { ArnLike: { 'aws:PrincipalArn': 'arn:aws-cn:iam::*' } }, false],
      ['another service', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:s3:*' } }, true],
      ['all six parts', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }, false],
    ];
    for (const [name, condition, holds] of agreed) {
      it(`the sandbox agrees: ${name}`, () => {
        assert.equal(conditionsHold(condition, { 'aws:principalarn': ROOT }, true), holds);
        const allow = evaluate(request, { identity: [policy([{ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: condition }], 'id')] });
        assert.deepEqual([allow.decision, allow.uncertain], [holds ? 'allowed' : 'implicitDeny', false]);
      });
    }
  });

  it("the preflight's question (the SCP path alone) depends on it, in both directions", () => {
    for (const operator of ['ArnLike', 'ArnNotLike']) {
      const scp = policy([ALLOW_ALL, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { [operator]: { 'aws:PrincipalArn': short } } }], 'scp');
      const answer = decideOrgFilters({ ...request, context: { ...request.context, 'aws:AssumedRoot': 'true' } }, { scps: [[scp]] });
      assert.deepEqual([answer.outcome, answer.deciding.map((d) => d.statement), answer.dependsOn], ['depends', [1], [SHORT_ARN_PATTERN]], operator);
    }
  });

  it('a Resource of fewer than six parts grants sts:AssumeRoot only depending on how AWS reads it', () => {
    const grants = assumeRootGrant(
      policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: short, Condition: { ArnEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } } }]),
    );
    assert.deepEqual(
      grants.map((g) => [g.task, g.certain, g.dependsOn]),
      [['IAMAuditRootUserCredentials', false, [SHORT_ARN_PATTERN]]],
    );
  });

  it("a root-session Deny exempting principals by a short pattern blocks for certain only where the partition already differs", () => {
    const denials = rootSessionDenials(policy([ALLOW_ALL, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': short } } }]), 'scp');
    const audit = denials.find((d) => d.task === 'IAMAuditRootUserCredentials')!;
    assert.deepEqual([audit.certain, [...audit.certainIn].sort(), audit.dependsOn], [true, ['aws-cn', 'aws-us-gov'], [SHORT_ARN_PATTERN]]);
  });
});
