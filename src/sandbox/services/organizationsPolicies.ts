/**
 * Organizations policy operations (awsJson1_1): ListPolicies, DescribePolicy, ListTargetsForPolicy,
 * ListPoliciesForTarget and UpdatePolicy over the world's SCPs and RCPs. Listings page like every other
 * Organizations listing (MaxResults 1-20, opaque NextToken, occasional empty pages).
 */
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';
import { MAX_POLICY_CHARS, ORG_POLICY_TYPES, type OrgPolicy, type OrgPolicyType } from '../orgPolicies';
import type { World } from '../world';
import { invalidInput, page } from './organizationsPaging';

export const POLICY_OPERATIONS = ['ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy', 'ListPoliciesForTarget', 'UpdatePolicy'] as const;

export type PolicyOperation = (typeof POLICY_OPERATIONS)[number];
type Input = Record<string, unknown>;

/** Every policy type the API knows; the sandbox holds only SCPs and RCPs, so the others list empty. */
const ALL_POLICY_TYPES = [
  ...ORG_POLICY_TYPES,
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
];

export function handlePolicyOperation(ctx: CallContext, operation: PolicyOperation, input: Input): unknown {
  const { world } = ctx;
  switch (operation) {
    case 'ListPolicies': {
      const type = requireFilter(input);
      return page(ctx, operation, type, input, world.policies.policies.filter((p) => p.type === type), 'Policies', policySummary);
    }
    case 'DescribePolicy': {
      const policy = requirePolicy(world, input);
      return { Policy: { PolicySummary: policySummary(policy), Content: policy.content } };
    }
    case 'ListTargetsForPolicy': {
      const policy = requirePolicy(world, input);
      return page(ctx, operation, policy.id, input, [...world.policies.targetsOf(policy.id)], 'Targets', (id) => targetSummary(world, id));
    }
    case 'ListPoliciesForTarget': {
      const targetId = requireTarget(world, input);
      const type = requireFilter(input);
      const attached = (ORG_POLICY_TYPES as readonly string[]).includes(type) ? world.policies.attachedTo(targetId, type as OrgPolicyType) : [];
      return page(ctx, operation, `${targetId}/${type}`, input, attached, 'Policies', policySummary);
    }
    case 'UpdatePolicy':
      return { Policy: updatePolicy(world, input) };
  }
}

function policySummary(p: OrgPolicy) {
  return { Id: p.id, Arn: p.arn, Name: p.name, Description: p.description, Type: p.type, AwsManaged: p.awsManaged };
}

function targetSummary(world: World, targetId: string) {
  const org = world.organization;
  if (targetId === org.rootId) return { TargetId: targetId, Arn: org.rootArn, Name: 'Root', Type: 'ROOT' };
  const ou = world.findOu(targetId);
  if (ou) return { TargetId: targetId, Arn: ou.arn, Name: ou.name, Type: 'ORGANIZATIONAL_UNIT' };
  const account = world.account(targetId);
  return { TargetId: targetId, Arn: account.arn, Name: account.name, Type: 'ACCOUNT' };
}

function requireFilter(input: Input): string {
  const filter = str(input, 'Filter');
  if (!filter) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for Filter.');
  if (!ALL_POLICY_TYPES.includes(filter)) {
    throw invalidInput('INVALID_ENUM', `You specified an invalid value for Filter: ${filter}. Valid values: ${ALL_POLICY_TYPES.join(', ')}.`);
  }
  return filter;
}

function requirePolicy(world: World, input: Input): OrgPolicy {
  const id = str(input, 'PolicyId');
  if (!id) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for PolicyId.');
  if (!/^p-[0-9a-zA-Z_]{8,128}$/.test(id)) throw invalidInput('INVALID_PATTERN', 'You provided a value that does not match the required pattern.');
  const policy = world.policies.find(id);
  if (!policy) throw new SandboxError('PolicyNotFoundException', 400, "We can't find a policy with the PolicyId that you specified.");
  return policy;
}

function requireTarget(world: World, input: Input): string {
  const id = str(input, 'TargetId');
  if (!id) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for TargetId.');
  if (!/^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(id)) {
    throw invalidInput('INVALID_PATTERN', 'You provided a value that does not match the required pattern.');
  }
  if (id !== world.organization.rootId && !world.findOu(id) && !world.findAccount(id)) {
    throw new SandboxError('TargetNotFoundException', 400, "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }
  return id;
}

function updatePolicy(world: World, input: Input) {
  const policy = requirePolicy(world, input);
  // Not confirmed live: the wording and code for changing an AWS managed policy.
  if (policy.awsManaged) throw new SandboxError('AccessDeniedException', 403, 'You cannot modify an AWS managed policy.');
  const name = str(input, 'Name');
  const description = str(input, 'Description');
  const content = str(input, 'Content');
  if (name !== undefined && (name.length < 1 || name.length > 128)) throw invalidInput('INVALID_INPUT', 'The policy name must be 1-128 characters.');
  if (description !== undefined && description.length > 512) throw invalidInput('MAX_LENGTH_EXCEEDED', 'The policy description must be at most 512 characters.');
  if (content !== undefined) checkContent(policy.type, content);
  if (name !== undefined) policy.name = name;
  if (description !== undefined) policy.description = description;
  if (content !== undefined) policy.content = content;
  return { PolicySummary: policySummary(policy), Content: policy.content };
}

/** The checks Organizations makes before storing a document: size, JSON, and the statement grammar of the type. */
function checkContent(type: OrgPolicyType, content: string): void {
  if (content.length > MAX_POLICY_CHARS[type]) {
    throw new SandboxError('ConstraintViolationException', 400, 'You have exceeded the maximum size of a policy document.', { Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' });
  }
  const malformed = (why: string) => new SandboxError('MalformedPolicyDocumentException', 400, `The provided policy document does not meet the requirements of the specified policy type. ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw malformed('The document is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed('The document must be a JSON object.');
  const statements = (parsed as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  if (list.length === 0) throw malformed('The document must contain at least one Statement.');
  for (const s of list as Record<string, unknown>[]) {
    if (typeof s !== 'object' || s === null || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw malformed('Each statement needs an Effect of Allow or Deny.');
    if ((s.Action === undefined) === (s.NotAction === undefined)) throw malformed('Each statement needs exactly one of Action or NotAction.');
    if (type === 'SERVICE_CONTROL_POLICY' && (s.Principal !== undefined || s.NotPrincipal !== undefined)) throw malformed('Service control policies cannot name a Principal.');
    if (type === 'RESOURCE_CONTROL_POLICY' && s.Principal !== '*') throw malformed('Resource control policies must use "Principal": "*".');
  }
}
