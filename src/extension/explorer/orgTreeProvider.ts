/**
 * The Root Access tree: organization → centralized root access switches, OUs (loaded when expanded) and
 * accounts with their root credential status from the audit cache. Failures and empty states are nodes
 * with a next step. With a filter on, the tree is built from the whole snapshot and shows only the OUs on
 * the way to a matching account.
 */
import * as vscode from 'vscode';
import { awsErrorCode, isAbortError, isThrottlingError } from '../../core/aws/errors';
import type { OrgOverview } from '../../core/org/loadOrganization';
import type { OrgAccount, OrgChildren, OrgUnit } from '../../core/org/model';
import type { Log } from '../log';
import { AuditLogSettingError } from '../tasks/auditLogSetting';
import type { AuditStore } from './auditStore';
import type { Connection } from './connection';
import type { ExplorerSettings } from './explorerSettings';
import { type AccountFilter, isFilterActive, matchesFilter, NO_FILTER } from './filter';
import { HistoryNode, historyRows } from './historyNodes';
import type { HistoryState } from './historyState';
import { HolderGrantNode, HolderGroupNode, HolderNode, HoldersNode, holdersRows, REFRESH_HOLDERS_COMMAND } from './holdersNodes';
import type { HoldersState } from './holdersState';
import { AccountNode, ErrorNode, FeatureNode, FeaturesNode, MessageNode, OrganizationNode, PostureNode, UnitNode, type ExplorerNode, type NodeContext } from './nodes';
import { OrgModel } from './orgModel';
import { OrgPoliciesNode } from './orgPoliciesNodes';
import type { PreflightState } from './preflightState';
import { countPosture, describeCounts, presentAccount } from './presentation';

import { EXPLORER_VIEW_ID } from './viewId';

/**
 * Accounts flagged because password recovery was allowed there (the privileged tasks keep the flags in
 * RecoveryFlags); the tree only reads them and repaints the accounts whose flag changed.
 */
export interface RecoveryMarks {
  allowedAt(accountId: string): string | undefined;
  readonly onDidChange: vscode.Event<readonly string[]>;
}

/** Status changes arrive per account during a bulk audit; the tree repaints once per burst. */
const REPAINT_DELAY_MS = 100;
/** The posture summary counts every account: recomputed once a second during an audit, not per burst. */
const POSTURE_REPAINT_MS = 1000;

