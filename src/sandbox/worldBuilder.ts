/**
 * Builds the seeded, deterministic sandbox organization: the same options and seed always give the same
 * accounts, OUs, root credentials, buckets and queues. Account ids are clearly fake (`9999...`).
 */
import { BLOCKING_SHAPES, seedOrgPolicies, type BlockingShape } from './policySeed';
import { seedDelegatedAdminScenario } from './delegatedAdminSeed';
import { seedRootHolders } from './holdersSeed';
import { Prng } from './random';
import {
  IAM_SERVICE_PRINCIPAL,
  World,
  type Bucket,
  type OrganizationalUnit,
  type Queue,
  type RootProfile,
  type RootUser,
  type SandboxAccount,
} from './world';

/** Every root-credential mix, cycled through the member accounts in this order unless `credentialMix` says otherwise. */
export const ROOT_PROFILES: readonly RootProfile[] = [
  'none',
  'passwordNeverUsed',
  'passwordUsed',
  'passwordAndVirtualMfa',
  'activeKeyUsed',
  'activeKeyNeverUsed',
  'inactiveKey',
  'hardwareMfa',
  'signingCertificate',
  'everything',
];

export interface WorldOptions {
  /** Accounts in the organization, management and delegated-admin account included; at least 3. Default 10. */
  accounts?: number;
  /** Nesting of the Workloads OU tree, 0-5 (0: every account directly under the root). Default 3. */
  ouDepth?: number;
  /** Seed for placement, dates and which accounts are suspended, locked or SCP-blocked. Default 1. */
  seed?: number;
  /** Register the Security account as IAM delegated administrator. Default true. */
  delegatedAdmin?: boolean;
  /**
   * Seed the delegated administrator's IAM with root-session holders and attach an SCP to that account that
   * denies them password recovery (delegatedAdminSeed.ts). Default false.
   */
  delegatedAdminHolders?: boolean;
  /** Organization features; all default to on. */
  features?: { allFeatures?: boolean; iamTrustedAccess?: boolean; rootCredentialsManagement?: boolean; rootSessions?: boolean };
  /** Root-credential profiles cycled over the member accounts. Default ROOT_PROFILES. */
  credentialMix?: readonly RootProfile[];
  /** Member accounts seeded SUSPENDED, CLOSED or PENDING_CLOSURE. Default accounts/30. */
  suspendedAccounts?: number;
  /** Member accounts whose root sessions SCPs block, each of the BLOCKING_SHAPES in turn. Default accounts/50. */
  scpBlockedAccounts?: number;
  /** Member accounts with a bucket whose policy denies everyone. Default ceil(accounts/10). */
  lockedBuckets?: number;
  /** Member accounts with a queue whose policy denies everyone. Default ceil(accounts/10). */
  lockedQueues?: number;
}

const ACCOUNT_PREFIX = '9999';
const DAY_MS = 86_400_000;
/** Seeded dates fall in the two years before this instant, so runs repeat regardless of today's date. */
const EPOCH = Date.UTC(2026, 0, 1);

export function accountIdAt(index: number): string {
  return `${ACCOUNT_PREFIX}${String(index).padStart(8, '0')}`;
}

/** A policy that denies every principal every action: the state the S3/SQS unlock tasks exist to repair. */
export function denyAllPolicy(resourceArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyEveryone', Effect: 'Deny', Principal: '*', Action: '*', Resource: [resourceArn, `${resourceArn}/*`] }],
  });
}

