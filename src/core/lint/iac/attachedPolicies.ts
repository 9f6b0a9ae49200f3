/**
 * The managed policies a template's resources attach by ARN: roles', users' and groups'
 * `ManagedPolicyArns`, a permission set's `ManagedPolicies`, and the names and ARNs among a SAM function's or
 * state machine's `Policies` (SAM reads a name alone as an AWS managed policy's). An ARN under `Fn::If` is
 * read on each side; `Fn::Sub` and `Fn::Join` are resolved, `${AWS::Partition}` an unknown part.
 */
import type { AttachedPolicy, OffsetRange } from '../model';
import { awsManagedPolicyArn } from '../../policy';
import { intrinsicCall, resolveIntrinsics } from './intrinsics';
import { entryValue, type IacValue } from './sourceTree';

/** The property that lists the managed policies each resource type attaches. */
const ARN_LISTS: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'ManagedPolicyArns',
  'AWS::IAM::User': 'ManagedPolicyArns',
  'AWS::IAM::Group': 'ManagedPolicyArns',
  'AWS::SSO::PermissionSet': 'ManagedPolicies',
  'AWS::Serverless::Function': 'Policies',
  'AWS::Serverless::StateMachine': 'Policies',
};

export function templateAttachedPolicies(type: string, props: IacValue): AttachedPolicy[] {
  const property = ARN_LISTS[type];
  if (!property) return [];
  const found = arnsIn(entryValue(props, property));
  if (!type.startsWith('AWS::Serverless::')) return found;
  return found.map((policy) => (policy.arn.startsWith('arn:') ? policy : { ...policy, arn: awsManagedPolicyArn(policy.arn) }));
}

/** The strings of a list of ARNs, each where it is written; documents, policy templates and other functions' values hold none. */
function arnsIn(value: IacValue | undefined): { arn: string; range: OffsetRange }[] {
  if (!value) return [];
  const call = intrinsicCall(value);
  if (call?.name === 'Fn::If') return call.arg.kind === 'seq' ? call.arg.items.slice(1).flatMap(arnsIn) : [];
  if (!call && value.kind === 'seq') return value.items.flatMap(arnsIn);
  if (call && call.name !== 'Fn::Sub' && call.name !== 'Fn::Join') return [];
  const resolved = call ? resolveIntrinsics(value, { holds: () => true }).value : value;
  return resolved?.kind === 'scalar' && typeof resolved.value === 'string' ? [{ arn: resolved.value, range: value.range }] : [];
}
