/**
 * Reads the organization's SCPs and RCPs with the caller's own credentials: the policy types enabled on the
 * root (`ListRoots`), then per enabled type `ListPolicies`, and per policy `DescribePolicy` and
 * `ListTargetsForPolicy`. The calls grow with policies and attachments, never with accounts times path
 * depth; pages follow each other, policies are read `concurrency` calls at a time, throttling is the SDK's
 * retries (as for the audit), and the signal cancels between and during calls.
 */
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
  type PolicyTypeSummary,
} from '@aws-sdk/client-organizations';
import { createLimiter } from '../aws/concurrency';
import { RootGuardError, awsErrorCode, isAbortError, throwIfAborted } from '../aws/errors';
import { collectPages, ORGANIZATIONS_PAGE_SIZE } from '../org/paging';
import { PolicyReadError, asDeployed, readPolicy } from '../policy';
import { type OrgPolicies, type OrgPolicy, type OrgPolicyKind, POLICY_KINDS, type PolicyTarget, type PolicyTypeState } from './model';

/** The permissions reading the policies takes, for the message when one is missing. */
export const PREFLIGHT_PERMISSIONS = ['organizations:ListRoots', 'organizations:ListPolicies', 'organizations:DescribePolicy', 'organizations:ListTargetsForPolicy'] as const;

/** The caller may not read the organization's policies; `operation` is the call that was refused. */
export class PolicyAccessError extends RootGuardError {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      'PolicyAccessDenied',
      `The caller may not read the organization's policies (${operation} was denied). The preflight needs ${PREFLIGHT_PERMISSIONS.join(', ')} ` +
        '(see docs/caller-policy.json), from the management account or a delegated administrator.',
      { cause },
    );
    this.name = 'PolicyAccessError';
  }
}

export interface ReadPoliciesOptions {
  signal?: AbortSignal;
  /** Calls in flight at once across policies; default 8 (the audit's listing concurrency). */
  concurrency?: number;
}

type Organizations = Pick<OrganizationsClient, 'send'>;

/** Runs one call; a refusal becomes a `PolicyAccessError` naming the operation. */
async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isAbortError(err)) throw err;
    if (awsErrorCode(err) === 'AccessDenied') throw new PolicyAccessError(operation, err);
    throw err;
  }
}

function typeStates(types: readonly PolicyTypeSummary[] | undefined): Record<OrgPolicyKind, PolicyTypeState> {
  const stateOf = (type: string): PolicyTypeState => (types?.find((t) => t.Type === type)?.Status as PolicyTypeState | undefined) ?? 'NOT_ENABLED';
  return { SERVICE_CONTROL_POLICY: stateOf('SERVICE_CONTROL_POLICY'), RESOURCE_CONTROL_POLICY: stateOf('RESOURCE_CONTROL_POLICY') };
}

/**
 * Every SCP and RCP of the organization with its text and targets, for the policy types enabled on the root.
 * A type that is not `ENABLED` is not read (AWS does not enforce it). Throws `PolicyAccessError` when the
 * caller lacks a permission, and the abort error on cancellation.
 */
export async function readOrgPolicies(organizations: Organizations, { signal, concurrency = 8 }: ReadPoliciesOptions = {}): Promise<OrgPolicies> {
  const roots = await call('ListRoots', () =>
    collectPages(async (NextToken) => {
      const page = await organizations.send(new ListRootsCommand({ NextToken }), { abortSignal: signal });
      return { items: page.Roots ?? [], next: page.NextToken };
    }),
  );
  const root = roots[0];
  const types = typeStates(root?.PolicyTypes);
  const limit = createLimiter(concurrency);
  // The two types need nothing from each other, so they are read side by side within the one limit: at
  // 5,000 accounts the pages of ListTargetsForPolicy for FullAWSAccess and RCPFullAWSAccess set the time.
  const kinds = POLICY_KINDS.filter((k) => types[k] === 'ENABLED');
  const policies = (await Promise.all(kinds.map((kind) => readKind(organizations, kind, limit, signal)))).flat();
  throwIfAborted(signal);
  return { rootId: root?.Id ?? '', types, policies, readAt: new Date().toISOString() };
}

async function readKind(organizations: Organizations, kind: OrgPolicyKind, limit: ReturnType<typeof createLimiter>, signal?: AbortSignal): Promise<OrgPolicy[]> {
  const summaries = await call('ListPolicies', () =>
    collectPages(async (NextToken) => {
      const page = await limit(() => organizations.send(new ListPoliciesCommand({ Filter: kind, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
      return { items: page.Policies ?? [], next: page.NextToken };
    }),
  );
  const read = await Promise.allSettled(summaries.map((summary) => readOne(organizations, summary.Id ?? '', kind, limit, signal)));
  const failed = read.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return read.map((r) => (r as PromiseFulfilledResult<OrgPolicy>).value);
}

async function readOne(organizations: Organizations, policyId: string, kind: OrgPolicyKind, limit: ReturnType<typeof createLimiter>, signal?: AbortSignal): Promise<OrgPolicy> {
  const [described, targets] = await Promise.all([
    call('DescribePolicy', () => limit(() => organizations.send(new DescribePolicyCommand({ PolicyId: policyId }), { abortSignal: signal }))),
    call('ListTargetsForPolicy', () =>
      collectPages(async (NextToken) => {
        const page = await limit(() => organizations.send(new ListTargetsForPolicyCommand({ PolicyId: policyId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
        return { items: page.Targets ?? [], next: page.NextToken };
      }),
    ),
  ]);
  const summary = described.Policy?.PolicySummary;
  const content = described.Policy?.Content ?? '';
  const name = summary?.Name ?? policyId;
  let document: OrgPolicy['document'];
  let readError: string | undefined;
  try {
    // Named by id: the id is what a deciding statement must lead back to. Read as AWS evaluates it: a
    // template placeholder a pipeline left in (`${AWS::Partition}`) is text, not the partition.
    document = asDeployed(readPolicy(content, policyId));
  } catch (err) {
    if (!(err instanceof PolicyReadError)) throw err;
    readError = err.message;
  }
  return {
    id: policyId,
    arn: summary?.Arn ?? '',
    name,
    kind,
    awsManaged: summary?.AwsManaged ?? false,
    content,
    ...(document ? { document } : {}),
    ...(readError ? { readError } : {}),
    targets: targets.map((t): PolicyTarget => ({ id: t.TargetId ?? '', name: t.Name ?? t.TargetId ?? '', type: (t.Type ?? 'ACCOUNT') as PolicyTarget['type'] })),
  };
}
