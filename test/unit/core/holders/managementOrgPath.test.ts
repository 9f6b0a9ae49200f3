/**
 * The management account's principals carry `aws:PrincipalOrgPaths` = `o-…/r-…/` (it sits at the root): a
 * grant conditioned on the path is decided with it, not left as a condition the grant "depends" on.
 */
import assert from 'node:assert/strict';
import { analyzeHolders, type HolderSources } from '../../../../src/core/holders/index';

const ACCOUNT = '111111111111';
const ORG = 'o-a1b2c3d4e5';

function holdersWith(condition: object, orgPath: string | undefined) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: condition }] });
  const sources: HolderSources = {
    accountId: ACCOUNT,
    principals: [{ kind: 'role', name: 'admin', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, policies: [{ label: 'grant', source: 'inline', text }] }],
    organizationAccounts: [ACCOUNT, '222222222222'],
    ownScps: { check: { status: 'managementAccount' }, owner: { organization: ORG, ...(orgPath ? { orgPath } : {}) }, managementAccount: ACCOUNT },
    gaps: [],
  };
  return analyzeHolders(sources).holders;
}

/** `none`: no holder; else whether the audit grant is unconditional, and the keys it still hangs on. */
function auditGrant(condition: object, orgPath: string | null = `${ORG}/r-ab12/`) {
  const grant = holdersWith(condition, orgPath ?? undefined)[0]?.grants.find((g) => g.task === 'IAMAuditRootUserCredentials');
  return grant ? { unconditional: grant.unconditional, conditionKeys: grant.conditionKeys } : 'none';
}

describe('root session holders: the management account at the root (aws:PrincipalOrgPaths)', () => {
  const rows: [string, object, ReturnType<typeof auditGrant>][] = [
    ['ForAnyValue:StringLike on the OUs grants it nothing', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-*` } }, 'none'],
    ['ForAnyValue:StringLike on the root and below grants it, no condition in the way', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } }, { unconditional: true, conditionKeys: [] }],
    ['ForAnyValue:StringEquals on the root path grants it', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/` } }, { unconditional: true, conditionKeys: [] }],
    ['ForAnyValue:StringLike on another organization grants it nothing', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-zzzzzzzzzz/*' } }, 'none'],
    ['ForAnyValue:StringNotLike on the OUs grants it (it is in none)', { 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/ou-*` } }, { unconditional: true, conditionKeys: [] }],
  ];
  for (const [name, condition, expected] of rows) it(name, () => assert.deepEqual(auditGrant(condition), expected));

  it('with the root not read, the grant still depends on the path', () => {
    assert.deepEqual(auditGrant({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } }, null), { unconditional: false, conditionKeys: ['aws:PrincipalOrgPaths'] });
  });
});
