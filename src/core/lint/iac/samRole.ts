/**
 * The execution role SAM creates for an `AWS::Serverless::Function` (or state machine): only where the
 * resource gives no `Role` (samtranslator: `if lambda_function.Role is None`). `AssumeRolePolicyDocument`,
 * written on the function or inherited from `Globals.Function`, is "the trust policy for the default created
 * Role for this function": a function that names its own role gets no created role, and the document is
 * never deployed. `Role` is not among the properties `Globals` gives, so the function's own decides.
 */
import { intrinsicCall } from './intrinsics';
import { entryValue, type IacValue } from './sourceTree';

/** Whether SAM creates the resource's role: no `Role`, or one that a side of an `Fn::If` (or the whole) leaves out with `AWS::NoValue`. */
export function samCreatesRole(props: IacValue): boolean {
  const role = entryValue(props, 'Role');
  if (role === undefined || isNoValue(role)) return true;
  const call = intrinsicCall(role);
  return call?.name === 'Fn::If' && call.arg.kind === 'seq' && call.arg.items.slice(1).some(isNoValue);
}

function isNoValue(value: IacValue): boolean {
  const call = intrinsicCall(value);
  return call?.name === 'Ref' && call.arg.kind === 'scalar' && call.arg.value === 'AWS::NoValue';
}
