/**
 * The Organization policies node's commands: open a policy read-only with the linter's findings, turn a quick
 * fix into the policy's fixed text (shown in a diff against the text AWS holds), save that text to a file, or
 * write it back with `organizations:UpdatePolicy` after a modal that names every target. The write is never
 * made without that confirmation; core does it and records it in the audit log (core/preflight/updatePolicy.ts).
 */
import * as vscode from 'vscode';
import type { Fix } from '../../core/lint/model';
import { type OrgPolicy, TASK_LABELS, UPDATE_POLICY_PERMISSION, policyImpact, policyImpacts } from '../../core/preflight';
import type { PolicyUpdateRecord } from '../../core/root/auditLog';
import type { Log } from '../log';
import type { Connection } from './connection';
import type { OrgModel } from './orgModel';
import { OrgPolicyNode } from './orgPoliciesNodes';
import type { OpenedPolicy, OrgPolicyDocuments } from './orgPolicyDocuments';
import { writeBackPolicy } from './policyWriteBack';
import type { PreflightState } from './preflightState';

export const WRITE_BACK = 'Write Back';
export const DRY_RUN = 'Dry Run';
export const SAVE_TO_FILE = 'Save to File…';
export const WRITE_BACK_ASK = 'Write Back to AWS…';
export const SAVE_FIXED_COMMAND = 'rootguard.policies.saveFixed';
export const WRITE_BACK_COMMAND = 'rootguard.policies.writeBack';
export const APPLY_FIX_COMMAND = 'rootguard.policies.applyFix';

/** The questions these commands ask; integration tests put scripted answers in their place. */
export interface OrgPolicyPrompts {
  /** A modal warning; resolves with the action chosen, or undefined for Cancel. */
  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  /** A non-modal message; resolves with the action chosen. */
  inform(message: string, actions: readonly string[]): Promise<string | undefined>;
  /** Where to save a fixed policy; undefined when dismissed. */
  saveLocation(defaultName: string): Promise<vscode.Uri | undefined>;
  /** One of the quick fixes' titles; undefined when dismissed. */
  pickFix(titles: readonly string[]): Promise<string | undefined>;
}

export class VscodeOrgPolicyPrompts implements OrgPolicyPrompts {
  async confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async inform(message: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  }

  async saveLocation(defaultName: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters: { JSON: ['json'] }, title: 'RootGuard: save the fixed policy' });
  }

  async pickFix(titles: readonly string[]): Promise<string | undefined> {
    return vscode.window.showQuickPick(titles, { title: 'RootGuard: fix the policy', placeHolder: 'The linter’s quick fixes for this policy' });
  }
}

const KIND_SHORT = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' } as const;
const TARGET_LABELS = { ROOT: 'root', ORGANIZATIONAL_UNIT: 'OU', ACCOUNT: 'account' } as const;

export class OrgPoliciesActions {
  constructor(
    private readonly connection: Connection,
    private readonly model: OrgModel,
    private readonly preflight: PreflightState,
    private readonly documents: OrgPolicyDocuments,
    private readonly auditLogPath: () => string,
    /** Replaced by the integration tests with scripted answers. */
    public prompts: OrgPolicyPrompts,
    private readonly log: Log,
  ) {}

  /** Opens a policy row's text as AWS Organizations holds it, read-only, linted as its type. */
  async open(node?: unknown): Promise<vscode.TextEditor> {
    if (!(node instanceof OrgPolicyNode)) throw new Error('Open Policy works on a policy of the Organization policies node: choose one there.');
    const policies = this.preflight.policies;
    const policy = policies?.policies.find((p) => p.id === node.policy.id);
    if (!policy) throw new Error(`${node.policy.name} is no longer loaded: expand Organization policies again.`);
    const overview = await this.model.overview();
    return this.documents.open(overview.organization.id, policy);
  }

