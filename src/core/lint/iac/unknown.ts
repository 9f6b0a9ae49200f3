/**
 * How a policy value says "this part is only known at deployment" (a CloudFormation `Ref`, a `${X}` of
 * `Fn::Sub` that is no IAM policy variable, a Terraform variable): one private-use character per unknown
 * part, so that no real value holds it. The policy engine reads it as "could be anything".
 */
export const UNKNOWN_PART = '\uE000';
