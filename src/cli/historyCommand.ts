/**
 * `rootguard history`: who opened root sessions, when and with which task. Reads the AssumeRoot events of the
 * connected account's CloudTrail Event history in each region asked for, joins them with RootGuard's audit log
 * by session key id and flags the sessions worth a look. Progress on stderr, the report on stdout. Exit 0 when
 * every region was read and nothing is flagged, 1 when a session is flagged or a region could not be read in
 * full, 2 on a usage error or when no region could be read at all.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ATTEMPTS } from '../core/aws/clients';
import { RootGuardError } from '../core/aws/errors';
import { loadRootSessionHistory } from '../core/history/history';
import { MAX_HISTORY_DAYS } from '../core/history/lookup';
import { SESSION_FLAGS } from '../core/history/model';
import { noAuditLog, renderHistory, skippedAuditLines } from '../core/history/render';
import { readAuditLog } from '../core/root/auditLog';
import { REPORT_FORMATS, type ReportFormat } from '../core/report/formats';
import { refuseAuditLogPath } from './auditLogOption';
import type { CliCommand } from './commands';
import { parseCommandArgs, runConnected } from './commandRun';
import { type CliClients, type ConnectSeams, connectCli, regionFlag } from './connect';
import { runInterruptible } from './interruptible';

const HELP = `Usage: rootguard history [options]

Lists the root sessions (sts:AssumeRoot) opened from the connected account, from its CloudTrail Event
history in each region enabled for the account (account:ListRegions) or each region named, joined with
RootGuard's audit log by the session's access key id.
Flags sessions that changed something outside RootGuard, password recoveries never followed by a
credential deletion, and sessions by principals not expected to open them: by default those the
holders view (rootguard holders) expects, for the tasks and accounts they hold; with
--expected-principal, only the principals named.

Options:
  --profile P              shared-config profile
  --endpoint URL           one endpoint for every service
  --sandbox                read the built-in sandbox organization
  --region R               a region to read, instead of every region enabled for the account (root session
                           events are logged in the region of the STS endpoint called); repeatable. The
                           first is also the connection's region (default: the profile's or AWS_REGION, else
                           us-east-1), which alone is read when the enabled regions cannot be listed
  --days N                 window, 1-${MAX_HISTORY_DAYS} days (default ${MAX_HISTORY_DAYS}, CloudTrail's limit)
  --audit-log PATH         RootGuard's audit log (default ~/.rootguard/root-tasks.jsonl)
  --expected-principal ARN a principal expected to open root sessions, any task on any account (ArnLike
                           wildcards); repeatable. Replaces the holders view
  --no-holders             do not read IAM for the holders view: sessions are not checked against
                           expected principals (unless --expected-principal names them)
  --format F               table | csv | json | markdown (default table)
  --max-attempts N         attempts per AWS call (default ${DEFAULT_MAX_ATTEMPTS})
  -h, --help               show this help

Exit status: 0 every region read and no session flagged, 1 a session is flagged, a region could not be
read (or was read only in part) or the enabled regions could not be listed, 2 usage error or no region
could be read at all.`;

export interface HistoryIo extends ConnectSeams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  signal?: AbortSignal;
}

interface HistoryArgs {
  profile?: string;
  endpoint?: string;
  sandbox: boolean;
  regions: string[];
  days: number;
  auditLogPath: string;
  expectedPrincipals?: string[];
  expectedFromHolders: boolean;
  format: ReportFormat;
  maxAttempts?: number;
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new RootGuardError('Usage', `--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

function parseHistoryArgs(argv: string[], env: NodeJS.ProcessEnv): HistoryArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      profile: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      region: { type: 'string', multiple: true },
      days: { type: 'string' },
      'audit-log': { type: 'string' },
      'expected-principal': { type: 'string', multiple: true },
      'no-holders': { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
      'max-attempts': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new RootGuardError('Usage', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (values.sandbox && (values.profile || values.endpoint)) throw new RootGuardError('Usage', 'use --sandbox, --profile or --endpoint, not several');
  return {
    profile: values.profile,
    endpoint: values.endpoint,
    sandbox: values.sandbox,
    regions: regionFlag('region', values.region),
    days: values.days === undefined ? MAX_HISTORY_DAYS : wholeNumber('days', values.days, 1, MAX_HISTORY_DAYS),
    auditLogPath: values['audit-log'] ?? join(env.HOME ?? homedir(), '.rootguard', 'root-tasks.jsonl'),
    expectedPrincipals: values['expected-principal'],
    expectedFromHolders: !values['no-holders'] && !values['expected-principal'],
    format,
    maxAttempts: values['max-attempts'] === undefined ? undefined : wholeNumber('max-attempts', values['max-attempts'], 1, 100),
  };
}

async function runHistory(args: HistoryArgs, io: HistoryIo, connection: CliClients): Promise<number> {
  const { clients } = connection;
  const audit = await readAuditLog(args.auditLogPath);
  if (audit.unreadableLines) io.stderr.write(`rootguard history: ${skippedAuditLines(audit.unreadableLines, args.auditLogPath)}\n`);
  if (audit.missing) io.stderr.write(`rootguard history: ${noAuditLog(args.auditLogPath, '--audit-log')}\n`);
  const where = args.regions.length ? args.regions.join(', ') : 'every region enabled for the account';
  io.stderr.write(`reading AssumeRoot events of the last ${args.days} days in ${where}${args.expectedFromHolders ? ', and the holders view for the expected principals' : ''}…\n`);
  const history = await loadRootSessionHistory(clients, {
    regions: args.regions,
    days: args.days,
    auditRecords: audit.records,
    sessionRequests: audit.sessionRequests,
    auditLogSkippedLines: audit.unreadableLines,
    expectedPrincipals: args.expectedPrincipals,
    expectedFromHolders: args.expectedFromHolders,
    signal: io.signal,
    onProgress: (p) => io.stderr.write(`${p.region}: ${p.events} AssumeRoot ${p.events === 1 ? 'event' : 'events'}${p.done ? '' : ' so far'}, ${p.pages} ${p.pages === 1 ? 'page' : 'pages'}\n`),
  });
  io.stdout.write(renderHistory(history, args.format));
  const from = history.expectedFrom;
  if (from?.from === 'holders' && from.error) io.stderr.write(`rootguard history: the holders view could not be read (${from.error.code}); sessions were not checked against expected principals\n`);
  for (const gap of from?.from === 'holders' ? from.gaps : []) io.stderr.write(`rootguard history: the holders view could not read ${gap.part} (${gap.code}); the expected principals may be incomplete\n`);
  const failed = history.regions.filter((r) => r.error);
  for (const r of failed) {
    const said = r.pages ? `was read in part (${r.pages} ${r.pages === 1 ? 'page' : 'pages'}, then ${r.error!.code}); older sessions may be missing` : `could not be read (${r.error!.code}); its sessions are missing`;
    io.stderr.write(`rootguard history: ${r.region} ${said}\n`);
  }
  const undiscovered = history.regionSource.error;
  if (undiscovered) io.stderr.write(`rootguard history: the enabled regions could not be listed (${undiscovered.code}); only ${history.regions.map((r) => r.region).join(', ')} was read\n`);
  // A region read in part still lists sessions (flagged ones among them): only a history with none read at all is 2.
  if (failed.filter((r) => r.pages === 0).length === history.regions.length) return 2;
  const flagged = SESSION_FLAGS.some((f) => history.totals[f] > 0);
  return flagged || failed.length > 0 || undiscovered ? 1 : 0;
}

/** Runs `rootguard history` with the given arguments and streams; returns the exit code. */
export async function runHistoryCommand(argv: string[], io: HistoryIo): Promise<number> {
  const parsed = parseCommandArgs('history', HELP, io, () => parseHistoryArgs(argv, io.env ?? process.env));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  if (await refuseAuditLogPath('history', args.auditLogPath, 'read', io.stderr)) return 2;
  const connect = () =>
    connectCli(
      { profile: args.profile, region: args.regions[0], endpoint: args.endpoint, maxAttempts: args.maxAttempts, sandbox: args.sandbox, sandboxAccounts: 10 },
      { sandbox: io.sandbox, clientSettings: io.clientSettings, env: io.env },
    );
  return runConnected('history', io, connect, (connection) => runHistory(args, io, connection), { message: 'cancelled', exitCode: 1 });
}

export const historyCommand: CliCommand = {
  summary: 'list the root sessions opened in the last 90 days, joined with the audit log, and flag foreign ones',
  run: (args) => runInterruptible('history', (io) => runHistoryCommand(args, io)),
};
