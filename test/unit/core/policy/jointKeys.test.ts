import assert from 'node:assert/strict';
import { type OrgFilterPaths, type Request, decideOrgFilters } from '../../../../src/core/policy';
import { ALLOW_ALL, decideSet, policy, where } from './helpers';

/**
 * A left-out key tested by several condition entries, decided over every value of it: entries that
 * contradict or complement each other make the answer certain, and `dependsOn` (or `depends`) names the key
 * only where some value of it really changes the answer. Wildcard patterns and multi-valued keys keep the
 * per-entry answer.
 */
const REQUEST: Request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
const TEAM = 'aws:PrincipalTag/team';
const MFA_AGE = 'aws:MultiFactorAuthAge';
const SOURCE_IP = 'aws:SourceIp';

const when = (effect: 'Allow' | 'Deny', operator: string, key: string, value: string | string[]) => ({ Effect: effect, Action: '*', Resource: '*', Condition: { [operator]: { [key]: value } } });
const scp = (name: string, ...statements: object[]) => policy(statements, name);

interface Row {
  name: string;
  scps: OrgFilterPaths['scps'];
  /** `evaluate` with an identity policy allowing everything. */
  evaluate: { decision: string; deciding: string[]; dependsOn: string[] };
  orgFilters: { outcome: string; denial?: string; level?: object; deciding: string[]; dependsOn: string[] };
}

