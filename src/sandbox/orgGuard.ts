/**
 * How the sandbox enforces its organization's SCPs and RCPs, as AWS evaluates them: the policies attached
 * to every level of the path (root, each OU, the account) apply; an explicit Deny in any of them denies;
 * and every level needs some policy whose Allow covers the request (no allow at a level is an implicit
 * deny, which is why FullAWSAccess sits everywhere). The management account is not subject to either type,
 * and a type not enabled on the root is not evaluated.
 */
import type { OrgPolicy, OrgPolicyType } from './orgPolicies';
import { conditionsHold, globMatch, substituted, type ConditionKeys } from './policyConditions';
import type { World } from './world';

/** One request as the policies see it. */
export interface OrgRequest {
  /** `service:Action`. */
  action: string;
  /** The resource ARN, or `*` for actions without one. */
  resource: string;
  keys: ConditionKeys;
}

export type OrgDecision =
  | { allowed: true }
  | {
      allowed: false;
      type: OrgPolicyType;
      kind: 'explicit';
      policy: OrgPolicy;
      /** 1-based position of the denying statement in the policy's `Statement`. */
      statement: number;
      sid?: string;
      /** Where the policy is attached: the root, an OU or the account. */
      targetId: string;
    }
  | { allowed: false; type: OrgPolicyType; kind: 'implicit'; targetId: string };

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
}

interface ParsedPolicy {
  statements: Statement[];
  /** Only the 2012-10-17 language has policy variables: with no `Version` (2008-10-17) AWS reads `${...}` as text. */
  variables: boolean;
}

const parsed = new Map<string, ParsedPolicy>();

function parse(policy: OrgPolicy): ParsedPolicy {
  let entry = parsed.get(policy.content);
  if (!entry) {
    const doc = JSON.parse(policy.content) as { Version?: unknown; Statement?: Statement | Statement[] };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    entry = { statements, variables: doc.Version === '2012-10-17' };
    parsed.set(policy.content, entry);
  }
  return entry;
}

// Plain loops and module-level helpers: this runs for every sandbox request, thousands of times per audit.
function anyHit(patterns: string | string[], value: string, ignoreCase: boolean): boolean {
  if (!Array.isArray(patterns)) return globMatch(patterns, value, ignoreCase);
  for (const p of patterns) if (globMatch(p, value, ignoreCase)) return true;
  return false;
}

function applies(s: Statement, request: OrgRequest, variables: boolean): boolean {
  if (s.Action !== undefined ? !anyHit(s.Action, request.action, true) : !s.NotAction || anyHit(s.NotAction, request.action, true)) return false;
  if (s.Resource !== undefined && !anyHit(resourcePatterns(s.Resource, request.keys, variables), request.resource, false)) return false;
  if (s.NotResource !== undefined && anyHit(resourcePatterns(s.NotResource, request.keys, variables), request.resource, false)) return false;
  return conditionsHold(s.Condition, request.keys, variables);
}

/**
 * Resource patterns as the policy's language reads them: with `variables`, each policy variable replaced (one
 * the request lacks matches nothing); without, as written.
 */
function resourcePatterns(patterns: string | string[], keys: ConditionKeys, variables: boolean): string | string[] {
  if (!variables) return patterns;
  return (Array.isArray(patterns) ? patterns : [patterns]).flatMap((pattern) => substituted(pattern, keys) ?? []);
}

/** Root, OUs from the top down, then the account. */
export function targetPath(world: World, accountId: string): string[] {
  const path = [accountId];
  for (let id = world.account(accountId).parentId; id !== world.organization.rootId; ) {
    path.unshift(id);
    const ou = world.findOu(id);
    if (!ou) break;
    id = ou.parentId;
  }
  path.unshift(world.organization.rootId);
  return path;
}

