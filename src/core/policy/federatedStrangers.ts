/**
 * Whether a role's trust policy lets in any identity of a federated provider it trusts: whoever can get a
 * token from the provider gets one for a subject of their own. A GitHub Actions token for a repository they
 * own, with the branch, environment or event they name; a Cognito identity of a pool of their own, or a
 * guest of the pool the policy names; an identity of any other OIDC provider that the policy does not name.
 * Not a SAML provider's: it is the organization's own identity provider, and its assertion names the roles
 * each of its users may assume (the `Role` attribute), so no identity picks a role of its own. What the token is issued for (`aud`, the application, the issuer) is the same for
 * everyone and takes the values the policy names, as the keys any caller sets do; the provider's other keys
 * it holds only as its own subject (`sub`) gives them. A condition on the subject (GitHub's `sub`, Cognito's
 * `aud` with its `amr`) is what keeps such a stranger out; `aud` alone does not.
 */
import { valuations } from './candidates';
import { evaluate } from './evaluate';
import type { Policy } from './model';
import { isSetByCaller } from './strangers';
import { exampleOf } from './wildcards';

const GITHUB = 'token.actions.githubusercontent.com';
const COGNITO = 'cognito-identity.amazonaws.com';

/** What a token is issued for, the same for every identity of the provider (lower case, after the provider's prefix). */
const SHARED_CLAIMS = ['aud', 'oaud', 'azp', 'app_id', 'iss'];

/** One way a stranger's token reads: the claims it holds, and those that take the values the policy names. */
interface Token {
  holds: Record<string, string | string[]>;
  chosen: readonly string[];
}

/**
 * Whether an identity of `provider` (as the trust policy's Principal names it: an OIDC provider's ARN,
 * `cognito-identity.amazonaws.com`; never a SAML provider's) that the policy does not pick out may assume
 * `role`, after its Deny statements; with `through`, only when that statement is among those that let it in.
 */
export function federatedStrangerGetsIn(policy: Policy, provider: string, role: string, through?: number): boolean {
  if (SAML_PROVIDER.test(provider)) return false;
  const prefix = claimPrefix(provider);
  const action = 'sts:AssumeRoleWithWebIdentity';
  const keys = [...new Set(policy.statements.flatMap((statement) => statement.conditions.map((entry) => entry.key.toLowerCase())))];
  return tokensOf(prefix, policy).some(({ holds, chosen }) => {
    const claims = new Set(chosen.map((claim) => `${prefix}:${claim}`));
    const fixed = new Set(keys.filter((key) => !claims.has(key) && !isSetByCaller(key)));
    const held = Object.fromEntries(Object.entries(holds).map(([claim, value]) => [`${prefix}:${claim}`, value]));
    return valuations(policy.statements, fixed).list.some((valuation) => {
      const request = { action, resource: role, principal: { type: 'Federated', id: provider }, context: { ...valuation, ...held } };
      const decision = evaluate(request, { resource: policy });
      if (decision.decision !== 'allowed' || decision.uncertain) return false;
      return through === undefined || decision.deciding.some((d) => d.statement === through);
    });
  });
}

const SAML_PROVIDER = /^arn:[^:]*:iam::[^:]*:saml-provider\//;

/** The prefix of the provider's keys: an OIDC provider's host and path, or the provider's name. */
function claimPrefix(provider: string): string {
  return (/^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/.exec(provider)?.[1] ?? provider).toLowerCase();
}

/** The tokens a stranger may hold: per provider, the ways its subject reads. */
function tokensOf(prefix: string, policy: Policy): Token[] {
  const subject = 'rootguard-stranger';
  if (prefix === COGNITO) {
    return [
      // An identity of its own pool, signed in.
      { holds: { aud: 'us-east-1:00000000-0000-4000-8000-rootguardpool', amr: ['authenticated', 'rootguard-stranger.example'], sub: `us-east-1:${subject}` }, chosen: [] },
      // A guest of the pool the policy names, where the pool lets guests in.
      { holds: { amr: ['unauthenticated'], sub: `us-east-1:${subject}` }, chosen: ['aud'] },
    ];
  }
  const subjects = prefix === GITHUB ? githubSubjects(policy) : [subject];
  // Facebook's and Amazon's subject keys are `id` and `user_id`.
  return subjects.map((sub) => ({ holds: { sub, id: sub, user_id: sub }, chosen: SHARED_CLAIMS }));
}

/**
 * A GitHub token's subject: `repo:<owner>/<repository>:<context>`, the repository the stranger's, the context
 * (a branch, an environment, a pull request) one it names, those the policy names included; and each subject
 * a pattern the policy names matches under an owner it does not write out (a star before the repository's
 * `/infra`, or `repo:example-org*`: anyone can own a repository `infra`, or an owner `example-org-evil`).
 */
function githubSubjects(policy: Policy): string[] {
  const repository = 'repo:rootguard-stranger/stranger';
  const named = policy.statements.flatMap((statement) =>
    statement.conditions.filter((entry) => entry.key.toLowerCase() === `${GITHUB}:sub`).flatMap((entry) => entry.values.filter((value) => !value.includes('${'))),
  );
  const contexts = named.flatMap((value) => /^repo:[^:]*:(.+)$/.exec(value)?.[1] ?? []).map(exampleOf);
  const own = [...new Set(['ref:refs/heads/main', 'environment:production', 'pull_request', ...contexts])].map((context) => `${repository}:${context}`);
  const owners = new Set(named.flatMap((value) => /^repo:([^/:*?]+)\//i.exec(value)?.[1].toLowerCase() ?? []));
  const matched = named.flatMap((value) => subjectsMatching(value).filter((subject) => !owners.has(SUBJECT.exec(subject)![1].toLowerCase())));
  return [...new Set([...own, ...matched])];
}

/** `repo:<owner>/<repository>:<context>`, as GitHub writes a token's subject. */
const SUBJECT = /^repo:([^/:]+)\/[^/:]+:.+$/;

/** What a wildcard of a subject pattern is tried as: a name, the rest of an owner and a repository, of a subject. */
const FILLERS = ['x', 'x/x', 'x/x:ref:refs/heads/main', '-x/x:ref:refs/heads/main'];

/** Subjects a pattern with at most three wildcards matches, one per way of filling them that makes a subject. */
function subjectsMatching(pattern: string): string[] {
  const parts = pattern.replace(/\?/g, 'x').split('*');
  if (parts.length === 1 || parts.length > 4) return [];
  let filled = [parts[0]];
  for (const part of parts.slice(1)) filled = filled.flatMap((before) => FILLERS.map((filler) => `${before}${filler}${part}`));
  return filled.filter((subject) => SUBJECT.test(subject));
}
