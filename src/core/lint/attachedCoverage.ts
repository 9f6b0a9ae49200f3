/**
 * What a file's managed policy attachments leave checked. An AWS managed policy attached by name is checked
 * (RG201 knows which grant full administrator access), so a file that holds no policy of its own but attaches
 * one is linted. The other policies a linted file attaches by ARN (an account's own,
 * `arn:aws:iam::111122223333:policy/Ops`, or an AWS managed one whose name is known only at deployment) are
 * written elsewhere and never checked here: each is said (RG010), so that the file is not reported clean for
 * them, whether it is linted for a policy of its own or for what it attaches; so is one known only at deployment
 * as a whole (a variable), by what gives it. A reference to a policy the module writes is linted where it is
 * written. A file that attaches nothing else stays, for either, a file of no policy.
 */
import { awsManagedPolicyName, UNKNOWN_PART } from '../policy';
import type { AttachedPolicy, ParseProblem, PolicyDocument } from './model';

/** Whether the file attaches an AWS managed policy by name, which RG201 checks. */
export function attachesByName(attached: readonly AttachedPolicy[] | undefined): boolean {
  return attached?.some((policy) => awsManagedPolicyName(policy.arn) !== undefined) ?? false;
}

/**
 * The policies attached by ARN that are not checked, in a file that is linted: for a policy of its own (a role's
 * trust policy beside its `managed_policy_arns`) or for the AWS managed policies it attaches. One a
 * `data "aws_iam_policy"` looks up, which the linter cannot tell, in any file.
 */
export function attachmentsNotChecked(file: { documents: readonly PolicyDocument[]; attachedPolicies?: readonly AttachedPolicy[] }): ParseProblem[] {
  const linted = file.documents.length > 0 || attachesByName(file.attachedPolicies);
  return (file.attachedPolicies ?? []).flatMap((policy): ParseProblem[] => {
    const { range, givenBy } = policy;
    // A policy looked up to be attached is one the file names, whether or not it is linted for another.
    if (givenBy?.lookup) return [{ range, message: `The policy ${givenBy.attachment} attaches, the one ${givenBy.expression} looks up, is not checked: the linter cannot tell which policy that data source finds.` }];
    if (!linted) return [];
    if (givenBy) return [{ range, message: `The policy ${givenBy.attachment} attaches is not checked: its ARN is given by ${givenBy.expression}, known only at deployment.` }];
    if (awsManagedPolicyName(policy.arn) !== undefined || policy.arn === UNKNOWN_PART) return [];
    const message = `${policy.definedIn ? `${policy.definedIn}: ` : ''}The policy attached here, ${policy.arn}, is not checked: it is not written in this file, and of the policies a file attaches by ARN only AWS managed ones are checked, by name.`;
    return [{ range, message }];
  });
}
