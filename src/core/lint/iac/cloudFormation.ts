/**
 * The policies of a CloudFormation template (YAML or JSON, SAM, CDK's cdk.out), read from the IaC tree:
 * where each resource type holds its policy documents, and each document with its intrinsic functions
 * resolved (once per `Fn::If` choice, see intrinsics.ts). A policy whose value is only known at deployment
 * is returned as `unchecked` with the reason, never dropped.
 */
import { describeSides } from '../templateSides';
import { PERMISSION_SET_INLINE_LIMIT, SIZE_LIMITS } from '../documents';
import type { AttachedPolicy, ParseProblem, PolicyDocument, PolicyType, SizeLimit, TextEdit } from '../model';
import { templateAttachedPolicies } from './attachedPolicies';
import { eventBusStatement } from './eventBusPolicy';
import { LAMBDA_PERMISSION_TYPES, lambdaPermissionStatement } from './lambdaPermission';
import { samPublicUrlPermissions } from './functionUrlPermissions';
import { samApiResourcePolicy } from './samApiPolicy';
import { withSamGlobals } from './samGlobals';
import { samCreatesRole } from './samRole';
import { templateSections } from './forEach';
import { intrinsicCall, selectUnderIfs, subPolicyVariables } from './intrinsics';
import { readingsOf } from './valueReadings';
import { withFixedParameters, withStaticMappings } from './mappings';
import { parameterValues } from './parameterAllowedValues';
import { templateConditionLogic } from './templateConditions';
import { templateReadingsCap } from './templateReadings';
import { concatTexts, entryValue, type IacEntry, type IacMap, type IacScalar, type IacSeq, type IacValue, type MappedText, stringOf } from './sourceTree';
import { hasDynamicReference } from './dynamicReferences';
import { type DocumentSite, mappedStringDocument, type SourceWriter, synthesizedDocument } from './synthesized';
import { UNKNOWN_PART } from '../../policy';

/** A place in a template where a policy document is written. */
export interface TemplateSlot extends DocumentSite {
  value: IacValue;
  /** The resource's `Condition`: its policies exist only where the template condition holds. */
  condition?: string;
  /** The slot holds one statement or a list of them, which the service makes a policy of (an event bus's `Statement`). */
  statementOnly?: true;
}

export interface TemplateDocuments {
  documents: PolicyDocument[];
  /** Policies that cannot be checked, with the reason (e.g. a document given by `!Ref`). */
  unchecked: ParseProblem[];
  /** Managed policies the resources attach by ARN. */
  attachedPolicies?: AttachedPolicy[];
}

/** How a template's syntax reads its policies. */
export interface TemplateReaders {
  /** A policy written as a string in the file (its escapes, its fixes). */
  readString(value: IacScalar, site: DocumentSite): PolicyDocument;
  /**
   * An edit of a string written in the file, in offsets of its text as read (escapes decoded), as an edit of
   * the file; undefined where the syntax cannot write it as is (then the fix is not offered).
   */
  stringEdit?(value: IacScalar, edit: TextEdit): TextEdit | undefined;
  /**
   * A policy without intrinsic functions, when the syntax reads those in place (JSON); undefined when the
   * slot's value calls one. The syntax tells from its own tree, without building the slot's IaC values.
   */
  readPlain?(slot: TemplateSlot): PolicyDocument[] | undefined;
}

/**
 * True when a parsed file is a CloudFormation template: a format version, a resource of an AWS type, or an
 * `Fn::ForEach` loop making resources (a template whose resources are all made in loops has no other sign).
 */
export function isTemplate(root: IacValue | undefined): boolean {
  if (root?.kind !== 'map') return false;
  if (entryValue(root, 'AWSTemplateFormatVersion')) return true;
  const resources = entryValue(root, 'Resources');
  return resources?.kind === 'map' && resources.entries.some((r) => r.key.startsWith('Fn::ForEach::') || stringOf(entryValue(r.value, 'Type'))?.startsWith('AWS::'));
}

/**
 * Every place of the template where a policy document is written, and its conditions (those `Fn::ForEach`
 * makes among them too).
 */
