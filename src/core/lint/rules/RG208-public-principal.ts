/**
 * RG208: a resource policy (a role's trust policy included) that lets in principals of any AWS account:
 * `Principal: "*"` or `{"AWS": "*"}`, or `NotPrincipal` in an Allow, with no condition on who calls.
 *
 * Decided by the policy engine for a stranger: a user of an account the policy does not name, whose own
 * identity policies allow everything (whoever controls that account can make them so). The statement is
 * reported when it lets the stranger in whatever the request holds, after the policy's Deny statements. A
 * condition on a key that names the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce,
 * sts:ExternalId...) leaves the answer depending on that key, and there is no finding; a condition only on
 * keys the caller sets (aws:Referer, aws:UserAgent, the time, MFA on the caller's own user) limits nothing:
 * the stranger sends whichever value the engine finds lets it in.
 */
import { type Policy, type Request, UNKNOWN_PART, evaluate, readPolicy } from '../../policy';
import { valuations } from '../../policy/candidates';
import { hasWildcard } from '../../policy/wildcards';
import { matchingActions } from '../actions';
import { enginePolicy, perDocument } from '../enginePolicy';
import type { PolicyDocument, Rule, Statement } from '../model';
import { listKeys } from '../semantics/describe';
import { forEachAllow } from './visit';

export const publicPrincipal: Rule = {
  meta: {
    id: 'RG208',
    name: 'public-principal',
    defaultSeverity: 'warning',
    description: 'A resource or trust policy that lets any AWS account in: Principal "*" with no condition on who calls.',
    appliesTo: ['resource'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (!statement.principal || isEndpointPolicy(document)) return;
      const probe = probeOf(document, statement);
      if (!probe || !letsStrangerIn(enginePolicy(document), statement.index, probe.request)) return;
      const who = statement.principal.negated ? 'NotPrincipal in an Allow' : 'Principal "*"';
      const what = /^sts:assumerole$/i.test(probe.request.action) ? 'assume this role' : `call "${probe.pattern}" here`;
      const setByCaller = [...new Set(statement.conditions.map((entry) => entry.key.value).filter(isSetByCaller))];
      const only = setByCaller.length ? `; its condition tests only ${listKeys(setByCaller)}, which the caller sets` : '';
      context.report({
        document,
        node: statement.principal.node,
        message: `Any principal of any AWS account can ${what}: ${who} with no condition on who calls${only}. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.`,
      });
    });
  },
};

/**
 * Whether the statement lets the stranger in for some values of the keys a caller sets (the engine's
 * candidates for them: the values the policy names, another one, none), whatever the other keys hold.
 */
function letsStrangerIn(policy: Policy, statementIndex: number, request: Request): boolean {
  const keys = new Set(policy.statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase())));
  const notSetByCaller = new Set([...keys].filter((key) => !isSetByCaller(key)));
  return valuations(policy.statements, notSetByCaller).list.some((valuation) => {
    const decision = evaluate({ ...request, context: { ...request.context, ...valuation } }, { identity: [strangersOwnPolicy()], resource: policy });
    const applied = decision.deciding.some((d) => d.policy === policy.name && d.statement === statementIndex);
    return decision.decision === 'allowed' && applied && !decision.uncertain && decision.dependsOn.every(isSetByCaller);
  });
}

/**
 * A VPC endpoint policy rather than a resource's own: its resources span several buckets or services, which
 * the policy of one bucket, queue or key cannot name. It only filters what passes through the endpoint, and
 * `Principal "*"` is the usual way to write it.
 */
const isEndpointPolicy = perDocument((document: PolicyDocument) => {
  const containers = new Set<string>();
  for (const statement of document.statements) {
    for (const { value } of statement.resource?.values ?? []) {
      const arn = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:([^/]*)/.exec(value);
      if (arn) containers.add(arn[1] === 's3' ? `s3:${arn[2]}` : arn[1]);
    }
  }
  return containers.size > 1;
});

/**
 * Keys a caller sets for itself: a condition on them admits anyone who sends the value. MFA is the caller's
 * own (its account's users), the time and Region its choice.
 */
const SET_BY_CALLER = /^aws:(referer|useragent|securetransport|currenttime|epochtime|requestedregion|tokenissuetime|multifactorauth(present|age)|requesttag\/.*|tagkeys)$/i;

function isSetByCaller(key: string): boolean {
  return SET_BY_CALLER.test(key);
}

/** Accounts for the stranger and the resource's owner: the first that the policy's text does not name. */
const SPARE_ACCOUNTS = ['999988887777', '888877776666', '777766665555', '666655554444'];

/** The request a stranger would send under the statement: an action and a resource it names, with wildcards filled in. */
function probeOf(document: PolicyDocument, statement: Statement): { request: Request; pattern: string } | undefined {
  const pattern = statement.action && !statement.action.negated ? statement.action.values.find((v) => known(v.value))?.value : undefined;
  const action = pattern && (hasWildcard(pattern) ? matchingActions(pattern)[0] : pattern);
  if (!pattern || !action || statement.resource?.negated) return undefined;
  const written = statement.resource?.values.find((v) => known(v.value))?.value;
  if (statement.resource && written === undefined) return undefined;
  const resource = written === undefined ? '*' : written.replace(/[*?]/g, 'x');
  const [stranger, spareOwner] = SPARE_ACCOUNTS.filter((account) => !document.text.includes(account));
  // The owner as the ARN names it (a queue, a key), else one more account no one named.
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
  return { request: { action, resource, principal: { type: 'AWS', id: arn }, context }, pattern };
}

function known(value: string): boolean {
  return !value.includes('${') && !value.includes(UNKNOWN_PART);
}

let allowEverything: Policy | undefined;

/** The stranger's own identity policy: its account's administrator can grant it anything. */
function strangersOwnPolicy(): Policy {
  allowEverything ??= readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', "the stranger's own policy");
  return allowEverything;
}
