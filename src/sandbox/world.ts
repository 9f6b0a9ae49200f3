/**
 * The sandbox organization as plain, mutable data: tests read it to know the seeded truth and to assert what
 * a run changed (`world.account(id).root.accessKeys`), and may edit it to set up a case. Services read and
 * write the same objects. Built by `buildWorld` (worldBuilder.ts); nothing here does I/O.
 */
import { type SandboxRegion, sandboxRegions } from './regions';
import type { TaskPolicyName } from './taskPolicies';
import { OrgPolicies } from './orgPolicies';
import type { AccountDirectory, IdentityCenter } from './identity';
import { CloudTrailStore } from './trail';

/** `State` (new) and `Status` (retired 2026-09-09) of an Organizations account; both are served. */
export type AccountState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

/** The root-credential mix an account was seeded with (see ROOT_PROFILES in worldBuilder.ts). */
export type RootProfile =
  | 'none'
  | 'passwordNeverUsed'
  | 'passwordUsed'
  | 'passwordAndVirtualMfa'
  | 'activeKeyUsed'
  | 'activeKeyNeverUsed'
  | 'inactiveKey'
  | 'hardwareMfa'
  | 'signingCertificate'
  | 'everything';

export interface LoginProfile {
  createDate: Date;
  passwordResetRequired: boolean;
}

export interface RootAccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  /** Absent when the key was never used (`GetAccessKeyLastUsed` then answers `N/A`). */
  lastUsed?: { date: Date; serviceName: string; region: string };
}

export interface MfaDevice {
  serialNumber: string;
  kind: 'virtual' | 'hardware';
  /**
   * Whether the device is assigned to the root user (listed by ListMFADevices). Deactivating a virtual
   * device leaves it unassigned until DeleteVirtualMFADevice; a hardware device is removed outright.
   */
  enabled: boolean;
  enableDate: Date;
}

export interface SigningCertificate {
  certificateId: string;
  body: string;
  status: 'Active' | 'Inactive';
  uploadDate: Date;
}

export interface RootUser {
  createDate: Date;
  loginProfile?: LoginProfile;
  /** Set when the password was ever used; `GetUser` returns it as `PasswordLastUsed`. */
  passwordLastUsed?: Date;
  accessKeys: RootAccessKey[];
  mfaDevices: MfaDevice[];
  signingCertificates: SigningCertificate[];
}

export interface Bucket {
  name: string;
  creationDate: Date;
  /** The bucket policy document; undefined when none. Seeded "locked" policies deny everyone. */
  policy?: string;
}

export interface Queue {
  name: string;
  createdTimestamp: Date;
  /** SQS attributes as strings; `Policy` is absent when the queue has no policy. */
  attributes: Record<string, string>;
}

export interface SandboxAccount {
  id: string;
  name: string;
  email: string;
  arn: string;
  state: AccountState;
  status: AccountStatus;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: Date;
  /** `r-...` or `ou-...`. */
  parentId: string;
  role: 'management' | 'delegatedAdmin' | 'member';
  rootProfile: RootProfile;
  /**
   * The seed put this account under SCPs that block its root sessions (policySeed.ts BLOCKING_SHAPES). A label
   * for tests only: enforcement evaluates `World.policies`, so a policy edited later is not reflected here.
   */
  scpDeniesRootSessions: boolean;
  root: RootUser;
  buckets: Bucket[];
  queues: Queue[];
}

export interface OrganizationalUnit {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  /** 1 for a child of the root, up to 5. */
  depth: number;
}

export interface Organization {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  rootId: string;
  rootArn: string;
}

