/**
 * The linter's part of the composition root: builds the editor linter's services, registers its
 * providers (every disposable into `context.subscriptions`) and returns what its commands need.
 */
import * as vscode from 'vscode';
import { detectFileType } from '../../core/lint/embedded';
import { loadHclParser } from '../../core/lint/iac/hclParser';
import { parseJson } from '../../core/lint/parse';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { LintCodeActions } from './codeActions';
import { LintDiagnostics } from './diagnostics';
import { DisableRule } from './disableRule';
import { FindingsCache } from './findingsCache';
import { InteractiveFixes } from './interactiveFixes';
import { LintStatus } from './lintStatus';
import { PolicyAssist } from './policyAssist';
import { RuleDocs } from './ruleDocs';
import { LINTED_DOCUMENTS } from './selection';
import { WorkspaceConfigs } from './workspaceConfigs';

export interface LintServices {
  ruleDocs: RuleDocs;
  interactiveFixes: InteractiveFixes;
  disableRule: DisableRule;
  findings: FindingsCache;
}

export function activateLinter(context: vscode.ExtensionContext, log: Log, settings: Settings): LintServices {
  const selector = [...LINTED_DOCUMENTS];
  const cache = new FindingsCache();
  const configs = new WorkspaceConfigs(log);
  const collection = vscode.languages.createDiagnosticCollection('rootguard');
  const status = new LintStatus(selector);
  const diagnostics = new LintDiagnostics({
    log,
    settings,
    configs,
    cache,
    collection,
    status,
    detect: (text) => detectFileType(parseJson(text).root),
    hclParser: loadHclParser,
    extensionUri: context.extensionUri,
  });
  context.subscriptions.push(
    configs,
    collection,
    status,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new LintCodeActions(cache), LintCodeActions.metadata),
  );
  // Completion and hover answer in every document the linter reads, once it has linted it as a policy.
  const assist = new PolicyAssist(async (document) => {
    await diagnostics.ensureLinted(document);
    return status.typeOf(document.uri);
  }, loadHclParser);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(selector, assist),
    vscode.languages.registerHoverProvider(selector, assist),
  );
  diagnostics.start();
  return {
    ruleDocs: new RuleDocs(context.extensionUri, log),
    interactiveFixes: new InteractiveFixes(cache, log),
    disableRule: new DisableRule(log),
    findings: cache,
  };
}
