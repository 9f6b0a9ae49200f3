/**
 * S3 acting for a bucket another account owns. S3 calls other services (a Lambda function, an SNS topic, an
 * SQS queue) as `s3.amazonaws.com` for a bucket's event notifications, with the bucket as `aws:SourceArn`
 * and its owner as `aws:SourceAccount`. A bucket's ARN names no account, and once its owner deletes a bucket
 * any account may create one of that name: a grant to S3 that names only the bucket (or no bucket) lets S3 in
 * for whoever owns a bucket of that name. Lambda's AddPermission asks for `SourceAccount` with S3 for this
 * reason (Lambda API Reference, AddPermission: "It is possible for an Amazon S3 bucket to be deleted by its
 * owner and recreated by another account").
 *
 * The account that takes the name is asked about as a stranger: an account and organization the policy
 * does not name, whose bucket has the ARN the statement names (a bucket ARN written, as a pattern or not, or
 * one known only at deployment: the same bucket whatever it turns out to be). Its request is put to the whole
 * policy, so a Deny beside the grant (`StringNotEquals aws:SourceAccount`, a perimeter on `aws:SourceOrgID`)
 * keeps it out as it does in `simulate`.
 */
import { valuations } from './candidates';
import { evaluate } from './evaluate';
import type { ConditionEntry, Policy, PolicyStatement, Request } from './model';
import { parseConditionOperator } from './operators';
import { prepareRequest } from './prepare';
import { actionApplies, resourcePatternCovers } from './statement';
import { spareNames } from './strangerContexts';
import { deployedResources } from './strangerDeployed';
import { YES } from './tri';
import { UNKNOWN_PART } from './unknown';
import { exampleOf, globMatches, hasWildcard } from './wildcards';

const S3_SERVICE = 's3.amazonaws.com';

/** The bucket a SourceArn known only at deployment names, and the bucket of a grant that names none. */
const TAKEN_BUCKET = 'arn:aws:s3:::taken-bucket-name';

/** An S3 ARN pattern naming a bucket (its region and account may be written `*`, as the S3 console writes them). */
const BUCKET_PATTERN = /^arn:([^:]*):s3:[^:]*:[^:]*:([^/]*)$/;

/**
 * The Allow statements, by index, through which S3, acting for a bucket another account creates under the
 * name a statement names, gets in: an Allow to the `s3.amazonaws.com` service that decides that account's
 * request, put to the whole policy. A role S3 assumes (`sts:` actions only) is passed to S3 by its own
 * account's configuration: not asked. A value known only at deployment other than the bucket is the
 * owner's own (`StringNotEquals aws:SourceAccount ${AWS::AccountId}` in a Deny): the taker is let in only
 * where it is let in whatever that value turns out to be. The other keys S3 sends (`aws:SecureTransport`,
 * `s3:x-amz-acl` on an inventory delivery) hold for the taker's bucket what they hold for the owner's: the
 * taker is let in where some value of them lets it in. Who calls is S3: the keys of a calling account's
 * principal are absent.
 */
export function bucketTakerStatements(given: Policy): Set<number> {
  const spare = spareNames(given);
  const policy = withDeployedBucket(deployedResources(given, spare.accounts));
  const taker = { 'aws:SourceAccount': spare.accounts[0], 'aws:SourceOrgID': spare.organization, 'aws:SourceOrgPaths': `${spare.organization}/r-tk01/ou-tk01-takers/` };
  // One question per distinct request: a policy of many such grants asks few.
  const requests = new Map<string, { request: Request; statements: number[] }>();
  const named = namedResources(policy);
  for (const statement of policy.statements) {
    for (const asked of requestsOf(statement, named)) {
      const request: Request = { ...asked, principal: { type: 'Service', id: S3_SERVICE }, context: { ...taker, 'aws:SourceArn': asked.bucket } };
      const key = `${request.action}\u0000${request.resource}\u0000${asked.bucket}`;
      const entry = requests.get(key) ?? { request, statements: [] };
      entry.statements.push(statement.index);
      requests.set(key, entry);
    }
  }
  const takers = new Set<number>();
  const keys = conditionKeys(policy);
  for (const { request, statements } of requests.values()) {
    for (const valued of valuedRequests(request, policy, keys)) {
      const decision = evaluate(valued, { resource: policy });
      // Uncertain: a value known only at deployment decides, one the owner writes (its account, its organization).
      if (decision.decision !== 'allowed' || decision.uncertain) continue;
      for (const deciding of decision.deciding) if (statements.includes(deciding.statement)) takers.add(deciding.statement);
    }
  }
  return takers;
}

/** The keys a calling account's principal brings, which S3's requests lack. */
const CALLER_KEYS = /^aws:(principal(arn|account|type|orgid|orgpaths|tag\/.*|servicenameslist)|userid|username)$/;

/** The condition keys the policy tests, lower case. */
function conditionKeys(policy: Policy): string[] {
  return [...new Set(policy.statements.flatMap((statement) => statement.conditions.map((entry) => entry.key.toLowerCase())))];
}

