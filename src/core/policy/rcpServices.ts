/**
 * The services whose requests RCPs limit, by the prefixes of their actions: "List of AWS services that
 * support RCPs", AWS Organizations User Guide, as read on 2026-09-26. RCPs launched with S3, STS, KMS, SQS
 * and Secrets Manager (November 2024); the list has grown since to DynamoDB, EventBridge, CloudFront, WAF,
 * CodeBuild, IAM Roles Anywhere and the rest below. An RCP limits no request to another service: an RCP that
 * denies everything leaves IAM, and so the IAM calls of root tasks, alone. AWS adds services to the list; one
 * added after it was read here is taken as not limited, and simulate says so for each answer it affects.
 */
import { MAYBE, NO, type Tri, YES } from './tri';

const RCP_SERVICES: ReadonlySet<string> = new Set([
  'aoss', 'appconfig', 'appstream', 'autoscaling', 'autoscaling-plans', 'budgets', 'clouddirectory', 'cloudfront', 'cloudsearch',
  'cloudtrail-data', 'codeartifact', 'codebuild', 'codecommit', 'codepipeline', 'cognito-identity', 'cognito-idp', 'comprehend',
  'comprehendmedical', 'compute-optimizer', 'cost-optimization-hub', 'dax', 'dsql', 'dynamodb', 'ecr', 'ecr-public', 'events',
  'firehose', 'fis', 'fms', 'gamelift', 'health', 'inspector-scan', 'kendra', 'kinesisvideo', 'kms', 'logs', 'memorydb',
  'networkmonitor', 'notifications', 'opensearch', 'pca-connector-ad', 'personalize', 'polly', 'pricing', 'resource-groups',
  'rolesanywhere', 's3', 'secretsmanager', 'servicediscovery', 'signin', 'sqs', 'sts', 'support', 'swf', 'textract',
  'timestream-influxdb', 'transcribe', 'transfer', 'translate', 'wafv2', 'workspaces', 'xray',
]);

/** The date the list above was read from AWS's documentation, for messages that rest on it. */
export const RCP_SERVICES_READ = '2026-09-26';

/**
 * Permissions of a service RCPs limit that they do not impact ("Resources and entities not restricted by
 * RCPs"): kms:RetireGrant, decided by the grant itself, even under an RCP whose Action is `*`.
 */
const NOT_IMPACTED: ReadonlySet<string> = new Set(['kms:retiregrant']);

/** True when RCPs limit requests for `action` (`service:Action`). */
export function rcpsGovern(action: string): boolean {
  const lower = action.toLowerCase();
  return RCP_SERVICES.has(lower.slice(0, lower.indexOf(':'))) && !NOT_IMPACTED.has(lower);
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
