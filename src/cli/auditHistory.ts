/**
 * `rootguard audit --history`: the root session history read beside the audit, for the posture report's
 * last-session and flag columns. Its window ends when the audit starts, so the audit's own sessions (opened
 * while it is read) never become every account's "last root session". A history that cannot be read leaves
 * the columns `not read`, with a warning; it never fails the audit.
 */
import type { AwsClients } from '../core/aws/clients';
import { describeFailure, isAbortError } from '../core/aws/errors';
import { loadRootSessionHistory } from '../core/history/history';
import { MAX_HISTORY_DAYS } from '../core/history/lookup';
import type { RootSessionHistory } from '../core/history/model';
import { noAuditLog, skippedAuditLines } from '../core/history/render';
import { readAuditLog } from '../core/root/auditLog';

export interface AuditHistoryOptions {
  regions: readonly string[];
  auditLogPath: string;
  /** The end of the window: when the audit started. */
  until: Date;
  signal?: AbortSignal;
  stderr: { write(text: string): unknown };
}

export async function readHistoryForAudit(clients: AwsClients, options: AuditHistoryOptions): Promise<RootSessionHistory | undefined> {
  const { stderr } = options;
  try {
    const audit = await readAuditLog(options.auditLogPath);
    if (audit.unreadableLines) stderr.write(`rootguard audit: ${skippedAuditLines(audit.unreadableLines, options.auditLogPath)}\n`);
    if (audit.missing) stderr.write(`rootguard audit: ${noAuditLog(options.auditLogPath, '--audit-log')}\n`);
    const history = await loadRootSessionHistory(clients, {
      regions: options.regions,
      days: MAX_HISTORY_DAYS,
      auditRecords: audit.records,
      sessionRequests: audit.sessionRequests,
      auditLogSkippedLines: audit.unreadableLines,
      expectedFromHolders: true,
      now: options.until,
      signal: options.signal,
    });
    for (const r of history.regions) if (r.error) stderr.write(`rootguard audit: root session history of ${r.region} ${r.pages ? 'read in part' : 'not read'} (${r.error.code})\n`);
    const undiscovered = history.regionSource.error;
    if (undiscovered) stderr.write(`rootguard audit: the enabled regions could not be listed (${undiscovered.code}); the history read only ${history.regions.map((r) => r.region).join(', ')}\n`);
    const from = history.expectedFrom;
    if (from?.from === 'holders' && from.error) stderr.write(`rootguard audit: the holders view could not be read (${from.error.code}); sessions were not checked against expected principals\n`);
    return history;
  } catch (err) {
    if (isAbortError(err)) throw err;
    stderr.write(`rootguard audit: the root session history could not be read (${describeFailure(err).code}); its columns say "not read"\n`);
    return undefined;
  }
}
