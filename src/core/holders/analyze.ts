/**
 * From what was read to who can open root sessions: each principal's policies go through the policy
 * engine (`principalRootGrant`) with and without its permissions boundary; a role's trust policy says who
 * can become it. Holders are ranked riskiest first: password recovery or deletion on every account, no
 * condition (no MFA) in the way, trusted from outside the organization, by anyone, or by any identity of a
 * federated provider.
 */
import { PARTITIONS, type Policy, type PolicySet, type PrincipalPolicies, evaluate, type TaskGrant, actionCovered, principalRootGrant, readPolicy, PolicyReadError, federatedStrangerGetsIn, namesDeletedPrincipal, outsiderGetsIn, strangerGetsIn } from '../policy';
import type { Capability, ConditionKind, GrantStatement, Holder, HolderGrant, HolderSources, HoldersReport, PolicyText, PrincipalSource, ReadGap, ScpCheck, TrustEntry } from './model';
import { chosenValues, dependsOnChoice, isChosenByCaller } from './chosenKeys';
import { scpRemovals } from './scpRemovals';
import { type Targets, mayTarget, reachesATarget, reachesEveryTarget, targetsOf } from './targets';

const RECOVERY_OR_DELETION = new Set(['IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials']);
const UNLOCK = new Set(['S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy']);
const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

export function analyzeHolders(sources: HolderSources): HoldersReport {
  const gaps: ReadGap[] = [...sources.gaps];
  const holders: Holder[] = [];
  for (const principal of sources.principals) {
    const holder = analyzePrincipal(principal, sources, gaps);
    if (holder) holders.push(holder);
  }
  holders.sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
  const scps: ScpCheck = sources.ownScps?.check ?? { status: 'notRead', code: 'NotRead', message: "The account's own SCPs were not read." };
  return { accountId: sources.accountId, examined: sources.principals.length, holders, scps, rootSessions: sources.rootSessions ?? { state: 'available' }, gaps };
}

function read(text: PolicyText, principal: PrincipalSource, gaps: ReadGap[]): Policy | undefined {
  try {
    return readPolicy(text.text, text.label);
  } catch (err) {
    if (!(err instanceof PolicyReadError)) throw err;
    gaps.push({ part: `${principal.kind} ${principal.name}: ${text.label}`, code: 'UnreadablePolicy', message: err.message });
    return undefined;
  }
}

