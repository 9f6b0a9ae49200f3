/**
 * The `.rootguard.json` of each workspace folder, read through `vscode.workspace.fs` (so it works for
 * remote and virtual folders) with core's loader, cached per folder, and reloaded when the file changes.
 * An invalid file is reported as a diagnostic on itself and linting goes on with the defaults.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, ConfigError, type RootGuardConfig, configuredType, isIgnored, loadConfig } from '../../core/lint/config';
import { MAX_LINT_FILE_BYTES, megabytes } from '../../core/lint/limits';
import type { FileType, SeveritySetting } from '../../core/lint/model';
import { printable } from '../../core/report/cells';
import { decodeFile } from '../../core/text/fileEncoding';
import type { Log } from '../log';

/** What the configuration says about one document. */
export interface DocumentConfig {
  /** Path relative to the workspace folder; the absolute path for documents outside every folder. */
  relativePath: string;
  configuredType?: FileType;
  ignored: boolean;
  severities: Readonly<Record<string, SeveritySetting>>;
}

export class WorkspaceConfigs implements vscode.Disposable {
  private readonly byFolder = new Map<string, Promise<RootGuardConfig | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly problems = vscode.languages.createDiagnosticCollection('rootguard-config');
  private readonly subscriptions: vscode.Disposable[];

  /** Fires after a configuration file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => this.invalidate(vscode.workspace.getWorkspaceFolder(uri));
    this.subscriptions = [
      watcher,
      this.changed,
      this.problems,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.byFolder.clear();
        this.changed.fire();
      }),
    ];
  }

  async forDocument(uri: vscode.Uri): Promise<DocumentConfig> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return { relativePath: uri.scheme === 'file' ? uri.fsPath : uri.path, ignored: false, severities: {} };
    const relativePath = vscode.workspace.asRelativePath(uri, false);
    const config = await this.load(folder);
    if (!config) return { relativePath, ignored: false, severities: {} };
    return {
      relativePath,
      configuredType: configuredType(config, relativePath),
      ignored: isIgnored(config, relativePath),
      severities: config.rules,
    };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private invalidate(folder: vscode.WorkspaceFolder | undefined): void {
    if (!folder) return;
    this.byFolder.delete(folder.uri.toString());
    // Read again at once, so that the file's own diagnostics follow its content even with no policy open.
    void this.load(folder);
    this.changed.fire();
  }

  private load(folder: vscode.WorkspaceFolder): Promise<RootGuardConfig | undefined> {
    const key = folder.uri.toString();
    const loaded = this.byFolder.get(key);
    if (loaded) return loaded;
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const reading: Promise<RootGuardConfig | undefined> = this.read(uri).then(({ config, problems }) => {
      // A save can reach the watcher as two changes (emptied, then written): the read of the empty file may
      // end after the read of the whole one, and its "invalid JSON" must not replace what is true now.
      if (this.byFolder.get(key) === reading) this.showProblems(uri, problems);
      return config;
    });
    this.byFolder.set(key, reading);
    return reading;
  }

  /** The folder's configuration (undefined: the defaults, when there is none or it is invalid) and its problems. */
  private async read(uri: vscode.Uri): Promise<{ config?: RootGuardConfig; problems: readonly string[] }> {
    let bytes: Uint8Array;
    try {
      const refused = unreadable(await vscode.workspace.fs.stat(uri));
      if (refused) {
        this.log.warn(`${uri.fsPath} ${refused}; linting with the defaults`);
        return { problems: [`${CONFIG_FILE_NAME} ${refused}; linting with the defaults.`] };
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { problems: [] }; // no configuration file
    }
    try {
      // Core's globs are relative to the file's folder; relative paths are passed in, so its path
      // only needs the right folder, and fsPath gives one for every scheme.
      // Decoded as the CLI decodes it (by its byte order mark), so that both read one file alike.
      const config = await loadConfig(uri.fsPath, () => decodeFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text);
      this.log.info(`loaded ${vscode.workspace.asRelativePath(uri)}`);
      return { config, problems: [] };
    } catch (err) {
      const problems = err instanceof ConfigError ? err.problems : [String(err)];
      this.log.warn(`${uri.fsPath} is invalid; linting with the defaults:`, problems.join('; '));
      return { problems };
    }
  }

  private showProblems(uri: vscode.Uri, problems: readonly string[]): void {
    const firstCharacter = new vscode.Range(0, 0, 0, 1);
    this.problems.set(
      uri,
      // The file's own text (a rule name, a glob) as the CLI writes it: controls and bidi characters escaped.
      problems.map((problem) => Object.assign(new vscode.Diagnostic(firstCharacter, printable(problem)), { source: 'RootGuard' })),
    );
  }
}

/**
 * Why a configuration file is not read, or undefined: a hostile repository's `.rootguard.json` may be a
 * link to a device (`/dev/zero` never ends) or a FIFO (its read never returns), as the CLI refuses too.
 */
function unreadable(stat: vscode.FileStat): string | undefined {
  if ((stat.type & vscode.FileType.File) === 0) return 'is not a regular file, not read';
  if (stat.size > MAX_LINT_FILE_BYTES) return `is ${megabytes(stat.size)}, over the ${megabytes(MAX_LINT_FILE_BYTES)} RootGuard reads, not read`;
  return undefined;
}