  /**
   * A quick fix on a policy's document (the linter's fix the code action names, undefined when it names none
   * of this version): makes the fixed text and shows it in a diff against the text AWS holds, then offers to
   * save it or write it back. Resolves with the fixed text.
   */
  async applyFix(uri: string, version: number, fix: Fix | undefined): Promise<string> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!fix || !document || document.version !== version) throw new Error('The policy changed since the fix was offered: ask for the fix again.');
    const entry = this.documents.applyFix(document.uri, document.getText(), fix);
    this.showDiff(entry);
    // Through the commands, which report their own failures to the user.
    const next = { [SAVE_TO_FILE]: SAVE_FIXED_COMMAND, [WRITE_BACK_ASK]: WRITE_BACK_COMMAND };
    void this.prompts.inform(`RootGuard: the fixed text of ${describe(entry.policy)} is ready. AWS Organizations still holds the old one.`, [SAVE_TO_FILE, WRITE_BACK_ASK]).then((answer) => {
      if (answer === SAVE_TO_FILE || answer === WRITE_BACK_ASK) void vscode.commands.executeCommand(next[answer], entry.policy.id);
    });
    return entry.fixed!.text;
  }

  /**
   * The editor's way to the quick fixes: VS Code offers no code actions (no light bulb, no Ctrl+.) in a
   * read-only document, so this lists the fixes the linter's code action provider gives for the whole
   * policy (its fixed text once there is one) and applies the one picked. Resolves with the fixed text.
   */
  async fix(policyId?: unknown): Promise<string | undefined> {
    const entry = typeof policyId === 'string' ? this.documents.entry(policyId) : this.activeEntry();
    if (!entry) throw new Error('Open an SCP or RCP from the Organization policies node first.');
    const document = await vscode.workspace.openTextDocument(entry.fixed ? entry.fixedUri : entry.original);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fixes = actions.filter((a) => a.command?.command === APPLY_FIX_COMMAND);
    if (fixes.length === 0) {
      void this.prompts.inform(`RootGuard: no quick fix for the findings of ${describe(entry.policy)}.`, []);
      return undefined;
    }
    const title = fixes.length === 1 ? fixes[0].title : await this.prompts.pickFix([...new Set(fixes.map((f) => f.title))]);
    const chosen = fixes.find((f) => f.title === title);
    if (!chosen?.command) return undefined;
    return (await vscode.commands.executeCommand(chosen.command.command, ...(chosen.command.arguments ?? []))) as string;
  }

  /** Saves the fixed text (of `policyId`, or of the policy in the active editor) to a file the user picks. */
  async saveFixed(policyId?: unknown, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const entry = this.fixedEntry(policyId);
    const location = target ?? (await this.prompts.saveLocation(`${entry.policy.name.replace(/[\\/:*?"<>|#%]/g, '_')}.json`));
    if (!location) return undefined;
    await vscode.workspace.fs.writeFile(location, new TextEncoder().encode(entry.fixed!.text));
    return location;
  }

  /**
   * Writes the fixed text back after a modal that lists the changes and every target (with the diff open
   * behind it), once the audit log setting is known to take the records (policyWriteBack.ts). Resolves with
   * the audit record, or undefined when the user cancelled: nothing was called then.
   */
  async writeBack(policyId?: unknown): Promise<PolicyUpdateRecord | undefined> {
    const entry = this.fixedEntry(policyId);
    const active = this.connection.active;
    if (!active) throw new Error('Not connected: choose an AWS profile or the sandbox organization first');
    const { policy, fixed } = entry;
    const record = await writeBackPolicy({
      policy,
      oldContent: policy.content,
      newContent: fixed!.text,
      auditLogPath: this.auditLogPath(),
      organizations: active.clients.organizations(),
      confirm: async () => {
        const overview = await this.model.overview();
        this.showDiff(entry);
        const answer = await this.prompts.confirm(
          `Write the fixed ${describe(policy)} back to AWS Organizations?`,
          this.confirmationDetail(policy, fixed!.fixes, overview.caller.arn),
          [WRITE_BACK, DRY_RUN],
        );
        return answer === WRITE_BACK || answer === DRY_RUN ? { callerArn: overview.caller.arn, dryRun: answer === DRY_RUN } : undefined;
      },
    });
    if (!record) return undefined;
    const dryRun = record.outcome === 'dry-run';
    this.log.info(`policy ${policy.id}: ${dryRun ? 'dry run of UpdatePolicy' : 'written back with UpdatePolicy'} by ${record.callerArn}, audit record ${record.id}`);
    if (!dryRun) {
      this.documents.written(policy.id, fixed!.text);
      // The prediction was made from the old text: read the policies again.
      this.preflight.reset();
      void this.preflight.load();
    }
    void this.prompts.inform(
      dryRun
        ? `RootGuard: dry run: ${describe(policy)} is unchanged in AWS Organizations; the audit log records what would have been written.`
        : `RootGuard: ${describe(policy)} written back. The audit log records its old and new text.`,
      [],
    );
    return record;
  }

  private confirmationDetail(policy: OrgPolicy, fixes: readonly string[], callerArn: string): string {
    const current = this.preflight.current;
    const impact = current ? policyImpact(policyImpacts(current), policy.id) : undefined;
    const blocks = impact?.blocked.map((t) => `${TASK_LABELS[t.task]} in ${t.accountIds.length} account${t.accountIds.length === 1 ? '' : 's'}`) ?? [];
    return [
      'Changes (the diff editor shows them):',
      ...fixes.map((f) => `- ${f}`),
      '',
      `It applies to every account under ${policy.targets.length === 1 ? 'this target' : `these ${policy.targets.length} targets`}:`,
      ...policy.targets.map((t) => `- ${TARGET_LABELS[t.type]} ${t.name} (${t.id})`),
      ...(blocks.length ? ['', `Today it blocks ${blocks.join(', ')}.`] : []),
      '',
      `RootGuard calls ${UPDATE_POLICY_PERMISSION} as ${callerArn} and records the old and new text in the audit log (${this.auditLogPath()}). A dry run checks the policy is unchanged since it was read and records what it would write, without writing.`,
    ].join('\n');
  }

  private fixedEntry(policyId: unknown): OpenedPolicy {
    const entry = typeof policyId === 'string' ? this.documents.entry(policyId) : this.activeEntry();
    if (!entry) throw new Error('Open an SCP or RCP from the Organization policies node first.');
    if (!entry.fixed) throw new Error(`${describe(entry.policy)} has no fixed text: apply one of its quick fixes first.`);
    return entry;
  }

  private activeEntry(): OpenedPolicy | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && this.documents.entryOf(uri);
  }

  /**
   * Opens the diff of the text in AWS against the fixed text, without waiting for it: the fixed text, the
   * offer to save or write it back and the confirmation do not depend on the view, and VS Code's diff editor
   * opens only once its diff is computed, which was seen to take minutes on a loaded machine.
   */
  private showDiff(entry: OpenedPolicy): void {
    const title = `${entry.policy.name}: in AWS ↔ fixed`;
    Promise.resolve(vscode.commands.executeCommand('vscode.diff', entry.original, entry.fixedUri, title, { preview: true })).catch((err: unknown) =>
      this.log.warn(`could not show the diff of ${entry.policy.name}:`, err),
    );
  }
}

function describe(policy: OrgPolicy): string {
  return `${KIND_SHORT[policy.kind]} ${policy.name} (${policy.id})`;
}