export class OrgTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly filterChanged = new vscode.EventEmitter<AccountFilter>();
  readonly onDidChangeFilter = this.filterChanged.event;

  private organizationNode: OrganizationNode | undefined;
  private readonly unitNodes = new Map<string, UnitNode>();
  private readonly accountNodes = new Map<string, AccountNode>();
  private currentFilter: AccountFilter = NO_FILTER;
  private pendingRepaint = new Set<string>();
  private repaintTimer: NodeJS.Timeout | undefined;
  private postureNode: PostureNode | undefined;
  private historyNode: HistoryNode | undefined;
  private holdersNode: HoldersNode | undefined;
  private orgPoliciesNode: OrgPoliciesNode | undefined;
  private postureRepaintTimer: NodeJS.Timeout | undefined;
  /** With a filter on: the accounts it matched when the tree was last built, to repaint only what moved. */
  private filterMatches = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly context: NodeContext;

  constructor(
    private readonly connection: Connection,
    readonly model: OrgModel,
    readonly store: AuditStore,
    settings: ExplorerSettings,
    recovery: RecoveryMarks,
    private readonly log: Log,
    private readonly history: HistoryState,
    private readonly preflight: PreflightState,
    private readonly holders: HoldersState,
  ) {
    const provider = this;
    this.context = {
      store,
      get maxAgeMs() {
        return settings.audit().cacheMinutes * 60_000;
      },
      now: () => new Date(),
      organizationSummary: () => this.organizationSummary(),
      nothingAudited: () => store.isEmpty(),
      get filtered() {
        return isFilterActive(provider.currentFilter);
      },
      recoveryAllowedAt: (accountId) => recovery.allowedAt(accountId),
      isProtected: (accountId) => settings.protectedAccounts().includes(accountId),
      lastRootSession: (accountId) => history.account(accountId),
      preflight: (accountId) => preflight.account(accountId),
    };
    this.subscriptions.push(
      connection.onDidChange(() => this.onConnectionChanged()),
      store.onDidChange((ids) => this.scheduleRepaint(ids)),
      recovery.onDidChange((ids) => this.scheduleRepaint(ids)),
      settings.onDidChangeAudit(() => this.changed.fire(undefined)),
      history.onDidChange(() => this.onHistoryChanged()),
      preflight.onDidChange(() => {
        // A new prediction changes which accounts a "root task blocked" filter shows: the tree's shape.
        if (this.currentFilter.rootTaskBlocked) return this.changed.fire(undefined);
        this.scheduleRepaint([...this.accountNodes.keys()]);
        if (this.orgPoliciesNode) this.changed.fire(this.orgPoliciesNode);
      }),
      holders.onDidChange(() => {
        if (this.holdersNode) this.changed.fire(this.holdersNode);
      }),
    );
  }

  get filter(): AccountFilter {
    return this.currentFilter;
  }

  setFilter(filter: AccountFilter): void {
    this.currentFilter = { withRootCredentials: filter.withRootCredentials, rootTaskBlocked: filter.rootTaskBlocked, text: filter.text.trim() };
    this.filterChanged.fire(this.currentFilter);
    this.changed.fire(undefined);
  }

  /**
   * Lists the organization again and drops the root session history, read again when its node shows (statuses
   * stay: they come from the audit cache).
   */
  refresh(): void {
    this.model.reset();
    this.preflight.reset();
    this.history.reset();
    this.changed.fire(undefined);
  }

  /** The node of an account the tree has shown, to repaint or to hand to a command. */
  accountNode(accountId: string): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem(this.context);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (!node) return await this.topLevel();
      if (node instanceof OrganizationNode) return await this.organizationChildren(node);
      if (node instanceof FeaturesNode) return FeatureNode.rowsOf(node);
      if (node instanceof UnitNode) return await this.parentChildren(node, node.unit.id);
      if (node instanceof HistoryNode) return await this.historyChildren(node);
      if (node instanceof HoldersNode) return await this.holdersChildren(node);
      if (node instanceof HolderGroupNode || node instanceof HolderNode || node instanceof HolderGrantNode) return node.children();
      if (node instanceof OrgPoliciesNode) return await node.children();
      return [];
    } catch (err) {
      if (err instanceof vscode.CancellationError) return [];
      this.log.error(`loading the ${node ? node.id : 'organization'} failed:`, err);
      return [errorNode(node, err, this.connection.active?.label)];
    }
  }

  dispose(): void {
    if (this.repaintTimer) clearTimeout(this.repaintTimer);
    if (this.postureRepaintTimer) clearTimeout(this.postureRepaintTimer);
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
    this.filterChanged.dispose();
  }

  private async topLevel(): Promise<ExplorerNode[]> {
    const active = this.connection.active ?? (await this.connection.restore());
    if (!active) return []; // the view's welcome content offers a profile or the sandbox
    const overview = await withViewProgress(this.model.overview());
    // Results of an organization served from this machine (the sandbox, an emulator) are never kept.
    this.store.open(overview.organization.id, active.kind === 'profile' && !active.clients.local);
    const node = this.organizationNode?.id === `org/${overview.organization.id}` ? this.organizationNode : undefined;
    this.organizationNode = node ?? new OrganizationNode(overview, active.kind === 'sandbox');
    this.organizationNode.overview = overview;
    return [this.organizationNode];
  }

  private async organizationChildren(org: OrganizationNode): Promise<ExplorerNode[]> {
    const { overview } = org;
    const features = new FeaturesNode(org);
    const guidance = guidanceFor(org, overview);
    if (!overview.root) return [features, ...guidance];
    const children = await this.parentChildren(org, overview.root.id);
    // Predicted once the organization is listed; the rows repaint when the prediction arrives.
    void this.preflight.load();
    this.postureNode = this.postureNode?.parent === org ? this.postureNode : new PostureNode(org);
    this.historyNode = this.historyNode?.parent === org ? this.historyNode : new HistoryNode(org, () => this.history.current);
    this.holdersNode = this.holdersNode?.parent === org ? this.holdersNode : new HoldersNode(org, () => this.holders.current);
    this.orgPoliciesNode = this.orgPoliciesNode?.parent === org ? this.orgPoliciesNode : new OrgPoliciesNode(org, this.preflight);
    return [features, ...guidance, this.postureNode, this.holdersNode, this.orgPoliciesNode, this.historyNode, ...children];
  }

  /** The "Root session holders" node, once the organization's children have been shown. */
  get holdersRow(): HoldersNode | undefined {
    return this.holdersNode;
  }

  /**
   * Reads the holders on first expansion. A read that was cancelled or failed says so in a row: a holder
   * list is never shown for what was not read.
   */
  private async holdersChildren(node: HoldersNode): Promise<ExplorerNode[]> {
    try {
      const { report } = await withViewProgress(this.holders.load());
      return holdersRows(node, report, (holder) => this.holders.principal(holder.kind, holder.arn));
    } catch (err) {
      if (isAbortError(err)) {
        const command = { command: REFRESH_HOLDERS_COMMAND, title: 'Read Again' };
        return [new MessageNode(node, 'cancelled', 'Reading the holders was cancelled', { description: 'click to read again', icon: { icon: 'debug-pause' }, command })];
      }
      this.log.error('reading who can open root sessions failed:', err);
      return [new ErrorNode(node, 'Could not read who can open root sessions', err instanceof Error ? err.message : String(err))];
    }
  }

  /** Reads the history on first expansion; a setting that cannot be the audit log is an error row. */
  private async historyChildren(node: HistoryNode): Promise<ExplorerNode[]> {
    try {
      const read = await withViewProgress(this.history.load());
      return historyRows(node, read, (accountId) => this.model.account(accountId)?.name);
    } catch (err) {
      if (err instanceof AuditLogSettingError) return [new ErrorNode(node, 'Cannot read the audit log', err.message)];
      throw err;
    }
  }

  /** A history read or dropped: the history node and every account row's tooltip change. */
  private onHistoryChanged(): void {
    if (this.historyNode) this.changed.fire(this.historyNode);
    this.scheduleRepaint([...this.accountNodes.keys()]);
  }

  private async parentChildren(parent: OrganizationNode | UnitNode, parentId: string): Promise<ExplorerNode[]> {
    const listed = isFilterActive(this.currentFilter) ? await this.filteredChildren(parentId) : await withViewProgress(this.model.children(parentId));
    const nodes = [...listed.units.map((u) => this.unitNode(parent, u)), ...listed.accounts.map((a) => this.accountNodeFor(parent, a))];
    if (nodes.length > 0) return nodes;
    if (isFilterActive(this.currentFilter) && parent instanceof OrganizationNode) {
      return [new MessageNode(parent, 'noMatch', 'No account matches the filter', { icon: { icon: 'filter' }, description: 'click to clear', command: { command: 'rootguard.clearFilter', title: 'Clear Filter' } })];
    }
    return [new MessageNode(parent, 'empty', 'No OUs or accounts here', { icon: { icon: 'circle-slash' } })];
  }

  /** Children from the whole snapshot, keeping only matching accounts and the OUs that lead to one. */
  private async filteredChildren(parentId: string): Promise<OrgChildren> {
    const snapshot = await withViewProgress(this.model.snapshot());
    if (this.currentFilter.rootTaskBlocked) await this.preflight.load();
    const matches = new Set(snapshot.accounts.filter((a) => matchesFilter(this.currentFilter, a, this.store.get(a.id), this.rootTaskBlocked(a.id))).map((a) => a.id));
    this.filterMatches = matches;
    const leadsToMatch = new Set<string>();
    const parentOf = new Map(snapshot.units.map((u) => [u.id, u.parentId]));
    for (const account of snapshot.accounts.filter((a) => matches.has(a.id))) {
      for (let id: string | undefined = account.parentId; id && !leadsToMatch.has(id); id = parentOf.get(id)) leadsToMatch.add(id);
    }
    const listed = await this.model.children(parentId);
    return { parentId, units: listed.units.filter((u) => leadsToMatch.has(u.id)), accounts: listed.accounts.filter((a) => matches.has(a.id)) };
  }

  private unitNode(parent: OrganizationNode | UnitNode, unit: OrgUnit): UnitNode {
    const node = this.unitNodes.get(unit.id) ?? new UnitNode(parent, unit);
    node.unit = unit;
    this.unitNodes.set(unit.id, node);
    return node;
  }

  private accountNodeFor(parent: OrganizationNode | UnitNode, account: OrgAccount): AccountNode {
    const existing = this.accountNodes.get(account.id);
    const node = existing && existing.parent === parent ? existing : new AccountNode(parent, account);
    node.account = account;
    this.accountNodes.set(account.id, node);
    return node;
  }

  /** `9 with root credentials · 3 to review · …` once the whole organization is loaded. */
  private organizationSummary(): string | undefined {
    const snapshot = this.model.loadedSnapshot();
    if (!snapshot) return undefined;
    const risks = snapshot.accounts.map(
      (account) => presentAccount({ account, entry: this.store.get(account.id), auditing: false, maxAgeMs: Infinity, now: new Date() }).risk,
    );
    return describeCounts(countPosture(risks));
  }

  private onConnectionChanged(): void {
    this.model.reset();
    this.store.close();
    this.organizationNode = undefined;
    this.postureNode = undefined;
    this.historyNode = undefined;
    this.holdersNode = undefined;
    this.orgPoliciesNode = undefined;
    this.unitNodes.clear();
    this.accountNodes.clear();
    this.currentFilter = NO_FILTER;
    this.filterChanged.fire(this.currentFilter);
    this.changed.fire(undefined);
  }

  private scheduleRepaint(accountIds: readonly string[]): void {
    for (const id of accountIds) this.pendingRepaint.add(id);
    this.repaintTimer ??= setTimeout(() => this.repaint(), REPAINT_DELAY_MS);
  }

  private repaint(): void {
    this.repaintTimer = undefined;
    const ids = [...this.pendingRepaint];
    this.pendingRepaint = new Set();
    // An account that joins or leaves a "with root credentials" filter changes the tree's shape. Only then
    // is the whole tree reloaded: a reload makes context-menu commands on its rows receive no node.
    if (!this.organizationNode || ids.some((id) => this.filterMembershipChanged(id))) {
      this.changed.fire(undefined);
      return;
    }
    // One event for the burst: the workbench refreshes the rows together instead of one after another.
    const nodes = ids.map((id) => this.accountNodes.get(id)).filter((node): node is AccountNode => node !== undefined);
    if (nodes.length) this.changed.fire(nodes);
    this.postureRepaintTimer ??= setTimeout(() => {
      this.postureRepaintTimer = undefined;
      if (this.postureNode) this.changed.fire(this.postureNode);
    }, POSTURE_REPAINT_MS);
  }

  private filterMembershipChanged(accountId: string): boolean {
    if (!this.currentFilter.withRootCredentials) return false;
    const account = this.model.account(accountId);
    if (!account) return true;
    return matchesFilter(this.currentFilter, account, this.store.get(accountId), this.rootTaskBlocked(accountId)) !== this.filterMatches.has(accountId);
  }

  /** Whether the preflight predicts some root task blocked in the account. */
  private rootTaskBlocked(accountId: string): boolean {
    return this.preflight.predictions(accountId).some((p) => p.result === 'blocked');
  }
}

