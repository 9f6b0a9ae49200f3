/**
 * `rootguard audit`: loads the organization, audits every member account's root user in an
 * IAMAuditRootUserCredentials session and prints the posture report. Progress goes to stderr, the report to
 * stdout. Exit 0 when every account was audited (skips included), 1 when some could not be, 2 on a usage error
 * or when the organization cannot be read at all.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type AwsClients, type ConnectionSettings, DEFAULT_MAX_ATTEMPTS, socketsForConcurrency } from '../core/aws/clients';
import { describeFailure, isAbortError, RootGuardError } from '../core/aws/errors';
import type { RootSessionHistory } from '../core/history/model';
import type { Logger } from '../core/log';
import { loadOrganization } from '../core/org/loadOrganization';
import { selectAccounts } from '../core/org/selectAccounts';
import type { OrgAccount, OrgSnapshot } from '../core/org/model';
import { type AuditTarget } from '../core/root/audit';
import { type AuditRun, auditAccounts, DEFAULT_AUDIT_CONCURRENCY, MAX_AUDIT_CONCURRENCY } from '../core/root/auditMany';
import { type ManagementRootRead, readManagementRoot } from '../core/root/managementRoot';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../core/report/formats';
import { FAIL_ON_KINDS, type FailOnKind, failOnFindings, parseFailOn } from '../core/report/failOn';
import { buildPostureReport } from '../core/report/posture';
import { readHistoryForAudit } from './auditHistory';
import { refuseAuditLogPath } from './auditLogOption';
import type { CliCommand } from './commands';
import { parseCommandArgs, runConnected } from './commandRun';
import { type ConnectSeams, connectCli, regionFlag, stderrLogger } from './connect';
import { runInterruptible } from './interruptible';
import { idList } from './taskArgs';
import { positiveInt } from './positiveInt';

const HELP = `Usage: rootguard audit [options]

Audits the root user of every member account (or the ones selected) with an
IAMAuditRootUserCredentials root session and prints the organization's root posture.

Options:
  --profile P          shared-config profile (SSO, credential_process, role chains, MFA)
  --region R           region for STS and the other clients (default: profile, AWS_REGION, us-east-1)
  --endpoint URL       one endpoint for every service (default: AWS_ENDPOINT_URL*, profile endpoint_url)
  --sandbox            start the built-in sandbox organization and audit it
  --sandbox-accounts N size of the sandbox organization (default 10)
  --format F           table | csv | json | markdown (default table)
  --concurrency N      accounts audited at once (default ${DEFAULT_AUDIT_CONCURRENCY}, at most ${MAX_AUDIT_CONCURRENCY})
  --max-attempts N     attempts per AWS call, retries with backoff included (default ${DEFAULT_MAX_ATTEMPTS})
  --retry-mode M       standard | adaptive
  --accounts IDS       only these accounts (comma-separated 12-digit ids of the organization)
  --ou ID              only the accounts under this OU, nested OUs included (or the root r-...)
  --fail-on K,...      exit 1 when any audited account still has these root credentials:
                       password, keys, mfa, certificates or any (for scheduled posture checks)
  --history            also read the root session history (as rootguard history, up to the audit's
                       start): the report gains each account's last root session, task and flagged
                       sessions; without it those columns say "not read"
  --history-region R   a region whose history to read (repeatable; default every region enabled for
                       the account, from account:ListRegions)
  --audit-log PATH     RootGuard's audit log the history is joined with (default
                       ~/.rootguard/root-tasks.jsonl)
  --verbose            log each step on stderr
  -h, --help           show this help

Exit status: 0 every account audited (and none has a --fail-on kind), 1 some could not be audited,
some OU could not be listed (the report covers the rest) or an account has a --fail-on kind, 2 usage error
or the organization cannot be read at all.`;

/** Where the command writes; the process streams in production, buffers in tests. */
export interface AuditIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  /** Fires on Ctrl-C; the run then stops launching accounts and reports what it finished. */
  signal?: AbortSignal;
  /** A running sandbox to use instead of starting one (tests). */
  sandbox?: ConnectSeams['sandbox'];
  /** Where file names given on the command line are read from; the process's own folder by default. */
  cwd?: string;
}

interface AuditArgs {
  settings: Omit<ConnectionSettings, 'credentials'> & { profile?: string };
  sandbox: boolean;
  sandboxAccounts: number;
  format: ReportFormat;
  concurrency: number;
  accounts?: string[];
  ou?: string;
  verbose: boolean;
  failOn: FailOnKind[];
  /** Read the root session history too, in these regions (empty: the default ones). */
  history?: { regions: string[]; auditLogPath: string };
}