export function buildWorld(options: WorldOptions = {}): World {
  const count = options.accounts ?? 10;
  const depth = options.ouDepth ?? 3;
  if (!Number.isInteger(count) || count < 3) throw new RangeError('accounts must be an integer >= 3');
  if (!Number.isInteger(depth) || depth < 0 || depth > 5) throw new RangeError('ouDepth must be an integer 0-5');
  const seed = options.seed ?? 1;
  const rng = new Prng(seed);
  const orgId = `o-sandbox${String(seed % 10000).padStart(4, '0')}`;
  const mgmtId = accountIdAt(0);
  const rootId = 'r-sand';
  const arnBase = `arn:aws:organizations::${mgmtId}`;
  const ous = buildOus(depth, arnBase, orgId, rootId);
  const plan = planSpecialAccounts(count, options, rng);
  const mix = options.credentialMix?.length ? options.credentialMix : ROOT_PROFILES;
  const accounts: SandboxAccount[] = [];
  for (let i = 0; i < count; i++) {
    const id = accountIdAt(i);
    const role = i === 0 ? 'management' : i === 1 ? 'delegatedAdmin' : 'member';
    const profile: RootProfile = i === 0 ? 'passwordAndVirtualMfa' : mix[(i - 1) % mix.length];
    const joined = new Date(EPOCH - 700 * DAY_MS + rng.int(600) * DAY_MS);
    const account: SandboxAccount = {
      id,
      name: i === 0 ? 'management' : i === 1 ? 'security' : `member-${String(i).padStart(4, '0')}`,
      email: `sandbox+${id}@example.invalid`,
      arn: `${arnBase}:account/${orgId}/${id}`,
      state: 'ACTIVE',
      status: 'ACTIVE',
      joinedMethod: i === 0 || rng.chance(0.8) ? 'CREATED' : 'INVITED',
      joinedTimestamp: joined,
      parentId: placeAccount(i, ous, rootId, rng),
      role,
      rootProfile: profile,
      scpDeniesRootSessions: false,
      root: seedRoot(id, profile, joined, rng),
      buckets: [{ name: `sandbox-${id}-data`, creationDate: new Date(joined.getTime() + DAY_MS) }],
      queues: [seedQueue(id, 'events', joined)],
    };
    applyPlan(account, i, plan, ous);
    accounts.push(account);
  }
  const features = options.features ?? {};
  const enabledAt = new Date(EPOCH - 30 * DAY_MS);
  const iamAccess = features.iamTrustedAccess ?? true;
  const policies = seedOrgPolicies({
    orgId,
    managementAccountId: mgmtId,
    rootId,
    ouIds: ous.all.map((ou) => ou.id),
    accountIds: accounts.map((a) => a.id),
    workloadsOuId: ous.workloads?.id,
    legacyOuId: ous.legacy?.id,
    blocked: [...plan.scpBlocked].map(([index, ordinal]) => ({ accountId: accountIdAt(index), shape: blockingShape(ordinal) })),
  });
  const world = new World({
    organization: {
      id: orgId,
      arn: `${arnBase}:organization/${orgId}`,
      featureSet: features.allFeatures === false ? 'CONSOLIDATED_BILLING' : 'ALL',
      managementAccountId: mgmtId,
      rootId,
      rootArn: `${arnBase}:root/${orgId}/${rootId}`,
    },
    features: {
      rootCredentialsManagement: features.rootCredentialsManagement ?? true,
      rootSessions: features.rootSessions ?? true,
    },
    serviceAccess: iamAccess ? [{ servicePrincipal: IAM_SERVICE_PRINCIPAL, dateEnabled: enabledAt }] : [],
    delegatedAdministrators:
      iamAccess && (options.delegatedAdmin ?? true)
        ? [{ accountId: accountIdAt(1), servicePrincipal: IAM_SERVICE_PRINCIPAL, delegationEnabledDate: enabledAt }]
        : [],
    organizationalUnits: [...ous.all],
    accounts,
    policies,
  });
  seedRootHolders(world);
  if (options.delegatedAdminHolders) seedDelegatedAdminScenario(world);
  return world;
}

interface OuLayout {
  all: OrganizationalUnit[];
  security?: OrganizationalUnit;
  suspended?: OrganizationalUnit;
  legacy?: OrganizationalUnit;
  workloads?: OrganizationalUnit;
  /** Where ordinary members are spread: Sandbox plus every Workloads OU. */
  placement: OrganizationalUnit[];
}

