/**
 * The `--audit-log PATH` check of every command that takes it, before the command connects or asks anything:
 * a path that cannot be the log is a usage error (exit 2) naming the option, the path and what is wrong.
 */
import { printable } from '../core/report/cells';
import { type AuditLogUse, auditLogPathProblem } from '../core/root/auditLogPath';

/** True when the path was refused (said on stderr); the command then exits 2. */
export async function refuseAuditLogPath(command: string, path: string, use: AuditLogUse, stderr: { write(text: string): unknown }): Promise<boolean> {
  const problem = await auditLogPathProblem(path, use);
  if (problem) stderr.write(`rootguard ${command}: --audit-log ${printable(path)}: ${problem}\n`);
  return problem !== undefined;
}
