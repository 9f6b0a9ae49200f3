/**
 * The `.rootguard.json` of each workspace folder, read through `vscode.workspace.fs` (so it works for
 * remote and virtual folders), cached per folder, and reloaded when the file changes on disk.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { FileType, SeveritySetting } from '../../core/lint/model';
import type { Log } from '../log';
import { matchesAny } from './selection';

export const CONFIG_FILE_NAME = '.rootguard.json';

/** What the configuration says about one document. */
export interface DocumentConfig {
  /** Path relative to the workspace folder; the absolute path for documents outside every folder. */
  relativePath: string;
  configuredType?: FileType;
  ignored: boolean;
  severities: Readonly<Record<string, SeveritySetting>>;
}

interface FolderConfig {
  types: Readonly<Record<string, FileType>>;
  rules: Readonly<Record<string, SeveritySetting>>;
  ignore: readonly string[];
}

export class WorkspaceConfigs implements vscode.Disposable {
  private readonly byFolder = new Map<string, Promise<FolderConfig | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable[];

  /** Fires after a configuration file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    this.watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => this.invalidate(vscode.workspace.getWorkspaceFolder(uri));
    this.subscriptions = [
      this.watcher,
      this.changed,
      this.watcher.onDidCreate(reload),
      this.watcher.onDidChange(reload),
      this.watcher.onDidDelete(reload),
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
    const configuredType = Object.entries(config.types).find(([glob]) => matchesAny(relativePath, [glob]))?.[1];
    return { relativePath, configuredType, ignored: matchesAny(relativePath, config.ignore), severities: config.rules };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private invalidate(folder: vscode.WorkspaceFolder | undefined): void {
    if (!folder) return;
    this.byFolder.delete(folder.uri.toString());
    this.changed.fire();
  }

  private load(folder: vscode.WorkspaceFolder): Promise<FolderConfig | undefined> {
    const key = folder.uri.toString();
    let loaded = this.byFolder.get(key);
    if (!loaded) {
      loaded = this.read(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
      this.byFolder.set(key, loaded);
    }
    return loaded;
  }

  private async read(uri: vscode.Uri): Promise<FolderConfig | undefined> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // no configuration file: defaults
    }
    const value = parseJsonc(text) as Partial<FolderConfig> | undefined;
    this.log.info(`loaded ${uri.fsPath}`);
    return { types: value?.types ?? {}, rules: value?.rules ?? {}, ignore: value?.ignore ?? [] };
  }
}