function analyzePrincipal(principal: PrincipalSource, sources: HolderSources, gaps: ReadGap[]): Holder | undefined {
  const identity = principal.policies.map((p) => read(p, principal, gaps)).filter((p): p is Policy => p !== undefined);
  const boundary = principal.boundary ? read(principal.boundary, principal, gaps) : undefined;
  const known = { ...ownKeys(principal, sources), ...sources.ownScps?.context };
  const tags = tagsCarried(principal, { identity, permissionsBoundary: boundary }, known);
  const context = { ...known, ...tagKeys(tags) };
  const targets = targetsOf(sources);
  // A role's session (a permission set's too) carries no user name: a condition on one holds as for its absence.
  // Where its tags are known, its requests carry no others.
  const absent = [...(principal.kind === 'user' ? [] : ['aws:username']), ...(tags ? ['aws:PrincipalTag/'] : [])];
  const grantsOf = (policies: Omit<PrincipalPolicies, 'identity' | 'context'>, sent: Record<string, string> = {}) =>
    principalRootGrant({ identity, context: { ...context, ...sent }, ...policies, absent: [...absent, ...(policies.absent ?? [])] }).filter(
      (g) => inPartition(g, sources.partition) && reachesATarget(g, targets),
    );
  const unbounded = grantsOf({});
  if (unbounded.length === 0) return undefined;
  const bounded = boundary ? grantsOf({ permissionsBoundary: boundary }) : unbounded;
  const own = sources.ownScps?.check.status === 'applied' ? sources.ownScps : undefined;
  const scps = own?.levels ?? [];
  const filtered = own && bounded.length > 0 ? grantsOf({ permissionsBoundary: boundary, scps }) : bounded;
  const byLabel = new Map([...principal.policies, ...(principal.boundary ? [principal.boundary] : [])].map((p) => [p.label, p]));
  // A condition on MFA that lets a request without the key through (`BoolIfExists`) protects nothing from
  // an IAM user's access keys, whose requests carry none: asked again with the keys absent.
  const withoutMfa = filtered.some(needsMfa) ? grantsOf({ permissionsBoundary: boundary, scps: own ? scps : undefined, absent: MFA_KEYS }) : [];
  // A grant on a key the caller picks is asked again with each value it may send: the one that lets it through.
  const chosen = filtered.filter(dependsOnChoice);
  const policies = [...identity, ...(boundary ? [boundary] : []), ...scps.flat()];
  const byChoice = chosen.length ? chosenValues(chosen, policies).flatMap((sent) => grantsOf({ permissionsBoundary: boundary, scps: own ? scps : undefined }, sent)) : [];
  const sentFor = (g: TaskGrant) => (dependsOnChoice(g) ? byChoice.filter((c) => c.task === g.task).sort((a, b) => Number(b.certain) - Number(a.certain))[0] : undefined);
  // Held only while the key is absent (`Null aws:RequestedRegion`), which it never is: no grant.
  const real = filtered.filter((g) => !dependsOnChoice(g) || sentFor(g));
  if (real.length === 0 && filtered.length > 0) return undefined;
  const grants = real.map((g) => toGrant(g, targets, byLabel, withoutMfa.find((w) => w.task === g.task), sentFor(g)));
  const boundaryRemoves = unbounded.map((g) => g.task).filter((task) => !bounded.some((g) => g.task === task));
  const removed = bounded.filter((g) => !filtered.some((f) => f.task === g.task));
  const scpRemoves = own && removed.length > 0 ? scpRemovals(removed, own.levels ?? [], context, own.check.status === 'applied' ? own.check.targets : []) : [];
  const trust = principal.trustPolicy ? trustOf(principal.trustPolicy, principal.arn, sources) : [];
  return {
    kind: principal.kind,
    name: principal.name,
    arn: principal.arn,
    capability: capabilityOf(grants, bounded.length > 0),
    grants,
    boundaryRemoves,
    scpRemoves,
    trust,
    ...(principal.assignments ? { assignments: principal.assignments } : {}),
    risk: riskOf(grants, trust),
  };
}

const MFA_KEYS = ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge'];

function needsMfa(grant: TaskGrant): boolean {
  return !grant.certain && grant.dependsOn.some((key) => conditionKind(key) === 'mfa');
}

/**
 * The tags every request of the principal carries as `aws:PrincipalTag/…`, and no others: an IAM user's
 * own; a role's own when its trust policy lets no one pass session tags (`sts:TagSession`), which would add
 * to them or override them. Undefined where not known: a permission set (its sessions carry the identity
 * store's attributes), a role whose sessions may be tagged, one whose trust policy cannot be read, and a
 * principal whose own policies may let it tag or untag itself, whose tags are then what it chooses.
 */
function tagsCarried(principal: PrincipalSource, policies: PolicySet, context: Record<string, string | string[]>): Record<string, string> | undefined {
  if (!principal.tags || principal.kind === 'permissionSet') return undefined;
  if (principal.kind === 'role' && (principal.trustPolicy === undefined || mayTagSessions(principal.trustPolicy))) return undefined;
  if (mayRetagItself(principal, policies, { ...context, ...tagKeys(principal.tags) })) return undefined;
  return principal.tags;
}

/** Whether the principal may tag or untag itself (`iam:TagUser` on its own ARN, say), for some request it can send. */
function mayRetagItself(principal: PrincipalSource, policies: PolicySet, context: Record<string, string | string[]>): boolean {
  const actions = principal.kind === 'user' ? ['iam:TagUser', 'iam:UntagUser'] : ['iam:TagRole', 'iam:UntagRole'];
  return actions.some((action) => {
    const decision = evaluate({ action, resource: principal.arn, principal: { type: 'AWS', id: principal.arn }, context }, policies);
    return decision.decision === 'allowed' || decision.uncertain || decision.dependsOn.length > 0;
  });
}

