/**
 * The audit log the `rootguard.tasks.auditLogPath` setting names, checked as the CLI checks `--audit-log`
 * (core/root/auditLogPath.ts) before anything reads or writes it: a folder, a path through a file or a log
 * that may not be read is refused in the CLI's words, never with Node's (`EISDIR: illegal operation on a
 * directory, read`). Free of VS Code so it is unit-tested.
 */
import { printable } from '../../core/report/cells';
import { type AuditLogUse, auditLogPathProblem } from '../../core/root/auditLogPath';

export const AUDIT_LOG_SETTING = 'rootguard.tasks.auditLogPath';

/** A setting that cannot be the audit log: the history node shows it as its own error, not the organization's. */
export class AuditLogSettingError extends Error {}

/** `path` when it can be the audit log for `use`; otherwise throws what is wrong, naming the setting and the path. */
export async function checkedAuditLogPath(path: string, use: AuditLogUse): Promise<string> {
  const problem = await auditLogPathProblem(path, use);
  if (problem) throw new AuditLogSettingError(`${AUDIT_LOG_SETTING} ${printable(path)}: ${problem}`);
  return path;
}