function buildOus(depth: number, arnBase: string, orgId: string, rootId: string): OuLayout {
  const all: OrganizationalUnit[] = [];
  const add = (name: string, parentId: string, level: number): OrganizationalUnit => {
    const id = `ou-sand-${String(all.length + 1).padStart(8, '0')}`;
    const ou = { id, arn: `${arnBase}:ou/${orgId}/${id}`, name, parentId, depth: level };
    all.push(ou);
    return ou;
  };
  if (depth === 0) return { all, placement: [] };
  const security = add('Security', rootId, 1);
  const sandbox = add('Sandbox', rootId, 1);
  const suspended = add('Suspended', rootId, 1);
  const legacy = add('LegacyRootDeny', rootId, 1);
  const workloads = [add('Workloads', rootId, 1)];
  // A binary tree under Workloads: Prod/NonProd, then numbered units, down to `depth` levels.
  for (let level = 2, parents = workloads.slice(); level <= depth; level++) {
    parents = parents.flatMap((p, i) =>
      level === 2 ? [add('Prod', p.id, level), add('NonProd', p.id, level)] : [add(`Unit-${level}-${2 * i + 1}`, p.id, level), add(`Unit-${level}-${2 * i + 2}`, p.id, level)],
    );
    workloads.push(...parents);
  }
  return { all, security, suspended, legacy, workloads: workloads[0], placement: [sandbox, ...workloads] };
}

function placeAccount(index: number, ous: OuLayout, rootId: string, rng: Prng): string {
  if (index === 0) return rootId;
  if (index === 1) return ous.security?.id ?? rootId;
  // A few members stay directly under the root, as in real organizations.
  if (ous.placement.length === 0 || rng.chance(0.05)) return rootId;
  return ous.placement[rng.int(ous.placement.length)].id;
}

interface SpecialPlan {
  /** Member index -> position in the suspended list, which picks SUSPENDED, CLOSED, PENDING_CLOSURE in turn. */
  suspended: Map<number, number>;
  /** Member index -> position in the blocked list, which picks the blocking shape. */
  scpBlocked: Map<number, number>;
  lockedBuckets: Set<number>;
  lockedQueues: Set<number>;
}

/** Which member indexes are suspended, SCP-blocked or locked; index 0 (management), 1 (security), 2 (member caller) never are. */
function planSpecialAccounts(count: number, options: WorldOptions, rng: Prng): SpecialPlan {
  const ordinary = rng.shuffle(Array.from({ length: Math.max(0, count - 3) }, (_, i) => i + 3));
  const take = (n: number, from: number[]) => new Set(from.splice(0, Math.min(Math.max(0, n), from.length)));
  const suspended = new Map([...take(options.suspendedAccounts ?? Math.floor(count / 30), ordinary)].map((index, k) => [index, k]));
  const scpBlocked = new Map([...take(options.scpBlockedAccounts ?? Math.floor(count / 50), ordinary)].map((index, k) => [index, k]));
  const active = rng.shuffle(Array.from({ length: count - 1 }, (_, i) => i + 1).filter((i) => !suspended.has(i)));
  const lockedBuckets = new Set(active.slice(0, options.lockedBuckets ?? Math.ceil(count / 10)));
  const lockedQueues = new Set(rng.shuffle(active).slice(0, options.lockedQueues ?? Math.ceil(count / 10)));
  return { suspended, scpBlocked, lockedBuckets, lockedQueues };
}

