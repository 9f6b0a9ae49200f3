/**
 * The requests a resource policy must grant, within one account as across accounts: those on KMS keys
 * (AWS KMS Developer Guide, "Key policies": no IAM policy grants a key unless its key policy lets IAM
 * policies do so; `kms:CreateKey` and the listings act on no key) and those that assume an IAM role, which
 * its trust policy must allow. Such a policy grants a caller it names alone; one that names the caller's
 * account lets the caller's identity policies grant.
 */
import { engineData } from './engineData';

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
  return (lower.startsWith('kms:') && !keylessKmsActions().has(lower)) || TRUST_POLICY_ACTIONS.has(lower);
}

let keyless: ReadonlySet<string> | undefined;

/** The KMS actions on no key (`kms:CreateKey`, `kms:ListKeys`): IAM policies alone grant them. */
function keylessKmsActions(): ReadonlySet<string> {
  keyless ??= new Set(engineData().keylessKmsActions);
  return keyless;
}