const ROWS: Row[] = [
  {
    name: 'Allow for team red at the root, Allow for every team but red below: no team passes both',
    scps: [[scp('Root', when('Allow', 'StringEquals', TEAM, 'red'))], [scp('Ou', when('Allow', 'StringNotEquals', TEAM, 'red'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    // Denied for every team; `evaluate` still names the team: red is denied explicitly, the others implicitly.
    name: 'Allow for team red at the root, Deny for team red below: denied for every team',
    scps: [[scp('Root', when('Allow', 'StringEquals', TEAM, 'red'))], [scp('Ou', ALLOW_ALL, when('Deny', 'StringEquals', TEAM, 'red'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [TEAM] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'an Allow for team red beside one for every team but red: every team is allowed',
    scps: [[scp('Root', when('Allow', 'StringEquals', TEAM, 'red'), when('Allow', 'StringNotEquals', TEAM, 'red'))]],
    evaluate: { decision: 'allowed', deciding: ['identity#0 line 4', 'Root#1 line 14'], dependsOn: [] },
    orgFilters: { outcome: 'allowed', deciding: ['Root#1 line 14'], dependsOn: [] },
  },
  {
    name: 'a Deny for team red beside one for every team but red: every team is denied',
    scps: [[scp('Root', ALLOW_ALL, when('Deny', 'StringEquals', TEAM, 'red'), when('Deny', 'StringNotEquals', TEAM, 'red'))]],
    evaluate: { decision: 'explicitDeny', deciding: ['Root#2 line 19'], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'explicitDeny', deciding: ['Root#2 line 19'], dependsOn: [] },
  },
  {
    name: 'an MFA age under an hour at the root and over two hours below: no age passes both',
    scps: [[scp('Root', when('Allow', 'NumericLessThan', MFA_AGE, '3600'))], [scp('Ou', when('Allow', 'NumericGreaterThan', MFA_AGE, '7200'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'a time before 2026 at the root and after 2027 below: no time passes both',
    scps: [[scp('Root', when('Allow', 'DateLessThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z'))], [scp('Ou', when('Allow', 'DateGreaterThan', 'aws:CurrentTime', '2027-01-01T00:00:00Z'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'an address in 192.0.2.0/24 at the root and outside it below: no address passes both',
    scps: [[scp('Root', when('Allow', 'IpAddress', SOURCE_IP, '192.0.2.0/24'))], [scp('Ou', when('Allow', 'NotIpAddress', SOURCE_IP, '192.0.2.0/24'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'an address in 10.0.0.0/8 at the root and outside both its halves below: no address passes both',
    scps: [[scp('Root', when('Allow', 'IpAddress', SOURCE_IP, '10.0.0.0/8'))], [scp('Ou', when('Allow', 'NotIpAddress', SOURCE_IP, ['10.0.0.0/9', '10.128.0.0/9']))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [] },
    orgFilters: { outcome: 'denied', denial: 'implicitDeny', level: { kind: 'scp', index: 0 }, deciding: [], dependsOn: [] },
  },
  {
    name: 'STAYS: an address in 10.0.0.0/8 at the root and outside its lower half below: 10.128.0.1 passes both',
    scps: [[scp('Root', when('Allow', 'IpAddress', SOURCE_IP, '10.0.0.0/8'))], [scp('Ou', when('Allow', 'NotIpAddress', SOURCE_IP, '10.0.0.0/9'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [SOURCE_IP] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: [SOURCE_IP] },
  },
  {
    name: 'STAYS: every team but red at the root, every team but blue below: other teams (and none) pass',
    scps: [[scp('Root', when('Allow', 'StringNotEquals', TEAM, 'red'))], [scp('Ou', when('Allow', 'StringNotEquals', TEAM, 'blue'))]],
    evaluate: { decision: 'allowed', deciding: ['identity#0 line 4', 'Root#0 line 4', 'Ou#0 line 4'], dependsOn: [TEAM] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: [TEAM] },
  },
  {
    name: 'STAYS: an MFA age over 3600 and under 3601: only a fractional age passes (3600.5), no whole one',
    scps: [[scp('Root', when('Allow', 'NumericGreaterThan', MFA_AGE, '3600'))], [scp('Ou', when('Allow', 'NumericLessThan', MFA_AGE, '3601'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [MFA_AGE] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: [MFA_AGE] },
  },
  {
    name: 'STAYS: team red ignoring case at the root, every team but exactly red below: RED passes both',
    scps: [[scp('Root', when('Allow', 'StringEqualsIgnoreCase', TEAM, 'red'))], [scp('Ou', when('Allow', 'StringNotEquals', TEAM, 'red'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [TEAM] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: [TEAM] },
  },
  {
    name: 'KEEPS per-entry answer: wildcard patterns r* at the root and *d below (red passes both)',
    scps: [[scp('Root', when('Allow', 'StringLike', TEAM, 'r*'))], [scp('Ou', when('Allow', 'StringLike', TEAM, '*d'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: [TEAM] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: [TEAM] },
  },
  {
    name: 'KEEPS per-entry answer: a multi-valued key, some tag key env at the root and some other below ([env, cost] passes both)',
    scps: [[scp('Root', when('Allow', 'ForAnyValue:StringEquals', 'aws:TagKeys', 'env'))], [scp('Ou', when('Allow', 'ForAnyValue:StringNotEquals', 'aws:TagKeys', 'env'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: ['aws:TagKeys'] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: ['aws:TagKeys'] },
  },
  {
    // Not in IAM's table of global keys: nothing says it carries one value per request. (An aws: key that is
    // no global key is in no request at all: keysNoRequestCarries.test.ts.)
    name: 'KEEPS per-entry answer: a service key the global table does not know, red at the root and not red below',
    scps: [[scp('Root', when('Allow', 'StringEquals', 'sts:FutureKey', 'red'))], [scp('Ou', when('Allow', 'StringNotEquals', 'sts:FutureKey', 'red'))]],
    evaluate: { decision: 'implicitDeny', deciding: [], dependsOn: ['sts:FutureKey'] },
    orgFilters: { outcome: 'depends', deciding: ['Root#0 line 4', 'Ou#0 line 4'], dependsOn: ['sts:FutureKey'] },
  },
];

describe('policy engine: a left-out key tested by several entries, decided over every value of it', () => {
  const identity = policy([ALLOW_ALL], 'identity');
  for (const row of ROWS) {
    it(`evaluate: ${row.name}`, () => {
      assert.deepEqual(decideSet(REQUEST, { identity: [identity], scps: row.scps }), row.evaluate);
    });
    it(`decideOrgFilters: ${row.name}`, () => {
      const answer = decideOrgFilters(REQUEST, { scps: row.scps });
      const brief = { outcome: answer.outcome, ...(answer.denial ? { denial: answer.denial } : {}), ...(answer.level ? { level: answer.level } : {}), deciding: answer.deciding.map(where), dependsOn: answer.dependsOn };
      assert.deepEqual(brief, row.orgFilters);
    });
  }

  it('the passing values the rows above claim exist do pass (evaluated concretely)', () => {
    const passes = (row: Row, context: Record<string, string | string[]>) => decideSet({ ...REQUEST, context }, { identity: [identity], scps: row.scps }).decision === 'allowed';
    const row = (prefix: string) => ROWS.find((r) => r.name.startsWith(prefix))!;
    assert.ok(passes(row('STAYS: every team but red'), { [TEAM]: 'green' }));
    assert.ok(passes(row('STAYS: an MFA age'), { [MFA_AGE]: '3600.5' }));
    assert.ok(passes(row('STAYS: team red ignoring case'), { [TEAM]: 'RED' }));
    assert.ok(passes(row('STAYS: an address in 10.0.0.0/8'), { [SOURCE_IP]: '10.128.0.1' }));
    assert.ok(passes(row('KEEPS per-entry answer: wildcard'), { [TEAM]: 'red' }));
    assert.ok(passes(row('KEEPS per-entry answer: a multi-valued'), { 'aws:TagKeys': ['env', 'cost'] }));
  });
});
