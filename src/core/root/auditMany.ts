import type { AwsClients } from '../aws/clients';
import { followSignal } from '../aws/concurrency';
import { RootGuardError, isAbortError } from '../aws/errors';
import type { AccountAuditResult } from '../org/model';
import { silentLogger } from '../log';
import { type AuditOptions, type AuditTarget, auditAccount } from './audit';

/** Accounts audited at once unless the caller says otherwise (the `concurrency` setting). */
export const DEFAULT_AUDIT_CONCURRENCY = 8;

/** The most accounts audited at once the command line takes: past AWS's quotas by far, and each one holds sockets. */
export const MAX_AUDIT_CONCURRENCY = 1024;

/** Reported after every account, so a UI can update one node and a progress bar. */
export interface AuditProgress {
  total: number;
  /** Accounts with a result (ok, skipped or failed). */
  completed: number;
  /** Accounts whose audit has begun, finished or not. */
  started: number;
  inFlight: number;
  /** The result that just arrived. */
  result: AccountAuditResult;
}

export interface AuditManyOptions extends AuditOptions {
  /** Accounts audited at once; default 8. Each account makes up to six IAM reads in parallel. */
  concurrency?: number;
  onProgress?: (progress: AuditProgress) => void;
}

/** The outcome of a bulk audit. A cancelled run still returns every result it finished. */
export interface AuditRun {
  /** One result per finished account, in the order of the targets (an account listed twice once). */
  results: AccountAuditResult[];
  /** True when the signal fired before every account finished. */
  cancelled: boolean;
  /** Accounts with no result: never started, or aborted in flight by the cancellation. */
  notAudited: string[];
  startedAt: string;
  finishedAt: string;
}

function distinctById(targets: readonly AuditTarget[]): AuditTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/**
 * Audits many accounts with at most `concurrency` in flight. One account's failure (an SCP deny, throttling
 * past the SDK's retries) is that account's `failed` result and never ends the run. When the signal fires, no
 * new account starts and the ones in flight abort their calls; the run then resolves (it does not throw) with
 * `cancelled: true` and the accounts it did not audit.
 */
export async function auditAccounts(
  clients: AwsClients,
  requested: readonly AuditTarget[],
  options: AuditManyOptions = {},
): Promise<AuditRun> {
  // An account named twice (a typo in --accounts, an account in a selection and its OU) gets one session.
  const targets = distinctById(requested);
  const { concurrency = DEFAULT_AUDIT_CONCURRENCY, onProgress, logger = silentLogger, now = () => new Date() } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RootGuardError('InvalidConcurrency', `Concurrency must be a positive whole number, not ${concurrency}`);
  }
  const signal = followSignal(options.signal);
  const startedAt = now().toISOString();
  const byIndex = new Array<AccountAuditResult | undefined>(targets.length);
  let next = 0;
  let completed = 0;
  let inFlight = 0;

  const auditOne = async (index: number) => {
    inFlight++;
    try {
      const result = await auditAccount(clients, targets[index], { ...options, signal });
      byIndex[index] = result;
      completed++;
      inFlight--;
      onProgress?.({ total: targets.length, completed, started: next, inFlight, result });
    } catch (err) {
      inFlight--;
      if (!isAbortError(err)) throw err;
    }
  };
  const worker = async () => {
    while (next < targets.length && !signal?.aborted) await auditOne(next++);
  };
  const workers = Math.min(concurrency, targets.length);
  await Promise.all(Array.from({ length: workers }, worker));

  const results = byIndex.filter((r): r is AccountAuditResult => r !== undefined);
  const notAudited = targets.filter((_, i) => !byIndex[i]).map((t) => t.id);
  if (notAudited.length) logger.info(`audit cancelled: ${results.length} audited, ${notAudited.length} not audited`);
  return { results, cancelled: notAudited.length > 0, notAudited, startedAt, finishedAt: now().toISOString() };
}