export function templateSlots(root: IacValue | undefined): { slots: TemplateSlot[]; unchecked: ParseProblem[]; conditions: IacEntry[]; attached: AttachedPolicy[] } {
  const slots: TemplateSlot[] = [];
  const unchecked: ParseProblem[] = [];
  const attached: AttachedPolicy[] = [];
  const { resources, conditions } = templateSections(root, unchecked);
  for (const resource of resources) {
    const type = stringOf(entryValue(resource.value, 'Type'));
    const props = type ? withSamGlobals(root, type, entryValue(resource.value, 'Properties')) : undefined;
    // Properties given whole by a function (`Fn::Transform: AWS::Include`): a policy may be among them.
    const call = props && intrinsicCall(props);
    if (type && call && holdsPolicies(type)) {
      unchecked.push({ message: `Resources.${resource.key}.Properties is not checked: it is given by ${call.name}, known only at deployment.`, range: props!.range });
      continue;
    }
    if (!type || props?.kind !== 'map') continue;
    const [slotsBefore, uncheckedBefore, attachedBefore] = [slots.length, unchecked.length, attached.length];
    attached.push(...templateAttachedPolicies(type, props));
    // `Fn::Transform` as one key among the properties: AWS::Include inserts its snippet there, a policy perhaps.
    const included = props.entries.find((entry) => entry.key === 'Fn::Transform');
    if (included && holdsPolicies(type)) {
      unchecked.push({ message: `Resources.${resource.key}.Properties.Fn::Transform is not checked: the properties it brings are only known at deployment.`, range: included.value.range });
    }
    resourceSlots(type, props, `Resources.${resource.key}.Properties.`, slots, unchecked);
    const condition = stringOf(entryValue(resource.value, 'Condition'));
    if (condition) for (const slot of slots.slice(slotsBefore)) slot.condition = condition;
    // CDK names each resource's construct in its metadata: that is the name its author knows, not the
    // generated logical id, so findings in a cdk.out template name it.
    const cdkPath = stringOf(entryValue(entryValue(resource.value, 'Metadata'), 'aws:cdk:path'));
    if (!cdkPath) continue;
    for (const slot of slots.slice(slotsBefore)) slot.definedIn = cdkPath;
    for (const policy of attached.slice(attachedBefore)) policy.definedIn = cdkPath;
    for (const problem of unchecked.slice(uncheckedBefore)) problem.message = `${cdkPath}: ${problem.message}`;
  }
  return { slots, unchecked, conditions, attached };
}

