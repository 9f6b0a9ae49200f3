import assert from 'node:assert/strict';
import { readPolicy, rootSessionDenials } from '../../../../src/core/policy';
import { predictOrganization } from '../../../../src/core/preflight';
import { IN_TEAM, MANAGEMENT, ORG_ID, ROOT, fullAccess, orgPolicy, policies, snapshot } from './fixture';

/**
 * A call on no resource (iam:GetAccountSummary, the listings) may carry aws:ResourceOrgID and
 * aws:ResourceAccount or not, AWS does not document which; when it does, they are the session's own
 * organization and account, never another's. The preflight, which knows the organization, reads them so:
 * a Deny that holds both ways is certain, one that holds neither way spares the call, and only one that
 * holds one way depends on the key. RG107 asks the engine the same way (rootSessionDenials), not knowing the
 * organization: where the answer cannot depend on which organization, the two agree.
 */
const OTHER_ORG = 'o-other00000';
const OTHER_ACCOUNT = '999988887777';

interface Expected {
  result: 'works' | 'blocked' | 'depends';
  /** `policy#Sid` of the statements deciding iam:GetAccountSummary. */
  by?: string[];
  dependsOn?: string[];
}

interface Row {
  name: string;
  condition: object;
  expected: Expected;
  /** The answer cannot hinge on which organization the session is in: RG107's must be the same. */
  anyOrganization?: boolean;
}

const ROWS: Row[] = [
  { name: 'Deny unless another organization\'s (StringNotEquals): absent or own, it holds: blocked', condition: { StringNotEquals: { 'aws:ResourceOrgID': OTHER_ORG } }, expected: { result: 'blocked', by: ['p-guard#Guard'] } },
  { name: 'Deny if another organization\'s (StringEquals): absent or own, it never holds: works', condition: { StringEquals: { 'aws:ResourceOrgID': OTHER_ORG } }, expected: { result: 'works' } },
  { name: 'Deny unless the own organization\'s (StringNotEquals): holds only when absent: depends', condition: { StringNotEquals: { 'aws:ResourceOrgID': ORG_ID } }, expected: { result: 'depends', by: ['p-guard#Guard'], dependsOn: ['aws:ResourceOrgID'] } },
  { name: 'Deny if another organization\'s or absent (StringEqualsIfExists): depends', condition: { StringEqualsIfExists: { 'aws:ResourceOrgID': OTHER_ORG } }, expected: { result: 'depends', by: ['p-guard#Guard'], dependsOn: ['aws:ResourceOrgID'] } },
  { name: 'Deny if another account\'s (StringEquals aws:ResourceAccount): works', condition: { StringEquals: { 'aws:ResourceAccount': OTHER_ACCOUNT } }, expected: { result: 'works' } },
  { name: 'Deny unless another account\'s (StringNotEquals aws:ResourceAccount): blocked', condition: { StringNotEquals: { 'aws:ResourceAccount': OTHER_ACCOUNT } }, expected: { result: 'blocked', by: ['p-guard#Guard'] } },
  {
    name: 'Deny unless the caller\'s own account (${aws:PrincipalAccount}): holds only when absent: depends',
    condition: { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
    expected: { result: 'depends', by: ['p-guard#Guard'], dependsOn: ['aws:ResourceAccount'] },
    anyOrganization: true,
  },
  {
    name: 'Deny when both are present (Null false): depends on both',
    condition: { Null: { 'aws:ResourceOrgID': 'false', 'aws:ResourceAccount': 'false' } },
    expected: { result: 'depends', by: ['p-guard#Guard'], dependsOn: ['aws:ResourceOrgID', 'aws:ResourceAccount'] },
    anyOrganization: true,
  },
  {
    name: 'Deny unless another organization\'s and if another account\'s: the second never holds: works',
    condition: { StringNotEquals: { 'aws:ResourceOrgID': OTHER_ORG }, StringEquals: { 'aws:ResourceAccount': OTHER_ACCOUNT } },
    expected: { result: 'works' },
  },
];

const statementOf = (condition: object) => ({ Sid: 'Guard', Effect: 'Deny', Action: 'iam:GetAccountSummary', Resource: '*', Condition: condition });

function predicted(condition: object): Expected {
  const org = policies([fullAccess(), orgPolicy('p-guard', 'p-guard', [statementOf(condition)], [ROOT])]);
  const preflight = predictOrganization(snapshot(MANAGEMENT), org, { region: 'us-east-1', partition: 'aws', tasks: ['IAMAuditRootUserCredentials'] });
  const p = preflight.predictions.find((x) => x.accountId === IN_TEAM)!;
  const by = p.statements.filter((s) => s.calls.includes('iam:GetAccountSummary')).map((s) => `${s.policyId}#${s.sid}`);
  return { result: p.result, ...(by.length ? { by } : {}), ...(p.dependsOn.length ? { dependsOn: p.dependsOn } : {}) };
}

/** RG107's reading (rootSessionDenials) of the same statement, for iam:GetAccountSummary, in the same terms. */
function rootSessionReading(condition: object): Expected {
  const policy = readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statementOf(condition)] }), 'p-guard');
  const call = rootSessionDenials(policy, 'scp')
    .find((d) => d.task === 'IAMAuditRootUserCredentials')
    ?.calls.find((c) => c.action === 'iam:GetAccountSummary');
  if (!call) return { result: 'works' };
  return call.certain ? { result: 'blocked', by: ['p-guard#Guard'] } : { result: 'depends', by: ['p-guard#Guard'], dependsOn: [...call.dependsOn] };
}

describe('preflight: aws:ResourceOrgID and aws:ResourceAccount on a call on no resource (absent, or the session\'s own)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      assert.deepEqual(predicted(row.condition), row.expected);
      if (row.anyOrganization) assert.deepEqual(rootSessionReading(row.condition), row.expected, 'RG107 reads it the same way');
    });
  }
});
