/**
 * The services whose requests RCPs limit ("List of AWS services that support RCPs", AWS Organizations User
 * Guide): S3, STS, KMS, SQS and Secrets Manager since RCPs launched (November 2024), ECR and OpenSearch
 * Serverless since June 2025, Cognito and CloudWatch Logs since January 2026. An RCP limits no request to
 * another service: an RCP that denies everything leaves IAM, and so the IAM calls of root tasks, alone.
 * AWS adds services to the list; one added after it was last read here is taken as not limited.
 */
import { MAYBE, NO, type Tri, YES } from './tri';

const RCP_SERVICES: ReadonlySet<string> = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'cognito-identity', 'logs']);

/** True when RCPs limit requests for `action` (`service:Action`). */
export function rcpsGovern(action: string): boolean {
  return RCP_SERVICES.has(action.slice(0, action.indexOf(':')).toLowerCase());
}

/** What an answer depends on where an RCP decides a call on no resource (rcpsGovernRequest). */
export const RCP_ON_NO_RESOURCE = 'whether RCPs govern a call on no resource';

/**
 * Whether RCPs limit a request for `action` on `resource`: NO for a service they do not govern; MAYBE for a
 * call on no resource (`*`: `s3:ListAllMyBuckets`, `sqs:ListQueues`), as AWS documents RCPs as limiting access
 * to resources and does not say whether they govern a call that has none (an RCP's answer there depends on
 * RCP_ON_NO_RESOURCE, never certain); YES otherwise. The one place that decides it, for the preflight
 * (decideOrgFilters) and RG107 (rootSessionDenials) alike.
 */
export function rcpsGovernRequest(action: string, resource: string): Tri {
  if (!rcpsGovern(action)) return NO;
  return resource === '*' ? MAYBE : YES;
}

/** The services RCPs limit, by prefix, for messages. */
export function rcpServicePrefixes(): string[] {
  return [...RCP_SERVICES];
}
