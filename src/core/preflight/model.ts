/**
 * The preflight's data: the organization's SCPs and RCPs as read, and the prediction per member account and
 * root task. Plain data (no SDK types, dates as ISO strings) except the parsed documents, which stay in
 * memory for evaluation.
 */
import type { Policy, TaskPolicyName } from '../policy';
import type { RootSessionsState } from '../org/rootSessions';

export const POLICY_KINDS = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const;
export type OrgPolicyKind = (typeof POLICY_KINDS)[number];

/** A policy type's state on the root; only `ENABLED` types are enforced and evaluated. */
export type PolicyTypeState = 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE' | 'NOT_ENABLED';

export interface PolicyTarget {
  id: string;
  name: string;
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
}

export interface OrgPolicy {
  id: string;
  arn: string;
  name: string;
  kind: OrgPolicyKind;
  awsManaged: boolean;
  /** The policy text as Organizations returned it. */
  content: string;
  /** The text read for evaluation (named by the policy id); absent when it could not be read. */
  document?: Policy;
  /** Why the text could not be read; every prediction the policy takes part in then `depends` on it. */
  readError?: string;
  targets: PolicyTarget[];
}

export interface OrgPolicies {
  rootId: string;
  types: Record<OrgPolicyKind, PolicyTypeState>;
  policies: OrgPolicy[];
  readAt: string;
}

export type PredictionResult = 'works' | 'blocked' | 'depends';

/** One statement that blocks (or may block) calls of a task in an account. */
export interface PredictedStatement {
  policyId: string;
  policyName: string;
  kind: OrgPolicyKind;
  /** 0-based index in the policy's `Statement` list. */
  statement: number;
  sid?: string;
  line: number;
  /**
   * Blocks some of its calls for certain; false for one that only may block them, depending on `dependsOn`
   * (every statement of a `depends` prediction, and those beside the certain ones of a `blocked` one).
   */
  certain: boolean;
  /** The task's calls this statement decides (blocks, or may block): those it blocks for certain first, each in the task's order. */
  calls: string[];
  /**
   * Of `calls`, those it only may block, depending on `dependsOn`: all of them for a statement that is not
   * certain; for one that is, those beside the calls it blocks for certain. One statement is listed once.
   */
  dependingCalls: string[];
  /** The keys of the prediction's `dependsOn` its `dependingCalls` hinge on. */
  dependsOn: string[];
}

/** Where a task would be stopped for want of an Allow: the level of the path with none. */
export interface MissingAllow {
  kind: OrgPolicyKind;
  /** The root, OU or account at that level. */
  targetId: string;
  calls: string[];
}

export interface TaskPrediction {
  accountId: string;
  task: TaskPolicyName;
  result: PredictionResult;
  /** blocked: the calls that fail (`sts:AssumeRoot` when the caller's own path stops the session). */
  blockedCalls: string[];
  /**
   * Denied calls the task does without (listing buckets to pick from, undo), whatever the result: it works
   * without what they serve, which the summary names.
   */
  blockedOptionalCalls?: string[];
  /**
   * Calls the task does without that may be denied, depending on keys, whatever the result: the summary names
   * what they serve, the keys and the statements.
   */
  dependingOptionalCalls?: string[];
  /**
   * The needed calls that may be blocked, depending on keys, whatever the result: for a `blocked` task, those
   * beside the certain blocks, which its reader would meet once those are lifted.
   */
  dependingCalls: string[];
  /**
   * The keys the `depending` calls hinge on (`aws:SourceIp`, `aws:CurrentTime`, a tag); for a `depends` task,
   * also what was not read (`policy p-… unreadable`).
   */
  dependsOn: string[];
  /** The statements that block (certain) or may block the task's calls, the certain ones first, the first one deciding. */
  statements: PredictedStatement[];
  /** Levels without an Allow for some of the calls (blocked). */
  missingAllows: MissingAllow[];
  /** One sentence: `delete blocked by SCP DenyRoot (p-abc123), statement 2`. */
  summary: string;
}

/** Why an account gets no prediction. */
export interface NotPredicted {
  accountId: string;
  reason: string;
}

export interface Preflight {
  organizationId: string;
  region: string;
  partition: string;
  types: Record<OrgPolicyKind, PolicyTypeState>;
  callerAccountId: string;
  /** True when the caller is the management account, which SCPs do not affect (its `sts:AssumeRoot` included). */
  callerExempt: boolean;
  /** Whether root sessions can be opened at all (the RootSessions feature); unread, they are taken as available. */
  rootSessions: RootSessionsState;
  predictions: TaskPrediction[];
  notPredicted: NotPredicted[];
  /** Policies whose text could not be read. */
  unreadable: { policyId: string; name: string; error: string }[];
  readAt: string;
}
