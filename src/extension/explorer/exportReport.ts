/**
 * "Export Report": the organization's root posture as CSV, JSON or Markdown (core/report), from the
 * listing, the cached audit results and, once the Root session history node has read it, the history (each
 * account's last root session and flagged sessions; `not read` otherwise), and the management account's own
 * root user when an audit read it with the caller's credentials. Neither holds a secret.
 */
import * as vscode from 'vscode';
import { buildPostureReport } from '../../core/report/posture';
import { renderReport, type ReportFormat } from '../../core/report/formats';
import type { RootSessionHistory } from '../../core/history/model';
import type { AccountAuditResult } from '../../core/org/model';
import type { Log } from '../log';
import type { OrgTreeProvider } from './orgTreeProvider';

type FileFormat = Exclude<ReportFormat, 'table'>;

const FORMATS: { format: FileFormat; label: string; detail: string; extension: string }[] = [
  { format: 'csv', label: 'CSV', detail: 'One row per account; the AWS blog script\'s columns first', extension: 'csv' },
  { format: 'markdown', label: 'Markdown', detail: 'Totals, every account, and why failed accounts failed', extension: 'md' },
  { format: 'json', label: 'JSON', detail: 'Everything, for scripts', extension: 'json' },
];

/** Tests and callers with a destination skip the pickers. */
export interface ExportRequest {
  format?: FileFormat;
  uri?: vscode.Uri;
}

export class ReportExporter {
  constructor(
    private readonly tree: OrgTreeProvider,
    private readonly log: Log,
    /** The root session history of the connection, if it has been read. */
    private readonly history: () => RootSessionHistory | undefined,
  ) {}

  /** Asks for a format and a file (unless given), writes the report, offers to open it; undefined if dismissed. */
  async export(request: ExportRequest = {}): Promise<vscode.Uri | undefined> {
    const choice = request.format ? FORMATS.find((f) => f.format === request.format) : await pickFormat();
    if (!choice) return undefined;
    const snapshot = await this.tree.model.snapshot();
    const results = snapshot.accounts.map((a) => this.tree.store.get(a.id)?.latest).filter((r): r is AccountAuditResult => r !== undefined);
    const management = snapshot.organization.managementAccountId;
    const own = this.tree.store.managementRoot(management);
    const report = buildPostureReport({ ...snapshot, results, history: this.history(), managementRoot: own && 'read' in own ? own.read : undefined });
    const uri = request.uri ?? (await vscode.window.showSaveDialog({
      title: 'Export root access posture',
      defaultUri: defaultLocation(`root-posture-${snapshot.organization.id}-${report.generatedAt.slice(0, 10)}.${choice.extension}`),
      filters: { [choice.label]: [choice.extension] },
    }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderReport(report, choice.format)));
    this.log.info(`report of ${report.rows.length} accounts written to ${uri.toString(true)}`);
    if (!request.uri) {
      void vscode.window.showInformationMessage(`RootGuard: report of ${report.rows.length} accounts saved.`, 'Open').then((answer) => {
        if (answer) void vscode.window.showTextDocument(uri);
      });
    }
    return uri;
  }
}

function pickFormat() {
  return vscode.window.showQuickPick(FORMATS, { title: 'RootGuard: Export Report', placeHolder: 'Report format' });
}

function defaultLocation(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