function parseAuditArgs(args: string[], env: NodeJS.ProcessEnv): AuditArgs | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'sandbox-accounts': { type: 'string' },
      format: { type: 'string', default: 'table' },
      concurrency: { type: 'string' },
      'max-attempts': { type: 'string' },
      'retry-mode': { type: 'string' },
      accounts: { type: 'string' },
      ou: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      history: { type: 'boolean', default: false },
      'history-region': { type: 'string', multiple: true },
      'audit-log': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new RootGuardError('Usage', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const retryMode = values['retry-mode'];
  if (retryMode !== undefined && retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new RootGuardError('Usage', '--retry-mode must be standard or adaptive');
  }
  if (values.accounts && values.ou) throw new RootGuardError('Usage', 'use --accounts or --ou, not both');
  const failOn = values['fail-on'] === undefined ? [] : parseFailOn(values['fail-on']);
  if (!failOn) throw new RootGuardError('Usage', `--fail-on takes ${FAIL_ON_KINDS.join(', ')} or any, comma-separated, not "${values['fail-on']}"`);
  if (!values.history && (values['history-region'] || values['audit-log'])) throw new RootGuardError('Usage', '--history-region and --audit-log go with --history');
  return {
    settings: {
      profile: values.profile,
      region: values.region,
      endpoint: values.endpoint,
      maxAttempts: values['max-attempts'] === undefined ? undefined : positiveInt('max-attempts', values['max-attempts']),
      retryMode,
    },
    sandbox: values.sandbox,
    sandboxAccounts: values['sandbox-accounts'] === undefined ? 10 : positiveInt('sandbox-accounts', values['sandbox-accounts']),
    format,
    concurrency: values.concurrency === undefined ? DEFAULT_AUDIT_CONCURRENCY : positiveInt('concurrency', values.concurrency, MAX_AUDIT_CONCURRENCY),
    accounts: idList('--accounts', values.accounts),
    ou: values.ou,
    verbose: values.verbose,
    failOn,
    history: values.history ? { regions: regionFlag('history-region', values['history-region']), auditLogPath: values['audit-log'] ?? join(env.HOME ?? homedir(), '.rootguard', 'root-tasks.jsonl') } : undefined,
  };
}

/** The accounts to audit: all, the named ids, or everything under an OU (nested OUs included). */
function selectTargets(snapshot: OrgSnapshot, args: AuditArgs): AuditTarget[] {
  const toTarget = (a: OrgAccount): AuditTarget => ({ id: a.id, state: a.state, isManagement: a.isManagement });
  if (args.accounts) {
    const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));
    // An id the organization does not hold is a typo (a usage error, as for rootguard task), unless some
    // listing failed: the account may be under it, and is audited as named.
    const unknown = args.accounts.filter((id) => !byId.has(id));
    if (unknown.length && !snapshot.unlisted?.length) throw new RootGuardError('Usage', `not in organization ${snapshot.organization.id}: ${unknown.join(', ')}`);
    return args.accounts.map((id) => (byId.has(id) ? toTarget(byId.get(id)!) : { id }));
  }
  // The same reading of --ou as rootguard task's: an OU, or the root for every account.
  if (args.ou) return selectAccounts(snapshot, { ou: args.ou }).map(toTarget);
  return snapshot.accounts.map(toTarget);
}