function resourceSlots(resourceType: string, props: IacValue, prefix: string, slots: TemplateSlot[], unchecked: ParseProblem[]): void {
  const slot = (key: string, type: PolicyType, sizeLimit?: SizeLimit) => {
    const value = entryValue(props, key);
    if (value && !isEmptyPolicy(value)) slots.push({ value, type, origin: `${prefix}${key}`, sizeLimit });
  };
  switch (resourceType) {
    case 'AWS::Organizations::Policy': {
      const typeValue = entryValue(props, 'Type');
      const type = stringOf(typeValue);
      const policyType = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
      if (policyType) slot('Content', policyType, SIZE_LIMITS[policyType]);
      else if (typeValue && intrinsicCall(typeValue) && entryValue(props, 'Content')) {
        unchecked.push({ message: `${prefix}Content is not checked: its policy type (${prefix}Type) is only known at deployment.`, range: typeValue.range });
      }
      // Tag, backup, AI opt-out and declarative policies are not IAM policy documents.
      return;
    }
    case 'AWS::SSO::PermissionSet':
      return slot('InlinePolicy', 'identity', PERMISSION_SET_INLINE_LIMIT);
    case 'AWS::IAM::ManagedPolicy':
      return slot('PolicyDocument', 'identity', SIZE_LIMITS.identity);
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::RolePolicy':
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      // Inline policies share one aggregate limit per principal, which a single document cannot tell.
      return slot('PolicyDocument', 'identity');
    case 'AWS::IAM::Role':
      // A trust policy names principals and has no Resource: it is linted as a resource policy.
      slot('AssumeRolePolicyDocument', 'resource');
      return inlinePolicies(props, prefix, slots, unchecked);
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return inlinePolicies(props, prefix, slots, unchecked);
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine':
      if (samCreatesRole(props)) slot('AssumeRolePolicyDocument', 'resource');
      // A public URL's permissions, which SAM generates as AWS::Lambda::Permission resources.
      for (const { action, statement } of resourceType === 'AWS::Serverless::Function' && props.kind === 'map' ? samPublicUrlPermissions(props) : []) {
        slots.push({ value: statement, type: 'resource', origin: `${prefix}FunctionUrlConfig (the ${action} permission SAM adds)`, statementOnly: true });
      }
      // SAM attaches Policies to the role it creates; given a Role, it deploys neither them nor the trust policy.
      return samCreatesRole(props) ? samPolicies(props, prefix, slots, unchecked) : undefined;
    case 'AWS::Serverless::Api': {
      const policy = samApiResourcePolicy(props, prefix);
      if (policy && 'notChecked' in policy) unchecked.push({ message: policy.notChecked, range: policy.range });
      else if (policy && !isEmptyPolicy(policy.statements)) slots.push({ value: policy.statements, type: 'resource', origin: policy.origin, statementOnly: true });
      return;
    }
    case 'AWS::Events::EventBusPolicy': {
      // One statement, which EventBridge adds to the bus's policy: written, or built from the older form's properties.
      const found = props.kind === 'map' ? eventBusStatement(props) : undefined;
      const origin = found?.property ? `${prefix}${found.property}` : prefix.slice(0, -1);
      if (found && !isEmptyPolicy(found.statement)) slots.push({ value: found.statement, type: 'resource', origin, statementOnly: true });
      return;
    }
    case 'AWS::Lambda::Permission':
    case 'AWS::Lambda::LayerVersionPermission': {
      // No policy written: the statement Lambda builds of the properties and adds to the function's or layer's policy.
      const statement = props.kind === 'map' ? lambdaPermissionStatement(props, LAMBDA_PERMISSION_TYPES[resourceType]) : undefined;
      if (statement) slots.push({ value: statement, type: 'resource', origin: prefix.slice(0, -1), statementOnly: true });
      return;
    }
    default:
      for (const path of RESOURCE_POLICY_PROPERTIES[resourceType] ?? []) nestedSlot(props, path.split('.'), prefix, slots, unchecked);
  }
}

/**
 * A resource policy under a property path (`ResourcePolicy.PolicyDocument`; `Replicas[]` each item of a
 * list). A property on the way under `Fn::If` (a policy one side deploys) is read per side; one another
 * function gives (`Fn::Transform`) hides the policy until deployment: said, not skipped.
 */
function nestedSlot(props: IacValue, path: readonly string[], prefix: string, slots: TemplateSlot[], unchecked: ParseProblem[]): void {
  const walk = (container: IacValue, i: number, written: string): void => {
    const call = intrinsicCall(container);
    if (call && call.name !== 'Fn::If') {
      unchecked.push({ message: `${prefix}${written} is not checked: it is given by ${call.name}, known only at deployment.`, range: container.range });
      return;
    }
    const list = path[i].endsWith('[]');
    const key = list ? path[i].slice(0, -2) : path[i];
    const at = written ? `${written}.${key}` : key;
    const value = selectUnderIfs(container, (side) => entryValue(side, key));
    if (!value) return;
    if (i === path.length - 1) {
      if (!isEmptyPolicy(value)) slots.push({ value, type: 'resource', origin: `${prefix}${at}` });
    } else if (!list) walk(value, i + 1, at);
    else if (value.kind === 'seq' && !intrinsicCall(value)) value.items.forEach((item, j) => walk(item, i + 1, `${at}[${j}]`));
    // A list a function computes (`!If [Two, [...], [...]]`) is said not checked where it writes a policy's property.
    else if (writesKey(value, path[i + 1])) unchecked.push({ message: `${prefix}${at} is not checked: it is computed at deployment, not written as a list.`, range: value.range });
  };
  walk(props, 0, '');
}

/** Whether a map anywhere in the value has the key. */
function writesKey(value: IacValue, key: string): boolean {
  if (value.kind === 'seq') return value.items.some((item) => writesKey(item, key));
  return value.kind === 'map' && value.entries.some((entry) => entry.key === key || writesKey(entry.value, key));
}

