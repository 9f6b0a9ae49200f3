/**
 * Typed access to the privileged-task settings: the root session length, the protected accounts and where
 * the audit log goes. The log path is application-scoped in package.json, so a workspace cannot move the
 * audit trail somewhere of its choosing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ROOT_SESSION_SECONDS } from '../../core/root/session';
import { MAX_ROOT_SESSION_SECONDS } from '../../core/root/taskPolicies';
import { protectedAccountIds } from '../explorer/explorerSettings';

/** Shorter sessions risk ending while a user reads a plan; 60 s is the floor the setting allows. */
const MIN_SESSION_SECONDS = 60;

export const AUDIT_LOG_FILE_NAME = 'root-tasks-audit.jsonl';

export class TaskSettings {
  constructor(private readonly globalStorage: vscode.Uri) {}

  /** The root session length in seconds, clamped to 60-900 whatever the settings file says. */
  sessionSeconds(): number {
    const value = vscode.workspace.getConfiguration('rootguard.tasks').get<number>('sessionSeconds', DEFAULT_ROOT_SESSION_SECONDS);
    if (!Number.isFinite(value)) return DEFAULT_ROOT_SESSION_SECONDS;
    return Math.min(MAX_ROOT_SESSION_SECONDS, Math.max(MIN_SESSION_SECONDS, Math.round(value)));
  }

  /** Account ids refused as targets unless the user overrides; anything but a 12-digit id is ignored. */
  protectedAccounts(): string[] {
    return protectedAccountIds();
  }

  /** The audit log file: the setting when given (a leading `~` is the home folder), else in global storage. */
  auditLogPath(): string {
    const configured = vscode.workspace.getConfiguration('rootguard.tasks').get<string>('auditLogPath', '').trim();
    if (!configured) return path.join(this.globalStorage.fsPath, AUDIT_LOG_FILE_NAME);
    const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
    return path.resolve(configured.replace(/^~(?=$|[\\/])/, home));
  }
}
