/**
 * Whether a resource policy (a role's trust policy included) lets in a stranger: a user of an account the
 * policy does not name, whose own identity policies allow everything (whoever controls that account can make
 * them so). The request carries what identifies the stranger (its ARN, account, type) and leaves out what
 * it cannot claim (an organization, a VPC endpoint, an external id): a condition on those keeps it out. The
 * keys a caller sets for itself (aws:Referer, aws:UserAgent, TLS, the time, the Region, MFA on its own user)
 * take every value the policy's candidates give them (candidates.ts): a condition on them limits nobody.
 * The linter's RG208 and the holders view's "trusted by anyone" ask this question.
 */
import { valuations } from './candidates';
import { evaluate } from './evaluate';
import type { Policy, PolicyStatement } from './model';
import { readPolicy } from './read';
import { UNKNOWN_PART } from './unknown';

const SET_BY_CALLER = /^aws:(referer|useragent|securetransport|currenttime|epochtime|requestedregion|tokenissuetime|multifactorauth(present|age)|requesttag\/.*|tagkeys)$/i;

/** A key whose value the caller chooses: a condition on it admits anyone who sends the value. */
export function isSetByCaller(key: string): boolean {
  return SET_BY_CALLER.test(key);
}

/** Accounts for the stranger and the resource's owner: the first ones the policy's text does not name. */
const SPARE_ACCOUNTS = ['999988887777', '888877776666', '777766665555', '666655554444'];

/**
 * Whether the stranger may call `action` on `resource` under the policy, for some values of the keys it sets
 * itself, whatever the others hold, after the policy's Deny statements; with `through`, only when that
 * statement is among those that let it in.
 */
export function strangerGetsIn(policy: Policy, action: string, resource: string, through?: number): boolean {
  const [stranger, spareOwner] = SPARE_ACCOUNTS.filter((account) => !policy.text.includes(account));
  // The owner as the ARN names it (a queue, a key, a role), else one more account no one named.
  const owner = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? spareOwner;
  const arn = `arn:aws:iam::${stranger}:user/stranger`;
  const context = {
    'aws:PrincipalArn': arn,
    'aws:PrincipalAccount': stranger,
    'aws:PrincipalType': 'User',
    'aws:userid': 'AIDASTRANGER',
    'aws:username': 'stranger',
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:ResourceAccount': owner,
  };
  const keys = new Set(policy.statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase())));
  const notSetByCaller = new Set([...keys].filter((key) => !isSetByCaller(key)));
  return valuations(policy.statements, notSetByCaller).list.some((valuation) => {
    const request = { action, resource, principal: { type: 'AWS', id: arn }, context: { ...context, ...valuation } };
    const decision = evaluate(request, { identity: [strangersOwnPolicy()], resource: policy });
    const letIn = through === undefined || decision.deciding.some((d) => d.policy === policy.name && d.statement === through);
    return decision.decision === 'allowed' && letIn && !decision.uncertain && decision.dependsOn.every(isSetByCaller);
  });
}

/**
 * Whether a stranger gets in through one Allow statement of the policy, for an action and a resource the
 * statement names (wildcards filled in; a trust policy names no resource). NotAction and NotResource, and
 * values known only at deployment, are not probed: no answer is claimed for them.
 */
export function strangerGetsInThrough(policy: Policy, statement: PolicyStatement): boolean {
  const action = statement.action && !statement.action.negated ? statement.action.values.find(isWritten) : undefined;
  const resource = statement.resource ? (statement.resource.negated ? undefined : statement.resource.values.find(isWritten)) : '*';
  if (statement.effect !== 'Allow' || !statement.principal || action === undefined || resource === undefined) return false;
  return strangerGetsIn(policy, fillWildcards(action), fillWildcards(resource), statement.index);
}

function isWritten(value: string): boolean {
  return !value.includes('${') && !value.includes(UNKNOWN_PART);
}

/** One request a pattern matches: each wildcard filled with a letter (`*` alone stands for any resource). */
function fillWildcards(pattern: string): string {
  return pattern === '*' ? '*' : pattern.replace(/[*?]/g, 'x');
}

let allowEverything: Policy | undefined;

/** The stranger's own identity policy: its account's administrator can grant it anything. */
function strangersOwnPolicy(): Policy {
  allowEverything ??= readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', "the stranger's own policy");
  return allowEverything;
}