/**
 * The properties that hold a resource's policies, by resource type (paths through nested properties, split
 * on dots): buckets and queues (whose policies root sessions unlock), the other services RCPs govern or whose
 * policies commonly grant across accounts, and VPC endpoints, whose policy limits what passes through them.
 */
const RESOURCE_POLICY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::BucketPolicy': ['PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument'],
  'AWS::SQS::QueueInlinePolicy': ['PolicyDocument'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument'],
  'AWS::SNS::TopicInlinePolicy': ['PolicyDocument'],
  'AWS::KMS::Key': ['KeyPolicy'],
  'AWS::KMS::ReplicaKey': ['KeyPolicy'],
  'AWS::SecretsManager::ResourcePolicy': ['ResourcePolicy'],
  'AWS::ECR::Repository': ['RepositoryPolicyText'],
  'AWS::ECR::PublicRepository': ['RepositoryPolicyText'],
  'AWS::ECR::RegistryPolicy': ['PolicyText'],
  'AWS::S3::AccessPoint': ['Policy'],
  'AWS::S3::MultiRegionAccessPointPolicy': ['Policy'],
  'AWS::S3ObjectLambda::AccessPointPolicy': ['PolicyDocument'],
  'AWS::S3Express::BucketPolicy': ['PolicyDocument'],
  'AWS::S3Outposts::BucketPolicy': ['PolicyDocument'],
  'AWS::EFS::FileSystem': ['FileSystemPolicy'],
  'AWS::OpenSearchService::Domain': ['AccessPolicies'],
  'AWS::Elasticsearch::Domain': ['AccessPolicies'],
  'AWS::ApiGateway::RestApi': ['Policy'],
  'AWS::Backup::BackupVault': ['AccessPolicy'],
  'AWS::CodeArtifact::Domain': ['PermissionsPolicyDocument'],
  'AWS::CodeArtifact::Repository': ['PermissionsPolicyDocument'],
  'AWS::Kinesis::ResourcePolicy': ['ResourcePolicy'],
  'AWS::CloudTrail::ResourcePolicy': ['ResourcePolicy'],
  'AWS::VpcLattice::AuthPolicy': ['Policy'],
  'AWS::VpcLattice::ResourcePolicy': ['Policy'],
  // A table's policy, and its stream's; a global table's, and its stream's, per replica.
  'AWS::DynamoDB::Table': ['ResourcePolicy.PolicyDocument', 'StreamSpecification.ResourcePolicy.PolicyDocument'],
  'AWS::DynamoDB::GlobalTable': ['Replicas[].ResourcePolicy.PolicyDocument', 'Replicas[].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument'],
  'AWS::Logs::ResourcePolicy': ['PolicyDocument'],
  'AWS::Organizations::ResourcePolicy': ['Content'],
  'AWS::EC2::VPCEndpoint': ['PolicyDocument'],
  // A bus's whole policy, written with the bus (an EventBusPolicy adds one statement to it).
  'AWS::Events::EventBus': ['Policy'],
};

/** Resource types whose properties hold IAM policy documents. */
function holdsPolicies(type: string): boolean {
  const holders = ['AWS::Organizations::Policy', 'AWS::SSO::PermissionSet', 'AWS::Events::EventBusPolicy'];
  return holders.includes(type) || type in LAMBDA_PERMISSION_TYPES || type.startsWith('AWS::IAM::') || type.startsWith('AWS::Serverless::') || type in RESOURCE_POLICY_PROPERTIES;
}

/** No policy written: `""`, `{}` or null (a permission set without an inline policy). */
function isEmptyPolicy(value: IacValue): boolean {
  if (value.kind === 'scalar') return value.value === null || (typeof value.value === 'string' && value.value.trim() === '');
  return value.kind === 'map' && value.entries.length === 0 && !value.tag;
}

