/** Reads the root session history of the connected account: CloudTrail in each region, joined with the audit log. */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { followSignal } from '../aws/concurrency';
import { awsErrorCode, isAbortError, tagged } from '../aws/errors';
import { findRootHolders } from '../holders/index';
import type { HoldersReport } from '../holders/model';
import type { AuditRecord, SessionRequestRecord } from '../root/auditLog';
import { type ExpectedPrincipal, expectedFromHolders } from './expected';
import { buildHistory } from './join';
import { historyWindow, lookupAssumeRootEvents, type LookupProgress } from './lookup';
import { historyRegions } from './regions';
import type { ExpectedSource, RootSessionHistory } from './model';

export interface HistoryOptions {
  /** Regions to read; none: every region enabled for the account (regions.ts). */
  regions?: readonly string[];
  /** 1-90. */
  days: number;
  auditRecords: readonly AuditRecord[];
  /** RootGuard's AssumeRoot requests that opened no session it holds (`readAuditLog`'s `sessionRequests`). */
  sessionRequests?: readonly SessionRequestRecord[];
  /** Lines of the audit log skipped as no whole record (`readAuditLog`'s `unreadableLines`): the history says how many. */
  auditLogSkippedLines?: number;
  /** ARN patterns (or principals with grants) expected to open root sessions; when set, the holders view is not read. */
  expectedPrincipals?: readonly (string | ExpectedPrincipal)[];
  /**
   * Read the holders view of the connected account (IAM and IAM Identity Center, as `findRootHolders`) and expect
   * exactly its principals, for the tasks and accounts they hold. If it cannot be read, the history still is, with
   * `unexpected-principal` unevaluated and the reason in `expectedFrom.error`.
   */
  expectedFromHolders?: boolean;
  /** Where the holders view comes from (a caller that already read it); default: read it now with `findRootHolders`. */
  holdersReport?(signal?: AbortSignal): Promise<HoldersReport>;
  signal?: AbortSignal;
  onProgress?(progress: LookupProgress): void;
  now?: Date;
  /** Least time between two LookupEvents requests to one region, retries included (default: CloudTrail's limit, 500 ms, with a margin). */
  intervalMs?: number;
}

interface Expectation {
  principals?: ExpectedPrincipal[];
  source: ExpectedSource;
}

async function expectationFromHolders(read: () => Promise<HoldersReport>): Promise<Expectation> {
  try {
    const report = await read();
    return { principals: expectedFromHolders(report), source: { from: 'holders', gaps: report.gaps } };
  } catch (err) {
    if (isAbortError(err)) throw err;
    return { source: { from: 'holders', gaps: [], error: { code: awsErrorCode(err), message: (err as Error).message } } };
  }
}

/**
 * The connected account, whose Event history is read: the audit log's sessions opened from another account are
 * left out of those expected there. Undefined when STS does not answer (every record then counts as its own).
 */
async function connectedAccount(clients: AwsClients, signal: AbortSignal | undefined): Promise<string | undefined> {
  try {
    return (await tagged('sts:GetCallerIdentity', clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }))).Account;
  } catch (err) {
    if (isAbortError(err)) throw err;
    return undefined;
  }
}

export async function loadRootSessionHistory(clients: AwsClients, options: HistoryOptions): Promise<RootSessionHistory> {
  // Every enabled region is read at once, each call listening on the signal.
  options = { ...options, signal: followSignal(options.signal) };
  const now = options.now ?? new Date();
  const window = historyWindow(options.days, now);
  const readHolders = options.expectedFromHolders && !options.expectedPrincipals;
  // IAM and CloudTrail are read at once: neither waits on the other.
  const [chosen, connectedAccountId] = await Promise.all([historyRegions(clients, options.regions, options.signal), connectedAccount(clients, options.signal)]);
  const [{ events, regions }, expectation] = await Promise.all([
    lookupAssumeRootEvents(clients, { ...window, regions: chosen.regions, signal: options.signal, onProgress: options.onProgress, intervalMs: options.intervalMs }),
    readHolders ? expectationFromHolders(() => (options.holdersReport ? options.holdersReport(options.signal) : findRootHolders(clients, { signal: options.signal }))) : undefined,
  ]);
  const expectedPrincipals = expectation ? expectation.principals : options.expectedPrincipals;
  return buildHistory({ events, regions, regionSource: chosen.source, auditRecords: options.auditRecords, sessionRequests: options.sessionRequests, auditLogSkippedLines: options.auditLogSkippedLines, window, expectedPrincipals, expectedFrom: expectation?.source, connectedAccountId, generatedAt: now });
}
