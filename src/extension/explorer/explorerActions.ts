/**
 * What the explorer's commands do, one method per command row in commands.ts. Node commands take the node
 * the menu passes; from the palette (no node) they ask with a picker over the loaded organization.
 */
import * as vscode from 'vscode';
import { enableCentralizedRootAccess, getRootAccessFeatures, OrgFeatureError, type EnableStep } from '../../core/org/features';
import type { AccountAuditResult, OrgAccount } from '../../core/org/model';
import type { AuditRun } from '../../core/root/auditMany';
import type { Log } from '../log';
import type { AuditRunner } from './auditRunner';
import type { Connection, SandboxConnectOptions } from './connection';
import { pickProfile, pickRegion } from './connectionPickers';
import type { ExplorerPrompts } from './explorerPrompts';
import type { ExplorerSettings } from './explorerSettings';
import type { ExportRequest, ReportExporter } from './exportReport';
import { NO_FILTER, type AccountFilter } from './filter';
import { pickFilter } from './filterPicker';
import { AccountNode, OrganizationNode, UnitNode, type ExplorerNode } from './nodes';
import type { OrgTreeProvider } from './orgTreeProvider';
import { rootAccessEnabled } from './presentation';

export class ExplorerActions {
  constructor(
    private readonly connection: Connection,
    private readonly tree: OrgTreeProvider,
    private readonly runner: AuditRunner,
    private readonly exporter: ReportExporter,
    private readonly settings: ExplorerSettings,
    /** Replaced by the integration tests with scripted answers. */
    public prompts: ExplorerPrompts,
    private readonly log: Log,
  ) {}

  refresh(_node?: ExplorerNode): void {
    this.tree.refresh();
  }

  /** With a filter argument (tests, other commands) applies it; without, asks. */
  async filter(filter?: Partial<AccountFilter>): Promise<void> {
    const next = filter ? { ...NO_FILTER, ...filter } : await pickFilter(this.tree.filter);
    if (next) this.tree.setFilter(next);
  }

  clearFilter(): void {
    this.tree.setFilter(NO_FILTER);
  }

  /** Audits the node's account, an account id, or an account picked from the organization. */
  async auditAccount(target?: AccountNode | string): Promise<AccountAuditResult | undefined> {
    const accountId = target instanceof AccountNode ? target.accountId : (target ?? (await this.pickAccount())?.id);
    return accountId ? this.runner.refreshAccount(accountId) : undefined;
  }

  async auditOu(target?: UnitNode | OrganizationNode): Promise<AuditRun | undefined> {
    if (target instanceof OrganizationNode) return this.runner.auditOrganization();
    const unit = target instanceof UnitNode ? target.unit : await this.pickUnit();
    return unit ? this.runner.auditUnder(unit.id, `OU ${unit.name}`) : undefined;
  }

  auditOrganization(): Promise<AuditRun | undefined> {
    return this.runner.auditOrganization();
  }

  exportReport(request?: ExportRequest): Promise<vscode.Uri | undefined> {
    return this.exporter.export(request);
  }

  /** Picks a profile (or the sandbox) and connects; a profile given as argument connects directly. */
  async selectProfile(profile?: string): Promise<void> {
    const choice = profile ? { profile } : await pickProfile(this.connection.active?.kind === 'profile' ? this.connection.active.label : undefined);
    if (!choice) return;
    if ('sandbox' in choice) return this.connectSandbox();
    await this.connection.useProfile(choice.profile);
    await this.revealExplorer();
  }

  async selectRegion(region?: string): Promise<void> {
    const picked = region ?? (await pickRegion(this.settings.connection().region));
    if (picked !== undefined) await this.settings.updateConnection('region', picked);
  }

