/**
 * Builds the privileged tasks: settings, prompts, the read-only preview documents, the run reports and the session countdown,
 * wired by constructor onto the explorer's connection and tree and onto the password-recovery flags (made
 * in extension.ts, because the explorer's tree shows them too).
 */
import * as vscode from 'vscode';
import type { ExplorerServices } from '../explorer/explorer';
import { AUDIT_LOG_SCHEME, AuditLogDocument } from './auditLogDocument';
import type { Log } from '../log';
import { PREVIEW_SCHEME, PolicyPreview } from './policyPreview';
import { VscodePrompts } from './prompts';
import type { RecoveryFlags } from './recoveryFlags';
import { SessionCountdown } from './sessionCountdown';
import { PrivilegedTasks } from './taskCommands';
import { TaskReportView } from './taskReportView';
import { TaskSettings } from './taskSettings';

/** What the command table and the integration tests use. */
export interface TaskServices {
  commands: PrivilegedTasks;
  countdown: SessionCountdown;
  recovery: RecoveryFlags;
  settings: TaskSettings;
}

export function activateTasks(context: vscode.ExtensionContext, log: Log, explorer: ExplorerServices, recovery: RecoveryFlags): TaskServices {
  const settings = new TaskSettings(context.globalStorageUri);
  const preview = new PolicyPreview();
  const countdown = new SessionCountdown();
  const auditLog = new AuditLogDocument(() => settings.auditLogPath());
  const commands = new PrivilegedTasks(explorer, settings, countdown, recovery, auditLog, new TaskReportView(), new VscodePrompts(preview), log);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.workspace.registerTextDocumentContentProvider(AUDIT_LOG_SCHEME, auditLog),
    preview,
    auditLog,
    countdown,
  );
  return { commands, countdown, recovery, settings };
}
