/**
 * Applies a fix that needs a choice first: RG101's "restrict to task policies" asks which of the five
 * root-task policies the statement may use (a multi-select quick pick), then lets the rule build the edit.
 */
import * as vscode from 'vscode';
import type { InteractiveFix } from '../../core/lint/model';
import { TASK_POLICY_NAMES, taskPolicyArn, taskPolicyChoice } from '../../core/root/taskPolicies';
import type { Log } from '../log';
import { fixToWorkspaceEdit } from './codeActions';
import type { FindingsCache } from './findingsCache';

/** What each task policy lets a root session do, for the quick pick. */
const TASK_POLICY_SUMMARIES: Record<(typeof TASK_POLICY_NAMES)[number], string> = {
  IAMAuditRootUserCredentials: 'read the root user credential status',
  IAMCreateRootUserPassword: 'let the root user recover its password',
  IAMDeleteRootUserCredentials: 'delete the root password, access keys, certificates and MFA',
  S3UnlockBucketPolicy: 'delete a bucket policy that denies every principal',
  SQSUnlockQueuePolicy: 'delete a queue policy that denies every principal',
};

export class InteractiveFixes {
  constructor(
    private readonly cache: FindingsCache,
    private readonly log: Log,
  ) {}

  /**
   * Runs the `index`-th interactive fix of the diagnostic with `key` in `uri` at `version`. A caller that
   * already knows the answer passes `choice` and skips the picker. Returns whether the edit was applied.
   */
  async apply(uri: string, version: number, key: string, index: number, choice?: unknown): Promise<boolean> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const fix = document && Number.isInteger(index) ? this.cache.findByKey(document.uri, version, key)?.finding.interactiveFixes[index] : undefined;
    if (!document || !fix || document.version !== version) {
      // Typing after the light bulb opened makes the fix's offsets stale; the next lint offers a fresh one.
      this.log.info(`interactive fix skipped: ${uri} changed since it was linted`);
      return false;
    }
    // Any extension can run the command: a choice it passes must be what the picker offers.
    const given = choice === undefined ? undefined : taskPolicyChoice(choice);
    if (choice !== undefined && !given) {
      this.log.info('interactive fix refused: the choice passed is not a list of task policy names');
      return false;
    }
    const chosen = given ?? (await this.ask(fix));
    if (!chosen || chosen.length === 0) return false;
    const built = fix.build(chosen);
    if (!built) return false;
    if (document.version !== version) {
      this.log.info(`interactive fix skipped: ${uri} changed while the picker was open`);
      return false;
    }
    return vscode.workspace.applyEdit(fixToWorkspaceEdit(document, built));
  }

  private ask(fix: InteractiveFix): Promise<string[] | undefined> {
    switch (fix.kind) {
      case 'chooseTaskPolicies':
        return pickTaskPolicies(fix.title);
    }
  }
}

async function pickTaskPolicies(title: string): Promise<string[] | undefined> {
  const items = TASK_POLICY_NAMES.map((name) => ({
    label: name,
    description: TASK_POLICY_SUMMARIES[name],
    detail: taskPolicyArn(name),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    canPickMany: true,
    placeHolder: 'Task policies that sts:AssumeRoot may ask for',
    ignoreFocusOut: true,
  });
  return picked?.map((item) => item.label);
}
