/**
 * Terraform's Lambda permissions (`aws_lambda_permission`, `aws_lambda_layer_version_permission`, and those
 * the provider adds for a public `aws_lambda_function_url`): no policy is written, Lambda builds a statement
 * of the attributes (lambdaPermission.ts). Their attributes are read under CloudFormation's property names,
 * each where it is written, so a finding lands on its line.
 */
import { statementPolicy } from './cloudFormation';
import { attributes, attributeValue } from './hclBlocks';
import type { HclNode } from './hclParser';
import { describeExpression, hclValue, rangeOf, type Scope } from './hclValues';
import { intrinsicCall, selectUnderIfs } from './intrinsics';
import { publicUrlPermissions } from './functionUrlPermissions';
import { lambdaPermissionStatement, TERRAFORM_PERMISSIONS } from './lambdaPermission';
import type { OffsetRange } from '../model';
import type { IacEntry, IacMap, IacValue } from './sourceTree';
import { UNKNOWN_PART } from '../../policy';

/** The policy of the one statement a Lambda permission resource adds; undefined for other resources, or without an action or a principal. */
export function terraformPermissionPolicy(block: HclNode, type: string, scope: Scope): IacMap | undefined {
  const permission = TERRAFORM_PERMISSIONS[type];
  if (!permission) return undefined;
  const entries: IacEntry[] = [];
  for (const [name, attribute] of attributes(block)) {
    const property = permission.properties[name];
    const value = property ? unsetWhereNull(hclValue(attributeValue(attribute), scope)) : undefined;
    if (value) entries.push({ key: property, keyRange: rangeOf(attribute.namedChildren[0]!), value });
  }
  const statement = lambdaPermissionStatement({ kind: 'map', entries, range: rangeOf(block) }, permission.target);
  return statement && statementPolicy(statement);
}

/**
 * The policies of the permissions the provider adds when it creates an `aws_lambda_function_url` whose
 * `authorization_type` is "NONE" (functionUrlPermissions.ts), each with its action; none for other resources.
 * A conditional auth type adds them on its "NONE" sides only (`var.public ? "NONE" : "AWS_IAM"`); one the
 * linter cannot evaluate (`var.auth_type`) may add them or not: said as `unknownAuthType`, never read as
 * closed.
 */
export function terraformFunctionUrlPolicies(block: HclNode, type: string, scope: Scope): { policies: { action: string; policy: IacValue }[]; unknownAuthType?: UnknownAuthType } {
  if (type !== 'aws_lambda_function_url') return { policies: [] };
  const read = (name: string, property: string): IacEntry | undefined => {
    const attribute = attributes(block).get(name);
    const value = attribute && unsetWhereNull(hclValue(attributeValue(attribute), scope));
    return value && { key: property, keyRange: rangeOf(attribute.namedChildren[0]!), value };
  };
  const authType = read('authorization_type', 'AuthType');
  if (!authType) return { policies: [] };
  const target = [read('function_name', 'FunctionName'), read('qualifier', 'Qualifier')].filter((entry) => entry !== undefined);
  const policies = (['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'] as const).flatMap((action) => {
    const onSide = (side: IacValue) => publicUrlPermissions({ ...authType, value: side }, target).find((added) => added.action === action);
    const policy = selectUnderIfs(authType.value, (side) => {
      const added = onSide(side);
      return added && statementPolicy(added.statement);
    });
    return policy ? [{ action, policy }] : [];
  });
  const unknown = sidesOf(authType.value).some((side) => side.kind !== 'scalar' || typeof side.value !== 'string' || side.value.includes(UNKNOWN_PART));
  const expression = attributeValue(attributes(block).get('authorization_type')!);
  return unknown ? { policies, unknownAuthType: { expression: describeExpression(expression), range: rangeOf(expression) } } : { policies };
}

/** An auth type the linter cannot evaluate: as written, and where. */
export interface UnknownAuthType {
  expression: string;
  range: OffsetRange;
}

/** The values a conditional may take, each side of each of its conditionals; the value itself otherwise. */
function sidesOf(value: IacValue): IacValue[] {
  const call = intrinsicCall(value);
  if (call?.name !== 'Fn::If' || call.arg.kind !== 'seq') return [value];
  return call.arg.items.slice(1).flatMap(sidesOf);
}

/**
 * The attribute's value as Terraform passes it, where `null` leaves the argument unset: none for `null`;
 * on a side of a conditional (`var.restrict ? "o-a1b2c3d4e5" : null`), `AWS::NoValue`, which that side
 * reads as not written, as CloudFormation's `!If [Restrict, o-a1b2c3d4e5, !Ref AWS::NoValue]`.
 */
function unsetWhereNull(value: IacValue): IacValue | undefined {
  if (value.kind === 'scalar' && value.value === null) return undefined;
  const call = intrinsicCall(value);
  if (call?.name !== 'Fn::If' || call.arg.kind !== 'seq' || call.arg.items.length !== 3 || value.kind !== 'map') return value;
  const [condition, ...sides] = call.arg.items;
  const items = [condition, ...sides.map((side) => unsetWhereNull(side) ?? noValue(side.range))];
  return { ...value, entries: [{ ...value.entries[0], value: { ...call.arg, items } }] };
}

function noValue(range: OffsetRange): IacValue {
  return { kind: 'map', range, entries: [{ key: 'Ref', keyRange: range, value: { kind: 'scalar', value: 'AWS::NoValue', range } }] };
}
