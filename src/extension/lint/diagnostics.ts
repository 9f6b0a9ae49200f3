/**
 * The diagnostics lifecycle (after vscode-extension-samples' code-actions-sample): lint a document when it
 * opens, again ~300 ms after the last change, on save, and drop its diagnostics when it closes; re-lint
 * everything open when the settings or a `.rootguard.json` change. Linting is read-only, so it runs in
 * untrusted workspaces too. A failed lint is logged, never shown as a popup.
 */
import * as vscode from 'vscode';
import { MAX_EDITOR_LINT_CHARACTERS, megabytes } from '../../core/lint/limits';
import type { HclParser } from '../../core/lint/iac/hclParser';
import { lintFiles } from '../../core/lint/linter';
import type { FileEncoding } from '../../core/text/fileEncoding';
import type { Log } from '../log';
import type { Settings } from '../settings';
import type { FindingsCache } from './findingsCache';
import type { LintStatus } from './lintStatus';
import { type DetectFileType, editorSyntax, refusedGlobs, selectFileType } from './selection';
import { lintWithNamedFiles } from './namedFiles';
import { terraformModuleOf, sameTerraformModule } from './terraformModule';
import { toDiagnostic } from './toDiagnostic';
import type { WorkspaceConfigs } from './workspaceConfigs';

const DEBOUNCE_MS = 300;

export interface LintDiagnosticsDeps {
  log: Log;
  settings: Settings;
  configs: WorkspaceConfigs;
  cache: FindingsCache;
  collection: vscode.DiagnosticCollection;
  status: LintStatus;
  detect: DetectFileType;
  /** The HCL parser, asked for only when a Terraform document is linted (its WebAssembly loads on first use). */
  hclParser: () => Promise<HclParser>;
  extensionUri: vscode.Uri;
}

