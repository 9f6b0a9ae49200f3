/**
 * The filter prompt: one quick pick where typing filters by account name or id and check items keep only
 * accounts with root credentials, or where a root task is predicted blocked. Accepting applies all; Escape
 * leaves the filter as it was.
 */
import * as vscode from 'vscode';
import type { AccountFilter } from './filter';

const ROOT_ONLY_LABEL = '$(key) Only accounts with root credentials';
const BLOCKED_ONLY_LABEL = '$(lock) Only accounts where a root task is blocked';

export async function pickFilter(current: AccountFilter): Promise<AccountFilter | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  const rootOnly: vscode.QuickPickItem = { label: ROOT_ONLY_LABEL, description: 'password, access keys or signing certificates', alwaysShow: true };
  pick.title = 'RootGuard: Filter Accounts';
  pick.placeholder = 'Type part of an account name or id (empty: any), tick the option, then Enter';
  pick.canSelectMany = true;
  const blockedOnly: vscode.QuickPickItem = { label: BLOCKED_ONLY_LABEL, description: 'by an SCP or RCP, as the preflight predicts', alwaysShow: true };
  pick.items = [rootOnly, blockedOnly];
  pick.selectedItems = [...(current.withRootCredentials ? [rootOnly] : []), ...(current.rootTaskBlocked ? [blockedOnly] : [])];
  pick.value = current.text;
  pick.ignoreFocusOut = false;
  try {
    return await new Promise<AccountFilter | undefined>((resolve) => {
      pick.onDidAccept(() => resolve({ withRootCredentials: pick.selectedItems.includes(rootOnly), rootTaskBlocked: pick.selectedItems.includes(blockedOnly), text: pick.value.trim() }));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}
