/**
 * The questions "Enable Centralized Root Access" asks, behind an interface like the privileged tasks'
 * Prompts: the extension uses modal dialogs and a quick pick; integration tests put scripted answers in
 * their place, because a modal left open in the web workbench blocks every test after it.
 */
import * as vscode from 'vscode';
import type { OrgAccount } from '../../core/org/model';

export interface ExplorerPrompts {
  /** A modal warning; resolves with the action chosen, or undefined for Cancel. Same shape as the tasks' confirm. */
  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  /** One account of `accounts`, or undefined when dismissed. */
  pickAccount(accounts: readonly OrgAccount[], title: string): Promise<OrgAccount | undefined>;
  /** A non-modal message. */
  inform(message: string): Promise<void>;
}

export class VscodeExplorerPrompts implements ExplorerPrompts {
  async confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async pickAccount(accounts: readonly OrgAccount[], title: string): Promise<OrgAccount | undefined> {
    const picked = await vscode.window.showQuickPick(
      accounts.map((account) => ({ label: account.name, description: account.id, account })),
      { title: `RootGuard: ${title}`, placeHolder: 'Account name or id', matchOnDescription: true },
    );
    return picked?.account;
  }

  async inform(message: string): Promise<void> {
    await vscode.window.showInformationMessage(message);
  }
}
