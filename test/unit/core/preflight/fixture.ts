/**
 * A small organization for preflight tables: root r-ab12 → Prod (ou-ab12-prod11111) → Team
 * (ou-ab12-team2222), and Sandbox (ou-ab12-sbox3333) under the root.
 */
import type { OrgAccount, OrgSnapshot } from '../../../../src/core/org/model';
import { readPolicy } from '../../../../src/core/policy';
import type { OrgPolicies, OrgPolicy, OrgPolicyKind, PolicyTarget, PolicyTypeState } from '../../../../src/core/preflight';

export const ORG_ID = 'o-abc1234567';
export const ROOT = 'r-ab12';
export const PROD = 'ou-ab12-prod1111';
export const TEAM = 'ou-ab12-team2222';
export const SBOX = 'ou-ab12-sbox3333';
export const MANAGEMENT = '000011112222';
export const IN_TEAM = '111111111111';
export const IN_SBOX = '222222222222';
export const SUSPENDED = '333333333333';
export const ADMIN = '444444444444';

const account = (id: string, parentId: string, extra: Partial<OrgAccount> = {}): OrgAccount => ({
  id,
  arn: `arn:aws:organizations::${MANAGEMENT}:account/${ORG_ID}/${id}`,
  name: `acct-${id.slice(0, 3)}`,
  email: `${id}@example.com`,
  state: 'ACTIVE',
  parentId,
  isManagement: false,
  isDelegatedAdmin: false,
  ...extra,
});

export function snapshot(callerAccount: string = ADMIN): OrgSnapshot {
  return {
    organization: { id: ORG_ID, arn: `arn:aws:organizations::${MANAGEMENT}:organization/${ORG_ID}`, featureSet: 'ALL', managementAccountId: MANAGEMENT },
    root: { id: ROOT, arn: `arn:aws:organizations::${MANAGEMENT}:root/${ORG_ID}/${ROOT}`, name: 'Root' },
    units: [
      { id: PROD, arn: '', name: 'Prod', parentId: ROOT },
      { id: SBOX, arn: '', name: 'Sandbox', parentId: ROOT },
      { id: TEAM, arn: '', name: 'Team', parentId: PROD },
    ],
    accounts: [
      account(MANAGEMENT, ROOT, { isManagement: true }),
      account(SUSPENDED, ROOT, { state: 'SUSPENDED' }),
      account(ADMIN, PROD, { isDelegatedAdmin: true }),
      account(IN_TEAM, TEAM),
      account(IN_SBOX, SBOX),
    ],
    caller: { accountId: callerAccount, arn: `arn:aws:sts::${callerAccount}:assumed-role/SecurityAdmin/alice`, userId: 'AROAEXAMPLE:alice', role: callerAccount === MANAGEMENT ? 'management' : 'delegatedAdmin' },
    features: { trustedAccess: true, delegatedAdmins: [{ accountId: ADMIN }], rootCredentialsManagement: true, rootSessions: true, errors: {} },
    loadedAt: '2026-12-04T00:00:00.000Z',
  };
}

const EVERY_TARGET = [ROOT, PROD, TEAM, SBOX, MANAGEMENT, SUSPENDED, ADMIN, IN_TEAM, IN_SBOX];

function target(id: string): PolicyTarget {
  return { id, name: id, type: id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT' };
}

/** A policy from statements, attached to `targets`. */
export function orgPolicy(id: string, name: string, statements: object[], targets: string[], kind: OrgPolicyKind = 'SERVICE_CONTROL_POLICY'): OrgPolicy {
  const content = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return { id, arn: `arn:aws:organizations::aws:policy/${id}`, name, kind, awsManaged: false, content, document: readPolicy(content, id), targets: targets.map(target) };
}

/** AWS's FullAWSAccess, attached everywhere except `except`. */
export function fullAccess(except: string[] = []): OrgPolicy {
  return { ...orgPolicy('p-FullAWSAccess', 'FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }], EVERY_TARGET.filter((t) => !except.includes(t))), awsManaged: true };
}

/** AWS's RCPFullAWSAccess, attached everywhere. */
export function rcpFullAccess(): OrgPolicy {
  return { ...orgPolicy('p-RCPFullAWSAccess', 'RCPFullAWSAccess', [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], EVERY_TARGET, 'RESOURCE_CONTROL_POLICY'), awsManaged: true };
}

export function policies(list: OrgPolicy[], types: Partial<Record<OrgPolicyKind, PolicyTypeState>> = {}): OrgPolicies {
  return {
    rootId: ROOT,
    // RCPs are enabled where the organization has one, as AWS then attaches RCPFullAWSAccess everywhere.
    types: { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: list.some((p) => p.kind === 'RESOURCE_CONTROL_POLICY') ? 'ENABLED' : 'NOT_ENABLED', ...types },
    policies: list,
    readAt: '2026-12-04T00:00:00.000Z',
  };
}
