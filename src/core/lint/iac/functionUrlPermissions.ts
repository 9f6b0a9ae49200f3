/**
 * The permissions added for a public Lambda function URL where the file writes none: a URL whose auth type is
 * NONE still answers 403 until the function's policy lets anyone in, and since October 2025 that takes two
 * statements (Lambda Developer Guide, "Control access to Lambda function URLs"). Two tools add both:
 * - SAM, for an `AWS::Serverless::Function` whose `FunctionUrlConfig` has `AuthType: NONE`, generates
 *   `<Function>UrlPublicPermissions` (`lambda:InvokeFunctionUrl` to `"*"`, `FunctionUrlAuthType: NONE`) and
 *   `<Function>URLInvokeAllowPublicAccess` (`lambda:InvokeFunction` to `"*"`, `InvokedViaFunctionUrl: true`).
 *   Only for the string `NONE` written in place: an `AuthType` a function gives (`!Ref AuthType`), or a
 *   `FunctionUrlConfig` one gives, gets neither (samtranslator, `_construct_url_permission`).
 * - The Terraform AWS provider, for an `aws_lambda_function_url` whose `authorization_type` is "NONE", adds
 *   the same two when it creates the URL (its documentation of the resource), on the function and qualifier.
 * Each is read as the statement Lambda adds (lambdaPermission.ts), placed on the auth type's line.
 */
import { intrinsicCall } from './intrinsics';
import { lambdaPermissionStatement } from './lambdaPermission';
import { computedString, entryValue, type IacEntry, type IacMap, linearText, stringOf } from './sourceTree';

/** A statement added for a public URL, and its action. */
export interface AddedPermission {
  action: 'lambda:InvokeFunctionUrl' | 'lambda:InvokeFunction';
  statement: IacMap;
}

/**
 * The statements added for a URL whose auth type (`authType`, SAM's `AuthType` or Terraform's
 * `authorization_type`) is NONE, on the function `target` names (its `FunctionName` and `Qualifier`
 * entries; none: the function known at deployment); none for another auth type.
 */
export function publicUrlPermissions(authType: IacEntry, target: readonly IacEntry[] = []): AddedPermission[] {
  if (stringOf(authType.value) !== 'NONE') return [];
  const at = authType.value.range;
  const written = (key: string, value: string | boolean): IacEntry => ({
    key,
    keyRange: authType.keyRange,
    value: typeof value === 'string' ? computedString(linearText(value, at), at) : { kind: 'scalar', value, range: at },
  });
  const permission = (action: AddedPermission['action'], condition: IacEntry): AddedPermission => {
    const properties: IacMap = { kind: 'map', range: { start: authType.keyRange.start, end: at.end }, entries: [written('Action', action), written('Principal', '*'), ...target, condition] };
    // An action and a principal are given: Lambda builds a statement.
    return { action, statement: lambdaPermissionStatement(properties, 'function')! };
  };
  return [permission('lambda:InvokeFunctionUrl', { ...authType, key: 'FunctionUrlAuthType' }), permission('lambda:InvokeFunction', written('InvokedViaFunctionUrl', true))];
}

/** What SAM adds for an `AWS::Serverless::Function`'s URL: only of a `FunctionUrlConfig` written in place. */
export function samPublicUrlPermissions(functionProperties: IacMap): AddedPermission[] {
  const config = entryValue(functionProperties, 'FunctionUrlConfig');
  const authType = config?.kind === 'map' && !intrinsicCall(config) ? config.entries.find((entry) => entry.key === 'AuthType') : undefined;
  return authType ? publicUrlPermissions(authType) : [];
}