function progressWriter(io: AuditIo): (done: number, total: number) => void {
  let lastDecile = -1;
  return (done, total) => {
    if (io.stderr.isTTY) {
      io.stderr.write(`\raudited ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile !== lastDecile || done === total) io.stderr.write(`audited ${done}/${total}\n`);
    lastDecile = decile;
  };
}

/**
 * Connected as the management account, its own root user (which AssumeRoot cannot reach) is read with the
 * caller's credentials; a failure leaves its row skipped, with a warning.
 */
/** The management account's root user read with the caller's credentials, or why that failed; neither when not tried. */
async function readOwnRoot(
  clients: AwsClients,
  snapshot: OrgSnapshot,
  listed: ReadonlySet<string>,
  io: AuditIo,
  logger: Logger,
): Promise<{ managementRoot?: ManagementRootRead; managementRootUnread?: { accountId: string; code: string } }> {
  const managementId = snapshot.organization.managementAccountId;
  if (snapshot.caller.accountId !== managementId || !listed.has(managementId)) return {};
  try {
    const read = await readManagementRoot(clients, managementId, { signal: io.signal });
    if (read.reportUnavailable) logger.warn(`management account ${managementId}: credential report not read (${read.reportUnavailable}); GetAccountSummary only`);
    return { managementRoot: read };
  } catch (err) {
    // A cancel here comes after the member accounts' audit, whose report is still printed.
    const code = isAbortError(err) ? 'cancelled' : describeFailure(err).code;
    logger.warn(`management account ${managementId}: its root user could not be read with the caller's credentials (${code})`);
    return { managementRootUnread: { accountId: managementId, code } };
  }
}

/** The history read beside the audit; after a cancel, none, and the report says "not read" for it. */
async function historyUnlessCancelled(history: Promise<RootSessionHistory | undefined> | undefined, io: AuditIo): Promise<RootSessionHistory | undefined> {
  try {
    return await history;
  } catch (err) {
    if (!isAbortError(err)) throw err;
    io.stderr.write('rootguard audit: the root session history was not read (cancelled); its columns say "not read"\n');
    return undefined;
  }
}

async function auditOrganization(clients: AwsClients, args: AuditArgs, io: AuditIo, logger: Logger): Promise<number> {
  io.stderr.write('loading the organization…\n');
  const snapshot = await loadOrganization(clients, { signal: io.signal, concurrency: args.concurrency });
  for (const u of snapshot.unlisted ?? []) {
    io.stderr.write(`rootguard audit: could not list the ${u.listing} of ${u.parentId} (${u.code}); what is under it is not in the report\n`);
  }
  const targets = selectTargets(snapshot, args);
  io.stderr.write(`${snapshot.accounts.length} accounts in ${snapshot.organization.id}; auditing ${targets.length} with concurrency ${args.concurrency}\n`);
  const progress = progressWriter(io);
  const history = args.history
    ? readHistoryForAudit(clients, {
        regions: args.history.regions,
        auditLogPath: args.history.auditLogPath,
        until: new Date(),
        signal: io.signal,
        stderr: io.stderr,
      })
    : undefined;
  // Awaited after the audit; until then a rejection (Ctrl-C) must not count as unhandled.
  history?.catch(() => undefined);
  const run: AuditRun = await auditAccounts(clients, targets, {
    concurrency: args.concurrency,
    signal: io.signal,
    logger,
    onProgress: (p) => progress(p.completed, p.total),
  });
  if (run.cancelled) io.stderr.write(`cancelled: ${run.notAudited.length} accounts not audited\n`);
  const listed = new Set(targets.map((t) => t.id));
  // From here on a cancel leaves out what is still to read, never the accounts already audited.
  const ownRoot = await readOwnRoot(clients, snapshot, listed, io, logger);
  const sessions = await historyUnlessCancelled(history, io);
  // Cancelled at any point, the member accounts' run or the reads after it (the management account's own root
  // user, the history): the report says it is incomplete.
  const cancelled = run.cancelled || io.signal?.aborted === true;
  const gaps = { unlisted: snapshot.unlisted?.map(({ parentId, listing, code }) => ({ parentId, listing, code })), ...(cancelled ? { cancelled: true as const } : {}) };
  const report = buildPostureReport({ ...snapshot, accounts: snapshot.accounts.filter((a) => listed.has(a.id)), results: run.results, ...ownRoot, history: sessions, gaps });
  io.stdout.write(renderReport(report, args.format));
  const findings = failOnFindings(report, args.failOn);
  for (const f of findings) io.stderr.write(`--fail-on ${f.kind}: ${f.accountIds.length} account${f.accountIds.length === 1 ? ' has' : 's have'} ${f.label}: ${f.accountIds.join(', ')}\n`);
  return report.totals.failed + report.totals.notAudited + (snapshot.unlisted?.length ?? 0) > 0 || findings.length > 0 ? 1 : 0;
}

/** Runs `rootguard audit` with the given arguments and streams; returns the exit code. */
export async function runAudit(argv: string[], io: AuditIo): Promise<number> {
  const parsed = parseCommandArgs('audit', HELP, io, () => parseAuditArgs(argv, io.env ?? process.env));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  if (args.history && (await refuseAuditLogPath('audit', args.history.auditLogPath, 'read', io.stderr))) return 2;
  const logger = stderrLogger(io.stderr, args.verbose);
  const { profile, region, endpoint, maxAttempts, retryMode } = args.settings;
  const connect = () =>
    connectCli(
      { profile, region, endpoint, maxAttempts, retryMode, sandbox: args.sandbox, sandboxAccounts: args.sandboxAccounts },
      { env: io.env, sandbox: io.sandbox, clientSettings: { maxSockets: socketsForConcurrency(args.concurrency) } },
    );
  // Once accounts are being audited a cancel still prints the report; only a cancel before that ends here.
  const cancelled = { message: 'cancelled before the audit started', exitCode: 1 };
  return runConnected('audit', io, connect, ({ clients }) => auditOrganization(clients, args, io, logger), cancelled);
}

/** The table entry for `rootguard audit`; Ctrl-C cancels the run and still prints what was audited. */
export const auditCommand: CliCommand = {
  summary: 'audit member accounts’ root credentials and print the posture report',
  run: (args) => runInterruptible('audit', (io) => runAudit(args, io)),
};
