/**
 * The engine's data: policies as IAM reads them (statements with their source ranges), the request to
 * decide, and the answer with the statements that decided it.
 */

/** A policy document read for evaluation. */
export interface Policy {
  /** What the answer calls it: a file name, `SCP 2 of level 1`, a task policy's name. */
  name: string;
  /** The text the ranges refer to, for line numbers; empty when the policy was built in code. */
  text: string;
  statements: PolicyStatement[];
  /**
   * What AWS would refuse the document for, as read (a Condition that is no object of operators, an unknown
   * operator, JSON with comments or trailing commas): its statements are read leniently, matching less;
   * a command that decides a request on a policy file refuses it.
   */
  problems?: string[];
  /** The same problems by the index of the statement AWS would refuse for them (the editor's hover says why). */
  rejected?: Readonly<Record<number, readonly string[]>>;
}

/** Half-open `[start, end)` character offsets in the policy's text. */
export interface SourceRange {
  start: number;
  end: number;
}

export interface PolicyStatement {
  /** Position in the document's `Statement` list (0-based). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Undefined when the statement has neither `Action` nor `NotAction` (it then matches no request). */
  action?: ValueList;
  resource?: ValueList;
  principal?: PrincipalElement;
  conditions: ConditionEntry[];
  range: SourceRange;
  /**
   * A part that decides whether the statement applies is known only at deployment: its `Effect`, its whole
   * `Condition` or one operator's block, its `Principal`, or the statement itself (a template's
   * `Effect: !Ref Mode`, Terraform's `Statement = var.statements`). Such a statement may apply and never
   * surely does; one whose effect is unknown is read once as an Allow and once as a Deny.
   */
  undetermined?: true;
  /**
   * The policy's `Version` is not 2012-10-17 (left out, or 2008-10-17): IAM then reads `${aws:username}` and
   * the other policy variables as the literal text they are written as.
   */
  variablesAsText?: true;
}

/** `Action`/`NotAction` or `Resource`/`NotResource`. */
export interface ValueList {
  negated: boolean;
  values: string[];
}

/** `Principal`/`NotPrincipal`: `"*"`, or values by type (`AWS`, `Service`, `Federated`, `CanonicalUser`). */
export interface PrincipalElement {
  negated: boolean;
  /** `Principal: "*"`. */
  any: boolean;
  byType: Record<string, string[]>;
}

/** One `operator: { key: values }` pair of a `Condition` block. */
export interface ConditionEntry {
  operator: string;
  key: string;
  values: string[];
}

/** The request to decide. Context key names compare case-insensitively; a list is a multi-valued key. */
export interface Request {
  action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  resource: string;
  /** The calling principal, for `Principal` elements of resource policies: an ARN, or a service name. */
  principal?: RequestPrincipal;
  context?: Record<string, string | readonly string[]>;
  /**
   * Keys the request certainly lacks, lower case (one ending in `/` or `:` stands for every key it starts, as
   * `aws:principaltag/` or `sts:`): an answer read with them absent depends on them no more than on given keys.
   */
  absentKeys?: readonly string[];
  /**
   * Keys the request carries only where its action supports them, as the Service Authorization Reference
   * lists them per action (absentKeys.ts): `tagKeys`, the global tag keys (`aws:RequestTag/`, `aws:TagKeys`,
   * `aws:ResourceTag/`), which only tagging calls and tagged resource types bring; `serviceAndTagKeys`, every
   * service key as well, for a request whose credentials bring none to every call (an EC2 instance role's
   * bring `ec2:SourceInstanceARN`; a root session's bring nothing).
   */
  absentUnlessSupported?: 'tagKeys' | 'serviceAndTagKeys';
}

export interface RequestPrincipal {
  /** `AWS` (an IAM ARN), `Service`, `Federated` or `CanonicalUser`. */
  type: string;
  id: string;
}

/** What IAM answers. */
export type DecisionKind = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A statement that decided an answer. */
export interface DecidingStatement {
  policy: string;
  statement: number;
  sid?: string;
  range: SourceRange;
  /** 1-based line of the statement's start in the policy's text (1 when it has none). */
  line: number;
}

export interface Decision {
  decision: DecisionKind;
  /** The denies that matched (explicitDeny), or the allows that let it through at each stage (allowed). */
  deciding: DecidingStatement[];
  /** Context keys the request did not give that the answer depended on (lower case as first written). */
  dependsOn: string[];
  /**
   * True when the policies hold unknown parts (`UNKNOWN_PART`) that could change the answer: the decision
   * is then the one for "unknown parts match nothing", and `dependsOn` lists `unknown policy value`.
   */
  uncertain: boolean;
  /** Why, in one sentence: which stage decided (for implicitDeny, the stage that found no Allow). */
  reason: string;
}

/**
 * The policies that apply to one request. Missing stages do not apply. `scps` and `rcps` hold one list
 * per level of the organization path (root first, each OU, the account): every level must allow.
 */
export interface PolicySet {
  identity?: readonly Policy[];
  permissionsBoundary?: Policy;
  /**
   * A root session's task policy. Its documents only deny: the root principal may do everything else, so
   * a request with a task policy needs no identity Allow (SCPs and RCPs still filter it).
   */
  taskPolicy?: Policy;
  scps?: readonly (readonly Policy[])[];
  rcps?: readonly (readonly Policy[])[];
  resource?: Policy;
  /**
   * The session policies passed when the caller's session was created (AssumeRole's inline and managed
   * session policies, GetFederationToken's). Together they cap what the identity policies grant, and what a
   * resource policy grants by naming the session's role; a grant naming the session itself they do not cap.
   */
  sessionPolicies?: readonly Policy[];
  /**
   * The policy of the VPC endpoint the request goes through. It names principals, as a resource policy does,
   * and filters as an SCP does: it grants nothing, and what it does not allow is denied, root sessions included.
   */
  endpointPolicy?: Policy;
  /**
   * The organization's management account, when known: SCPs do not limit its principals, nor RCPs its
   * resources ("SCP effects on permissions", "RCP effects on permissions", AWS Organizations User Guide).
   */
  managementAccount?: string;
}
