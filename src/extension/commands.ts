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
import type { FindingsCache } from './lint/findingsCache';
import type { InteractiveFixes } from './lint/interactiveFixes';
import type { RuleDocs } from './lint/ruleDocs';
import type { Log } from './log';
import type { OrgFeatures } from './orgFeatures';
import type { PrivilegedTasks } from './tasks/taskCommands';

export interface CommandServices {
  log: Log;
  ruleDocs: RuleDocs;
  interactiveFixes: InteractiveFixes;
  disableRule: DisableRule;
  /** The linter's findings, whose fixes the quick-fix commands look up. */
  findings: FindingsCache;
  /** The explorer and the privileged tasks, loaded on first use (their own bundle: see extension.ts). */
  orgFeatures(): Promise<OrgFeatures>;
}

const explorerOf = async (s: CommandServices): Promise<ExplorerActions> => (await s.orgFeatures()).explorer.actions;
const tasksOf = async (s: CommandServices): Promise<PrivilegedTasks> => (await s.orgFeatures()).tasks.commands;

// Arguments arrive from menus, code actions and executeCommand callers untyped; each row names them.
export type CommandHandler = (...args: any[]) => unknown;
export type CommandFactory = (services: CommandServices) => CommandHandler;

export const COMMANDS = {
  'rootguard.showLog': (s) => () => s.log.show(),
  'rootguard.lint.showRuleDocs': (s) => (ruleId?: string) => s.ruleDocs.show(ruleId),
  /** Internal: the code action of an interactive fix (args: uri, version, diagnostic key, fix index[, choice]). */
  'rootguard.lint.restrictTaskPolicies': (s) => (uri: string, version: number, key: string, index: number, choice?: unknown) =>
    s.interactiveFixes.apply(uri, version, key, index, choice),
  /** Internal: the "Disable RGnnn in .rootguard.json" code action (args: document uri, rule id). */
  'rootguard.lint.disableRule': (s) => (uri: string, ruleId: string) => s.disableRule.run(uri, ruleId),
  // The Root Access explorer. Node commands take the tree node a menu passes; from the palette they ask.
  'rootguard.refresh': (s) => async () => (await explorerOf(s)).refresh(),
  /**
   * Optional arg: `{ withRootCredentials?, rootTaskBlocked?, text? }` applies that filter without asking. The view's title button
   * passes the focused tree node (or VS Code's own handle object) instead: anything else asks.
   */
  'rootguard.filter': (s) => async (filter?: unknown) => (await explorerOf(s)).filter(filterArgument(filter)),
  'rootguard.clearFilter': (s) => async () => (await explorerOf(s)).clearFilter(),
  /** Arg: an account node or an account id; resolves with the audit result. */
  'rootguard.auditAccount': (s) => async (target?: Parameters<ExplorerActions['auditAccount']>[0]) => (await explorerOf(s)).auditAccount(target),
  /** Arg: an OU node (or the organization node). */
  'rootguard.auditOu': (s) => async (target?: Parameters<ExplorerActions['auditOu']>[0]) => (await explorerOf(s)).auditOu(target),
  'rootguard.auditOrganization': (s) => async () => (await explorerOf(s)).auditOrganization(),
  /** Optional arg: `{ format, uri }` writes there without asking. */
  'rootguard.exportReport': (s) => async (request?: Parameters<ExplorerActions['exportReport']>[0]) =>
    (await explorerOf(s)).exportReport(request && typeof request === 'object' && 'format' in request ? request : undefined),
  'rootguard.enableRootAccess': (s) => async () => (await explorerOf(s)).enableRootAccess(),
  /** Optional arg: a profile name connects with it without asking. */
  'rootguard.selectProfile': (s) => async (profile?: string) => (await explorerOf(s)).selectProfile(typeof profile === 'string' ? profile : undefined),
  'rootguard.selectRegion': (s) => async (region?: string) => (await explorerOf(s)).selectRegion(typeof region === 'string' ? region : undefined),
  /**
   * Internal optional arg, for integration tests only (no menu or link passes one): `{ accounts?, seed?,
   * features?, delegatedAdmin?, throttling?, caller? }` starts a sandbox other than the demo and signs in as
   * that caller. A tree node (a class instance) or anything else is ignored.
   */
  'rootguard.connectSandbox': (s) => async (options?: unknown) => (await explorerOf(s)).connectSandbox(isPlainObject(options) ? (options as Parameters<ExplorerActions['connectSandbox']>[0]) : undefined),
  'rootguard.disconnect': (s) => async () => (await explorerOf(s)).disconnect(),
  // The Root session holders node: read again; open a grant row's statement (arg: the row, from the tree only).
  'rootguard.holders.refresh': (s) => async () => (await s.orgFeatures()).explorer.holders.refresh(),
  'rootguard.holders.openGrant': (s) => async (node?: unknown) => (await s.orgFeatures()).explorer.holders.openGrant(node),
  // The Organization policies node: open a policy row (arg: the row, from the tree only); the quick fix of an
  // opened policy (internal; args: document uri, version, diagnostic key, fix index: the linter's fix, looked
  // up); save or write back its fixed text (optional arg: the policy id; default the policy in the active editor).
  'rootguard.policies.open': (s) => async (node?: unknown) => (await s.orgFeatures()).explorer.orgPolicies.open(node),
  'rootguard.policies.applyFix': (s) => async (uri: string, version: number, key: string, index: number) =>
    (await s.orgFeatures()).explorer.orgPolicies.applyFix(uri, version, s.findings.fixAt(uri, version, key, index)),
  'rootguard.policies.fix': (s) => async (policyId?: unknown) => (await s.orgFeatures()).explorer.orgPolicies.fix(policyId),
  'rootguard.policies.saveFixed': (s) => async (policyId?: unknown) => (await s.orgFeatures()).explorer.orgPolicies.saveFixed(policyId),
  'rootguard.policies.writeBack': (s) => async (policyId?: unknown) => (await s.orgFeatures()).explorer.orgPolicies.writeBack(policyId),
  // The SCP or RCP in the active editor, predicted as if attached somewhere or as a policy's new text.
  'rootguard.preflight.whatIf': (s) => async () => (await s.orgFeatures()).explorer.whatIf.run(),
  // Privileged tasks. Args: an account, OU or organization node plus the tree's selection, account id(s), or
  // nothing (the palette asks). Each resolves with the run (or undefined when the user stopped).
  'rootguard.account.deleteRootCredentials': (s) => async (...args: unknown[]) => (await tasksOf(s)).deleteRootCredentials(...args),
  'rootguard.account.allowPasswordRecovery': (s) => async (...args: unknown[]) => (await tasksOf(s)).allowPasswordRecovery(...args),
  'rootguard.account.unlockS3BucketPolicy': (s) => async (...args: unknown[]) => (await tasksOf(s)).unlockS3BucketPolicy(...args),
  'rootguard.account.unlockSqsQueuePolicy': (s) => async (...args: unknown[]) => (await tasksOf(s)).unlockSqsQueuePolicy(...args),
  // Arg: the unlock's audit intent id (the button after an unlock), or nothing (a picker of kept policies).
  'rootguard.restorePolicy': (s) => async (intentId?: unknown) => (await tasksOf(s)).restorePolicy(intentId),
  'rootguard.openAuditLog': (s) => async () => (await tasksOf(s)).openAuditLog(),
} satisfies Record<string, CommandFactory>;

