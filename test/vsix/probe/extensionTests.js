// Runs inside the extension host of a code-server where RootGuard was installed from its .vsix (VS Code
// only runs an extensionTestsPath for a development extension, so this probe is that extension). It
// records what it sees about the installed RootGuard into $ROOTGUARD_VSIX_PROBE_RESULTS; the mocha
// suite on the Node side (vsix.test.ts) asserts on it. Plain CommonJS: it is loaded as is.
'use strict';
const fs = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'rootguard.rootguard';
const ACTIVATION_TIMEOUT_MS = 30_000;

async function waitUntil(condition, timeoutMs) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/**
 * Opens the workspace's main.tf (plain text here: no Terraform extension is installed) and waits for
 * RootGuard's diagnostics, which need the HCL parser's WebAssembly files from the installed copy.
 */
async function lintTerraform() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'main.tf'));
  await vscode.window.showTextDocument(document);
  const rootGuard = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'RootGuard');
  const afterMs = await waitUntil(() => rootGuard().length > 0, ACTIVATION_TIMEOUT_MS);
  const diagnostics = rootGuard().map((d) => ({ code: typeof d.code === 'object' ? d.code.value : d.code, line: d.range.start.line + 1, message: d.message }));
  return { languageId: document.languageId, afterMs, diagnostics };
}

exports.run = async function run() {
  const facts = {};
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    facts.found = Boolean(extension);
    if (extension) {
      facts.extensionPath = extension.extensionPath;
      facts.version = extension.packageJSON.version;
      facts.extensionKind = extension.extensionKind === vscode.ExtensionKind.Workspace ? 'workspace' : 'ui';
      // Not activate(): the workspace holds a .rootguard.json, so the activation event must do it.
      facts.activatedAfterMs = await waitUntil(() => extension.isActive, ACTIVATION_TIMEOUT_MS);
      const commands = await vscode.commands.getCommands(true);
      facts.commands = commands.filter((id) => id.startsWith('rootguard.'));
      await vscode.commands.executeCommand('rootguard.showLog');
      facts.showLogRan = true;
      facts.terraform = await lintTerraform();
    }
  } catch (err) {
    facts.error = err instanceof Error ? err.stack || err.message : String(err);
  } finally {
    fs.writeFileSync(process.env.ROOTGUARD_VSIX_PROBE_RESULTS, JSON.stringify(facts, null, 2));
  }
};
