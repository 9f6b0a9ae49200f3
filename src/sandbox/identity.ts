/**
 * Who holds permissions in an account: its IAM users, groups, roles and managed policies, and the IAM
 * Identity Center permission sets of the organization. Plain mutable data like the rest of the world: the
 * IAM reads (`iamDirectory.ts`) and sso-admin (`ssoAdmin.ts`) serve it, tests assert on it and edit it.
 * Policy documents are kept as JSON text, as the services return them.
 */

export interface InlinePolicy {
  name: string;
  document: string;
}

/** A managed policy attached to a user, group, role or permission set, by name and ARN. */
export interface AttachedPolicy {
  name: string;
  arn: string;
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  id: string;
  path: string;
  /** The default version's document; the sandbox keeps one version (`v1`) per policy. */
  document: string;
  createDate: Date;
  /** True for `arn:aws:iam::aws:policy/...`. */
  awsManaged: boolean;
}

interface Entity {
  name: string;
  id: string;
  arn: string;
  path: string;
  createDate: Date;
  inlinePolicies: InlinePolicy[];
  attached: AttachedPolicy[];
}

export interface IamUser extends Entity {
  groups: string[];
  /** Permissions boundary: a managed policy's ARN. */
  boundary?: string;
  tags: { key: string; value: string }[];
}

export type IamGroup = Entity;

export interface IamRole extends Entity {
  trustPolicy: string;
  boundary?: string;
  tags: { key: string; value: string }[];
}

/** One account's IAM. AWS managed policies live in `managedPolicies` too (`awsManaged: true`). */
export interface AccountDirectory {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  managedPolicies: ManagedPolicy[];
}

export interface PermissionSet {
  arn: string;
  name: string;
  description?: string;
  createdDate: Date;
  sessionDuration: string;
  inlinePolicy?: string;
  managedPolicies: AttachedPolicy[];
  customerManagedPolicies: { name: string; path: string }[];
  boundary?: { managedPolicyArn: string } | { customerManaged: { name: string; path: string } };
}

export interface AccountAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

/** The organization's Identity Center instance, in the management account. */
export interface IdentityCenter {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId: string;
  name: string;
  createdDate: Date;
  permissionSets: PermissionSet[];
  /** Where each permission set is provisioned (an IAM role `AWSReservedSSO_<name>_...` exists there). */
  provisioned: { accountId: string; permissionSetArn: string }[];
  assignments: AccountAssignment[];
}

export function emptyDirectory(): AccountDirectory {
  return { users: [], groups: [], roles: [], managedPolicies: [] };
}
