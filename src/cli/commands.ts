/** The CLI's command table: one line per subcommand, each module owning its options and help. */
import { auditCommand } from './auditCommand';
import { lintCommand } from './lintCommand';
import { sandboxCommand } from './sandboxCommand';

export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  audit: auditCommand,
  lint: lintCommand,
  sandbox: sandboxCommand,
};