function inlinePolicies(props: IacValue, prefix: string, slots: TemplateSlot[], unchecked: ParseProblem[]): void {
  const policies = entryValue(props, 'Policies');
  if (!policies) return;
  if (policies.kind !== 'seq' || intrinsicCall(policies)) {
    unchecked.push({ message: `${prefix}Policies is not checked: it is computed at deployment, not written as a list.`, range: policies.range });
    return;
  }
  policies.items.forEach((policy, i) => {
    // An item under Fn::If (a policy only one side deploys) is read per side, as a policy written in place.
    const value = selectUnderIfs(policy, (item) => entryValue(item, 'PolicyDocument'));
    if (value) slots.push({ value, type: 'identity', origin: `${prefix}Policies[${i}].PolicyDocument` });
    // An item another function gives whole (`Fn::Transform: AWS::Include`) is only known at deployment.
    const call = intrinsicCall(policy);
    if (!value && call && call.name !== 'Fn::If') unchecked.push({ message: `${prefix}Policies[${i}] is not checked: it is given by ${call.name}, known only at deployment.`, range: policy.range });
  });
}

/** SAM's `Policies`: one document, or a list of managed policy names, policy templates and documents. */
function samPolicies(props: IacValue, prefix: string, slots: TemplateSlot[], unchecked: ParseProblem[]): void {
  const policies = entryValue(props, 'Policies');
  const isDocument = (value: IacValue) => value.kind === 'map' && entryValue(value, 'Statement') !== undefined;
  if (policies && isDocument(policies)) slots.push({ value: policies, type: 'identity', origin: `${prefix}Policies` });
  // `!Ref`, `!Sub` and the like give a managed policy's name or ARN, which holds no document to read; `Fn::If`
  // gives a document on some side, or a list, which is only known at deployment.
  const call = policies && intrinsicCall(policies);
  if (policies && call) {
    const document = selectUnderIfs(policies, (value) => (isDocument(value) ? value : undefined));
    if (document) slots.push({ value: document, type: 'identity', origin: `${prefix}Policies` });
    else if (call.name === 'Fn::If') unchecked.push({ message: `${prefix}Policies is not checked: it is computed at deployment, not written as a list.`, range: policies.range });
    return;
  }
  if (policies?.kind !== 'seq') return;
  policies.items.forEach((item, i) => {
    const document = selectUnderIfs(item, (value) => (isDocument(value) ? value : undefined));
    if (document) slots.push({ value: document, type: 'identity', origin: `${prefix}Policies[${i}]` });
  });
}

/**
 * The documents of the template's slots, each resolved once per `Fn::If` choice. `readString` reads a
 * policy written as a string in the template's syntax; computed strings (`Fn::Sub`) are read without fixes.
 */