function mayTagSessions(trustPolicy: string): boolean {
  try {
    return readPolicy(trustPolicy, 'trust policy').statements.some((s) => s.effect === 'Allow' && actionCovered(s, 'sts:TagSession'));
  } catch (err) {
    if (err instanceof PolicyReadError) return true;
    throw err;
  }
}

function tagKeys(tags: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).map(([key, value]) => [`aws:PrincipalTag/${key}`, value]));
}

/**
 * What every request of the principal carries, decided rather than left as conditions: its account, ARN,
 * type and user name, its organization (and its target's) and its account's path there where read (the
 * management account's is the root's, `o-…/r-…/`, which no `…/ou-*` pattern matches), TLS (the SDK sends
 * nothing else), and the time now. A Condition on them is no guard.
 */
function ownKeys(principal: PrincipalSource, sources: HolderSources): Record<string, string | string[]> {
  const now = sources.now ?? new Date();
  // A permission set's role ARN in the account is not known here; only IAM principals' requests carry theirs.
  const iam: Record<string, string> = principal.kind === 'permissionSet' ? {} : { 'aws:PrincipalArn': principal.arn };
  const { organization, orgPath } = sources.ownScps?.owner ?? {};
  return {
    'aws:PrincipalAccount': sources.accountId,
    // The session's target is a member account (targets.ts): its root user is in the same organization.
    ...(organization ? { 'aws:PrincipalOrgID': organization, 'aws:ResourceOrgID': organization } : {}),
    ...(orgPath ? { 'aws:PrincipalOrgPaths': [orgPath] } : {}),
    'aws:PrincipalType': principal.kind === 'user' ? 'User' : 'AssumedRole',
    ...iam,
    ...(principal.kind === 'user' ? { 'aws:username': principal.name } : {}),
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
}

/**
 * A grant in another partition than the account's (`arn:aws-cn:iam::*:root` in `aws`) reaches none of its
 * accounts. The engine tries the partitions AWS has and those the policies name: for another, it cannot say.
 */
function inPartition(grant: TaskGrant, partition: string | undefined): boolean {
  return partition === undefined || grant.partitions.includes(partition) || !(PARTITIONS as readonly string[]).includes(partition);
}

/**
 * The grant as shown, among the accounts a root session can target (`targets`: every one of them is every
 * account; a management or outside account named is left out); `sansMfa`, the same task asked with the MFA
 * keys absent (an access key's request); `sent`, asked with a value the caller may send for a key it picks
 * (the Region), when the grant hangs on one.
 */
function toGrant(grant: TaskGrant, targets: Targets, byLabel: ReadonlyMap<string, PolicyText>, sansMfa?: TaskGrant, sent?: TaskGrant): HolderGrant {
  const guarding = (key: string) => !isChosenByCaller(key) && !(sansMfa && conditionKind(key) === 'mfa');
  const conditionKeys = grant.certain ? [] : grant.dependsOn.filter(guarding);
  const holdsAlso = (other: TaskGrant | undefined) => !other || other.certain || other.dependsOn.every((key) => !guarding(key));
  const unconditional = grant.certain || (conditionKeys.length === 0 && holdsAlso(sansMfa) && holdsAlso(sent));
  // The SCPs' Allows (FullAWSAccess) take part in the decision but grant nothing: the principal's own statements do.
  const deciding: GrantStatement[] = grant.deciding.filter((d) => byLabel.has(d.policy)).map((d) => ({ policy: d.policy, policyArn: byLabel.get(d.policy)?.arn, statement: d.statement, sid: d.sid, line: d.line }));
  return {
    task: grant.task,
    everyAccount: reachesEveryTarget(grant, targets),
    accounts: grant.accounts.filter((a) => a.pattern !== undefined || mayTarget(a.account, targets)).map((a) => a.pattern ?? a.account),
    uncheckedAccounts: grant.uncheckedAccounts,
    exceptAccounts: grant.exceptAccounts.filter((account) => !/^\d{12}$/.test(account) || mayTarget(account, targets)),
    unconditional,
    conditionKeys,
    conditionKinds: [...new Set(conditionKeys.map(conditionKind))],
    deciding,
  };
}

export function conditionKind(key: string): ConditionKind {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:multifactorauth')) return 'mfa';
  if (['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip'].includes(lower)) return 'network';
  if (/^aws:(principaltag|requesttag|resourcetag)\//.test(lower) || lower === 'aws:tagkeys') return 'tags';
  return 'other';
}

function accountIn(value: string): string | undefined {
  return /^(\d{12})$/.exec(value)?.[1] ?? /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
}

/**
 * Who the Allow statements of a trust policy let assume the role. A statement open to any principal
 * (`"*"`, or NotPrincipal) is asked of the engine: does a principal of an account no one named get in,
 * whatever it sends, after the policy's Deny statements, or do its conditions keep strangers out; and then
 * whether they let in one they name outside the organization (another organization, an account not in it).
 */
function trustOf(text: string, roleArn: string, sources: HolderSources): TrustEntry[] {
  let policy: Policy;
  try {
    policy = readPolicy(text, 'trust policy');
  } catch {
    return [];
  }
  const organization = sources.organizationAccounts ? new Set(sources.organizationAccounts) : undefined;
  const owner = { ...sources.ownScps?.owner, accounts: sources.organizationAccounts };
  const entries: TrustEntry[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || !statement.principal) continue;
    if (!ASSUME_ACTIONS.some((action) => actionCovered(statement, action))) continue;
    const conditionKeys = statement.conditions.map((c) => c.key);
    const found: TrustEntry[] = [];
    if (statement.principal.negated) {
      // NotPrincipal in an Allow lets in every principal but the ones it names.
      const named = Object.values(statement.principal.byType).flat();
      found.push({ kind: 'anyone', principal: named.length ? `* except ${named.join(', ')}` : '*', conditionKeys });
    } else {
      if (statement.principal.any) found.push({ kind: 'anyone', principal: '*', conditionKeys });
      for (const [type, values] of Object.entries(statement.principal.byType)) {
        for (const value of values) found.push({ kind: trustKind(type, value, sources.accountId, organization), principal: value, conditionKeys });
      }
    }
    const anyone = found.some((t) => t.kind === 'anyone');
    const open = anyone && strangerGetsIn(policy, 'sts:AssumeRole', roleArn, statement.index, owner);
    // Kept to principals its conditions name, and one of them outside the organization (a partner's
    // aws:PrincipalOrgID): trust from outside, as a named external account is.
    const outside = anyone && !open && outsiderGetsIn(policy, 'sts:AssumeRole', roleArn, statement.index, owner);
    const federated = (t: TrustEntry): TrustEntry => ({ ...t, anyIdentityGetsIn: federatedStrangerGetsIn(policy, t.principal, roleArn, statement.index) });
    entries.push(
      ...found.map((t): TrustEntry => (t.kind === 'federated' ? federated(t) : t.kind !== 'anyone' ? t : outside ? { ...t, kind: 'externalAccount' } : { ...t, strangersGetIn: open })),
    );
  }
  return entries;
}

function trustKind(type: string, value: string, own: string, organization: ReadonlySet<string> | undefined): TrustEntry['kind'] {
  if (type === 'Federated') return 'federated';
  if (type === 'Service') return 'service';
  if (value === '*') return 'anyone';
  // No account to place it in, and no one to let in: the engine matches it to nobody.
  if (type === 'AWS' && namesDeletedPrincipal(value)) return 'deletedPrincipal';
  const account = accountIn(value);
  if (account === own) return 'sameAccount';
  // Without the organization's account list, any other account counts as outside: the safer reading.
  return account && organization?.has(account) ? 'organizationAccount' : 'externalAccount';
}

function capabilityOf(grants: readonly HolderGrant[], withinBoundary: boolean): Capability {
  if (grants.length === 0) return withinBoundary ? 'blockedByScp' : 'blockedByBoundary';
  const real = grants.filter((g) => g.task !== 'FutureTaskPolicy');
  const strong = real.filter((g) => RECOVERY_OR_DELETION.has(g.task));
  if (strong.some((g) => g.everyAccount)) return 'recoveryOrDeletionEveryAccount';
  if (strong.length > 0) return 'recoveryOrDeletion';
  if (real.some((g) => UNLOCK.has(g.task))) return 'unlock';
  return 'auditOnly';
}

function riskOf(grants: readonly HolderGrant[], trust: readonly TrustEntry[]): Holder['risk'] {
  const reasons: string[] = [];
  let score = 0;
  const real = grants.filter((g) => g.task !== 'FutureTaskPolicy');
  const strong = real.filter((g) => RECOVERY_OR_DELETION.has(g.task));
  const unlock = real.filter((g) => UNLOCK.has(g.task));
  // The grants of the riskiest kind it holds carry the risk, and only a condition on them stands in its
  // way: an audit grant free of one leaves a recovery that needs MFA as guarded as it was.
  let carrying = real;
  if (strong.some((g) => g.everyAccount)) {
    score += 100;
    reasons.push('password recovery or credential deletion on every account');
    carrying = strong;
  } else if (strong.length > 0) {
    score += 50;
    reasons.push('password recovery or credential deletion on named accounts');
    carrying = strong;
  } else if (unlock.length > 0) {
    score += 20;
    carrying = unlock;
  } else if (grants.length > 0) {
    score += 5;
  }
  if (carrying.some((g) => g.unconditional)) {
    score += 40;
    reasons.push('no condition in the way');
  } else if (carrying.length > 0 && !carrying.every((g) => g.conditionKinds.includes('mfa'))) {
    score += 15;
    reasons.push('no MFA condition');
  }
  if (trust.some((t) => t.kind === 'anyone' && t.strangersGetIn)) {
    score += 50;
    reasons.push('trusted by anyone (*)');
  } else if (trust.some((t) => t.kind === 'externalAccount')) {
    score += 30;
    reasons.push('trusted from outside the organization');
  } else if (trust.some((t) => t.kind === 'federated' && t.anyIdentityGetsIn)) {
    // Anyone who gets a token from the provider for a subject of their own: any GitHub repository, say.
    const providers = [...new Set(trust.flatMap((t) => (t.kind === 'federated' && t.anyIdentityGetsIn ? [providerName(t.principal)] : [])))];
    score += 20;
    reasons.push(`trusted by any identity of ${providers.join(', ')} (no condition on the subject)`);
  } else if (trust.some((t) => t.kind === 'anyone')) {
    // "*" that conditions (aws:PrincipalOrgID) or the policy's Deny statements keep strangers out of.
    const keys = [...new Set(trust.flatMap((t) => (t.kind === 'anyone' ? t.conditionKeys : [])))];
    score += 10;
    reasons.push(keys.length ? `trusted by any principal its conditions admit (${keys.join(', ')})` : 'trusted by any principal its Deny statements admit');
  }
  return { score, reasons };
}

/** An OIDC or SAML provider as its ARN names it after `oidc-provider/` or `saml-provider/`, a web identity provider as written. */
function providerName(principal: string): string {
  return /:(?:oidc|saml)-provider\/(.+)$/.exec(principal)?.[1] ?? principal;
}

/**
 * The grant that makes a holder the exit-1 finding: password recovery on every account (or every account but
 * those a Deny or `NotResource` leaves out, its `exceptAccounts`), no condition.
 */
export function unconditionalRecoveryGrant(holder: Holder): HolderGrant | undefined {
  return holder.grants.find((g) => g.task === 'IAMCreateRootUserPassword' && g.everyAccount && g.unconditional);
}

/**
 * The exit-1 finding: a principal that can open a password-recovery session on every account, no condition;
 * none where no root session can open from the account.
 */
export function unconditionalRecoveryHolders(report: HoldersReport): Holder[] {
  if (report.rootSessions.state === 'unavailable') return [];
  return report.holders.filter((h) => unconditionalRecoveryGrant(h) !== undefined);
}
