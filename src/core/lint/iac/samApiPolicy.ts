/**
 * The resource policy (execute-api) SAM builds for an `AWS::Serverless::Api` from its
 * `Auth.ResourcePolicy`: statements of its own made from lists of accounts, IP ranges and VPCs
 * (`IpRangeWhitelist`, `AwsAccountBlacklist`, ...), and `CustomStatements`, a list of statements it adds as
 * written. Custom statements alone are that policy, and are read as one; beside a list SAM makes statements
 * of (a Deny of other IP ranges may narrow what they allow), the policy is not checked.
 */
import type { OffsetRange } from '../model';
import { intrinsicCall } from './intrinsics';
import { entryValue, type IacValue } from './sourceTree';

/** What SAM adds to the API's policy as written. */
const CUSTOM_STATEMENTS = 'CustomStatements';

/** The API's custom statements, read as its policy, or why its policy is not checked; nothing without a policy. */
export function samApiResourcePolicy(props: IacValue, prefix: string): { statements: IacValue; origin: string } | { notChecked: string; range: OffsetRange } | undefined {
  const policy = entryValue(entryValue(props, 'Auth'), 'ResourcePolicy');
  if (!policy) return undefined;
  const statements = entryValue(policy, CUSTOM_STATEMENTS);
  const built = policy.kind === 'map' && !intrinsicCall(policy) ? policy.entries.filter((entry) => entry.key !== CUSTOM_STATEMENTS).map((entry) => entry.key) : undefined;
  if (statements && built?.length === 0) return { statements, origin: `${prefix}Auth.ResourcePolicy.${CUSTOM_STATEMENTS}` };
  const from = built?.length ? ` (${built.join(', ')})` : '';
  return { notChecked: `${prefix}Auth.ResourcePolicy is not checked: SAM builds the API's resource policy from it${from}, which the linter does not read.`, range: policy.range };
}
