/**
 * The command table (after rust-analyzer's `createCommands`): every command the extension registers, by
 * id, as a factory over the services `activate` built. One place to read what exists; package.json
 * declares the same ids (a unit test keeps the two in step). Only type imports here, so that the table
 * loads without VS Code in unit tests.
 *
 * To add a command: add its service to `CommandServices` (constructed in extension.ts), a row below, and
 * the command (plus a `commandPalette` entry with `"when": "false"` if it is internal) to package.json.
 */
import type { ExplorerActions } from './explorer/explorerActions';
import type { DisableRule } from './lint/disableRule';
import type { InteractiveFixes } from './lint/interactiveFixes';
import type { RuleDocs } from './lint/ruleDocs';
import type { Log } from './log';
import type { PrivilegedTasks } from './tasks/taskCommands';

export interface CommandServices {
  log: Log;
  ruleDocs: RuleDocs;
  interactiveFixes: InteractiveFixes;
  disableRule: DisableRule;
  explorer: ExplorerActions;
  tasks: PrivilegedTasks;
}

// Arguments arrive from menus, code actions and executeCommand callers untyped; each row names them.
export type CommandHandler = (...args: any[]) => unknown;
export type CommandFactory = (services: CommandServices) => CommandHandler;

export const COMMANDS = {
  'rootguard.showLog': (s) => () => s.log.show(),
  'rootguard.lint.showRuleDocs': (s) => (ruleId?: string) => s.ruleDocs.show(ruleId),
  /** Internal: the code action of an interactive fix (args: uri, version, diagnostic key, fix index[, choice]). */
  'rootguard.lint.restrictTaskPolicies': (s) => (uri: string, version: number, key: string, index: number, choice?: string[]) =>
    s.interactiveFixes.apply(uri, version, key, index, choice),
  /** Internal: the "Disable RGnnn in .rootguard.json" code action (args: document uri, rule id). */
  'rootguard.lint.disableRule': (s) => (uri: string, ruleId: string) => s.disableRule.run(uri, ruleId),
  // The Root Access explorer. Node commands take the tree node a menu passes; from the palette they ask.
  'rootguard.refresh': (s) => () => s.explorer.refresh(),
  /** Optional arg: `{ withRootCredentials?, text? }` applies that filter without asking. */
  'rootguard.filter': (s) => (filter?: { withRootCredentials?: boolean; text?: string }) => s.explorer.filter(filter),
  'rootguard.clearFilter': (s) => () => s.explorer.clearFilter(),
  /** Arg: an account node or an account id; resolves with the audit result. */
  'rootguard.auditAccount': (s) => (target?: Parameters<ExplorerActions['auditAccount']>[0]) => s.explorer.auditAccount(target),
  /** Arg: an OU node (or the organization node). */
  'rootguard.auditOu': (s) => (target?: Parameters<ExplorerActions['auditOu']>[0]) => s.explorer.auditOu(target),
  'rootguard.auditOrganization': (s) => () => s.explorer.auditOrganization(),
  /** Optional arg: `{ format, uri }` writes there without asking. */
  'rootguard.exportReport': (s) => (request?: Parameters<ExplorerActions['exportReport']>[0]) =>
    s.explorer.exportReport(request && typeof request === 'object' && 'format' in request ? request : undefined),
  'rootguard.enableRootAccess': (s) => () => s.explorer.enableRootAccess(),
  /** Optional arg: a profile name connects with it without asking. */
  'rootguard.selectProfile': (s) => (profile?: string) => s.explorer.selectProfile(typeof profile === 'string' ? profile : undefined),
  'rootguard.selectRegion': (s) => (region?: string) => s.explorer.selectRegion(typeof region === 'string' ? region : undefined),
  /**
   * Internal optional arg, for integration tests only (no menu or link passes one): `{ accounts?, seed?,
   * features?, delegatedAdmin?, throttling?, caller? }` starts a sandbox other than the demo and signs in as
   * that caller. A tree node (a class instance) or anything else is ignored.
   */
  'rootguard.connectSandbox': (s) => (options?: unknown) => s.explorer.connectSandbox(isPlainObject(options) ? (options as Parameters<ExplorerActions['connectSandbox']>[0]) : undefined),
  'rootguard.disconnect': (s) => () => s.explorer.disconnect(),
  // Privileged tasks. Args: an account, OU or organization node plus the tree's selection, account id(s), or
  // nothing (the palette asks). Each resolves with the run (or undefined when the user stopped).
  'rootguard.account.deleteRootCredentials': (s) => (...args: unknown[]) => s.tasks.deleteRootCredentials(...args),
  'rootguard.account.allowPasswordRecovery': (s) => (...args: unknown[]) => s.tasks.allowPasswordRecovery(...args),
  'rootguard.account.unlockS3BucketPolicy': (s) => (...args: unknown[]) => s.tasks.unlockS3BucketPolicy(...args),
  'rootguard.account.unlockSqsQueuePolicy': (s) => (...args: unknown[]) => s.tasks.unlockSqsQueuePolicy(...args),
  'rootguard.openAuditLog': (s) => () => s.tasks.openAuditLog(),
} satisfies Record<string, CommandFactory>;

export type CommandId = keyof typeof COMMANDS;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Commands that only make sense with arguments from a code action or a tree node: hidden from the palette. */
export const INTERNAL_COMMANDS: readonly CommandId[] = ['rootguard.lint.restrictTaskPolicies', 'rootguard.lint.disableRule'];
