/**
 * `rootguard preflight`: which root tasks will work in which member account, from the organization's own
 * SCPs and RCPs, before any root session opens. Progress goes to stderr, the report to stdout. Exit 0 when
 * every task asked about works everywhere, 1 when some is blocked or depends (or some OU could not be
 * listed), 2 on a usage error or when the organization or its policies cannot be read.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ATTEMPTS } from '../core/aws/clients';
import { RootGuardError } from '../core/aws/errors';
import { DEFAULT_AUDIT_CONCURRENCY, MAX_AUDIT_CONCURRENCY } from '../core/root/auditMany';
import { PolicyReadError, TASK_POLICY_NAMES, type TaskPolicyName } from '../core/policy';
import { type ProposedPolicy, TASK_LABELS, parseTaskName, preflightOrganization, refusedAttachments } from '../core/preflight';
import { buildPreflightReport, renderPreflight } from '../core/preflight/report';
import { REPORT_FORMATS, type ReportFormat } from '../core/report/formats';
import type { AuditIo } from './auditCommand';
import type { CliCommand } from './commands';
import { parseCommandArgs, runConnected } from './commandRun';
import { type ProposalSpec, parseProposal, proposedRows, readProposals } from './preflightProposals';
import { templateParameters, templateSides } from './templateConditionOption';
import type { ChosenParameters, ChosenSides } from '../core/lint/templateSides';
import { type ConnectSeams, connectCli } from './connect';
import { runInterruptible } from './interruptible';
import { positiveInt } from './positiveInt';

const HELP = `Usage: rootguard preflight [options]

Predicts, for every member account and root task, whether the task will work, from the organization's
SCPs (and RCPs for the S3 and SQS unlock tasks) and the caller's own SCPs for sts:AssumeRoot, without
opening a root session. Each row names the policy and statement that blocks the task, or the keys the
answer depends on (aws:SourceIp, a date, a tag).

Options:
  --profile P          shared-config profile (SSO, credential_process, role chains, MFA)
  --region R           region of the root sessions: aws:RequestedRegion of STS, S3 and SQS calls
  --endpoint URL       one endpoint for every service
  --sandbox            start the built-in sandbox organization and predict for it
  --sandbox-accounts N size of the sandbox organization (default 10)
  --task NAME          only this task (repeatable): ${TASK_POLICY_NAMES.map((t) => TASK_LABELS[t]).join(', ')}
                       (or the task policy's name)
  --format F           table | csv | json | markdown (default table)
  --propose-scp F@T    what-if: predict as if the SCP in file F were attached to T (root, OU or account
                       ids, comma-separated; "root" for the root), or were the text of policy T (p-…);
                       repeatable. F may be a template or Terraform file (F#NAME for one of several).
                       Nothing is changed.
  --propose-rcp F@T    the same for an RCP
  --template-condition NAME=true|false
                       the side of a condition on which a proposed policy written with Fn::If or a
                       Terraform conditional (its condition as written) is read (repeatable)
  --template-parameter NAME=VALUE
                       the value of a template parameter of a few AllowedValues with which a proposed
                       policy that names it is read (repeatable)
  --concurrency N      Organizations calls in flight (default ${DEFAULT_AUDIT_CONCURRENCY}, at most ${MAX_AUDIT_CONCURRENCY})
  --max-attempts N     attempts per AWS call, retries with backoff included (default ${DEFAULT_MAX_ATTEMPTS})
  -h, --help           show this help

Permissions: organizations:ListRoots, ListPolicies, DescribePolicy and ListTargetsForPolicy, besides the
audit's listing permissions (docs/caller-policy.json); iam:ListOrganizationsFeatures says whether root
sessions are enabled: while they are not, every task is blocked; unread, none is said to work.

Exit status: 0 every task asked about works in every account, 1 some is blocked or depends (or some OU
could not be listed), 2 usage error, or the organization or its policies cannot be read.`;

interface PreflightArgs {
  profile?: string;
  region?: string;
  endpoint?: string;
  sandbox: boolean;
  sandboxAccounts: number;
  tasks: TaskPolicyName[];
  format: ReportFormat;
  concurrency: number;
  maxAttempts?: number;
  proposals: ProposalSpec[];
  /** `--template-condition`: the sides a proposal written with Fn::If is read on. */
  sides: ChosenSides;
  /** `--template-parameter`: the values of parameters of a few AllowedValues a proposal is read with. */
  parameters: ChosenParameters;
}