/** Next steps the organization node shows: a caller that cannot list accounts, features that are off. */
function guidanceFor(org: OrganizationNode, overview: OrgOverview): MessageNode[] {
  const nodes: MessageNode[] = [];
  if (overview.caller.role === 'member') {
    // Nothing else applies: a member account can neither list the organization nor read its features.
    return [
      new MessageNode(org, 'notManagement', `Account ${overview.caller.accountId} is not the management or delegated-admin account`, {
        description: 'choose a profile of one of them',
        tooltip: 'Only the management account or the IAM delegated administrator can list the organization and run root tasks. Click to choose a profile for one of them.',
        icon: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
        command: { command: 'rootguard.selectProfile', title: 'Select Profile' },
      }),
    ];
  }
  const features = overview.features;
  if (!(features.trustedAccess && features.rootCredentialsManagement && features.rootSessions)) {
    const canEnable = overview.caller.role === 'management';
    nodes.push(
      new MessageNode(org, 'enable', canEnable ? 'Enable centralized root access…' : 'Centralized root access is off', {
        description: canEnable ? undefined : 'the management account can enable it',
        icon: { icon: canEnable ? 'unlock' : 'info' },
        command: canEnable ? { command: 'rootguard.enableRootAccess', title: 'Enable Centralized Root Access', arguments: [org] } : undefined,
      }),
    );
  }
  return nodes;
}

