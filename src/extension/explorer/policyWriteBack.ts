/**
 * Writing a fixed SCP or RCP back from the explorer, in the privileged tasks' order: the
 * `rootguard.tasks.auditLogPath` setting is checked before the user is asked anything, so a setting that
 * cannot be the log is refused in the tasks' and the CLI's words (not Node's `EISDIR`, after a confirmed
 * modal), then the user confirms, then core writes the policy and records it. Free of VS Code so it is unit-tested.
 */
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type PolicyUpdateRequest, updateOrgPolicy } from '../../core/preflight';
import { JsonlAuditLog, type PolicyUpdateRecord } from '../../core/root/auditLog';
import { checkedAuditLogPath } from '../tasks/auditLogSetting';

export interface PolicyWriteBack {
  policy: PolicyUpdateRequest['policy'];
  oldContent: string;
  newContent: string;
  /** The setting's value, unchecked. */
  auditLogPath: string;
  organizations: Pick<OrganizationsClient, 'send'>;
  /** Shows the change and asks; called only once the log can be written. Undefined for Cancel. */
  confirm(): Promise<{ callerArn: string; dryRun: boolean } | undefined>;
}

/** The audit record of the write (or of the dry run); undefined when the user cancelled, with nothing called. */
export async function writeBackPolicy(writeBack: PolicyWriteBack): Promise<PolicyUpdateRecord | undefined> {
  const auditLogPath = await checkedAuditLogPath(writeBack.auditLogPath, 'write');
  const answer = await writeBack.confirm();
  if (!answer) return undefined;
  const { policy, oldContent, newContent, organizations } = writeBack;
  return updateOrgPolicy({ policy, oldContent, newContent, ...answer }, { organizations, auditLog: new JsonlAuditLog(auditLogPath) });
}
