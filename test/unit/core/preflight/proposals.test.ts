import assert from 'node:assert/strict';
import { readPolicy } from '../../../../src/core/policy';
import { type OrgPolicies, ProposalError, type ProposedPolicy, predictOrganization, withProposals } from '../../../../src/core/preflight';
import { IN_SBOX, IN_TEAM, PROD, SBOX, fullAccess, orgPolicy, policies, snapshot } from './fixture';

const CT_ROOT_DENY = { Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } } };
const CT_EXEMPT = { ...CT_ROOT_DENY, Condition: { ...CT_ROOT_DENY.Condition, Null: { 'aws:AssumedRoot': 'true' } } };

function proposal(statements: object[], where: { attachTo?: string[]; replaces?: string }, kind: ProposedPolicy['kind'] = 'SERVICE_CONTROL_POLICY'): ProposedPolicy {
  const content = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { kind, label: 'guardrail.json', document: readPolicy(content, 'guardrail.json'), content, attachTo: where.attachTo ?? [], replaces: where.replaces };
}

/** Each account's delete-credentials result and deciding policy under the policies with the proposals. */
function deleteResults(org: OrgPolicies, proposals: ProposedPolicy[]) {
  const preflight = predictOrganization(snapshot(), withProposals(org, snapshot(), proposals), { region: 'us-east-1', partition: 'aws', tasks: ['IAMDeleteRootUserCredentials'] });
  return Object.fromEntries(preflight.predictions.map((p) => [p.accountId, `${p.result}${p.statements[0] ? ` by ${p.statements[0].policyId} (${p.statements[0].policyName})` : ''}`]));
}

describe('preflight what-if: proposed policies predicted as if deployed', () => {
  const org = policies([fullAccess(), orgPolicy('p-guard0001', 'RootGuardrails', [CT_EXEMPT], [PROD])]);

  it('a new SCP attached to an OU blocks the accounts below it, named as proposed', () => {
    assert.deepEqual(deleteResults(org, []), { [IN_TEAM]: 'works', [IN_SBOX]: 'works', '444444444444': 'works' });
    assert.deepEqual(deleteResults(org, [proposal([CT_ROOT_DENY], { attachTo: [SBOX] })]), {
      [IN_TEAM]: 'works',
      [IN_SBOX]: 'blocked by proposed-1 (guardrail.json)',
      '444444444444': 'works',
    });
  });

  it('the new text of an existing policy replaces its old one, under its own id', () => {
    assert.deepEqual(deleteResults(org, [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' })]), {
      [IN_TEAM]: 'blocked by p-guard0001 (RootGuardrails as in guardrail.json)',
      [IN_SBOX]: 'works',
      '444444444444': 'blocked by p-guard0001 (RootGuardrails as in guardrail.json)',
    });
  });

  it('refuses what the organization does not have, or cannot change', () => {
    const refusals: Array<[ProposedPolicy, RegExp]> = [
      [proposal([CT_ROOT_DENY], { attachTo: ['ou-ab12-none0000'] }), /no root, OU or account ou-ab12-none0000 in this organization/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-missing01' }), /no policy p-missing01 in this organization's SCPs/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' }, 'RESOURCE_CONTROL_POLICY'), /RCPs are NOT_ENABLED in this organization/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-FullAWSAccess' }), /p-FullAWSAccess \(FullAWSAccess\) is managed by AWS: its text cannot change/],
    ];
    for (const [proposed, message] of refusals) assert.throws(() => withProposals(org, snapshot(), [proposed]), (err: Error) => err instanceof ProposalError && message.test(err.message));
  });

  it('leaves the policies as read untouched', () => {
    withProposals(org, snapshot(), [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' })]);
    assert.equal(org.policies[1].name, 'RootGuardrails');
    assert.equal(org.policies.length, 2);
  });
});