function parsePreflightArgs(args: string[]): PreflightArgs | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'sandbox-accounts': { type: 'string' },
      task: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      concurrency: { type: 'string' },
      'max-attempts': { type: 'string' },
      'propose-scp': { type: 'string', multiple: true },
      'propose-rcp': { type: 'string', multiple: true },
      'template-condition': { type: 'string', multiple: true },
      'template-parameter': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new RootGuardError('Usage', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const connections = [values.profile !== undefined, values.sandbox, values.endpoint !== undefined].filter(Boolean).length;
  if (connections > 1) throw new RootGuardError('Usage', 'use one of --profile, --sandbox and --endpoint');
  const tasks = (values.task ?? []).map((name) => {
    const task = parseTaskName(name);
    if (!task) throw new RootGuardError('Usage', `unknown task "${name}": one of ${TASK_POLICY_NAMES.map((t) => TASK_LABELS[t]).join(', ')}`);
    return task;
  });
  return {
    profile: values.profile,
    region: values.region,
    endpoint: values.endpoint,
    sandbox: values.sandbox,
    sandboxAccounts: values['sandbox-accounts'] === undefined ? 10 : positiveInt('sandbox-accounts', values['sandbox-accounts']),
    // In the order the tasks are listed everywhere else, each once.
    tasks: tasks.length ? TASK_POLICY_NAMES.filter((t) => tasks.includes(t)) : [...TASK_POLICY_NAMES],
    format,
    concurrency: values.concurrency === undefined ? DEFAULT_AUDIT_CONCURRENCY : positiveInt('concurrency', values.concurrency, MAX_AUDIT_CONCURRENCY),
    maxAttempts: values['max-attempts'] === undefined ? undefined : positiveInt('max-attempts', values['max-attempts']),
    proposals: [
      ...(values['propose-scp'] ?? []).map((raw) => parseProposal('SERVICE_CONTROL_POLICY', raw)),
      ...(values['propose-rcp'] ?? []).map((raw) => parseProposal('RESOURCE_CONTROL_POLICY', raw)),
    ],
    sides: templateSides(values['template-condition'], (message) => new RootGuardError('Usage', message)),
    parameters: templateParameters(values['template-parameter'], (message) => new RootGuardError('Usage', message)),
  };
}

/** Runs `rootguard preflight` with the given arguments and streams; returns the exit code. */
export async function runPreflight(argv: string[], io: AuditIo, seams: ConnectSeams = {}): Promise<number> {
  const parsed = parseCommandArgs('preflight', HELP, io, () => parsePreflightArgs(argv));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const { profile, region, endpoint, maxAttempts, sandbox, sandboxAccounts } = args;
  let proposals: ProposedPolicy[];
  try {
    proposals = await readProposals(args.proposals, io.cwd ?? process.cwd(), args.sides, args.parameters);
  } catch (err) {
    if (!(err instanceof PolicyReadError)) throw err;
    io.stderr.write(`rootguard preflight: ${err.message}\n`);
    return 2;
  }
  const connect = () => connectCli({ profile, region, endpoint, maxAttempts, sandbox, sandboxAccounts }, { env: io.env, ...seams });
  return runConnected('preflight', io, connect, async ({ clients }) => {
    io.stderr.write('reading the organization and its policies…\n');
    const { snapshot, policies, preflight } = await preflightOrganization(clients, { signal: io.signal, concurrency: args.concurrency, tasks: args.tasks, proposals });
    for (const u of snapshot.unlisted ?? []) {
      io.stderr.write(`rootguard preflight: could not list the ${u.listing} of ${u.parentId} (${u.code}); what is under it is not predicted\n`);
    }
    const report = buildPreflightReport(preflight, snapshot, new Date(), proposedRows(args.proposals, refusedAttachments(policies)));
    io.stdout.write(renderPreflight(report, args.format));
    const open = report.rows.filter((r) => r.result !== 'works').length;
    return open > 0 || (snapshot.unlisted?.length ?? 0) > 0 ? 1 : 0;
  });
}

export const preflightCommand: CliCommand = {
  summary: 'predict which root tasks the organization’s SCPs and RCPs let work in which account',
  run: (args) => runInterruptible('preflight', (io) => runPreflight(args, io)),
};