/** A root session issued by AssumeRoot (no secrets: those stay in the keyring). */
export interface RootSessionRecord {
  accessKeyId: string;
  accountId: string;
  taskPolicy: TaskPolicyName;
  taskPolicyArn: string;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface WorldData {
  organization: Organization;
  /** IAM organization features (`ListOrganizationsFeatures`). */
  features: { rootCredentialsManagement: boolean; rootSessions: boolean };
  /** Trusted access (`EnableAWSServiceAccess`), e.g. `iam.amazonaws.com`. */
  serviceAccess: { servicePrincipal: string; dateEnabled: Date }[];
  delegatedAdministrators: { accountId: string; servicePrincipal: string; delegationEnabledDate: Date }[];
  organizationalUnits: OrganizationalUnit[];
  accounts: SandboxAccount[];
  /** SCPs and RCPs with their attachments; none (nothing enforced) when absent. */
  policies?: OrgPolicies;
}

export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

export class World implements WorldData {
  organization: Organization;
  features: WorldData['features'];
  serviceAccess: WorldData['serviceAccess'];
  delegatedAdministrators: WorldData['delegatedAdministrators'];
  organizationalUnits: OrganizationalUnit[];
  accounts: SandboxAccount[];
  policies: OrgPolicies;
  /** Every root session AssumeRoot has issued, oldest first. */
  rootSessions: RootSessionRecord[] = [];
  /** IAM users, groups, roles and managed policies by account id; accounts not listed have none (identity.ts). */
  directories = new Map<string, AccountDirectory>();
  /** The Identity Center instance, when the organization has one. */
  identityCenter?: IdentityCenter;
  /** CloudTrail Event history per account and region: every AssumeRoot served, and seeded history. */
  readonly cloudTrail = new CloudTrailStore();
  /** Regions and their opt-in status, the same for every account (Account Management's ListRegions). */
  regions: SandboxRegion[] = sandboxRegions();
  private readonly accountIndex = new Map<string, SandboxAccount>();
  private readonly ouIndex = new Map<string, OrganizationalUnit>();
  private readonly bucketIndex = new Map<string, { account: SandboxAccount; bucket: Bucket }>();

  constructor(data: WorldData) {
    this.organization = data.organization;
    this.features = data.features;
    this.serviceAccess = data.serviceAccess;
    this.delegatedAdministrators = data.delegatedAdministrators;
    this.organizationalUnits = data.organizationalUnits;
    this.accounts = data.accounts;
    this.policies = data.policies ?? new OrgPolicies();
    for (const account of this.accounts) {
      this.accountIndex.set(account.id, account);
      for (const bucket of account.buckets) this.bucketIndex.set(bucket.name, { account, bucket });
    }
    for (const ou of this.organizationalUnits) this.ouIndex.set(ou.id, ou);
  }

  /** The account with this id; throws for an unknown id (a test bug, not a service answer). */
  account(id: string): SandboxAccount {
    const account = this.accountIndex.get(id);
    if (!account) throw new Error(`no sandbox account ${id}`);
    return account;
  }

  findAccount(id: string): SandboxAccount | undefined {
    return this.accountIndex.get(id);
  }

  findOu(id: string): OrganizationalUnit | undefined {
    return this.ouIndex.get(id);
  }

  get managementAccount(): SandboxAccount {
    return this.account(this.organization.managementAccountId);
  }

  /** Member accounts only (everything but the management account). */
  get members(): SandboxAccount[] {
    return this.accounts.filter((a) => a.role !== 'management');
  }

  findBucket(name: string): { account: SandboxAccount; bucket: Bucket } | undefined {
    return this.bucketIndex.get(name);
  }

  hasServiceAccess(servicePrincipal: string): boolean {
    return this.serviceAccess.some((s) => s.servicePrincipal === servicePrincipal);
  }

  isDelegatedAdmin(accountId: string, servicePrincipal?: string): boolean {
    return this.delegatedAdministrators.some(
      (d) => d.accountId === accountId && (servicePrincipal === undefined || d.servicePrincipal === servicePrincipal),
    );
  }

  /** `o-.../r-.../ou-.../` path of a parent, the prefix of `Account.Paths` and `OrganizationalUnit.Path`. */
  pathOf(parentId: string): string {
    const chain: string[] = [];
    for (let id: string | undefined = parentId; id && id !== this.organization.rootId; id = this.ouIndex.get(id)?.parentId) {
      chain.unshift(id);
    }
    return `${this.organization.id}/${this.organization.rootId}/${chain.map((c) => `${c}/`).join('')}`;
  }
}