/** A failed load as a node, with the most useful next step for the common causes. */
function errorNode(parent: ExplorerNode | undefined, err: unknown, connectionLabel: string | undefined): ErrorNode {
  const code = awsErrorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'NotInOrganization') return new ErrorNode(parent, 'Not in an organization', message, 'the account of this profile belongs to no AWS organization');
  if (code === 'NotManagementOrDelegatedAdmin') return new ErrorNode(parent, 'Cannot list the organization', message, 'use the management account or the IAM delegated administrator');
  if (isThrottlingError(err)) return new ErrorNode(parent, 'Throttled by AWS', message, 'the SDK retried; click to try again');
  if (code === 'AccessDenied') return new ErrorNode(parent, 'Access denied', message, 'the profile lacks Organizations read access, or an SCP denies it');
  if (/credential|token|sso/i.test(message) && parent === undefined) {
    return new ErrorNode(parent, `Could not sign in with ${connectionLabel ?? 'the profile'}`, message, 'check the profile (for SSO: aws sso login), then retry');
  }
  return new ErrorNode(parent, 'Could not load the organization', message);
}

/** The thin progress bar at the top of the view while the tree loads. */
function withViewProgress<T>(work: Promise<T>): Promise<T> {
  void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => work.catch(() => undefined));
  return work;
}
