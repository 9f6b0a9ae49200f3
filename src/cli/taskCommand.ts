/**
 * `rootguard task`: the extension's privileged tasks for runbooks and scheduled jobs, on the same core
 * (`runRootTask`): the management account never a target, protected accounts refused unless overridden, a
 * confirmation naming the accounts (typing the count for more than one, `--yes` when there is no terminal),
 * each plan read inside its own session, every session in the audit log, Ctrl+C stopping before the next
 * account. The summary goes to stdout, everything else to stderr.
 */
import { RootGuardError } from '../core/aws/errors';
import { loadOrganization } from '../core/org/loadOrganization';
import { describeAccount } from '../core/org/describe';
import type { OrgAccount } from '../core/org/model';
import { type AccountSelection, selectAccounts } from '../core/org/selectAccounts';
import { printable, printableLines } from '../core/report/cells';
import { JsonlAuditLog, readAuditLog } from '../core/root/auditLog';
import { deleteRootCredentialsTask } from '../core/root/deleteCredentials';
import { allowPasswordRecoveryTask, PASSWORD_RECOVERY_NEXT_STEP } from '../core/root/passwordRecovery';
import { findKeptPolicy } from '../core/root/keptPolicyLookup';
import { restorePolicyTask } from '../core/root/restorePolicy';
import { runRootTask } from '../core/root/runTask';
import type { TaskRun } from '../core/root/taskRun';
import type { RootTask, TaskPlan } from '../core/root/taskModel';
import { formatTaskRun } from '../core/root/taskReport';
import { taskRunMarkdown } from '../core/root/taskReportMarkdown';
import { unlockS3BucketPolicyTask } from '../core/root/unlockS3';
import { unlockSqsQueuePolicyTask } from '../core/root/unlockSqs';
import { refuseAuditLogPath } from './auditLogOption';
import type { CliCommand } from './commands';
import { type RestoreRecordCheck, checkRestoreRecord, unverifiedRecord } from './restoreRecord';
import { isUsageError, parseCommandArgs, reportCommandFailure } from './commandRun';
import { type ConnectSeams, connectCli, stderrLogger } from './connect';
import { type TaskArgs, TASK_HELP, parseTaskArgs } from './taskArgs';
import { describeIncompleteSelection, incompleteSelection } from './taskSelection';
import { type PromptInput, type PromptOutput, TerminalPrompt } from './terminalPrompt';

/** Streams and seams of one run: the process's in production; buffers, a pseudo-terminal or a sandbox in tests. */
export interface TaskIo extends ConnectSeams {
  stdout: { write(text: string): unknown };
  stderr: PromptOutput;
  stdin: PromptInput;
  /** Fires on Ctrl+C: no account starts after it. */
  signal?: AbortSignal;
  /** An account starts or stops changing (intent written, outcome recorded): what a stop still waits for. */
  onChanging?: (event: { accountId: string; changing: boolean }) => void;
}

/** How many accounts the confirmation names before "and N more". */
const NAMES_SHOWN = 20;

/**
 * The task and its accounts; a restore's account is the one its audit record names (read before any AWS call),
 * and `restore` what the user should know about that record before the run.
 */
async function buildTask(args: TaskArgs): Promise<{ task: RootTask; selection: AccountSelection; restore?: RestoreRecordCheck }> {
  const onSelection = (task: RootTask) => ({ task, selection: args.selection });
  switch (args.task) {
    case 'delete-credentials':
      return onSelection(deleteRootCredentialsTask(args.kinds));
    case 'allow-password-recovery':
      return onSelection(allowPasswordRecoveryTask());
    case 'unlock-s3-bucket':
      return onSelection(unlockS3BucketPolicyTask(args.bucket!));
    case 'unlock-sqs-queue':
      return onSelection(unlockSqsQueuePolicyTask(args.queue!));
    case 'restore-policy': {
      const log = await readAuditLog(args.auditLogPath);
      // Said apart from "no such record": a mistyped --audit-log is the likelier cause, and the path shows it.
      if (log.missing) throw new RootGuardError('NoAuditLog', `No audit log at ${args.auditLogPath}, so record ${args.fromRecord} cannot be read: check --audit-log`);
      const kept = findKeptPolicy(log.records, args.fromRecord!, log.unreadableLines, log.recordLines);
      const restore = checkRestoreRecord(log, kept, args);
      return { task: restorePolicyTask(kept, { overwrite: args.overwrite }), selection: { accounts: [kept.accountId] }, restore };
    }
  }
}

/**
 * The accounts to act on, and apart from them the management account and inactive ones, so the header counts
 * what the user is asked to type. `runOn` goes to the core: named ids all do, and the core records each it
 * skips with its reason; an OU or the whole organization leaves them out up front, as the explorer does.
 */
function targetsOf(selection: AccountSelection, selected: OrgAccount[]): { targets: OrgAccount[]; notTargets: OrgAccount[]; runOn: OrgAccount[] } {
  const eligible = (a: OrgAccount) => !a.isManagement && (a.state === 'ACTIVE' || a.state === 'UNKNOWN');
  const targets = selected.filter(eligible);
  return { targets, notTargets: selected.filter((a) => !eligible(a)), runOn: selection.accounts ? selected : targets };
}

