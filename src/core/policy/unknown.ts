/**
 * How policy text says "a part of this value is not known until deployment". The IaC layer turns a
 * CloudFormation `Ref`, `Fn::GetAtt`, a `${X}` of `Fn::Sub` that is not an IAM policy variable, or a
 * Terraform variable into this character, one per unknown part (`Fn::Sub: arn:${AWS::Partition}:iam::*:root`
 * becomes `arn:\uE000:iam::*:root`). It is a Unicode private-use character, so no real policy value holds
 * it; the engine reads it as "could be anything" and reports that the answer depends on it.
 */
export const UNKNOWN_PART = '\uE000';

/**
 * True for a value that is unknown as a whole (`!Ref Statements`, `var.condition`): it could be any JSON
 * value, an object or a list included, where a value with a known part can only be a string.
 */
export function isWhollyUnknown(value: unknown): boolean {
  return value === UNKNOWN_PART;
}
