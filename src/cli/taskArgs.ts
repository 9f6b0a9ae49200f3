/**
 * Options of `rootguard task`: which task, which accounts, the task's parameters and the guard rails.
 * Everything a user can get wrong is refused here (exit 2) before any AWS call.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ATTEMPTS } from '../core/aws/clients';
import { RootGuardError } from '../core/aws/errors';
import type { AccountSelection } from '../core/org/selectAccounts';
import { CREDENTIAL_KINDS, type CredentialKind } from '../core/root/deleteCredentials';
import { parseBucketName, parseQueueRef } from '../core/root/resourceNames';
import type { CliConnection } from './connect';
import { positiveInt } from './positiveInt';

export const TASK_NAMES = ['delete-credentials', 'allow-password-recovery', 'unlock-s3-bucket', 'unlock-sqs-queue', 'restore-policy'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** `--kinds` names, shared with `rootguard audit --fail-on`. */
export const KIND_NAMES: Record<string, CredentialKind> = { password: 'password', keys: 'accessKeys', certificates: 'signingCertificates', mfa: 'mfaDevices' };

/** Extra protected accounts for every run, for scheduled jobs: comma-separated ids. */
export const PROTECTED_ENV = 'ROOTGUARD_PROTECTED_ACCOUNTS';

export const TASK_HELP = `Usage: rootguard task <${TASK_NAMES.join('|')}> [options]

Runs one privileged root task in each selected member account, each in its own short sts:AssumeRoot
session. The management account is never a target; protected accounts are refused unless overridden.
Each account's plan is read inside its own session; the audit log gets every plan, intent and outcome.

Accounts (exactly one of --accounts, --ou, --all; none, nor --exclude, for restore-policy, whose record names the account):
  --accounts IDS        these account ids (comma-separated)
  --ou ID               every account under this OU, nested OUs included (or the root r-...)
  --all                 every account of the organization
  --exclude IDS         leave these ids out

Task parameters:
  --kinds K,...         delete-credentials: password,keys,certificates,mfa (default: all four)
  --bucket NAME         unlock-s3-bucket: the bucket (name, s3:// URI or ARN); one account only
  --queue URL|NAME      unlock-sqs-queue: the queue; one account only
  --from-record ID      restore-policy: the audit record (intent or outcome id) of the unlock to undo
  --overwrite           restore-policy: replace a policy the bucket or queue has again (refused otherwise)
  --older-record        restore-policy: restore the record although a newer one kept a policy of the same
                        bucket or queue (without it, --yes refuses such a record and a terminal asks)
  --unverified-record   restore-policy: restore the record although its run has no run record in the audit
                        log or its caller is in another account (without it, --yes refuses and a terminal asks)

Guard rails:
  --dry-run             read each account's plan in its session and change nothing
  -y, --yes             do not ask (required when stdin or stderr is not a terminal)
  --protected IDS       refuse these accounts too (also ${PROTECTED_ENV})
  --override-protected  act on protected accounts as well
  --audit-log PATH      JSON Lines audit log (default ~/.rootguard/root-tasks.jsonl)

Connection:
  --profile P           shared-config profile (SSO, credential_process, role chains, MFA)
  --region R            region for STS and the other clients
  --endpoint URL        one endpoint for every service
  --sandbox             run against the built-in sandbox organization
  --sandbox-accounts N  size of the sandbox organization (default 10)
  --max-attempts N      SDK attempts per call, retries included (default ${DEFAULT_MAX_ATTEMPTS})
  --retry-mode M        standard | adaptive

Output:
  --format F            text | json | markdown (default text); progress goes to stderr
  --verbose             log each step on stderr
  -h, --help            show this help

Ctrl+C (or SIGTERM) stops before the next account; an account already changing finishes.
Exit status: 0 every account done, 1 some failed, were skipped or not started, or a listing of the
organization the selection depends on failed (then nothing runs), 2 usage error.`;

export interface TaskArgs {
  task: TaskName;
  selection: AccountSelection;
  kinds: CredentialKind[];
  bucket?: string;
  queue?: string;
  /** restore-policy: the unlock's intent or outcome record id. */
  fromRecord?: string;
  overwrite: boolean;
  /** restore-policy: go on although a newer record kept a policy of the same bucket or queue. */
  olderRecord: boolean;
  /** Restore a record whose provenance does not fit one RootGuard wrote for this caller. */
  unverifiedRecord: boolean;
  dryRun: boolean;
  yes: boolean;
  protectedAccounts: string[];
  overrideProtected: boolean;
  auditLogPath: string;
  format: 'text' | 'json' | 'markdown';
  verbose: boolean;
  connection: CliConnection;
}

const usage = (message: string) => new RootGuardError('Usage', message);

/** Comma-separated account ids from `where` (`--accounts`, an environment variable). */
export function idList(where: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  const bad = ids.find((id) => !/^\d{12}$/.test(id));
  if (bad !== undefined || ids.length === 0) throw usage(`${where} takes 12-digit account ids separated by commas, not "${bad ?? raw}"`);
  return ids;
}

function kindsOf(raw: string | undefined): CredentialKind[] {
  if (raw === undefined) return [...CREDENTIAL_KINDS];
  const names = raw.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = names.find((k) => !(k in KIND_NAMES));
  if (bad !== undefined || names.length === 0) throw usage(`--kinds takes ${Object.keys(KIND_NAMES).join(', ')}, not "${bad ?? raw}"`);
  return CREDENTIAL_KINDS.filter((k) => names.some((n) => KIND_NAMES[n] === k));
}