export type CommandId = keyof typeof COMMANDS;

/** The filter an executeCommand caller passed, or undefined for anything that is not one (a node, a view handle). */
export function filterArgument(value: unknown): { withRootCredentials?: boolean; rootTaskBlocked?: boolean; text?: string } | undefined {
  if (!isPlainObject(value)) return undefined;
  const { withRootCredentials, rootTaskBlocked, text, ...rest } = value;
  const flag = (v: unknown) => v === undefined || typeof v === 'boolean';
  const valid = Object.keys(rest).length === 0 && flag(withRootCredentials) && flag(rootTaskBlocked) && (text === undefined || typeof text === 'string');
  if (!valid || (withRootCredentials === undefined && rootTaskBlocked === undefined && text === undefined)) return undefined;
  return {
    ...(withRootCredentials === undefined ? {} : { withRootCredentials: withRootCredentials as boolean }),
    ...(rootTaskBlocked === undefined ? {} : { rootTaskBlocked: rootTaskBlocked as boolean }),
    ...(text === undefined ? {} : { text }),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Commands that only make sense with arguments from a code action or a tree node: hidden from the palette. */
export const INTERNAL_COMMANDS: readonly CommandId[] = [
  'rootguard.lint.restrictTaskPolicies',
  'rootguard.lint.disableRule',
  'rootguard.holders.openGrant',
  'rootguard.policies.open',
  'rootguard.policies.applyFix',
];
