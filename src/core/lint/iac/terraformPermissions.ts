/**
 * Terraform's Lambda permissions (`aws_lambda_permission`, `aws_lambda_layer_version_permission`): no policy
 * is written, Lambda builds a statement of the attributes (lambdaPermission.ts). Their attributes are read
 * under CloudFormation's property names, each where it is written, so a finding lands on its line.
 */
import { statementPolicy } from './cloudFormation';
import { attributes, attributeValue } from './hclBlocks';
import type { HclNode } from './hclParser';
import { hclValue, rangeOf, type Scope } from './hclValues';
import { lambdaPermissionStatement, TERRAFORM_PERMISSIONS } from './lambdaPermission';
import type { IacEntry, IacMap } from './sourceTree';

/** The policy of the one statement a Lambda permission resource adds; undefined for other resources, or without an action or a principal. */
export function terraformPermissionPolicy(block: HclNode, type: string, scope: Scope): IacMap | undefined {
  const permission = TERRAFORM_PERMISSIONS[type];
  if (!permission) return undefined;
  const entries: IacEntry[] = [];
  for (const [name, attribute] of attributes(block)) {
    const property = permission.properties[name];
    if (property) entries.push({ key: property, keyRange: rangeOf(attribute.namedChildren[0]!), value: hclValue(attributeValue(attribute), scope) });
  }
  const statement = lambdaPermissionStatement({ kind: 'map', entries, range: rangeOf(block) }, permission.target);
  return statement && statementPolicy(statement);
}
