/** Reads the root session history of the connected account: CloudTrail in each region, joined with the audit log. */
import type { AwsClients } from '../aws/clients';
import type { AuditRecord } from '../root/auditLog';
import { buildHistory } from './join';
import { historyWindow, lookupAssumeRootEvents, type LookupProgress } from './lookup';
import type { RootSessionHistory } from './model';

export interface HistoryOptions {
  regions: readonly string[];
  /** 1-90. */
  days: number;
  auditRecords: readonly AuditRecord[];
  expectedPrincipals?: readonly string[];
  signal?: AbortSignal;
  onProgress?(progress: LookupProgress): void;
  now?: Date;
  /** Least time between two LookupEvents requests to one region (default: CloudTrail's limit, 500 ms). */
  intervalMs?: number;
}

export async function loadRootSessionHistory(clients: AwsClients, options: HistoryOptions): Promise<RootSessionHistory> {
  const now = options.now ?? new Date();
  const window = historyWindow(options.days, now);
  const { events, regions } = await lookupAssumeRootEvents(clients, { ...window, regions: options.regions, signal: options.signal, onProgress: options.onProgress, intervalMs: options.intervalMs });
  return buildHistory({ events, regions, auditRecords: options.auditRecords, window, expectedPrincipals: options.expectedPrincipals, generatedAt: now });
}
