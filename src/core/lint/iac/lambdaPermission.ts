/**
 * The statement an `AWS::Lambda::Permission` (Terraform's `aws_lambda_permission`) or an
 * `AWS::Lambda::LayerVersionPermission` (`aws_lambda_layer_version_permission`) adds to the function's or
 * layer version's policy. No policy is written: Lambda builds the statement of the properties, as its
 * AddPermission and AddLayerVersionPermission do (Lambda Developer Guide, "Working with resource-based IAM
 * policies in Lambda"): `Effect: Allow`, the principal (`"*"`, a service as `{Service: ...}`, an account as
 * `{AWS: "arn:aws:iam::ACCOUNT:root"}`), the action, the function or layer version as `Resource`, and a
 * condition per property that limits the caller: `SourceAccount` as `StringEquals aws:SourceAccount`,
 * `SourceArn` as `ArnLike aws:SourceArn`, `PrincipalOrgID` (a layer's `OrganizationId`) as `StringEquals
 * aws:PrincipalOrgID`, `FunctionUrlAuthType` as `StringEquals lambda:FunctionUrlAuthType`,
 * `InvokedViaFunctionUrl` as `Bool lambda:InvokedViaFunctionUrl`. Read as that statement, a permission open
 * to every account is reported as a policy written so is.
 *
 * The properties are CloudFormation's; Terraform's attributes are read under the same names
 * (`TERRAFORM_PROPERTIES`). Nothing a fix could edit is kept (readOnly): the properties hold strings where a
 * fix would write the statement's lists and objects.
 */
import type { OffsetRange } from '../model';
import { intrinsicCall } from './intrinsics';
import { computedString, concatTexts, entryValue, type IacEntry, type IacMap, type IacValue, linearText, type MappedText, readOnly, stringOf, unknownText } from './sourceTree';

/** What the permission grants on: a function (or its version or alias), or a layer version. */
export type PermissionTarget = 'function' | 'layer';

/** The CloudFormation resource types of Lambda's permissions, and what each grants on. */
export const LAMBDA_PERMISSION_TYPES: Readonly<Record<string, PermissionTarget>> = {
  'AWS::Lambda::Permission': 'function',
  'AWS::Lambda::LayerVersionPermission': 'layer',
};

/** Terraform's resources of Lambda's permissions: what each grants on, and its attributes by property name. */
export const TERRAFORM_PERMISSIONS: Readonly<Record<string, { target: PermissionTarget; properties: Readonly<Record<string, string>> }>> = {
  aws_lambda_permission: {
    target: 'function',
    properties: {
      statement_id: 'StatementId',
      action: 'Action',
      principal: 'Principal',
      function_name: 'FunctionName',
      qualifier: 'Qualifier',
      source_account: 'SourceAccount',
      source_arn: 'SourceArn',
      principal_org_id: 'PrincipalOrgID',
      function_url_auth_type: 'FunctionUrlAuthType',
      event_source_token: 'EventSourceToken',
      invoked_via_function_url: 'InvokedViaFunctionUrl',
    },
  },
  aws_lambda_layer_version_permission: {
    target: 'layer',
    properties: { statement_id: 'StatementId', action: 'Action', principal: 'Principal', layer_name: 'LayerName', version_number: 'VersionNumber', organization_id: 'OrganizationId' },
  },
};

