/** What a statement's `Resource` and `Condition` leave open, for the broad-grant rules (RG109, RG2xx). */
import { BoundedMemo } from '../../boundedMemo';
import type { Statement } from '../model';
import { UNKNOWN_PART, resourcePatternCovers } from '../../policy';
import { splitArn } from '../../policy/patterns';

/**
 * What a `Resource` reaches whole: every resource (`*`, `arn:*`, `arn*`), or every resource of a service in
 * every account (`arn:aws:iam::*:*`, `arn:aws:s3:::*`), or of one resource type (`arn:aws:iam::*:role/*`,
 * `role*`). The policy engine is asked whether the values match resources of different names, paths,
 * accounts and Regions (probes): a service's wildcard reaches only that service's resources (`Allow *` on
 * `arn:aws:s3:::*` is no administrator, `iam:PassRole` on `user/*` passes no role), and a Region IAM's ARNs do
 * not have (`arn:aws:iam:us-east-1:*:*`) reaches none of them. An IAM value naming its account
 * (`arn:aws:iam::111122223333:role/*`, `${aws:PrincipalAccount}`, `${AWS::AccountId}`) reaches every role
 * there, the only account whose IAM an identity policy acts on. A `NotResource` reaches what it does not
 * list: every other resource (RG204 says it is written so). Five rules ask this of every Allow.
 */
/** Two accounts and two Regions: a value that names one of them reaches no resource "whole". */
const ACCOUNTS = ['123456789012', '210987654321'];

/** Resources of each IAM type, with and without a path, in both accounts. */
function iamProbes(partition: string, type: string): string[] {
  const types = type === '*' ? ['role', 'user', 'group', 'policy'] : [type];
  return types.flatMap((t) => ACCOUNTS.map((account, i) => `arn:${partition}:iam::${account}:${t}/${i ? 'rg/path/' : ''}rgprobe`));
}

/** Resources a value must match to reach every resource of `service` (and `type`): the engine's probes, made once. */
function probes(partition: string, service: string, type: string): readonly string[] {
  const key = `${partition}\u0000${service}\u0000${type}`;
  let made = madeProbes.get(key);
  if (!made) {
    made = makeProbes(partition, service, type);
    madeProbes.set(key, made);
  }
  return made;
}

const madeProbes = new Map<string, readonly string[]>();

function makeProbes(partition: string, service: string, type: string): string[] {
  if (service === '*') return [...iamProbes(partition, '*'), `arn:${partition}:s3:::rgprobe/key`, `arn:${partition}:ec2:us-west-2:${ACCOUNTS[1]}:instance/i-0rgprobe`];
  if (service === 'iam') return iamProbes(partition, type);
  if (service === 's3') return [`arn:${partition}:s3:::rgprobe`, `arn:${partition}:s3:::rgprobe/key`];
  // Services whose ARNs have no Region: a wildcard written without one reaches all of their resources.
  const global = GLOBAL_RESOURCES[service];
  if (global) return ACCOUNTS.flatMap((account) => global(account).map((resource) => `arn:${partition}:${service}::${account}:${resource}`));
  const typed = type === '*' ? 'rgtype' : type;
  return ACCOUNTS.flatMap((account, i) => [`arn:${partition}:${service}:${i ? 'us-west-2' : 'us-east-1'}:${account}:${typed}/rgprobe`, `arn:${partition}:${service}::${account}:${typed}/rgprobe`]);
}

/** Resources of the global services the broad-grant rules ask about, as their ARNs write them after the account. */
const GLOBAL_RESOURCES: Record<string, (account: string) => string[]> = {
  organizations: (account) => [`account/o-rgprobe/${account}`, 'policy/o-rgprobe/service_control_policy/p-rgprobe', 'ou/o-rgprobe/ou-rgpb-rgprobe', 'root/o-rgprobe/r-rgpb'],
  account: (account) => ['account', `account/o-rgprobe/${account}`],
};