/** The task's own parameters: each belongs to one task and is required there. */
function checkParameters(task: TaskName, values: { kinds?: string; bucket?: string; queue?: string; 'from-record'?: string; overwrite?: boolean; 'older-record'?: boolean; 'unverified-record'?: boolean }, selection: AccountSelection): void {
  if (values.kinds !== undefined && task !== 'delete-credentials') throw usage('--kinds is for delete-credentials only');
  const restoreOnly = values['from-record'] !== undefined || values.overwrite || values['older-record'] || values['unverified-record'];
  if (restoreOnly && task !== 'restore-policy') throw usage('--from-record, --overwrite, --older-record and --unverified-record are for restore-policy only');
  if (task === 'restore-policy' && !values['from-record']) throw usage('restore-policy needs --from-record');
  if (values.bucket !== undefined && task !== 'unlock-s3-bucket') throw usage('--bucket is for unlock-s3-bucket only');
  if (values.queue !== undefined && task !== 'unlock-sqs-queue') throw usage('--queue is for unlock-sqs-queue only');
  if (task === 'unlock-s3-bucket' || task === 'unlock-sqs-queue') {
    const what = task === 'unlock-s3-bucket' ? 'bucket' : 'queue';
    const raw = what === 'bucket' ? values.bucket : values.queue;
    if (raw === undefined) throw usage(`${task} needs --${what}`);
    if (selection.accounts?.length !== 1) throw usage(`a ${what} belongs to one account: name exactly one with --accounts`);
    const parsed = what === 'bucket' ? parseBucketName(raw) : parseQueueRef(raw, selection.accounts[0]);
    if (!parsed.ok) throw usage(`--${what}: ${parsed.message}`);
  }
}

/** Parses `rootguard task` arguments; 'help' for `--help`. Throws `Usage` errors. */
export function parseTaskArgs(args: string[], env: NodeJS.ProcessEnv): TaskArgs | 'help' {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      accounts: { type: 'string' },
      ou: { type: 'string' },
      all: { type: 'boolean', default: false },
      exclude: { type: 'string' },
      kinds: { type: 'string' },
      bucket: { type: 'string' },
      queue: { type: 'string' },
      'from-record': { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      'older-record': { type: 'boolean', default: false },
      'unverified-record': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      protected: { type: 'string' },
      'override-protected': { type: 'boolean', default: false },
      'audit-log': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'sandbox-accounts': { type: 'string' },
      'max-attempts': { type: 'string' },
      'retry-mode': { type: 'string' },
      format: { type: 'string', default: 'text' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [task, ...extra] = positionals;
  if (!task) throw usage(`name a task: ${TASK_NAMES.join(', ')}`);
  if (!(TASK_NAMES as readonly string[]).includes(task)) throw usage(`unknown task "${task}"; the tasks are ${TASK_NAMES.join(', ')}`);
  if (extra.length) throw usage(`unexpected argument "${extra[0]}"`);
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw usage('--format must be text, json or markdown');
  const retryMode = values['retry-mode'];
  if (retryMode !== undefined && retryMode !== 'standard' && retryMode !== 'adaptive') throw usage('--retry-mode must be standard or adaptive');
  if (values.sandbox && (values.profile !== undefined || values.endpoint !== undefined)) throw usage('--sandbox cannot be combined with --profile or --endpoint');
  const selection: AccountSelection = { accounts: idList('--accounts', values.accounts), ou: values.ou, all: values.all || undefined, exclude: idList('--exclude', values.exclude) };
  const chosen = [selection.accounts, selection.ou, selection.all].filter((v) => v !== undefined).length;
  // A restore acts on the account its record names, read from the audit log once the arguments are valid.
  if (task === 'restore-policy' && (chosen !== 0 || selection.exclude)) throw usage('restore-policy acts on the account its record names: leave out --accounts, --ou, --all and --exclude');
  if (task !== 'restore-policy' && chosen !== 1) throw usage('choose the accounts with exactly one of --accounts, --ou or --all');
  checkParameters(task as TaskName, values, selection);
  if (values['audit-log'] !== undefined && values['audit-log'].trim() === '') throw usage('--audit-log names the audit log file; got an empty path');
  const protectedAccounts = [...(idList('--protected', values.protected) ?? []), ...(env[PROTECTED_ENV] ? (idList(PROTECTED_ENV, env[PROTECTED_ENV]) ?? []) : [])];
  return {
    task: task as TaskName,
    selection,
    kinds: kindsOf(values.kinds),
    bucket: values.bucket,
    queue: values.queue,
    fromRecord: values['from-record'],
    overwrite: values.overwrite,
    olderRecord: values['older-record'],
    unverifiedRecord: values['unverified-record'],
    dryRun: values['dry-run'],
    yes: values.yes,
    protectedAccounts: [...new Set(protectedAccounts)],
    overrideProtected: values['override-protected'],
    auditLogPath: values['audit-log'] ?? join(env.HOME ?? homedir(), '.rootguard', 'root-tasks.jsonl'),
    format,
    verbose: values.verbose,
    connection: {
      profile: values.profile,
      region: values.region,
      endpoint: values.endpoint,
      maxAttempts: values['max-attempts'] === undefined ? undefined : positiveInt('max-attempts', values['max-attempts']),
      retryMode,
      sandbox: values.sandbox,
      sandboxAccounts: values['sandbox-accounts'] === undefined ? 10 : positiveInt('sandbox-accounts', values['sandbox-accounts']),
    },
  };
}