function applyPlan(account: SandboxAccount, index: number, plan: SpecialPlan, ous: OuLayout): void {
  const ordinal = plan.suspended.get(index);
  if (ordinal !== undefined) {
    // Closed accounts still show Status SUSPENDED during the post-closure period; Status has no CLOSED.
    const states = [
      ['SUSPENDED', 'SUSPENDED'],
      ['CLOSED', 'SUSPENDED'],
      ['PENDING_CLOSURE', 'PENDING_CLOSURE'],
    ] as const;
    [account.state, account.status] = states[ordinal % states.length];
    account.parentId = ous.suspended?.id ?? account.parentId;
  }
  const blocked = plan.scpBlocked.get(index);
  if (blocked !== undefined) {
    account.scpDeniesRootSessions = true;
    // The other shapes are attached to the account where it is; this one is the OU-wide legacy deny.
    if (blockingShape(blocked) === 'controlTowerRootDeny') account.parentId = ous.legacy?.id ?? account.parentId;
  }
  if (plan.lockedBuckets.has(index)) {
    const name = `sandbox-${account.id}-locked`;
    const bucket: Bucket = { name, creationDate: account.joinedTimestamp, policy: denyAllPolicy(`arn:aws:s3:::${name}`) };
    account.buckets.push(bucket);
  }
  if (plan.lockedQueues.has(index)) {
    const queue = seedQueue(account.id, 'locked', account.joinedTimestamp);
    queue.attributes.Policy = denyAllPolicy(queue.attributes.QueueArn);
    account.queues.push(queue);
  }
}

function blockingShape(ordinal: number): BlockingShape {
  return BLOCKING_SHAPES[ordinal % BLOCKING_SHAPES.length];
}

function seedQueue(accountId: string, suffix: string, created: Date): Queue {
  const name = `sandbox-${suffix}`;
  const epochSeconds = String(Math.floor(created.getTime() / 1000));
  return {
    name,
    createdTimestamp: created,
    attributes: {
      QueueArn: `arn:aws:sqs:us-east-1:${accountId}:${name}`,
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: epochSeconds,
      LastModifiedTimestamp: epochSeconds,
      VisibilityTimeout: '30',
      MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    },
  };
}

function seedRoot(accountId: string, profile: RootProfile, created: Date, rng: Prng): RootUser {
  const root: RootUser = { createDate: created, accessKeys: [], mfaDevices: [], signingCertificates: [] };
  const later = (maxDays: number) => new Date(created.getTime() + (1 + rng.int(maxDays)) * DAY_MS);
  const all = profile === 'everything';
  if (all || profile.startsWith('password')) {
    root.loginProfile = { createDate: created, passwordResetRequired: false };
    if (profile !== 'passwordNeverUsed') root.passwordLastUsed = later(90);
  }
  const keyId = (n: number) => `AKIASANDBOX${accountId.slice(-8)}${n}`;
  if (all || profile === 'activeKeyUsed') {
    root.accessKeys.push({ accessKeyId: keyId(1), status: 'Active', createDate: later(30), lastUsed: { date: later(60), serviceName: 's3', region: 'us-east-1' } });
  }
  if (profile === 'activeKeyNeverUsed') root.accessKeys.push({ accessKeyId: keyId(1), status: 'Active', createDate: later(30) });
  if (all || profile === 'inactiveKey') {
    root.accessKeys.push({ accessKeyId: keyId(2), status: 'Inactive', createDate: later(30), lastUsed: { date: later(60), serviceName: 'ec2', region: 'eu-west-1' } });
  }
  if (all || profile === 'passwordAndVirtualMfa') {
    root.mfaDevices.push({ serialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`, kind: 'virtual', enabled: true, enableDate: later(30) });
  }
  if (profile === 'hardwareMfa') {
    root.mfaDevices.push({ serialNumber: `GAHT${accountId.slice(-8)}`, kind: 'hardware', enabled: true, enableDate: later(30) });
  }
  if (all || profile === 'signingCertificate') {
    root.signingCertificates.push({
      certificateId: `SANDBOXCERT${accountId}0000000001`,
      body: '-----BEGIN CERTIFICATE-----\nU0FOREJPWCBDRVJUSUZJQ0FURQ==\n-----END CERTIFICATE-----',
      status: 'Active',
      uploadDate: later(30),
    });
  }
  return root;
}
