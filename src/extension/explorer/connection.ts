/**
 * Who the explorer talks to: a profile of the shared AWS config, or the sandbox organization started inside
 * the extension host on 127.0.0.1. Connecting only builds the client factory; the first AWS call happens
 * when the tree asks for the organization. The sandbox starts only when the user picks it, and stops on
 * disconnect, on switching to a profile and on deactivation.
 */
import * as vscode from 'vscode';
import { type AwsClients, createAwsClients } from '../../core/aws/clients';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/index';
import type { Log } from '../log';
import type { ExplorerSettings } from './explorerSettings';

export type ConnectionKind = 'profile' | 'sandbox';

export interface ActiveConnection {
  kind: ConnectionKind;
  /** The profile name, or `SANDBOX`. */
  label: string;
  region: string;
  /** The explicit endpoint, when one is set (always for the sandbox). */
  endpoint?: string;
  clients: AwsClients;
  /** Settings this connection was made from, to tell whether a settings change needs a reconnect. */
  settingsKey: string;
}

/**
 * The seeded demo organization: enough accounts and OUs for every status to appear, a couple of suspended
 * accounts, one under a root-denying SCP, and per-call latency close to AWS's, so progress is visible.
 */
export const SANDBOX_ORGANIZATION: SandboxOptions = {
  accounts: 30,
  ouDepth: 2,
  suspendedAccounts: 2,
  scpBlockedAccounts: 1,
  seed: 1,
  latency: { fixedMs: 60, jitterMs: 100 },
};

/**
 * Only for tests, through the `rootguard.connectSandbox` command's optional argument (no menu, button or
 * setting passes one): a sandbox world other than the demo's, and which of its IAM users to sign in as, so
 * the tree's error and empty states (a plain member account, features off, throttling) can be reached.
 */
export interface SandboxConnectOptions {
  accounts?: number;
  seed?: number;
  features?: SandboxOptions['features'];
  /** Whether the sandbox registers its Security account as IAM delegated administrator (default true). */
  delegatedAdmin?: boolean;
  throttling?: SandboxOptions['throttling'];
  /** How many members SCPs block, one of each seeded blocking shape in turn (the demo's: 1). */
  scpBlockedAccounts?: number;
  /** The sandbox user to sign in as; default `management`. */
  caller?: keyof SandboxHandle['credentials'];
}

export class Connection implements vscode.Disposable {
  private current: ActiveConnection | undefined;
  private sandbox: SandboxHandle | undefined;
  private restored = false;
  private readonly changed = new vscode.EventEmitter<ActiveConnection | undefined>();
  /** Fires after every connect, reconnect and disconnect. */
  readonly onDidChange = this.changed.event;
  private readonly settingsListener: vscode.Disposable;

  constructor(
    private readonly settings: ExplorerSettings,
    private readonly log: Log,
  ) {
    this.settingsListener = settings.onDidChangeConnection(() => void this.onSettingsChanged());
  }

  get active(): ActiveConnection | undefined {
    return this.current;
  }

  /** The sandbox's live handle while it runs (tests inspect and edit its world). */
  get sandboxHandle(): SandboxHandle | undefined {
    return this.sandbox;
  }

  /**
   * The profile saved in the settings, connected the first time the tree is shown; undefined when none is
   * saved (the view then shows its welcome). Makes no AWS call.
   */
  async restore(): Promise<ActiveConnection | undefined> {
    if (this.restored || this.current) return this.current;
    this.restored = true;
    if (this.settings.connection().profile) await this.connectFromSettings();
    return this.current;
  }

  /** Saves the profile in the user settings and connects with it. */
  async useProfile(profile: string): Promise<void> {
    this.restored = true;
    await this.settings.updateConnection('profile', profile);
    await this.connectFromSettings();
  }

  /** Starts the sandbox organization (the demo's unless a test says otherwise) and connects to it, as its management account by default. */
  async useSandbox({ caller = 'management', ...world }: SandboxConnectOptions = {}): Promise<ActiveConnection> {
    this.restored = true;
    await this.closeCurrent();
    const sandbox = await startSandbox({ ...SANDBOX_ORGANIZATION, ...world });
    this.sandbox = sandbox;
    this.log.info(`sandbox organization started at ${sandbox.endpoint} (${sandbox.world.accounts.length} accounts)`);
    const clients = await createAwsClients({
      credentials: { kind: 'static', credentials: sandbox.credentials[caller] },
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      userAgentApp: 'vscode',
    });
    return this.set({ kind: 'sandbox', label: 'SANDBOX', region: sandbox.region, endpoint: sandbox.endpoint, clients, settingsKey: 'sandbox' });
  }

  async disconnect(): Promise<void> {
    this.restored = true;
    await this.closeCurrent();
    this.set(undefined);
  }

  dispose(): void {
    this.settingsListener.dispose();
    this.current?.clients.destroy();
    void this.sandbox?.close();
    this.changed.dispose();
  }

  private async connectFromSettings(): Promise<void> {
    const { profile, region, endpoint } = this.settings.connection();
    await this.closeCurrent();
    if (!profile) {
      this.set(undefined);
      return;
    }
    const clients = await createAwsClients({
      credentials: { kind: 'profile', profile },
      region: region || undefined,
      endpoint: endpoint || undefined,
      userAgentApp: 'vscode',
      mfaCodeProvider: askForMfaCode,
    });
    this.log.info(`connected with profile ${profile} in ${clients.region}${endpoint ? ` via ${endpoint}` : ''}`);
    this.set({ kind: 'profile', label: profile, region: clients.region, endpoint: endpoint || undefined, clients, settingsKey: settingsKeyOf(profile, region, endpoint) });
  }

  /** A changed profile, region or endpoint applies to a profile connection at once; the sandbox ignores them. */
  private async onSettingsChanged(): Promise<void> {
    if (this.current?.kind === 'sandbox' || (!this.current && !this.restored)) return;
    const { profile, region, endpoint } = this.settings.connection();
    if (this.current?.settingsKey === settingsKeyOf(profile, region, endpoint)) return;
    try {
      await this.connectFromSettings();
    } catch (err) {
      this.log.error('reconnecting after a settings change failed:', err);
    }
  }

  private set(connection: ActiveConnection | undefined): ActiveConnection {
    this.current = connection;
    this.changed.fire(connection);
    return connection as ActiveConnection;
  }

  private async closeCurrent(): Promise<void> {
    this.current?.clients.destroy();
    this.current = undefined;
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    if (sandbox) {
      await sandbox.close();
      this.log.info('sandbox organization stopped');
    }
  }
}

function settingsKeyOf(profile: string, region: string, endpoint: string): string {
  return JSON.stringify([profile, region, endpoint]);
}

/** The SDK asks for a code when a profile's role chain has `mfa_serial`; dismissing the box cancels. */
async function askForMfaCode(mfaSerial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'RootGuard: MFA code',
    prompt: `Code from the MFA device ${mfaSerial}`,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Six digits'),
  });
  if (code === undefined) throw new vscode.CancellationError();
  return code.trim();
}
