/**
 * RG208: a resource policy (a role's trust policy included) that lets in principals of any AWS account:
 * `Principal: "*"` or `{"AWS": "*"}`, or `NotPrincipal` in an Allow, with no condition on who calls.
 *
 * The policy engine decides whether a stranger gets in through the statement (policy/strangers.ts): a user of
 * an account the policy does not name, after the policy's Deny statements. A condition on a key that names
 * the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce, sts:ExternalId...) keeps it out, and
 * there is no finding; a condition only on keys the caller sets (aws:Referer, aws:UserAgent, the time, MFA on
 * the caller's own user) limits nothing, and is named. A function URL whose auth type is NONE is open to anyone
 * on the internet: said so, as one that may be meant. S3 let in for a bucket whose owner no condition names
 * (policy/bucketTakers.ts) lets in whichever account creates a bucket of that name: reported too.
 */
import { type AdmittingRequest, type Undecided, bucketTakerStatements, isSetByCaller, publicStatements } from '../../policy';
import { enginePolicy, perDocument } from '../enginePolicy';
import type { PolicyDocument, Rule, Statement } from '../model';
import { listKeys, listNames } from '../semantics/describe';
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
      const access = publicAccess(document);
      if (access.unanswered.includes(statement.index)) {
        context.report({ document, node: statement.principal.node, message: 'Not checked for access by any AWS account: the policy has more statements open to principals than the linter weighs.' });
        return;
      }
      const undecided = access.undecided.get(statement.index);
      if (undecided) {
        context.report({ document, node: statement.principal.node, message: undecidedMessage(undecided, statement, document) });
        return;
      }
      const admitting = access.statements.get(statement.index);
      if (admitting === undefined) {
        if (bucketTakers(document).has(statement.index)) context.report({ document, node: statement.principal.node, message: bucketTakerMessage(statement) });
        return;
      }
      const message = opensFunctionUrl(statement)
        ? `Anyone can ${whatItDoes(admitting, statement)}, without AWS credentials: Principal "*" on a function URL whose auth type is NONE. Expected where the URL is meant to be public; otherwise set the URL's AuthType to AWS_IAM and name the principals.`
        : `Any principal of any AWS account can ${whatItDoes(admitting, statement)}: ${howItLetsIn(statement)}.`;
      context.report({ document, node: statement.principal.node, message });
    });
  },
};

/**
 * A statement that lets a stranger in unless a value known only at deployment says otherwise: its NotAction,
 * of a service known only then or with a part that may be `*`, may list every action of the service the
 * policy guards, or leave some in; a Deny beside it, its action or the grant's known only then, may cover the
 * grant or not.
 */
function undecidedMessage(undecided: Undecided, statement: Statement, document: PolicyDocument): string {
  const notChecked = 'Not checked for access by any AWS account:';
  if (undecided.by === 'Deny') {
    const deny = document.statements.find((s) => s.index === undecided.deny)!.action!;
    const denied = `${deny.negated ? 'every action but ' : ''}${listNames(deny.values.map((v) => `"${v.value}"`))}`;
    return `${notChecked} whether the Deny of ${denied} covers this grant is known only at deployment. Unless it does, any principal of any AWS account can ${whatItDoes(undecided.admitting, statement)}: ${howItLetsIn(statement)}.`;
  }
  const listed = listNames(statement.action!.values.map((v) => `"${v.value}"`));
  const every = undecided.service ? `every ${undecided.service} action` : 'every action of the service this policy guards';
  const unknown = undecided.serviceKnown ? `is known only in part before deployment, and may be "${undecided.service}:*"` : 'names a service known only at deployment';
  return `${notChecked} NotAction ${listed} ${unknown}. Unless it lists ${every}, any principal of any AWS account can call the others here: ${howItLetsIn(statement)}.`;
}

/**
 * Why a stranger gets in, and what to do: no condition on who calls, one only on keys the caller sets, or one
 * on who calls that lets others in (`StringNotEquals aws:PrincipalOrgID`, `StringEqualsIfExists`,
 * `arn:aws:iam::*:*`).
 */
function howItLetsIn(statement: Statement): string {
  const who = statement.principal!.negated ? 'NotPrincipal in an Allow' : 'Principal "*"';
  const keys = [...new Set(statement.conditions.map((entry) => entry.key.value))];
  const naming = keys.filter((key) => !isSetByCaller(key));
  const advice = 'Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount';
  if (naming.some((key) => /^aws:principalorg(id|paths)$/i.test(key))) {
    return `${who} whose condition on ${listKeys(naming)} still lets in accounts outside the organizations it names. Name the organizations let in, with StringEquals and without IfExists`;
  }
  if (naming.length) return `${who} whose condition on ${listKeys(naming)} matches principals of any account. ${advice}`;
  const setByCaller = keys.filter(isSetByCaller);
  return `${who} with no condition on who calls${setByCaller.length ? `; its condition tests only ${listKeys(setByCaller)}, which the caller sets` : ''}. ${advice}`;
}

/**
 * A grant on a Lambda function URL whose auth type is NONE (`StringEquals lambda:FunctionUrlAuthType NONE`):
 * Lambda does not authenticate its requests, so anyone on the internet calls it, AWS account or not. Often
 * meant (a public webhook), so the finding says so.
 */
function opensFunctionUrl(statement: Statement): boolean {
  return statement.conditions.some((entry) => /^lambda:functionurlauthtype$/i.test(entry.key.value) && /^StringEquals$/i.test(entry.operator.value) && entry.values.some((v) => v.value === 'NONE'));
}

/**
 * S3 let in for a bucket of the name the statement names (or any bucket), whoever owns it: a bucket's ARN
 * names no account, and a deleted bucket's name is anyone's to take.
 */
function bucketTakerMessage(statement: Statement): string {
  const action = statement.action!.values[0]?.value ?? 'the actions granted';
  const namesBucket = statement.conditions.some((entry) => /^aws:sourcearn$/i.test(entry.key.value));
  const how = namesBucket ? 'aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner' : 'no condition on aws:SourceArn or aws:SourceAccount names the bucket or its owner';
  return `Any AWS account can have S3 call "${action}" here for a bucket it owns: ${how}. A bucket's ARN names no account, and once the bucket is deleted any account can create one of its name. Add a condition on aws:SourceAccount (a Lambda permission's SourceAccount) naming the bucket owner's account.`;
}

/** "assume this role", "call \"s3:GetObject\" here", or through NotAction "call every s3 action but \"s3:Delete*\" here". */
function whatItDoes({ action, throughNotAction }: AdmittingRequest, statement: Statement): string {
  if (/^sts:assumerole$/i.test(action)) return 'assume this role';
  if (!throughNotAction) return `call "${action}" here`;
  return `call every ${serviceOf(action)} action but ${listNames(statement.action!.values.map((v) => `"${v.value}"`))} here`;
}

function serviceOf(action: string): string {
  return action.slice(0, action.indexOf(':'));
}

/** The engine's answer for the whole document, asked once. */
const publicAccess = perDocument((document: PolicyDocument) => publicStatements(enginePolicy(document)));

/** The statements that let S3 in for a bucket another account owns (policy/bucketTakers.ts), by index. */
const bucketTakers = perDocument((document: PolicyDocument) => bucketTakerStatements(enginePolicy(document)));

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
