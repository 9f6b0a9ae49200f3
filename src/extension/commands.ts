/**
 * The command table (after rust-analyzer's `createCommands`): every command the extension registers, by
 * id, as a factory over the services `activate` built. One place to read what exists; package.json
 * declares the same ids (a unit test keeps the two in step). Only type imports here, so that the table
 * loads without VS Code in unit tests.
 *
 * To add a command: add its service to `CommandServices` (constructed in extension.ts), a row below, and
 * the command (plus a `commandPalette` entry with `"when": "false"` if it is internal) to package.json.
 */
import type { DisableRule } from './lint/disableRule';
import type { InteractiveFixes } from './lint/interactiveFixes';
import type { RuleDocs } from './lint/ruleDocs';
import type { Log } from './log';

export interface CommandServices {
  log: Log;
  ruleDocs: RuleDocs;
  interactiveFixes: InteractiveFixes;
  disableRule: DisableRule;
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
} satisfies Record<string, CommandFactory>;

export type CommandId = keyof typeof COMMANDS;

/** Commands that only make sense with arguments from a code action or a tree node: hidden from the palette. */
export const INTERNAL_COMMANDS: readonly CommandId[] = ['rootguard.lint.restrictTaskPolicies', 'rootguard.lint.disableRule'];