export class LintDiagnostics implements vscode.Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The files each linted document's last lint read through `file()` or `templatefile()`, by document. */
  private readonly namedFiles = new Map<string, Set<string>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly reportedGlobs = new Set<string>();
  private hclFailureLogged = false;

  constructor(private readonly deps: LintDiagnosticsDeps) {}

  /** Starts listening and lints what is already open. */
  start(): void {
    const { workspace } = vscode;
    this.subscriptions.push(
      workspace.onDidOpenTextDocument((document) => this.lintSoon(document, 0)),
      workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.lintSoon(event.document, DEBOUNCE_MS);
        this.lintModuleSoon(event.document);
        this.lintNamingSoon(event.document.uri, DEBOUNCE_MS);
      }),
      workspace.onDidSaveTextDocument((document) => {
        this.lintSoon(document, 0);
        this.lintNamingSoon(document.uri, 0);
      }),
      workspace.onDidCloseTextDocument((document) => {
        this.forget(document.uri);
        // Closed unsaved, the file is read as saved again.
        this.lintNamingSoon(document.uri, 0);
      }),
      this.deps.settings.onDidChangeLint(() => this.lintAllOpen('settings changed')),
      this.deps.configs.onDidChange(() => this.lintAllOpen('.rootguard.json changed')),
    );
    this.lintAllOpen('activation');
  }

  /** Lints one document now and resolves when its diagnostics are set (also used by tests and commands). */
  async lint(document: vscode.TextDocument): Promise<void> {
    this.cancelPending(document.uri);
    const version = document.version;
    try {
      const target = await this.targetOf(document);
      const hcl = target && !target.tooLarge && target.syntax === 'hcl' ? await this.loadHclParser() : undefined;
      // The document may have changed or closed while the configuration or the parser loaded: that lint is obsolete.
      if (document.isClosed || document.version !== version) return;
      if (!target) return this.forget(document.uri);
      if (target.tooLarge) return this.skipTooLarge(document, target.selection !== 'auto');
      const started = Date.now();
      const text = document.getText();
      // A .tf file is read with the rest of its folder's module, as the CLI reads it.
      const module = hcl ? await terraformModuleOf(document, text) : undefined;
      if (document.isClosed || document.version !== version) return;
      const type = target.selection === 'auto' ? undefined : target.selection;
      // VS Code decodes the file by its byte order mark and shows it without, as the CLI reads it.
      const input = { path: document.uri.fsPath, text, type, syntax: target.syntax, encoding: fileEncodingOf(document) };
      const options = { severities: target.severities, hcl, moduleFiles: () => module };
      const { result: [result], named } = await lintWithNamedFiles(document, (readRelative) => lintFiles([input], { ...options, readRelative }));
      if (document.isClosed || document.version !== version) return;
      this.namedFiles.set(document.uri.toString(), new Set(named.map((uri) => uri.toString())));
      const findings = result.findings;
      const entries = findings.map((finding) => ({ finding, diagnostic: toDiagnostic(document, finding, this.deps.extensionUri) }));
      this.deps.cache.set(document.uri, version, entries);
      this.deps.collection.set(document.uri, entries.map((e) => e.diagnostic));
      this.deps.status.record(document.uri, { type: result.type, problems: findings.length });
      this.deps.log.debug(`linted ${target.relativePath} as ${result.type ?? 'not a policy'}: ${findings.length} finding(s) in ${Date.now() - started} ms`);
    } catch (err) {
      this.deps.log.error(`lint failed for ${document.uri.toString(true)}:`, err);
    }
  }

  /**
   * Lints a document now unless it was linted since it opened: completion and hover answer only in
   * policies, and one asked for before the first lint (a lint on open waits for the configuration) would
   * otherwise get nothing.
   */
  async ensureLinted(document: vscode.TextDocument): Promise<void> {
    if (!this.deps.status.has(document.uri)) await this.lint(document);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.deps.cache.clear();
  }

  /**
   * The HCL parser, or none when its WebAssembly failed to load: then the linter reports each Terraform
   * file as not checked (a diagnostic saying so), rather than the file looking clean.
   */
  private async loadHclParser(): Promise<HclParser | undefined> {
    try {
      return await this.deps.hclParser();
    } catch (err) {
      if (!this.hclFailureLogged) this.deps.log.error('the HCL parser did not load, so Terraform files are not checked:', err);
      this.hclFailureLogged = true;
      return undefined;
    }
  }

  private lintSoon(document: vscode.TextDocument, delayMs: number): void {
    this.cancelPending(document.uri);
    const key = document.uri.toString();
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.lint(document);
      }, delayMs),
    );
  }

  /** Lints again the open `.tf` files of a changed one's module: their findings may depend on it. */
  private lintModuleSoon(changed: vscode.TextDocument): void {
    for (const other of vscode.workspace.textDocuments) if (sameTerraformModule(changed.uri, other.uri)) this.lintSoon(other, DEBOUNCE_MS);
  }

  /** Lints again the open documents whose policies are read from a changed file (`file("policy.json")`). */
  private lintNamingSoon(changed: vscode.Uri, delayMs: number): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.namedFiles.get(document.uri.toString())?.has(changed.toString())) this.lintSoon(document, delayMs);
    }
  }

  private lintAllOpen(reason: string): void {
    this.deps.log.debug(`linting open documents: ${reason}`);
    for (const document of vscode.workspace.textDocuments) this.lintSoon(document, 0);
  }

  private forget(uri: vscode.Uri): void {
    this.cancelPending(uri);
    this.namedFiles.delete(uri.toString());
    this.deps.cache.delete(uri);
    this.deps.collection.delete(uri);
    this.deps.status.forget(uri);
  }

  private cancelPending(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  /**
   * A document too large to lint without holding the extension host: said in the status item, and as a
   * diagnostic on the file when it was selected as a policy (not only a JSON file that might hold one).
   */
  private skipTooLarge(document: vscode.TextDocument, selected: boolean): void {
    const message = `RootGuard does not lint documents over ${megabytes(MAX_EDITOR_LINT_CHARACTERS)} in the editor (this one is ${megabytes(document.getText().length)}): run "rootguard lint" on it.`;
    this.deps.cache.delete(document.uri);
    const diagnostic = Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), message, vscode.DiagnosticSeverity.Information), { source: 'RootGuard' });
    this.deps.collection.set(document.uri, selected ? [diagnostic] : []);
    this.deps.status.record(document.uri, { problems: 0, skipped: `over ${megabytes(MAX_EDITOR_LINT_CHARACTERS)}, not linted in the editor` });
    this.deps.log.info(`not linting ${vscode.workspace.asRelativePath(document.uri)}: ${message}`);
  }

  private reportRefusedGlobs(include: readonly string[]): void {
    for (const problem of refusedGlobs(include)) {
      if (this.reportedGlobs.has(problem)) continue;
      this.reportedGlobs.add(problem);
      this.deps.log.warn(`rootguard.lint.include: ignoring the glob ${problem}`);
    }
  }

  /** Whether and how to lint the document: its type, severities and path as the config sees them. */
  private async targetOf(document: vscode.TextDocument) {
    const settings = this.deps.settings.lint(document.uri);
    this.reportRefusedGlobs(settings.include);
    const config = await this.deps.configs.forDocument(document.uri);
    // A document too large to lint is not parsed to detect its type either.
    const tooLarge = document.getText().length > MAX_EDITOR_LINT_CHARACTERS;
    const text = tooLarge ? '' : document.getText();
    const detect = tooLarge ? () => undefined : this.deps.detect;
    const facts = { languageId: document.languageId, scheme: document.uri.scheme, path: config.relativePath, text };
    const selection = selectFileType(facts, { ...settings, configuredType: config.configuredType, ignored: config.ignored }, detect);
    const syntax = editorSyntax(document.languageId, config.relativePath);
    return selection && { selection, syntax, severities: config.severities, relativePath: config.relativePath, tooLarge };
  }
}

/** The document's encoding as the linter names those it reports; any other is read as plain UTF-8 would be. */
function fileEncodingOf(document: vscode.TextDocument): FileEncoding {
  const { encoding } = document;
  return encoding === 'utf8bom' || encoding === 'utf16le' || encoding === 'utf16be' ? encoding : 'utf8';
}
