/**
 * The requests a resource policy must grant, within one account as across accounts: those on KMS keys
 * (AWS KMS Developer Guide, "Key policies": no IAM policy grants a key unless its key policy lets IAM
 * policies do so) and those that assume an IAM role, which its trust policy must allow. Such a policy grants
 * a caller it names alone; one that names the caller's account lets the caller's identity policies grant.
 */
const TRUST_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

export function resourcePolicyRequired(action: string): boolean {
  const lower = action.toLowerCase();
  return lower.startsWith('kms:') || TRUST_POLICY_ACTIONS.has(lower);
}
