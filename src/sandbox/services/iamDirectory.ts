/**
 * IAM (awsQuery) reads of who holds which permissions: `GetAccountAuthorizationDetails` with its `Filter`
 * members and `MaxItems`/`Marker`/`IsTruncated` pages, and `GetPolicy`/`GetPolicyVersion` for a managed
 * policy's document. Policy documents travel URL-encoded inside the XML, as IAM sends them; the SDK does not
 * decode them. One page counts users, groups, roles and policies together, in that order, as IAM does.
 */
import type { Access } from '../authz';
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import { type AccountDirectory, type AttachedPolicy, emptyDirectory, type InlinePolicy, type ManagedPolicy } from '../identity';
import type { XmlValue } from '../protocols/xml';

export const IAM_DIRECTORY_OPERATIONS = ['GetAccountAuthorizationDetails', 'GetPolicy', 'GetPolicyVersion'] as const;

const ENTITY_FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityFilter = (typeof ENTITY_FILTERS)[number];
const DEFAULT_MAX_ITEMS = 100;
const DEFAULT_VERSION = 'v1';

export function iamDirectoryAccess(action: string, params: URLSearchParams): Access {
  return { action: `iam:${action}`, resourceArn: action === 'GetAccountAuthorizationDetails' ? '*' : (params.get('PolicyArn') ?? '*') };
}

export function handleIamDirectory(ctx: CallContext, action: string, params: URLSearchParams): XmlValue {
  const directory = ctx.world.directories.get(ctx.caller.accountId) ?? emptyDirectory();
  if (action === 'GetAccountAuthorizationDetails') return authorizationDetails(directory, params);
  const policy = findPolicy(ctx, params.get('PolicyArn'));
  if (action === 'GetPolicy') return { Policy: policyShape(directory, policy) };
  const versionId = params.get('VersionId');
  if (versionId !== DEFAULT_VERSION) {
    throw new SandboxError('NoSuchEntity', 404, `Policy ${policy.arn} version ${versionId ?? ''} does not exist or is not attachable.`);
  }
  return { PolicyVersion: versionShape(policy) };
}

function invalid(message: string): SandboxError {
  return new SandboxError('ValidationError', 400, `1 validation error detected: ${message}`);
}