/** The conditions Lambda adds, by the property that gives each: its operator and key as Lambda writes them. */
const CONDITIONS: ReadonlyArray<{ property: string; operator: string; key: string }> = [
  { property: 'SourceAccount', operator: 'StringEquals', key: 'aws:SourceAccount' },
  { property: 'SourceArn', operator: 'ArnLike', key: 'aws:SourceArn' },
  { property: 'PrincipalOrgID', operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
  { property: 'OrganizationId', operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
  { property: 'FunctionUrlAuthType', operator: 'StringEquals', key: 'lambda:FunctionUrlAuthType' },
  // An Alexa skill's token, which the invoker must supply.
  { property: 'EventSourceToken', operator: 'StringEquals', key: 'lambda:EventSourceToken' },
  // Invocations through the function's URL only (what a URL needs besides lambda:InvokeFunctionUrl).
  { property: 'InvokedViaFunctionUrl', operator: 'Bool', key: 'lambda:InvokedViaFunctionUrl' },
];

/** The statement Lambda adds, built of the permission's properties; undefined without an action or a principal. */
export function lambdaPermissionStatement(props: IacMap, target: PermissionTarget): IacMap | undefined {
  const entry = (key: string) => props.entries.find((e) => e.key === key);
  const [sid, action, principal] = ['StatementId', 'Action', 'Principal'].map(entry);
  if (!action || !principal) return undefined;
  // What Lambda adds stands where the properties start.
  const at = { start: props.range.start, end: props.range.start };
  const entries: IacEntry[] = [];
  if (sid) entries.push({ ...sid, key: 'Sid' });
  entries.push({ key: 'Effect', keyRange: at, value: computedString(linearText('Allow', at), at) });
  entries.push({ key: 'Principal', keyRange: principal.keyRange, value: principalOf(principal.value) });
  entries.push({ key: 'Action', keyRange: action.keyRange, value: action.value });
  entries.push({ key: 'Resource', keyRange: at, value: target === 'function' ? functionArn(props, at) : layerVersionArn(props, at) });
  const operators = new Map<string, IacEntry[]>();
  for (const { property, operator, key } of CONDITIONS) {
    const written = entry(property);
    // `InvokedViaFunctionUrl: false` adds no condition.
    if (!written || (written.value.kind === 'scalar' && String(written.value.value) === 'false')) continue;
    operators.set(operator, [...(operators.get(operator) ?? []), { key, keyRange: written.keyRange, value: written.value }]);
  }
  if (operators.size > 0) {
    const condition: IacEntry[] = [...operators].map(([operator, keys]) => ({ key: operator, keyRange: keys[0].keyRange, value: { kind: 'map', range: keys[0].value.range, entries: keys } }));
    entries.push({ key: 'Condition', keyRange: condition[0].keyRange, value: { kind: 'map', range: props.range, entries: condition } });
  }
  return readOnly({ kind: 'map', entries, range: props.range }) as IacMap;
}

/**
 * `"*"` as written; a service (`s3.amazonaws.com`) as `{Service: ...}`; an account as the `AWS` principal
 * Lambda writes, its root (`arn:aws:iam::111122223333:root`); an ARN, or a value known only at deployment, as
 * an `AWS` principal as given. An account YAML reads as a number is the string CloudFormation passes. A
 * principal chosen by a conditional (`Fn::If`, Terraform's `var.public ? "*" : "111122223333"`) is each side
 * read so, under the same choice.
 */
function principalOf(principal: IacValue): IacValue {
  const call = intrinsicCall(principal);
  if (call?.name === 'Fn::If' && call.arg.kind === 'seq' && call.arg.items.length === 3) {
    const [condition, ...sides] = call.arg.items;
    const chosen: IacValue = { ...call.arg, tag: undefined, items: [condition, ...sides.map(principalOf)] };
    return { kind: 'map', range: principal.range, entries: [{ key: 'Fn::If', keyRange: principal.range, value: chosen }] };
  }
  const range = principal.range;
  const written = principal.kind === 'scalar' && typeof principal.value === 'number' ? computedString(linearText(String(principal.value), range), range) : principal;
  if (stringOf(written) === '*') return written;
  const text = writtenText(written);
  if (text && /\.amazon(aws)?\.com(\.cn)?$/.test(text.text)) return single('Service', written);
  if (text && /^\d{12}$/.test(text.text)) {
    const before = (part: string) => linearText(part, { start: range.start, end: range.start });
    return single('AWS', computedString(concatTexts([before('arn:aws:iam::'), text, before(':root')], range.end), range));
  }
  return single('AWS', written);
}

function single(type: string, value: IacValue): IacMap {
  return { kind: 'map', range: value.range, entries: [{ key: type, keyRange: value.range, value }] };
}

/**
 * The function's ARN: `FunctionName` as written when it is one; a name (`my-function`, `my-function:live`)
 * or a partial ARN (`111122223333:function:my-function`) in a partition, Region and account known at
 * deployment; a value given by a function, a function known at deployment. Terraform's `qualifier` follows.
 */
function functionArn(props: IacMap, at: OffsetRange): IacValue {
  const name = entryValue(props, 'FunctionName');
  const written = writtenText(name);
  const range = name?.range ?? at;
  const prefix = (text: string) => linearText(text, { start: range.start, end: range.start });
  const unknown = unknownText(range);
  const qualifier = entryValue(props, 'Qualifier');
  const qualified = (parts: MappedText[]) => computedString(concatTexts(qualifier ? [...parts, prefix(':'), writtenText(qualifier) ?? unknownText(qualifier.range)] : parts, range.end), range);
  if (written?.text.startsWith('arn:')) return qualified([written]);
  if (written && /^\d{12}:function:/.test(written.text)) return qualified([prefix('arn:'), unknown, prefix(':lambda:'), unknown, prefix(':'), written]);
  return qualified([prefix('arn:'), unknown, prefix(':lambda:'), unknown, prefix(':'), unknown, prefix(':function:'), written ?? unknown]);
}

/**
 * The layer version's ARN: `LayerVersionArn` as written; Terraform's `layer_name` (a name or the layer's ARN)
 * and `version_number`, each as written or known at deployment.
 */
function layerVersionArn(props: IacMap, at: OffsetRange): IacValue {
  const arn = entryValue(props, 'LayerVersionArn');
  const name = arn ? undefined : entryValue(props, 'LayerName');
  const version = entryValue(props, 'VersionNumber');
  const range = (arn ?? name)?.range ?? at;
  const prefix = (text: string) => linearText(text, { start: range.start, end: range.start });
  const unknown = unknownText(range);
  const written = writtenText(arn ?? name);
  if (arn && written?.text.startsWith('arn:')) return arn;
  const layer = written?.text.startsWith('arn:') ? [written] : [prefix('arn:'), unknown, prefix(':lambda:'), unknown, prefix(':'), unknown, prefix(':layer:'), written ?? unknown];
  const versionText = version?.kind === 'scalar' && typeof version.value === 'number' ? linearText(String(version.value), version.range) : (writtenText(version) ?? unknown);
  return computedString(concatTexts([...layer, prefix(':'), versionText], range.end), range);
}

/** A string written in place (no function gives it), with its offsets. */
function writtenText(value: IacValue | undefined): MappedText | undefined {
  if (value?.kind !== 'scalar' || typeof value.value !== 'string' || value.tag) return undefined;
  return value.mapped ?? linearText(value.value, value.range);
}