  /** `options` only from tests (see SandboxConnectOptions); the UI always starts the demo organization. */
  async connectSandbox(options?: SandboxConnectOptions): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Starting the sandbox organization' }, () => this.connection.useSandbox(options));
    await this.revealExplorer();
  }

  async disconnect(): Promise<void> {
    await this.connection.disconnect();
  }

  /** Modal confirmation naming every step, then the idempotent enablement from core, then a refresh. */
  async enableRootAccess(): Promise<EnableStep[] | undefined> {
    const overview = await this.tree.model.overview();
    if (overview.caller.role !== 'management') {
      const who = overview.caller.role === 'delegatedAdmin' ? 'the IAM delegated administrator' : 'a member account';
      throw new OrgFeatureError(
        'NotManagementAccount',
        `Only the management account (${overview.organization.managementAccountId}) can enable centralized root access; this profile signs in to ${overview.caller.accountId}, ${who}. Connect with a profile of the management account to enable it.`,
      );
    }
    const orgId = overview.organization.id;
    // Read now, not from the tree: the switches may have been turned on elsewhere since the tree loaded.
    const features = await getRootAccessFeatures(this.requireClients());
    const alreadyOn = rootAccessEnabled(features);
    if (alreadyOn && features.delegatedAdmins.length > 0) {
      this.tree.refresh();
      void this.prompts.inform(`RootGuard: centralized root access is already on for ${orgId} (trusted access, root credentials management, root sessions; delegated administrator ${features.delegatedAdmins.map((a) => a.accountId).join(', ')}). Nothing to enable.`);
      return [];
    }
    const enable = 'Enable';
    const withAdmin = alreadyOn ? 'Register a Delegated Administrator…' : 'Enable and Register a Delegated Administrator…';
    const answer = alreadyOn
      ? await this.prompts.confirm(
          `Centralized root access is already on for organization ${orgId}. Register a delegated administrator?`,
          'Trusted access, root credentials management and root sessions are enabled. Optionally, register a dedicated security account as the IAM delegated administrator, so root tasks need not run from the management account.',
          [withAdmin],
        )
      : await this.prompts.confirm(
          `Enable centralized root access for organization ${orgId}?`,
          'From the management account, RootGuard will enable trusted access for iam.amazonaws.com in AWS Organizations, then root credentials management and privileged root sessions in IAM. Steps already on are left as they are; no member account is changed.',
          [enable, withAdmin],
        );
    if (!answer) return undefined;
    const admin = answer === withAdmin ? await this.pickAccount('IAM delegated administrator (a dedicated security account)') : undefined;
    if (answer === withAdmin && !admin) return undefined;
    const steps = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Enabling centralized root access', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return enableCentralizedRootAccess(this.requireClients(), {
          signal: controller.signal,
          delegatedAdminAccountId: admin?.id,
          logger: this.log,
          onStep: (step) => progress.report({ message: `${step.step}: ${step.outcome === 'enabled' ? 'enabled' : 'already on'}` }),
        });
      },
    );
    this.tree.refresh();
    void this.prompts.inform(`RootGuard: centralized root access is on for ${orgId} (${steps.filter((s) => s.outcome === 'enabled').length} steps changed).`);
    return steps;
  }

  private async pickAccount(title = 'Account to audit'): Promise<OrgAccount | undefined> {
    const snapshot = await this.tree.model.snapshot();
    return this.prompts.pickAccount(snapshot.accounts.filter((a) => !a.isManagement && a.state === 'ACTIVE'), title);
  }

  private async pickUnit() {
    const snapshot = await this.tree.model.snapshot();
    const picked = await vscode.window.showQuickPick(
      snapshot.units.map((unit) => ({ label: unit.name, description: unit.id, unit })),
      { title: 'RootGuard: OU to audit', placeHolder: 'OU name or id', matchOnDescription: true },
    );
    return picked?.unit;
  }

  private async revealExplorer(): Promise<void> {
    await vscode.commands.executeCommand('rootguard.explorer.focus');
  }

  private requireClients() {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected: choose an AWS profile or the sandbox organization first');
    return active.clients;
  }
}