/** AWS managed policies exist in every account; a customer managed one only in its own. */
function findPolicy(ctx: CallContext, arn: string | null): ManagedPolicy {
  if (!arn) throw invalid("Value null at 'policyArn' failed to satisfy constraint: Member must not be null");
  const own = ctx.world.directories.get(ctx.caller.accountId)?.managedPolicies.find((p) => p.arn === arn);
  const awsManaged = [...ctx.world.directories.values()].flatMap((d) => d.managedPolicies).find((p) => p.awsManaged && p.arn === arn);
  const policy = own ?? awsManaged;
  if (!policy) throw new SandboxError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

function filtersOf(params: URLSearchParams): Set<EntityFilter> {
  const named: string[] = [];
  for (let i = 1; params.has(`Filter.member.${i}`); i++) named.push(params.get(`Filter.member.${i}`)!);
  for (const value of named) {
    if (!(ENTITY_FILTERS as readonly string[]).includes(value)) {
      throw invalid(`Value '[${named.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_FILTERS.join(', ')}]]`);
    }
  }
  return new Set((named.length > 0 ? named : ENTITY_FILTERS) as EntityFilter[]);
}

type Entry = { kind: 'user' | 'group' | 'role' | 'policy'; value: XmlValue };

function authorizationDetails(directory: AccountDirectory, params: URLSearchParams): XmlValue {
  const filters = filtersOf(params);
  const maxItems = params.has('MaxItems') ? Number(params.get('MaxItems')) : DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw invalid(`Value '${params.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const entries = entriesOf(directory, filters);
  const start = readMarker(params.get('Marker'), entries.length);
  const page = entries.slice(start, start + maxItems);
  const end = start + page.length;
  const of = (kind: Entry['kind']) => page.filter((e) => e.kind === kind).map((e) => e.value);
  return {
    UserDetailList: of('user'),
    GroupDetailList: of('group'),
    RoleDetailList: of('role'),
    Policies: of('policy'),
    IsTruncated: end < entries.length,
    Marker: end < entries.length ? Buffer.from(`sandbox-details:${end}`).toString('base64') : undefined,
  };
}

function readMarker(marker: string | null, total: number): number {
  if (marker === null) return 0;
  const match = /^sandbox-details:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset >= 0 && offset <= total)) throw invalid('Invalid Marker');
  return offset;
}

/**
 * Users, groups, roles, then the managed policies: the customer managed ones, and the AWS managed ones
 * attached to something in the account (IAM lists only those).
 */
function entriesOf(directory: AccountDirectory, filters: ReadonlySet<EntityFilter>): Entry[] {
  const attachedArns = new Set(
    [...directory.users, ...directory.groups, ...directory.roles].flatMap((e) => [...e.attached.map((a) => a.arn), ...('boundary' in e && e.boundary ? [e.boundary] : [])]),
  );
  const entries: Entry[] = [];
  if (filters.has('User')) {
    for (const u of directory.users) {
      entries.push({
        kind: 'user',
        value: {
          Path: u.path,
          UserName: u.name,
          UserId: u.id,
          Arn: u.arn,
          CreateDate: u.createDate,
          UserPolicyList: inline(u.inlinePolicies),
          GroupList: u.groups,
          AttachedManagedPolicies: attached(u.attached),
          PermissionsBoundary: boundary(u.boundary),
          Tags: u.tags.map((t) => ({ Key: t.key, Value: t.value })),
        },
      });
    }
  }
  if (filters.has('Group')) {
    for (const g of directory.groups) {
      entries.push({
        kind: 'group',
        value: { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: g.createDate, GroupPolicyList: inline(g.inlinePolicies), AttachedManagedPolicies: attached(g.attached) },
      });
    }
  }
  if (filters.has('Role')) {
    for (const r of directory.roles) {
      entries.push({
        kind: 'role',
        value: {
          Path: r.path,
          RoleName: r.name,
          RoleId: r.id,
          Arn: r.arn,
          CreateDate: r.createDate,
          AssumeRolePolicyDocument: encodeURIComponent(r.trustPolicy),
          InstanceProfileList: [],
          RolePolicyList: inline(r.inlinePolicies),
          AttachedManagedPolicies: attached(r.attached),
          PermissionsBoundary: boundary(r.boundary),
          Tags: r.tags.map((t) => ({ Key: t.key, Value: t.value })),
          RoleLastUsed: {},
        },
      });
    }
  }
  for (const p of directory.managedPolicies) {
    const wanted = p.awsManaged ? filters.has('AWSManagedPolicy') && attachedArns.has(p.arn) : filters.has('LocalManagedPolicy');
    if (!wanted) continue;
    entries.push({ kind: 'policy', value: { ...policyShape(directory, p) as Record<string, XmlValue>, PolicyVersionList: [versionShape(p)] } });
  }
  return entries;
}

function inline(policies: readonly InlinePolicy[]): XmlValue {
  return policies.map((p) => ({ PolicyName: p.name, PolicyDocument: encodeURIComponent(p.document) }));
}

function attached(policies: readonly AttachedPolicy[]): XmlValue {
  return policies.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
}

function boundary(arn: string | undefined): XmlValue {
  return arn ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } : undefined;
}

function policyShape(directory: AccountDirectory, p: ManagedPolicy): XmlValue {
  const entities = [...directory.users, ...directory.groups, ...directory.roles];
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: DEFAULT_VERSION,
    AttachmentCount: entities.filter((e) => e.attached.some((a) => a.arn === p.arn)).length,
    PermissionsBoundaryUsageCount: entities.filter((e) => 'boundary' in e && e.boundary === p.arn).length,
    IsAttachable: true,
    CreateDate: p.createDate,
    UpdateDate: p.createDate,
  };
}

function versionShape(p: ManagedPolicy): XmlValue {
  return { Document: encodeURIComponent(p.document), VersionId: DEFAULT_VERSION, IsDefaultVersion: true, CreateDate: p.createDate };
}
