/**
 * A trust policy naming a user's or role's unique id (`AROA…`, `AIDA…`) is what IAM shows once the principal it
 * named was deleted: the holders view lists it as stale trust, not as trust from outside the organization.
 */
import assert from 'node:assert/strict';
import { trustText } from '../../../../src/core/holders/formats';
import { analyzeHolders, type PrincipalSource } from '../../../../src/core/holders/index';

const ACCOUNT = '111111111111';
const ADMIN = { label: 'admin', source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }] }) };

function trusting(...principals: string[]): PrincipalSource {
  const trustPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] });
  return { kind: 'role', name: 'breakglass', arn: `arn:aws:iam::${ACCOUNT}:role/breakglass`, policies: [ADMIN], trustPolicy };
}

describe('root session holders: trust naming a deleted principal', () => {
  for (const [what, id] of [
    ['a deleted role', 'AROAEXAMPLEID12345678'],
    ['a deleted user', 'AIDAEXAMPLEID12345678'],
  ]) {
    it(`${what} (${id}) is stale trust, not trust from outside the organization`, () => {
      const [holder] = analyzeHolders({ accountId: ACCOUNT, principals: [trusting(id)], organizationAccounts: [ACCOUNT], gaps: [] }).holders;
      assert.deepEqual(holder.trust.map((t) => [t.kind, t.principal]), [['deletedPrincipal', id]]);
      assert.ok(!holder.risk.reasons.includes('trusted from outside the organization'), holder.risk.reasons.join('; '));
      assert.equal(trustText(holder.trust), `deleted (stale) ${id}`);
    });
  }

  it('beside a real outside account, the outside account still counts', () => {
    const [holder] = analyzeHolders({ accountId: ACCOUNT, principals: [trusting('AROAEXAMPLEID12345678', 'arn:aws:iam::444444444444:root')], organizationAccounts: [ACCOUNT], gaps: [] }).holders;
    assert.deepEqual(holder.trust.map((t) => t.kind), ['deletedPrincipal', 'externalAccount']);
    assert.ok(holder.risk.reasons.includes('trusted from outside the organization'));
  });
});
