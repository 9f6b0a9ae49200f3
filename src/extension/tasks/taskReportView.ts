/**
 * A task run's report, rendered: the Markdown report (`taskRunMarkdown`, the CLI's `--format markdown`) as
 * HTML in a webview of its own, in the active editor group so it takes the window's width. The webview runs
 * no script and loads nothing (its policy allows only the inline style), so nothing in a report, account
 * names included, can act; the names are escaped before rendering as well.
 */
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';

export const TASK_REPORT_VIEW_TYPE = 'rootguard.taskReport';

// `html: true` only for the `<br>` the report puts between a cell's changes: every text from AWS or the
// organization is HTML-escaped by the report itself.
const markdown = new MarkdownIt({ html: true, linkify: false });

const STYLE = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
  th { border-bottom-width: 2px; }
  code { font-family: var(--vscode-editor-font-family); }
`;

/** The whole page: the report's HTML under a policy that forbids scripts and every load. */
export function taskReportHtml(title: string, reportMarkdown: string): string {
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapedTitle}</title><style>${STYLE}</style></head>
<body>${markdown.render(reportMarkdown)}</body></html>`;
}

export class TaskReportView {
  /** The panel shown last, for the integration tests to read. */
  lastShown?: vscode.WebviewPanel;

  /** Opens the report in a new panel in the active editor group. */
  show(title: string, reportMarkdown: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(TASK_REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
    panel.webview.html = taskReportHtml(title, reportMarkdown);
    panel.onDidDispose(() => {
      if (this.lastShown === panel) this.lastShown = undefined;
    });
    this.lastShown = panel;
    return panel;
  }
}
