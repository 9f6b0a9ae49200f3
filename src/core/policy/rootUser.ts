/**
 * The root user as a caller: it has every permission in its own account (no identity policy grants it
 * anything), and S3 and SQS never let a bucket's or queue's policy lock the owner's root user out of managing
 * that policy.
 */
import type { RequestPrincipal } from './model';
import type { PreparedRequest } from './statement';

/** The partition and account of an account's root user ARN (`arn:aws:iam::111122223333:root`). */
export function parseRootUserArn(arn: string): { partition: string; account: string } | undefined {
  const match = ROOT_USER.exec(arn);
  return match ? { partition: match[1], account: match[2] } : undefined;
}

const ROOT_USER = /^arn:([^:]+):iam::(\d{12}):root$/;

/** The account of a caller that is an account's root user, a root session's too. */
export function rootUserAccount(principal: RequestPrincipal | undefined): string | undefined {
  return principal?.type === 'AWS' ? parseRootUserArn(principal.id)?.account : undefined;
}

/**
 * S3 lets the bucket owner's root user get, put and delete the bucket policy whatever the policy says, so
 * that no owner locks itself out: "Bucket owner root principals can only be blocked from performing these
 * API actions by VPC endpoint policies and AWS Organizations policies" (S3 API Reference,
 * DeleteBucketPolicy). SQS does the same for a queue's policy, which its attributes hold: "the current
 * root-only actions ... Edit or delete an SQS resource-based policy that denies all principals" (AWS
 * Account Management Reference, actions for project owners), the job of SQSUnlockQueuePolicy. These are what
 * the two unlock tasks rely on. A bucket ARN names no account: without `aws:ResourceAccount` the request is
 * read as within the caller's account, as everywhere else.
 */
export function ownPolicyIgnored(request: PreparedRequest): boolean {
  if (!POLICY_MANAGING_ACTIONS.has(request.action.toLowerCase())) return false;
  const account = rootUserAccount(request.principal);
  const owner = request.context.get('aws:resourceaccount')?.[0];
  return account !== undefined && (owner === undefined || owner === account);
}

const POLICY_MANAGING_ACTIONS = new Set(['s3:getbucketpolicy', 's3:putbucketpolicy', 's3:deletebucketpolicy', 'sqs:getqueueattributes', 'sqs:setqueueattributes']);

/**
 * The calls the root user cannot make, whatever the policies: `sts:AssumeRoot` takes the credentials of an
 * IAM user or role of the management or delegated administrator account (STS API Reference, AssumeRoot), and
 * "You cannot call AssumeRole by using AWS account root user credentials; access is denied" (AssumeRole).
 */
export function refusedToRootUser(request: PreparedRequest): boolean {
  return REFUSED_TO_ROOT.has(request.action.toLowerCase()) && rootUserAccount(request.principal) !== undefined;
}

const REFUSED_TO_ROOT = new Set(['sts:assumeroot', 'sts:assumerole']);
