/**
 * The services whose requests RCPs limit ("List of AWS services that support RCPs", AWS Organizations User
 * Guide): S3, STS, KMS, SQS and Secrets Manager since RCPs launched (November 2024), ECR and OpenSearch
 * Serverless since June 2025, Cognito and CloudWatch Logs since January 2026. An RCP limits no request to
 * another service: an RCP that denies everything leaves IAM, and so the IAM calls of root tasks, alone.
 * AWS adds services to the list; one added after it was last read here is taken as not limited.
 */
const RCP_SERVICES: ReadonlySet<string> = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'cognito-identity', 'logs']);

/** True when RCPs limit requests for `action` (`service:Action`). */
export function rcpsGovern(action: string): boolean {
  return RCP_SERVICES.has(action.slice(0, action.indexOf(':')).toLowerCase());
}

/** The services RCPs limit, by prefix, for messages. */
export function rcpServicePrefixes(): string[] {
  return [...RCP_SERVICES];
}