/** The decision of the `type` policies on `accountId`'s path for one request. */
export function evaluateOrgPolicies(world: World, accountId: string, type: OrgPolicyType, request: OrgRequest): OrgDecision {
  const { policies } = world;
  if (!policies.enabledTypes.has(type) || accountId === world.organization.managementAccountId) return { allowed: true };
  const path = targetPath(world, accountId);
  for (const targetId of path) {
    for (const policy of policies.attachedTo(targetId, type)) {
      const { statements, variables } = parse(policy);
      const at = statements.findIndex((s) => s.Effect === 'Deny' && applies(s, request, variables));
      if (at >= 0) return { allowed: false, type, kind: 'explicit', policy, statement: at + 1, sid: statements[at].Sid, targetId };
    }
  }
  for (const targetId of path) {
    const allowed = policies.attachedTo(targetId, type).some((p) => {
      const { statements, variables } = parse(p);
      return statements.some((s) => s.Effect === 'Allow' && applies(s, request, variables));
    });
    if (!allowed) return { allowed: false, type, kind: 'implicit', targetId };
  }
  return { allowed: true };
}

/** Who calls, from where: the parts of the request context SCPs and RCPs key on. */
export interface RequestOrigin {
  principalArn: string;
  principalAccount: string;
  /** `Account` for a root session (the root user), `User` for an IAM user. */
  principalType: 'Account' | 'User';
  /** The account id for a root session, the user's unique id (`AIDA…`) for an IAM user. */
  userId: string;
  /** When temporary credentials were issued (`aws:TokenIssueTime`); none for an IAM user's long-term keys. */
  tokenIssuedAt?: Date;
  /** True for AssumeRoot sessions: `aws:AssumedRoot` is present only then. */
  assumedRoot: boolean;
  region: string;
  sourceIp: string;
  now: Date;
  /** The account owning the bucket or queue acted on: its organization's id is `aws:ResourceOrgID`, its path `aws:ResourceOrgPaths`. */
  resourceAccount?: string;
  /** Service-specific keys of this request, e.g. `sts:TaskPolicyArn`. */
  extra?: Record<string, string>;
}

export function requestKeys(world: World, origin: RequestOrigin): ConditionKeys {
  const account = world.findAccount(origin.principalAccount);
  const keys: Record<string, string | string[]> = {
    'aws:principalarn': origin.principalArn,
    'aws:principalaccount': origin.principalAccount,
    'aws:principalorgid': world.organization.id,
    'aws:principaltype': origin.principalType,
    'aws:userid': origin.userId,
    // Callers sign their own requests: no AWS service makes them or forwards them here.
    'aws:principalisawsservice': 'false',
    'aws:viaawsservice': 'false',
    'aws:requestedregion': origin.region,
    'aws:sourceip': origin.sourceIp,
    // What AWS sees from the SDK, which reaches AWS over TLS only; the sandbox's plain HTTP on 127.0.0.1 stands in for it.
    'aws:securetransport': 'true',
    'aws:currenttime': origin.now.toISOString(),
    'aws:epochtime': String(Math.floor(origin.now.getTime() / 1000)),
  };
  if (account) keys['aws:principalorgpaths'] = [world.pathOf(account.parentId)];
  if (origin.assumedRoot) keys['aws:assumedroot'] = 'true';
  if (origin.tokenIssuedAt) keys['aws:tokenissuetime'] = origin.tokenIssuedAt.toISOString();
  if (origin.resourceAccount !== undefined) keys['aws:resourceaccount'] = origin.resourceAccount;
  // A resource of an account of the organization carries the organization's id and the owner's path; one of
  // an account outside it (none is modelled) or a call on no resource carries neither.
  const owner = origin.resourceAccount === undefined ? undefined : world.findAccount(origin.resourceAccount);
  if (owner) {
    keys['aws:resourceorgid'] = world.organization.id;
    keys['aws:resourceorgpaths'] = [world.pathOf(owner.parentId)];
  }
  for (const [key, value] of Object.entries(origin.extra ?? {})) keys[key.toLowerCase()] = value;
  return keys;
}
