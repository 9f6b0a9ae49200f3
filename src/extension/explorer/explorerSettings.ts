/**
 * Typed access to the explorer's settings. The `rootguard.connection.*` ones are application-scoped in
 * package.json, so VS Code ignores any value a workspace sets for them: an opened repository cannot send
 * the user's credentials to an endpoint of its choosing.
 */
import * as vscode from 'vscode';
import { DEFAULT_AUDIT_CONCURRENCY } from '../../core/root/auditMany';

export interface ConnectionSettingsValues {
  /** Named profile of the shared AWS config; empty: not connected until the user picks one. */
  profile: string;
  /** Empty: the profile's region, then the environment's, then us-east-1. */
  region: string;
  /** Empty: the SDK's own endpoint resolution (AWS_ENDPOINT_URL*, the profile's endpoint_url). */
  endpoint: string;
}

export interface AuditSettingsValues {
  concurrency: number;
  /** Results older than this are shown as stale. */
  cacheMinutes: number;
}

export const DEFAULT_CACHE_MINUTES = 24 * 60;
/** A week: older results are shown stale whatever the setting says (the manifest's maximum, enforced here too). */
export const MAX_CACHE_MINUTES = 7 * 24 * 60;

/** `rootguard.protectedAccounts`: ids refused as task targets unless overridden; anything but a 12-digit id is ignored. */
export function protectedAccountIds(): string[] {
  const value = vscode.workspace.getConfiguration('rootguard').get<unknown>('protectedAccounts', []);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && /^\d{12}$/.test(id)) : [];
}

export class ExplorerSettings {
  connection(): ConnectionSettingsValues {
    const config = vscode.workspace.getConfiguration('rootguard.connection');
    return {
      profile: config.get<string>('profile', '').trim(),
      region: config.get<string>('region', '').trim(),
      endpoint: config.get<string>('endpoint', '').trim(),
    };
  }

  audit(): AuditSettingsValues {
    const config = vscode.workspace.getConfiguration('rootguard.audit');
    const concurrency = config.get<number>('concurrency', DEFAULT_AUDIT_CONCURRENCY);
    const cacheMinutes = config.get<number>('cacheMinutes', DEFAULT_CACHE_MINUTES);
    return {
      concurrency: Number.isInteger(concurrency) && concurrency >= 1 ? Math.min(concurrency, 64) : DEFAULT_AUDIT_CONCURRENCY,
      cacheMinutes: Number.isFinite(cacheMinutes) && cacheMinutes >= 0 ? Math.min(cacheMinutes, MAX_CACHE_MINUTES) : DEFAULT_CACHE_MINUTES,
    };
  }

  /** Saves a connection setting for the user (application scope has no workspace level). */
  async updateConnection(key: keyof ConnectionSettingsValues, value: string): Promise<void> {
    await vscode.workspace.getConfiguration('rootguard.connection').update(key, value, vscode.ConfigurationTarget.Global);
  }

  onDidChangeConnection(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rootguard.connection')) listener();
    });
  }

  /** The protected accounts, which the tree marks on their rows. */
  protectedAccounts(): string[] {
    return protectedAccountIds();
  }

  /** Changes of what the rows show: the audit settings (staleness) and the protected accounts. */
  onDidChangeAudit(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rootguard.audit') || event.affectsConfiguration('rootguard.protectedAccounts')) listener();
    });
  }
}
