import type {
  AccountAuditResult,
  RootAccessKey,
  RootCredentialStatus,
  RootMfaDevice,
  RootSigningCertificate,
  SkipReason,
} from '../org/model';
import { mfaKindOf } from './audit';

/** Results older than this are shown as stale (the extension may make it a setting). */
export const DEFAULT_AUDIT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

type OkResult = Extract<AccountAuditResult, { kind: 'ok' }>;

/** What the cache knows about one account: the latest result and, if that one failed, the last good one. */
export interface AuditCacheEntry {
  latest: AccountAuditResult;
  /** The newest `ok` result, kept when a later audit failed so a tree can still show the last known status. */
  lastOk?: OkResult;
}

/** The persisted form (e.g. VS Code `globalState`); versioned so a future shape can be told apart. */
export interface AuditCacheData {
  version: 1;
  entries: AuditCacheEntry[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

/** Rebuilds a status field by field, so nothing but the known, secret-free fields survives a round trip. */
function sanitizeStatus(raw: Record<string, unknown>): RootCredentialStatus {
  const password = (raw.password ?? {}) as Record<string, unknown>;
  const summary = (raw.summary ?? {}) as Record<string, unknown>;
  return {
    password: {
      present: password.present === true,
      createdAt: str(password.createdAt),
      lastUsedAt: str(password.lastUsedAt),
      resetRequired: bool(password.resetRequired),
    },
    accessKeys: list(raw.accessKeys).map(
      (k): RootAccessKey => ({
        id: str(k.id) ?? '',
        status: str(k.status) ?? 'Unknown',
        createdAt: str(k.createdAt),
        lastUsedAt: str(k.lastUsedAt),
        lastUsedService: str(k.lastUsedService),
        lastUsedRegion: str(k.lastUsedRegion),
      }),
    ),
    mfaDevices: list(raw.mfaDevices).map((d): RootMfaDevice => {
      const serialNumber = str(d.serialNumber) ?? '';
      return { serialNumber, kind: mfaKindOf(serialNumber), enabledAt: str(d.enabledAt) };
    }),
    signingCertificates: list(raw.signingCertificates).map(
      (c): RootSigningCertificate => ({ id: str(c.id) ?? '', status: str(c.status) ?? 'Unknown', uploadedAt: str(c.uploadedAt) }),
    ),
    summary: {
      accountMfaEnabled: bool(summary.accountMfaEnabled),
      accountAccessKeysPresent: bool(summary.accountAccessKeysPresent),
      accountPasswordPresent: bool(summary.accountPasswordPresent),
      accountSigningCertificatesPresent: bool(summary.accountSigningCertificatesPresent),
    },
  };
}

/** A result rebuilt from untrusted data (a persisted cache), or undefined when it is not one. */
export function sanitizeResult(value: unknown): AccountAuditResult | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const accountId = str(raw.accountId);
  const auditedAt = str(raw.auditedAt);
  if (!accountId || !auditedAt || Number.isNaN(Date.parse(auditedAt))) return undefined;
  switch (raw.kind) {
    case 'ok':
      if (!raw.status || typeof raw.status !== 'object') return undefined;
      return { kind: 'ok', accountId, auditedAt, status: sanitizeStatus(raw.status as Record<string, unknown>), sessionAccessKeyId: str(raw.sessionAccessKeyId) ?? '' };
    case 'skipped': {
      const reason = raw.reason === 'management-account' || raw.reason === 'not-active' ? (raw.reason as SkipReason) : undefined;
      return reason ? { kind: 'skipped', accountId, auditedAt, reason, detail: str(raw.detail) ?? '' } : undefined;
    }
    case 'failed': {
      const likelyCause = str(raw.likelyCause);
      return { kind: 'failed', accountId, auditedAt, code: str(raw.code) ?? 'Unknown', message: str(raw.message) ?? '', ...(likelyCause ? { likelyCause } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * Audit results by account, with their time: what a tree shows at once on reopen, marked stale when old.
 * Holds no secrets (results never contain any, and loading rebuilds them field by field).
 */
export class AuditCache {
  private readonly byAccount = new Map<string, AuditCacheEntry>();

  /** Records a result unless the cache already has a newer one for the account. */
  put(result: AccountAuditResult): void {
    const entry = this.byAccount.get(result.accountId);
    if (entry && Date.parse(entry.latest.auditedAt) > Date.parse(result.auditedAt)) return;
    const lastOk = result.kind === 'ok' ? result : entry?.lastOk;
    this.byAccount.set(result.accountId, { latest: result, ...(lastOk ? { lastOk } : {}) });
  }

  putAll(results: Iterable<AccountAuditResult>): void {
    for (const result of results) this.put(result);
  }

  get(accountId: string): AuditCacheEntry | undefined {
    return this.byAccount.get(accountId);
  }

  delete(accountId: string): void {
    this.byAccount.delete(accountId);
  }

  clear(): void {
    this.byAccount.clear();
  }

  /** The latest result of every cached account. */
  latestResults(): AccountAuditResult[] {
    return [...this.byAccount.values()].map((e) => e.latest);
  }

  /** How old the latest result is, in milliseconds; undefined when the account was never audited. */
  ageMs(accountId: string, now: Date = new Date()): number | undefined {
    const entry = this.byAccount.get(accountId);
    return entry ? now.getTime() - Date.parse(entry.latest.auditedAt) : undefined;
  }

  /** True when there is no result or the latest is older than `maxAgeMs`. */
  isStale(accountId: string, maxAgeMs: number = DEFAULT_AUDIT_MAX_AGE_MS, now: Date = new Date()): boolean {
    const age = this.ageMs(accountId, now);
    return age === undefined || age > maxAgeMs;
  }

  toJSON(): AuditCacheData {
    return { version: 1, entries: [...this.byAccount.values()] };
  }

  /** Loads persisted data; anything malformed or of another version is dropped rather than trusted. */
  static fromJSON(data: unknown): AuditCache {
    const cache = new AuditCache();
    const raw = data as Partial<AuditCacheData> | undefined;
    if (raw?.version !== 1 || !Array.isArray(raw.entries)) return cache;
    for (const entry of raw.entries) {
      const lastOk = sanitizeResult((entry as Partial<AuditCacheEntry>)?.lastOk);
      if (lastOk?.kind === 'ok') cache.put(lastOk);
      const latest = sanitizeResult((entry as Partial<AuditCacheEntry>)?.latest);
      if (latest) cache.put(latest);
    }
    return cache;
  }
}
