/**
 * `rootguard holders`: who in the connected account (management or IAM delegated administrator) can open
 * root sessions, for which tasks and accounts, under which conditions, and who can become them. The
 * report goes to stdout, warnings to stderr. Exit 0, 1 when a principal can open a password-recovery session
 * on every account without a condition, 2 on a usage error or when the account cannot be read (fully).
 */
import { parseArgs } from 'node:util';
import { RootGuardError } from '../core/aws/errors';
import { findRootHolders, unconditionalRecoveryGrant, unconditionalRecoveryHolders } from '../core/holders/index';
import { renderHolders, whereOf } from '../core/holders/formats';
import { printable } from '../core/report/cells';
import { REPORT_FORMATS, type ReportFormat } from '../core/report/formats';
import type { CliCommand } from './commands';
import { parseCommandArgs, runConnected } from './commandRun';
import { type ConnectSeams, connectCli } from './connect';
import { runInterruptible } from './interruptible';

const HELP = `Usage: rootguard holders [options]

Lists the IAM users, roles and IAM Identity Center permission sets of the connected account that can
open root sessions (sts:AssumeRoot), riskiest first: which root tasks, on which accounts, under which
conditions, whether a permissions boundary removes them, who can become each role, and the policy
statement that grants each.

Options:
  --profile P          shared-config profile
  --region R           region (default: profile, AWS_REGION, us-east-1)
  --endpoint URL       one endpoint for every service
  --sandbox            start the built-in sandbox organization and read its management account
  --format F           table | csv | json | markdown (default table)
  -h, --help           show this help

Exit status: 0 no principal can recover a root password everywhere unconditionally, 1 one can (a principal
may open an IAMCreateRootUserPassword session on every account, or every account but those a Deny or
NotResource names, with no condition), 2 usage error, or the account or a part of it (IAM Identity Center)
could not be read.`;

export interface HoldersIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** A running sandbox to use instead of starting one (tests). */
  seams?: ConnectSeams;
}

interface HoldersArgs {
  profile?: string;
  region?: string;
  endpoint?: string;
  sandbox: boolean;
  format: ReportFormat;
}

function parseHoldersArgs(args: string[]): HoldersArgs | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new RootGuardError('Usage', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (values.sandbox && (values.profile || values.endpoint)) throw new RootGuardError('Usage', 'use --sandbox, or --profile/--endpoint, not both');
  return { profile: values.profile, region: values.region, endpoint: values.endpoint, sandbox: values.sandbox, format };
}

export async function runHolders(argv: string[], io: HoldersIo): Promise<number> {
  const parsed = parseCommandArgs('holders', HELP, io, () => parseHoldersArgs(argv));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const connect = () => connectCli({ profile: args.profile, region: args.region, endpoint: args.endpoint, sandbox: args.sandbox, sandboxAccounts: 10 }, { env: io.env, ...io.seams });
  return runConnected('holders', io, connect, async ({ clients }) => {
    const report = await findRootHolders(clients, { signal: io.signal });
    io.stdout.write(renderHolders(report, args.format));
    for (const gap of report.gaps) io.stderr.write(`rootguard holders: could not read ${gap.part} (${gap.code}): ${gap.message}\n`);
    const everywhere = unconditionalRecoveryHolders(report);
    // The table's words for where the grant holds: `every account except 999900000003` when a Deny or NotResource leaves some out.
    for (const h of everywhere) io.stderr.write(printable(`rootguard holders: ${h.kind} ${h.name} can open a password-recovery root session on ${whereOf(unconditionalRecoveryGrant(h)!)} without a condition`) + '\n');
    if (report.gaps.length > 0) return 2;
    return everywhere.length > 0 ? 1 : 0;
  });
}

export const holdersCommand: CliCommand = {
  summary: 'list who can open root sessions, for which tasks and accounts, riskiest first',
  run: (args) => runInterruptible('holders', (io) => runHolders(args, io)),
};