export function templateDocuments(root: IacValue | undefined, writer: SourceWriter | undefined, readers: TemplateReaders): TemplateDocuments {
  const { slots, unchecked, conditions, attached } = templateSlots(root);
  const mappings = entryValue(root, 'Mappings');
  const parameters = entryValue(root, 'Parameters');
  // Each slot's documents, in the slots' order. The syntax's readers know the policy's place, not its
  // construct: it is added here.
  const read = slots.map((): PolicyDocument[] => []);
  const unescaped = slots.map((slot) => subPolicyVariables(slot.value));
  const add = (index: number, documents: PolicyDocument[]) => {
    const { definedIn } = slots[index];
    const extra = { ...(definedIn ? { definedIn } : {}), ...(unescaped[index].length > 0 ? { unescapedSubVariables: unescaped[index] } : {}) };
    read[index].push(...(Object.keys(extra).length > 0 ? documents.map((d) => ({ ...d, ...extra })) : documents));
  };
  // A policy of a conditional resource is read under its condition (readingsOf): never plain.
  const resolved = slots.flatMap((slot, index) => {
    const plain = slot.condition || slot.statementOnly ? undefined : readers.readPlain?.(slot);
    if (plain) add(index, plain);
    return plain ? [] : [{ slot, index, value: withFixedParameters(withStaticMappings(slot.value, mappings), parameters) }];
  });
  // Found before any is resolved: the template's bound on readings is one for all of its policies.
  const cap = templateReadingsCap(resolved.map(({ slot, value }) => ({ value, onlyWhen: slot.condition })));
  const logic = templateConditionLogic(root, conditions);
  // A reading names its parameters' values, which `simulate --template-parameter` chooses among.
  const values = parameterValues(parameters);
  for (const { slot, index, value: slotValue } of resolved) {
    const site: DocumentSite = { type: slot.type, origin: slot.origin, sizeLimit: slot.sizeLimit, definedIn: slot.definedIn };
    const where = slot.definedIn ? `${slot.definedIn}: ${slot.origin}` : slot.origin;
    const { readings, partly } = readingsOf(slotValue, { onlyWhen: slot.condition, cap, logic });
    if (partly) unchecked.push({ message: `${where} is only partly checked: ${partly}.`, range: slot.value.range });
    for (const { value, reading } of readings) {
      if (!value) continue;
      const addReading = (document: PolicyDocument) => add(index, [reading ? { ...document, reading: values.size ? { ...reading, parameterValues: values } : reading } : document]);
      if (slot.statementOnly && (value.kind !== 'scalar' || (typeof value.value === 'string' && value.value !== UNKNOWN_PART))) {
        addReading(value.kind !== 'scalar' ? synthesizedDocument(statementPolicy(value), site, writer) : mappedStringDocument(statementPolicyText(value), site, statementEdit(value, readers)));
      } else if (value.kind === 'map') addReading(synthesizedDocument(value, site, writer));
      else if (value.kind === 'scalar' && typeof value.value === 'string') {
        if (value.value === UNKNOWN_PART) {
          const when = reading ? ` when ${describeSides(reading.branches)}` : '';
          const how = intrinsicCall(slot.value)?.name === 'Fn::If' ? '' : ` (${describeCall(slot.value)})`;
          unchecked.push({ message: `${where} is not checked${when}: the policy is only known at deployment${how}.`, range: slot.value.range });
        } else if (value.handle) addReading(readers.readString(value, site));
        else addReading(mappedStringDocument(value.mapped as MappedText, site));
      }
      // Other values (a number, a list) are left to RG002, which reports the slot's wrong type.
    }
  }
  const seen = new Set<string>();
  const once = unchecked.filter((u) => !seen.has(`${u.range.start}:${u.message}`) && seen.add(`${u.range.start}:${u.message}`));
  return { documents: read.flat(), unchecked: once, attachedPolicies: attached };
}

/**
 * The policy a service makes of one statement (an event bus's) or a list of them (an API's custom ones): the
 * statements under `Statement`, with IAM's version. Only they are written in the file: what is added stands
 * where they start.
 */
export function statementPolicy(statement: IacMap | IacSeq): IacMap {
  const at = { start: statement.range.start, end: statement.range.start };
  const version: IacScalar = { kind: 'scalar', value: '2012-10-17', range: at };
  return { kind: 'map', range: statement.range, entries: [{ key: 'Version', keyRange: at, value: version }, { key: 'Statement', keyRange: at, value: statement }] };
}

/** What `statementPolicyText` writes before the statement. */
const STATEMENT_OPENING = '{"Version":"2012-10-17","Statement":';

/** `statementPolicy` of a statement written as a JSON string. */
function statementPolicyText(statement: IacScalar): MappedText {
  const added = (text: string): MappedText => ({ text, offsets: new Int32Array(text.length + 1).fill(statement.range.start) });
  return concatTexts([added(STATEMENT_OPENING), statement.mapped!, added('}')], statement.range.end);
}

/**
 * How an edit of `statementPolicyText` is written: one within the statement, as the syntax writes an edit of
 * the string (a string policy's fixes); none that touches what the service adds around it, nor any of a
 * string a function computes (written nowhere as is).
 */
function statementEdit(statement: IacScalar, readers: TemplateReaders): ((edit: TextEdit) => TextEdit | undefined) | undefined {
  const end = STATEMENT_OPENING.length + statement.mapped!.text.length;
  if (!statement.handle || !readers.stringEdit) return undefined;
  return (edit) => (edit.start < STATEMENT_OPENING.length || edit.end > end ? undefined : readers.stringEdit!(statement, { ...edit, start: edit.start - STATEMENT_OPENING.length, end: edit.end - STATEMENT_OPENING.length }));
}

function describeCall(value: IacValue): string {
  const call = intrinsicCall(value);
  if (call) return `it is given by ${call.name}`;
  return hasDynamicReference(stringOf(value) ?? '') ? 'it is a dynamic reference, filled in from Parameter Store or Secrets Manager' : 'it is computed';
}
