/**
 * Builds the Root Access explorer: connection, model, audit store, tree view, audit runner, exporter and
 * status bar, wired by constructor. Nothing here calls AWS or starts the sandbox: the tree connects when it
 * is first shown, the sandbox starts when the user asks for it.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { AuditRunner } from './auditRunner';
import { AuditStore } from './auditStore';
import { Connection } from './connection';
import { ExplorerActions } from './explorerActions';
import { VscodeExplorerPrompts } from './explorerPrompts';
import { ExplorerSettings } from './explorerSettings';
import { ReportExporter } from './exportReport';
import { AccountPolicyDocuments } from './accountPolicyDocuments';
import { HistoryState } from './historyState';
import { HoldersActions } from './holdersActions';
import { HoldersState } from './holdersState';
import { describeFilter, isFilterActive } from './filter';
import { OrgModel } from './orgModel';
import { OrgPoliciesActions, VscodeOrgPolicyPrompts } from './orgPoliciesActions';
import { VscodeWhatIfPrompts, WhatIfActions } from './whatIfActions';
import { OrgPolicyDocuments } from './orgPolicyDocuments';
import { OrgTreeProvider, type RecoveryMarks } from './orgTreeProvider';
import { PreflightState } from './preflightState';
import { ConnectionStatusBar } from './statusBar';
import { TaskSettings } from '../tasks/taskSettings';
import { ACCOUNT_POLICY_SCHEME, ORG_POLICY_SCHEME } from '../lint/selection';

/** What other features (privileged tasks) and the tests use of the explorer. */
export interface ExplorerServices {
  connection: Connection;
  tree: OrgTreeProvider;
  runner: AuditRunner;
  /** Which root tasks the organization's SCPs and RCPs let work where (the tree and the task confirmations). */
  preflight: PreflightState;
  actions: ExplorerActions;
  holders: HoldersActions;
  /** The Organization policies node: open an SCP or RCP, fix it, save or write back the fixed text. */
  orgPolicies: OrgPoliciesActions;
  /** The editor's SCP or RCP predicted as if deployed (a what-if). */
  whatIf: WhatIfActions;
  view: vscode.TreeView<unknown>;
}

/**
 * `recovery`: the accounts the privileged tasks flagged for password recovery, shown on their rows.
 * `view`: the Root Access view, created at activation; its provider is this explorer's tree once attached.
 */
export function activateExplorer(context: vscode.ExtensionContext, log: Log, recovery: RecoveryMarks, view: vscode.TreeView<unknown>): ExplorerServices {
  const settings = new ExplorerSettings();
  const connection = new Connection(settings, log);
  const store = new AuditStore(context.globalState);
  const model = new OrgModel(connection, log, () => settings.audit().concurrency);
  // The audit log the privileged tasks write: the history joins CloudTrail's sessions with it.
  const holders = new HoldersState(connection);
  const auditLogPath = () => new TaskSettings(context.globalStorageUri).auditLogPath();
  const history = new HistoryState(connection, auditLogPath, async () => (await holders.load()).report);
  const preflight = new PreflightState(connection, model, log);
  const tree = new OrgTreeProvider(connection, model, store, settings, recovery, log, history, preflight, holders);
  const policyDocuments = new AccountPolicyDocuments();
  const orgPolicyDocuments = new OrgPolicyDocuments();
  const orgPolicies = new OrgPoliciesActions(connection, model, preflight, orgPolicyDocuments, auditLogPath, new VscodeOrgPolicyPrompts(), log);
  const whatIf = new WhatIfActions(connection, model, preflight, new VscodeWhatIfPrompts());
  const runner = new AuditRunner(connection, tree, settings, log);
  const actions = new ExplorerActions(connection, tree, runner, new ReportExporter(tree, log, () => history.current), settings, new VscodeExplorerPrompts(), log);

  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const showConnection = () => {
    setContext('rootguard.connected', Boolean(connection.active));
    setContext('rootguard.sandbox', connection.active?.kind === 'sandbox');
  };
  const showFilter = () => {
    const on = isFilterActive(tree.filter);
    setContext('rootguard.explorer.filtered', on);
    view.message = on ? `Showing ${describeFilter(tree.filter)}.` : undefined;
  };
  showConnection();
  showFilter();
  // For the walkthrough (onContext completion events): its steps complete however the user did them, from
  // the view's buttons and rows too, not only through the walkthrough's own links.
  const once = (key: string) => {
    let done = false;
    return () => {
      if (!done) setContext(key, (done = true));
    };
  };
  const expanded = once('rootguard.explorer.expanded');
  const audited = once('rootguard.audited');
  context.subscriptions.push(
    // Disposed in this order: audits abort before the connection (and the sandbox) closes.
    runner,
    history,
    preflight,
    holders,
    vscode.workspace.registerTextDocumentContentProvider(ACCOUNT_POLICY_SCHEME, policyDocuments),
    policyDocuments,
    vscode.workspace.registerTextDocumentContentProvider(ORG_POLICY_SCHEME, orgPolicyDocuments),
    orgPolicyDocuments,
    connection.onDidChange(() => orgPolicyDocuments.clear()),
    tree,
    new ConnectionStatusBar(connection),
    store,
    connection,
    connection.onDidChange(showConnection),
    tree.onDidChangeFilter(showFilter),
    view.onDidExpandElement(expanded),
    store.onDidChange(() => {
      if (!store.isEmpty()) audited();
    }),
  );
  return { connection, tree, runner, preflight, actions, holders: new HoldersActions(holders, tree, view, policyDocuments), orgPolicies, whatIf, view };
}