/** The partition the statement's ARNs name (`arn:aws-cn:`), `aws` when none does. */
function partitionOf(values: readonly { value: string }[]): string {
  for (const { value } of values) {
    const named = /^arn:(aws[a-z-]*):/.exec(value)?.[1];
    if (named) return named;
  }
  return 'aws';
}

/** Whether the positive Resource values, together, match every probe of `service` and `type`. */
function reaches(statement: Statement, service: string, type: string): boolean {
  const element = statement.resource;
  if (!element) return false;
  // Most Allows are asked of thousands: `*` reaches everything, and a value with no wildcard one resource.
  let wildcard = false;
  for (const { value } of element.values) {
    if (value === '*') return !element.negated;
    if (value.includes('*') || value.includes('?')) wildcard = true;
  }
  if (!wildcard && !element.negated) return false;
  // Most of the rest name only other services' resources (`arn:aws:s3:::bucket/*`, asked about IAM), which
  // the filter below leaves none of: told apart before a key of every value is made and looked up.
  if (!element.negated && service !== '*' && element.values.every(({ value }) => namesOtherService(value, service))) return false;
  // Remembered by the values and the question: a run (and the editor, lint after lint) asks the same again.
  const key = `${element.negated ? '!' : ''}${element.values.map((v) => v.value).join('\u0001')}\u0000${service}\u0000${type}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    const found = probes(partitionOf(element.values), service, type);
    const written = element.values.map((v) => (service === 'iam' ? anyIamAccount(v.value) : v.value));
    if (element.negated) answer = found.every((probe) => !written.some((value) => resourcePatternCovers(value, probe)));
    else {
      // A value naming an account, or another service, reaches no probe of both accounts or of this service.
      const values = written.filter((value) => !/\d{12}/.test(value) && (service === '*' || !namesOtherService(value, service)));
      answer = values.length > 0 && found.every((probe) => values.some((value) => resourcePatternCovers(value, probe)));
    }
    answers.set(key, answer);
  }
  return answer;
}

/**
 * An IAM ARN with its account part, when it names one (digits, a policy variable, a part known only at
 * deployment), read as any account: an identity policy acts on the IAM of its own account only, so
 * `arn:aws:iam::111122223333:role/*` reaches every role it can, as `arn:aws:iam::*:role/*` does.
 */
function anyIamAccount(value: string): string {
  const parts = splitArn(value, true);
  if (!parts || parts[0] !== 'arn' || parts[2] !== 'iam' || parts[3] !== '') return value;
  const [, partition, , , account, resource] = parts;
  const known = (part: string) => !part.includes('${') && !part.includes(UNKNOWN_PART);
  if (!/^\d{12}$/.test(account) && known(account)) return value;
  return `arn:${known(partition) ? partition : '*'}:iam::*:${resource}`;
}

const answers = new BoundedMemo<string, boolean>(20_000);

/** `arn:aws:s3:::*` names a service, s3, written without a wildcard: not `service`. */
function namesOtherService(value: string, service: string): boolean {
  const named = /^arn:[^:]*:([^:*?]+):/.exec(value)?.[1];
  return named !== undefined && named.toLowerCase() !== service;
}

/** True when the statement reaches every resource of every service. */
export function coversEveryResource(statement: Statement): boolean {
  return reaches(statement, '*', '*');
}

/**
 * True when the statement reaches every resource of `service` (the service in its ARNs: `iam` for sts's roles),
 * of resource type `type` when given (`role`), in every account.
 */
export function coversAllResources(statement: Statement, service: string, type?: string): boolean {
  return reaches(statement, service, type ?? '*') || (type === undefined && service === 'iam' && ['role', 'user', 'policy', 'group'].some((t) => reaches(statement, 'iam', t)));
}

/** True when the statement has a non-empty `Condition`. */
export function hasCondition(statement: Statement): boolean {
  return (statement.conditionNode?.children?.length ?? 0) > 0;
}