/** What the run is about to do, on stderr, before any question. */
function describeRun(io: TaskIo, task: RootTask, args: TaskArgs, targets: OrgAccount[], notTargets: OrgAccount[], refused: OrgAccount[]): void {
  const names = targets.slice(0, NAMES_SHOWN).map(describeAccount).join(', ');
  const more = targets.length > NAMES_SHOWN ? ` and ${targets.length - NAMES_SHOWN} more` : '';
  const lines = [`${printable(task.title)}${args.dryRun ? ' (dry run: nothing will change)' : ''}`, `Accounts (${targets.length}): ${names}${more}`];
  if (notTargets.length) lines.push(`Not targets (management account or not active): ${notTargets.map(describeAccount).join(', ')}`);
  if (refused.length) lines.push(`Protected, refused (--override-protected to act on them): ${refused.map(describeAccount).join(', ')}`);
  const overridden = args.overrideProtected ? targets.filter((a) => args.protectedAccounts.includes(a.id)) : [];
  if (overridden.length) lines.push(`Protected, OVERRIDDEN: ${overridden.map(describeAccount).join(', ')}`);
  lines.push(`Audit log: ${args.auditLogPath}`);
  io.stderr.write(`${lines.join('\n')}\n`);
}

/** The confirmation before any session: y/N for one account, the count for more. */
async function confirmRun(prompt: TerminalPrompt, acting: number, verb: string): Promise<boolean> {
  if (acting === 0) return true;
  if (acting === 1) return prompt.confirm(`${verb} in this account? One root session reads it first and shows the changes.`);
  return prompt.typeCount(acting, 'accounts to change');
}

/**
 * Inside a single account's session: the fresh plan (and the policy it would remove), then one more yes. A
 * bucket policy's Sid is anyone's text: control characters are escaped, so it cannot move the cursor or
 * reorder a line of what is being confirmed.
 */
function planConfirmation(io: TaskIo, prompt: TerminalPrompt): (accountId: string, plan: TaskPlan) => Promise<boolean> {
  return async (accountId, plan) => {
    const preview = plan.preview ? `\n${printable(plan.preview.title)}:\n${printableLines(plan.preview.content)}\n` : '';
    const changes = plan.changes.map((c) => `  - ${printable(c.description)}`).join('\n');
    io.stderr.write(`${preview}\nIn ${accountId}:\n${changes}\n${plan.note ? `${printable(plan.note)}\n` : ''}`);
    const undo = plan.keptPolicy ? 'The audit log keeps the policy this removes or replaces; restore-policy puts it back.' : 'This cannot be undone from RootGuard.';
    return prompt.confirm(`Make these changes? ${undo}`);
  };
}

function exitCodeOf(run: TaskRun): number {
  return run.results.every((r) => r.status === 'done' || r.status === 'dry-run') ? 0 : 1;
}

function printRun(io: TaskIo, args: TaskArgs, run: TaskRun, accounts: OrgAccount[]): void {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const outputs = {
    json: () => `${JSON.stringify(run, null, 2)}\n`,
    markdown: () => taskRunMarkdown(run, { names, auditLogPath: args.auditLogPath }),
    text: () => `${formatTaskRun(run)}\n`,
  };
  io.stdout.write(outputs[args.format]());
  const recovered = run.task === 'allowPasswordRecovery' && run.results.some((r) => r.status === 'done' && r.changes.length > 0);
  if (recovered) io.stderr.write(`Next: ${PASSWORD_RECOVERY_NEXT_STEP}\n`);
}

