/**
 * Writes a fixed SCP or RCP back to AWS Organizations with the caller's own credentials
 * (`organizations:UpdatePolicy`), and records it in the audit log with the policy's old and new text and the
 * caller. The text is read again first (`DescribePolicy`): a policy someone changed since it was read is
 * refused rather than overwritten. As for root tasks, an `intent` record reaches the disk before the write
 * (so a log that cannot be written stops it, and a crash after it leaves the intent behind), and an `updated`
 * or `failed` record naming the intent follows. A dry run reads and records, and changes nothing.
 */
import { DescribePolicyCommand, type OrganizationsClient, UpdatePolicyCommand } from '@aws-sdk/client-organizations';
import { RootGuardError, awsErrorCode, throwIfAborted } from '../aws/errors';
import { type AuditLog, type PolicyUpdateRecord, newRecordId } from '../root/auditLog';
import type { OrgPolicy } from './model';

/** The permission the write takes, for messages and the caller policy. */
export const UPDATE_POLICY_PERMISSION = 'organizations:UpdatePolicy';

export interface PolicyUpdateRequest {
  policy: Pick<OrgPolicy, 'id' | 'name' | 'kind' | 'targets'>;
  /** The text the fix was made from: the policy as it was read. */
  oldContent: string;
  newContent: string;
  callerArn: string;
  dryRun: boolean;
}

export interface PolicyUpdateDeps {
  organizations: Pick<OrganizationsClient, 'send'>;
  auditLog: AuditLog;
  now?: () => Date;
}

/** Nothing in a policy update record is a session secret: the write uses the caller's own credentials. */
const NO_SESSION_SECRETS = { revealsSecret: () => false };

/**
 * Reads the policy again, writes the new text unless this is a dry run, and appends the records (a failed
 * write is recorded too, then thrown). Resolves with the last record written.
 */
export async function updateOrgPolicy(request: PolicyUpdateRequest, deps: PolicyUpdateDeps, signal?: AbortSignal): Promise<PolicyUpdateRecord> {
  const { policy } = request;
  const record = (outcome: PolicyUpdateRecord['outcome'], extra: Pick<PolicyUpdateRecord, 'intentId' | 'error'> = {}): PolicyUpdateRecord => ({
    v: 1,
    type: 'policyUpdate',
    id: newRecordId(),
    time: (deps.now?.() ?? new Date()).toISOString(),
    callerArn: request.callerArn,
    policyId: policy.id,
    policyName: policy.name,
    policyKind: policy.kind,
    targets: policy.targets.map((t) => ({ ...t })),
    oldContent: request.oldContent,
    newContent: request.newContent,
    outcome,
    ...extra,
  });
  throwIfAborted(signal);
  const current = await deps.organizations.send(new DescribePolicyCommand({ PolicyId: policy.id }), { abortSignal: signal });
  if (current.Policy?.Content !== request.oldContent) {
    throw new RootGuardError('PolicyChanged', `${policy.name} (${policy.id}) changed in AWS Organizations since RootGuard read it: refresh the explorer and fix it again. Nothing was written.`);
  }
  if (request.dryRun) {
    const planned = record('dry-run');
    await deps.auditLog.append(planned, NO_SESSION_SECRETS);
    return planned;
  }
  const intent = record('intent');
  await deps.auditLog.append(intent, NO_SESSION_SECRETS);
  try {
    throwIfAborted(signal);
    await deps.organizations.send(new UpdatePolicyCommand({ PolicyId: policy.id, Content: request.newContent }), { abortSignal: signal });
  } catch (err) {
    const code = awsErrorCode(err);
    const failed = record('failed', { intentId: intent.id, error: { code, message: err instanceof Error ? err.message : String(err) } });
    await deps.auditLog.append(failed, NO_SESSION_SECRETS);
    if (code === 'AccessDenied') throw new RootGuardError('PolicyUpdateDenied', `The caller may not write ${policy.name} (${policy.id}): it needs ${UPDATE_POLICY_PERMISSION}, from the management account (see docs/caller-policy.json).`, { cause: err });
    throw err;
  }
  const updated = record('updated', { intentId: intent.id });
  await deps.auditLog.append(updated, NO_SESSION_SECRETS);
  return updated;
}
