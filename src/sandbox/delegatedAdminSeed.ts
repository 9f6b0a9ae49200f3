/**
 * The delegated-administrator scenario (`WorldOptions.delegatedAdminHolders`): the Security account, IAM's
 * delegated administrator, holds root-session holders of its own, and an SCP attached to that account denies
 * its principals password-recovery sessions. Organizations filters a member account's requests, AssumeRoot
 * included, through the SCPs on its path, so the SCP takes that task from every holder there (the sandbox's
 * own IAM caller in that account too), while audits, deletions and unlocks stay open.
 */
import type { AccountDirectory, IamRole, ManagedPolicy } from './identity';
import { SANDBOX_USER_NAME } from './keyring';
import { customerPolicyArn } from './orgPolicies';
import { type TaskPolicyName, taskPolicyArn } from './taskPolicies';
import type { World } from './world';

/** The SCP's id and the holders the scenario seeds, for tests and the README. */
export const DELEGATED_ADMIN_SCENARIO = {
  scpId: 'p-sbxdarecov',
  scpName: 'DenyPasswordRecoveryFromSecurity',
  /** Every task on every account: loses password recovery to the SCP. */
  rootAdminRole: 'SecurityRootAdmin',
  /** Password recovery only: the SCP leaves it nothing. */
  recoveryRole: 'SecurityPasswordRecovery',
  /** Audits only: the SCP does not touch it. */
  auditorRole: 'SecurityRootAuditor',
} as const;

const SEEDED_AT = new Date(Date.UTC(2025, 10, 20, 8, 0));
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const idOf = (prefix: string, n: number) => `${prefix}SANDBOX8${String(n).padStart(9, '0')}`;

const assumeRoot = (sid: string, tasks?: TaskPolicyName[]) =>
  doc({ Sid: sid, Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root', ...(tasks ? { Condition: { StringEquals: { 'sts:TaskPolicyArn': tasks.map(taskPolicyArn) } } } : {}) });

export function seedDelegatedAdminScenario(world: World): void {
  const admin = world.delegatedAdministrators[0]?.accountId;
  if (!admin) throw new RangeError('the delegated-administrator scenario needs a delegated administrator');
  world.directories.set(admin, securityDirectory(admin));
  world.policies.add({
    id: DELEGATED_ADMIN_SCENARIO.scpId,
    arn: customerPolicyArn(world.organization.managementAccountId, world.organization.id, 'SERVICE_CONTROL_POLICY', DELEGATED_ADMIN_SCENARIO.scpId),
    name: DELEGATED_ADMIN_SCENARIO.scpName,
    description: 'Password recovery only from the management account',
    type: 'SERVICE_CONTROL_POLICY',
    awsManaged: false,
    content: doc({
      Sid: 'NoPasswordRecoveryFromSecurity',
      Effect: 'Deny',
      Action: 'sts:AssumeRoot',
      Resource: '*',
      Condition: { StringEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMCreateRootUserPassword') } },
    }),
  });
  world.policies.attach(DELEGATED_ADMIN_SCENARIO.scpId, admin);
}

function securityDirectory(account: string): AccountDirectory {
  let n = 0;
  const auditOnly: ManagedPolicy = {
    name: 'SecurityRootAuditOnly',
    arn: `arn:aws:iam::${account}:policy/SecurityRootAuditOnly`,
    id: idOf('ANPA', ++n),
    path: '/',
    document: assumeRoot('AuditOnly', ['IAMAuditRootUserCredentials']),
    createDate: SEEDED_AT,
    awsManaged: false,
  };
  const trustOwnAccount = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });
  const role = (name: string, extra: Partial<IamRole>): IamRole => ({
    name, id: idOf('AROA', ++n), arn: `arn:aws:iam::${account}:role/${name}`, path: '/', createDate: SEEDED_AT, inlinePolicies: [], attached: [], trustPolicy: trustOwnAccount, tags: [], ...extra,
  });
  return {
    managedPolicies: [auditOnly],
    groups: [],
    users: [
      {
        name: SANDBOX_USER_NAME, id: idOf('AIDA', ++n), arn: `arn:aws:iam::${account}:user/${SANDBOX_USER_NAME}`, path: '/', createDate: SEEDED_AT,
        inlinePolicies: [{ name: 'RootSessions', document: assumeRoot('EveryRootTask') }], attached: [], groups: [], tags: [],
      },
    ],
    roles: [
      role(DELEGATED_ADMIN_SCENARIO.rootAdminRole, { inlinePolicies: [{ name: 'EveryRootTask', document: assumeRoot('EveryRootTask') }] }),
      role(DELEGATED_ADMIN_SCENARIO.recoveryRole, { inlinePolicies: [{ name: 'PasswordRecovery', document: assumeRoot('PasswordRecoveryOnly', ['IAMCreateRootUserPassword']) }] }),
      role(DELEGATED_ADMIN_SCENARIO.auditorRole, { attached: [{ name: auditOnly.name, arn: auditOnly.arn }] }),
    ],
  };
}