/**
 * The taker's request with each valuation of the keys S3 sends alike for every bucket's owner (candidates.ts):
 * those neither the request gives (the taker's bucket and account, S3 as the principal, the resource's
 * account) nor a calling account's principal brings. A key a valuation leaves out is absent.
 */
function valuedRequests(request: Request, policy: Policy, keys: readonly string[]): Request[] {
  const given = new Set(prepareRequest(request).context.keys());
  const fixed = new Set(keys.filter((key) => given.has(key) || CALLER_KEYS.test(key)));
  return valuations(policy.statements, fixed).list.map((valuation) => {
    const valued = new Set(Object.keys(valuation).map((key) => key.toLowerCase()));
    return { ...request, context: { ...request.context, ...valuation }, absentKeys: keys.filter((key) => !given.has(key) && !valued.has(key)) };
  });
}

/**
 * The calls S3 makes to deliver a bucket's event notifications (to a topic, a queue, a function), its server
 * access logs, and its inventory and analytics reports (to the destination bucket): S3 makes no other call
 * through a resource policy, so a grant of more (`sqs:*`) is asked about these.
 */
const S3_CALLS = ['sns:Publish', 'sqs:SendMessage', 'lambda:InvokeFunction', 's3:PutObject'];

/**
 * The taker's requests through an Allow to S3, for the bucket it names: each call S3 makes that the Allow
 * grants, on each resource it grants that the policy's statements name (`named`: a queue policy's
 * `arn:aws:sqs:...:*` stands for the queue a Deny beside it names), or else on one its first written
 * resource matches.
 */
function requestsOf(statement: PolicyStatement, named: readonly string[]): Array<{ action: string; resource: string; bucket: string }> {
  const principal = statement.principal;
  if (statement.effect !== 'Allow' || !principal || principal.negated || principal.any) return [];
  if (!(principal.byType.Service ?? []).some((service) => service.toLowerCase() === S3_SERVICE)) return [];
  if (!statement.action || statement.action.negated) return [];
  const actions = S3_CALLS.filter((action) => actionApplies(statement, action) === YES);
  const patterns = statement.resource && !statement.resource.negated ? statement.resource.values.filter(isWritten) : [];
  const covered = named.filter((resource) => patterns.some((pattern) => resourcePatternCovers(pattern, resource)));
  const resources = covered.length > 0 ? covered : [patterns[0] === undefined || patterns[0] === '*' ? '*' : exampleOf(patterns[0])];
  const bucket = bucketNamed(statement);
  return actions.flatMap((action) => resources.map((resource) => ({ action, resource, bucket })));
}

/** The resources the policy's statements name, written in full (no wildcard, nothing known only at deployment). */
function namedResources(policy: Policy): string[] {
  const values = policy.statements.flatMap((statement) => (statement.resource && !statement.resource.negated ? statement.resource.values : []));
  return [...new Set(values.filter((value) => isWritten(value) && !hasWildcard(value)))];
}

function isWritten(value: string): boolean {
  return !value.includes(UNKNOWN_PART) && !value.includes('${');
}

/**
 * The ARN of the bucket the statement's `aws:SourceArn` names: the bucket ARN a pattern matches where its
 * region and account may be empty (`arn:aws:s3:*:*:my-bucket` matches `arn:aws:s3:::my-bucket`), or, where
 * no condition names a bucket so, one the statement does not name.
 */
function bucketNamed(statement: PolicyStatement): string {
  for (const entry of statement.conditions) {
    if (!namesSource(entry)) continue;
    for (const value of entry.values) {
      const pattern = BUCKET_PATTERN.exec(value);
      if (!pattern) continue;
      const partition = globMatches(pattern[1], 'aws', false) ? 'aws' : exampleOf(pattern[1]);
      const bucket = `arn:${partition}:s3:::${exampleOf(pattern[2])}`;
      if (globMatches(value, bucket, false)) return bucket;
    }
  }
  return TAKEN_BUCKET;
}

function namesSource(entry: ConditionEntry): boolean {
  return entry.key.toLowerCase() === 'aws:sourcearn' && parseConditionOperator(entry.operator)?.negated === false;
}

/**
 * The policy with each `aws:SourceArn` value known only at deployment that may be a bucket's ARN (wholly
 * unknown, or an S3 ARN with an unknown part) read as the taker's bucket: the bucket whatever it turns out to
 * be, the same in a Deny beside the grant (`ArnNotEquals` on it lets that bucket's requests past).
 */
function withDeployedBucket(policy: Policy): Policy {
  const deployedBucket = (value: string) => value === UNKNOWN_PART || (value.includes(UNKNOWN_PART) && BUCKET_PATTERN.test(value));
  const statements = policy.statements.map((statement) => {
    if (!statement.conditions.some((entry) => entry.key.toLowerCase() === 'aws:sourcearn' && entry.values.some(deployedBucket))) return statement;
    const conditions = statement.conditions.map((entry) => (entry.key.toLowerCase() === 'aws:sourcearn' ? { ...entry, values: entry.values.map((value) => (deployedBucket(value) ? TAKEN_BUCKET : value)) } : entry));
    return { ...statement, conditions };
  });
  return { ...policy, statements };
}
