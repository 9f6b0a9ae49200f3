/**
 * AWS managed policies a file attaches by ARN (a template's `ManagedPolicyArns`, a Terraform
 * `policy_arn`): only the ARN is written, and AWS keeps the document. Those that allow every action on every
 * resource without condition are known here by name, so that attaching one weighs as writing its grant.
 */
import { UNKNOWN_PART } from './unknown';

/** AWS managed policies whose document is `Allow` of `*` on `*`, without condition. */
const FULL_ADMIN_POLICIES: ReadonlySet<string> = new Set(['AdministratorAccess']);

/** An AWS managed policy's ARN in any partition, the partition perhaps known only at deployment (`${AWS::Partition}`). */
const AWS_MANAGED_ARN = new RegExp(`^arn:(?:[a-z][a-z-]*|${UNKNOWN_PART}):iam::aws:policy/([\\w+=,.@/-]+)$`);

/** The name of the AWS managed policy an ARN names, where the name is known. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn)?.[1];
}

/** The name of the AWS managed policy an ARN names when that policy grants full administrator access. */
export function fullAdminManagedPolicy(arn: string): string | undefined {
  const name = awsManagedPolicyName(arn);
  return name !== undefined && FULL_ADMIN_POLICIES.has(name) ? name : undefined;
}

/** The ARN of an AWS managed policy SAM's `Policies` names alone (`AdministratorAccess`), in the template's partition. */
export function awsManagedPolicyArn(name: string): string {
  return `arn:${UNKNOWN_PART}:iam::aws:policy/${name}`;
}
