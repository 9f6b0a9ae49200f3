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
 * does not name, whose bucket has the ARN the statement names (a bucket ARN written, or one known only at
 * deployment: the same bucket whatever it turns out to be).
 */
import { conditionHolds } from './conditions';
import type { ConditionEntry, PolicyStatement } from './model';
import { parseConditionOperator } from './operators';
import { UNKNOWN_PART } from './unknown';
import { exampleOf } from './wildcards';

const S3_SERVICE = 's3.amazonaws.com';

/** The bucket's new owner: an account, organization and path no policy names. */
const TAKER = { 'aws:SourceAccount': '999977775555', 'aws:SourceOrgID': 'o-bucketaker1', 'aws:SourceOrgPaths': 'o-bucketaker1/r-tk01/ou-tk01-takers/' };

/** A bucket ARN, whole or in part, or a value known only at deployment (which, S3 calling, is a bucket's ARN). */
const BUCKET_OR_UNKNOWN = new RegExp(`^(arn:[^:]*:s3:::[^/]*|${UNKNOWN_PART}+)$`);

/**
 * Whether S3, acting for a bucket another account creates under the name the statement names, gets in
 * through it: an Allow to the `s3.amazonaws.com` service whose conditions hold for that account's request.
 * A role S3 assumes (`sts:` actions only) is passed to S3 by its own account's configuration: not asked.
 */
export function bucketTakerGetsIn(statement: PolicyStatement): boolean {
  const principal = statement.principal;
  if (statement.effect !== 'Allow' || !principal || principal.negated || principal.any) return false;
  if (!(principal.byType.Service ?? []).some((service) => service.toLowerCase() === S3_SERVICE)) return false;
  if (!statement.action || statement.action.negated || statement.action.values.every((action) => /^sts:/i.test(action))) return false;
  // The taker's bucket has the ARN a condition names: such a condition holds for it by construction.
  const namesTheBucket = (entry: ConditionEntry) => entry.key.toLowerCase() === 'aws:sourcearn' && parseConditionOperator(entry.operator)?.negated === false && entry.values.length > 0 && entry.values.every((value) => BUCKET_OR_UNKNOWN.test(value));
  const bucket = statement.conditions.find(namesTheBucket)?.values[0];
  const context = { ...TAKER, 'aws:SourceArn': bucket && !bucket.includes(UNKNOWN_PART) ? exampleOf(bucket) : 'arn:aws:s3:::taken-bucket-name' };
  return statement.conditions.filter((entry) => !namesTheBucket(entry)).every((entry) => conditionHolds(entry, context) === true);
}