async function runTask(args: TaskArgs, io: TaskIo, prompt: TerminalPrompt, progress: { awsCalled: boolean }): Promise<number> {
  const logger = stderrLogger(io.stderr, args.verbose);
  const { task, selection, restore } = await buildTask(args);
  const { clients, close } = await connectCli(args.connection, io);
  try {
    // A queue URL that is not on this connection's SQS endpoint is a usage error: said before any AWS call.
    task.checkConnection?.(clients);
    io.stderr.write('loading the organization…\n');
    progress.awsCalled = true;
    const snapshot = await loadOrganization(clients, { signal: io.signal });
    // Run on what was listed and the accounts under a failed listing would be left out without a word.
    const incomplete = incompleteSelection(snapshot, selection);
    if (incomplete) {
      io.stderr.write(describeIncompleteSelection(incomplete, snapshot.organization.id));
      return 1;
    }
    const { targets, notTargets, runOn } = targetsOf(selection, selectAccounts(snapshot, selection));
    const protectedIds = new Set(args.protectedAccounts);
    const refused = args.overrideProtected ? [] : targets.filter((a) => protectedIds.has(a.id));
    describeRun(io, task, args, targets, notTargets, refused);
    if (restore) io.stderr.write(`${restore.notice}\n`);
    const superseded = restore?.superseded;
    if (superseded) io.stderr.write(`WARNING: ${printable(superseded)}\n`);
    const unverified = restore && unverifiedRecord(restore, args, snapshot.caller.arn);
    if (unverified) io.stderr.write(`WARNING: ${printable(unverified)}\n`);
    if (runOn.length === 0) {
      io.stderr.write('No account to act on.\n');
      return 1;
    }
    const asking = !args.dryRun && !args.yes;
    const verb = task.title.replace(/ \(.*\)$/, '');
    // The accounts the run will change: the core refuses protected ones too.
    const acting = targets.filter((a) => !refused.includes(a));
    const olderConfirmed = !asking || !superseded || args.olderRecord || (await prompt.confirm('Restore this older record anyway?'));
    const unverifiedConfirmed = !olderConfirmed || !asking || !unverified || args.unverifiedRecord || (await prompt.confirm('Restore from this record anyway?'));
    if (!olderConfirmed || !unverifiedConfirmed || (asking && !(await confirmRun(prompt, acting.length, verb)))) {
      io.stderr.write('Not confirmed: nothing was changed.\n');
      return 1;
    }
    const run = await runRootTask(clients, task, runOn.map((a) => ({ id: a.id, name: a.name, state: a.state, isManagement: a.isManagement })), {
      auditLog: new JsonlAuditLog(args.auditLogPath),
      callerArn: snapshot.caller.arn,
      signal: io.signal,
      dryRun: args.dryRun,
      protectedAccounts: args.protectedAccounts,
      overrideProtected: args.overrideProtected,
      managementAccountId: snapshot.organization.managementAccountId,
      confirmPlan: asking && acting.length === 1 ? planConfirmation(io, prompt) : undefined,
      onProgress: (p) => void io.stderr.write(`${p.result.accountId}: ${p.result.status} (${p.completed}/${p.total})\n`),
      onChanging: io.onChanging,
      logger,
    });
    printRun(io, args, run, runOn);
    return exitCodeOf(run);
  } finally {
    await close();
  }
}

/** Runs `rootguard task` with the given arguments and streams; returns the exit code. */
export async function runTaskCommand(argv: string[], io: TaskIo): Promise<number> {
  const parsed = parseCommandArgs('task', TASK_HELP, io, () => parseTaskArgs(argv, io.env ?? process.env));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  if (await refuseAuditLogPath('task', args.auditLogPath, 'write', io.stderr)) return 2;
  const prompt = new TerminalPrompt(io.stdin, io.stderr, io.signal);
  if (!args.dryRun && !args.yes && !prompt.interactive) {
    io.stderr.write('rootguard task: --yes is required when stdin or stderr is not a terminal (or use --dry-run)\n');
    return 2;
  }
  const progress = { awsCalled: false };
  try {
    return await runTask(args, io, prompt, progress);
  } catch (err) {
    // 2 says the command was used wrong; a failure once AWS was called (wrong credentials, an organization
    // that cannot be read, an audit log that cannot be written) is the run's, as a failed account is: 1.
    const failureExitCode = progress.awsCalled && !isUsageError(err) ? 1 : 2;
    return reportCommandFailure('task', io, err, { message: 'cancelled before any account started', exitCode: 1 }, failureExitCode);
  } finally {
    prompt.close();
  }
}

/** Each stops the run as Ctrl+C does: a job scheduler or container stopping it, a terminal closed under it. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What a stop signal after the first says: the run is still finishing, and is not killed by it. */
function stillStopping(changing: number): string {
  if (changing === 0) return 'still stopping: no account is changing; the run ends as soon as its reads stop\n';
  // Killing it is still possible (SIGKILL), but then those outcomes are not recorded: said, so it is a choice.
  return `still stopping: finishing ${changing} account${changing === 1 ? '' : 's'} already changing; their outcomes are being recorded (kill -9 ${process.pid} stops at once, leaving them unrecorded)\n`;
}

/**
 * The table entry: the process's streams, and Ctrl+C stopping before the next account. SIGTERM and SIGHUP
 * stop the same way, so an account already changing gets its outcome recorded instead of being killed
 * between its intent and its outcome. The signals stay caught until the run ends: a second Ctrl+C (an
 * impatient user, a scheduler repeating SIGTERM) must not kill what the first one asked to finish.
 */
export const taskCommand: CliCommand = {
  summary: 'run a privileged root task (delete credentials, password recovery, unlock a bucket or queue)',
  async run(args) {
    const controller = new AbortController();
    const changing = new Set<string>();
    const onStop = () => {
      if (controller.signal.aborted) {
        process.stderr.write(stillStopping(changing.size));
        return;
      }
      process.stderr.write('\nstopping: no account starts from now on; an account already changing finishes\n');
      controller.abort();
    };
    for (const name of STOP_SIGNALS) process.on(name, onStop);
    try {
      return await runTaskCommand(args, {
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
        signal: controller.signal,
        onChanging: ({ accountId, changing: now }) => void (now ? changing.add(accountId) : changing.delete(accountId)),
      });
    } finally {
      for (const name of STOP_SIGNALS) process.off(name, onStop);
    }
  },
};
