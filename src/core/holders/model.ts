/**
 * The holders view's data: what was read about each principal of the connected account (its policies as
 * text), and what the policy engine concluded (which root tasks it may open sessions for, where, under which
 * conditions, who can become it, how risky that is). Plain data, so reports and the explorer serialize it.
 */
import type { Policy, ResourceOwner, TaskPolicyName } from '../policy';
import type { RootSessionsState } from '../org/rootSessions';

/** One policy document a principal is evaluated with. */
export interface PolicyText {
  /** Unique within the principal: what reports and deciding statements call it. */
  label: string;
  /** `inline`, `managed`, `AWS managed`, `group <name>` or `permission set`: where it is attached. */
  source: string;
  arn?: string;
  text: string;
}

export type PrincipalKind = 'user' | 'role' | 'permissionSet';

/** A principal as read from IAM or IAM Identity Center, before evaluation. */
export interface PrincipalSource {
  kind: PrincipalKind;
  name: string;
  arn: string;
  /** Inline, attached and (for users) group policies. */
  policies: PolicyText[];
  boundary?: PolicyText;
  /** A role's trust policy. */
  trustPolicy?: string;
  /** An IAM user's or role's tags, by key. */
  tags?: Record<string, string>;
  /** A permission set's assignments in the connected account (users and groups of the identity store). */
  assignments?: { principalType: string; principalId: string }[];
}

/** A part of the account that could not be read; the answer is incomplete without it. */
export interface ReadGap {
  part: string;
  code: string;
  message: string;
}

export interface HolderSources {
  accountId: string;
  principals: PrincipalSource[];
  /** The organization's account ids, when they could be listed: trust from any other account is from outside. */
  organizationAccounts?: string[];
  /** The connected account's own SCPs; absent when not read (the report then says they were not checked). */
  ownScps?: { check: ScpCheck; levels?: Policy[][]; context?: Record<string, string | string[]>; owner?: ResourceOwner; managementAccount?: string };
  gaps: ReadGap[];
  /** The account's partition: a grant only in another reaches none of its accounts. */
  partition?: string;
  /** The time the grants are decided at (`aws:CurrentTime`); now when absent. */
  now?: Date;
  /** Whether the account can open root sessions at all (the RootSessions feature, and being the management or delegated administrator account). */
  rootSessions?: RootSessionsState;
}

/**
 * Whether the connected account's own SCPs were applied to its principals' grants: `managementAccount`
 * (exempt from SCPs), `notEnabled` (the policy type is off), `applied` (the path and its SCPs), `notRead`
 * (refused or failed: the grants are shown without them, and may be narrower in fact).
 */
export type ScpCheck =
  | { status: 'managementAccount' }
  | { status: 'notEnabled' }
  | { status: 'applied'; targets: string[]; policies: { id: string; name: string; targets: string[] }[] }
  | { status: 'notRead'; code: string; message: string };

/** A root task the identity policies (within the boundary) grant that the account's SCPs take away, and why. */
export interface ScpRemoval {
  task: TaskPolicyName | 'FutureTaskPolicy';
  /** `denied by SCP p-… statement 1 (DenySid)` or `no SCP at ou-… allows sts:AssumeRoot`. */
  reason: string;
  statements: GrantStatement[];
}

/** The statement that decided a grant, with enough to open it. */
export interface GrantStatement {
  policy: string;
  policyArn?: string;
  statement: number;
  sid?: string;
  line: number;
}

export type ConditionKind = 'mfa' | 'network' | 'tags' | 'other';

export interface HolderGrant {
  task: TaskPolicyName | 'FutureTaskPolicy';
  everyAccount: boolean;
  /** Accounts the policies name and the grant holds for (with the pattern an example stands for). */
  accounts: string[];
  /** Further accounts the policies name that the engine did not check one by one: the grant may hold there too. */
  uncheckedAccounts: number;
  /** Accounts the policies name that the grant does not reach although `everyAccount` or a pattern covers them (a Deny carves them out). */
  exceptAccounts: string[];
  /** True when the grant holds whatever the request's other keys are: no condition stands in the way. */
  unconditional: boolean;
  /** The condition keys the grant depends on, and what kind of condition they make. */
  conditionKeys: string[];
  conditionKinds: ConditionKind[];
  deciding: GrantStatement[];
}

export interface TrustEntry {
  /**
   * Who the statement lets in. `externalAccount`: an account outside the organization, named, or let in by the
   * conditions of a `"*"` (`aws:PrincipalOrgID` of another organization, `aws:PrincipalAccount` of an account
   * not in it); `anyone`: a `"*"` or NotPrincipal otherwise; `deletedPrincipal`: a user's or role's unique id
   * (`AROA…`), what IAM shows once the principal it named was deleted: stale trust that lets nobody in.
   */
  kind: 'sameAccount' | 'organizationAccount' | 'externalAccount' | 'federated' | 'service' | 'anyone' | 'deletedPrincipal';
  principal: string;
  /** Condition keys of the trusting statement (`sts:ExternalId`, `aws:MultiFactorAuthPresent`, ...). */
  conditionKeys: string[];
  /**
   * For `anyone`: whether a principal of any account gets in whatever it sends (the engine's answer), or its
   * conditions (`aws:PrincipalOrgID`, `sts:ExternalId`) keep strangers out.
   */
  strangersGetIn?: boolean;
  /**
   * For `federated`: whether any identity of the provider gets in, a token for a subject of its own (any
   * GitHub repository, a Cognito pool's guests), or a condition on the subject keeps them out (the engine's answer).
   */
  anyIdentityGetsIn?: boolean;
}

export type Capability = 'recoveryOrDeletionEveryAccount' | 'recoveryOrDeletion' | 'unlock' | 'auditOnly' | 'blockedByBoundary' | 'blockedByScp';

export interface Holder {
  kind: PrincipalKind;
  name: string;
  arn: string;
  capability: Capability;
  grants: HolderGrant[];
  /** Tasks the identity policies grant that the permissions boundary removes. */
  boundaryRemoves: string[];
  /** Tasks the account's own SCPs remove from what the policies and boundary grant (a delegated administrator's). */
  scpRemoves: ScpRemoval[];
  trust: TrustEntry[];
  assignments?: { principalType: string; principalId: string }[];
  risk: { score: number; reasons: string[] };
}

export interface HoldersReport {
  accountId: string;
  /** Principals read (users, roles, permission sets); `holders` lists the ones that can reach AssumeRoot. */
  examined: number;
  holders: Holder[];
  /** Whether the account's own SCPs were applied: never read as "none" when they were not checked. */
  scps: ScpCheck;
  /**
   * Whether root sessions can be opened from this account at all: where they cannot (a member account that
   * is not the delegated administrator, the feature off), the grants are what its policies would allow.
   */
  rootSessions: RootSessionsState;
  gaps: ReadGap[];
}
