/**
 * Every question the privileged tasks ask, behind one interface: the extension uses `VscodePrompts`
 * (modal dialogs, input boxes, quick picks, read-only editors); integration tests put a scripted one in its
 * place to answer confirmations without clicking.
 */
import * as vscode from 'vscode';
import type { OrgAccount } from '../../core/org/model';
import { CREDENTIAL_KINDS, type CredentialKind, describeCredentialKinds } from '../../core/root/deleteCredentials';
import { type KeptPolicyEntry, keptPolicyWhen } from '../../core/root/keptPolicyLookup';
import { parseBucketName } from '../../core/root/resourceNames';
import type { UnlockCandidate } from '../../core/root/unlockCandidates';
import { keptPolicyPlaceholder } from './keptPolicyPicker';

/** The account's buckets or queues as listed in a root session, or why they could not be (typing still works). */
export type ListedResources = { candidates: UnlockCandidate[] } | { error: string };

const POLICY_NOTE: Record<UnlockCandidate['policy'], string> = {
  locked: '$(lock) policy denies everyone, the account\'s administrators included',
  present: 'has a policy',
  unreadable: 'policy could not be read',
  none: 'no policy',
};
import type { PolicyPreview } from './policyPreview';

export interface Prompts {
  /** A modal warning; resolves with the action chosen, or undefined for Cancel. */
  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  /** Asks the user to type the number of accounts; true only when exactly that number was typed. */
  typeCount(count: number, scope: string): Promise<boolean>;
  /** `scope` names the accounts the deletion is for: "member-0004 (999900000004)", "OU Prod". */
  pickCredentialKinds(scope: string): Promise<CredentialKind[] | undefined>;
  /** A bucket name: picked from what the listing found, or typed (validated). */
  askBucket(account: OrgAccount, listed: ListedResources): Promise<string | undefined>;
  /**
   * A queue URL or name: picked from the listing, or typed and accepted only when `problemOf` finds nothing
   * wrong with it (a URL must be of `account`, on the SQS endpoint of the connection's region).
   */
  askQueue(account: OrgAccount, listed: ListedResources, problemOf: (typed: string) => string | undefined): Promise<string | undefined>;
  pickAccounts(accounts: readonly OrgAccount[], title: string): Promise<OrgAccount[] | undefined>;
  /** One of the policies unlocks removed and the audit log kept, newest first; `skippedLines` of the log were no record. */
  pickKeptPolicy(kept: readonly KeptPolicyEntry[], skippedLines: number): Promise<KeptPolicyEntry | undefined>;
  /** Shows a read-only document, e.g. the policy about to be removed. */
  showDocument(title: string, content: string): Promise<void>;
  /** A non-modal message; resolves with the action chosen. */
  inform(message: string, actions: readonly string[]): Promise<string | undefined>;
}

const KIND_ITEMS: { kind: CredentialKind; detail: string }[] = [
  { kind: 'password', detail: 'DeleteLoginProfile: the root user can no longer sign in or recover a password' },
  { kind: 'accessKeys', detail: 'DeleteAccessKey for each root access key' },
  { kind: 'signingCertificates', detail: 'DeleteSigningCertificate for each certificate' },
  { kind: 'mfaDevices', detail: 'DeactivateMFADevice for each device, then DeleteVirtualMFADevice for virtual ones' },
];

export class VscodePrompts implements Prompts {
  constructor(private readonly preview: PolicyPreview) {}

  async confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async typeCount(count: number, scope: string): Promise<boolean> {
    const typed = await vscode.window.showInputBox({
      title: 'RootGuard: confirm a bulk root task',
      prompt: `Type ${count} (the number of accounts in ${scope}) to go on`,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === String(count) ? undefined : `Type ${count} to confirm, or press Escape`),
    });
    return typed?.trim() === String(count);
  }

  async pickCredentialKinds(scope: string): Promise<CredentialKind[] | undefined> {
    const items = KIND_ITEMS.map((i) => ({ label: describeCredentialKinds([i.kind]), detail: i.detail, credentialKind: i.kind, picked: true }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `RootGuard: root credentials to delete in ${scope}`,
      placeHolder: 'Pick the kinds of root credentials to delete',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked?.length) return undefined;
    return CREDENTIAL_KINDS.filter((k) => picked.some((p) => p.credentialKind === k));
  }

  async askBucket(account: OrgAccount, listed: ListedResources): Promise<string | undefined> {
    return pickOrType(`RootGuard: unlock a bucket policy in ${account.name} (${account.id})`, 'bucket', listed, (value) => {
      const parsed = parseBucketName(value);
      return parsed.ok ? undefined : parsed.message;
    });
  }

  async askQueue(account: OrgAccount, listed: ListedResources, problemOf: (typed: string) => string | undefined): Promise<string | undefined> {
    return pickOrType(`RootGuard: unlock a queue policy in ${account.name} (${account.id})`, 'queue', listed, problemOf);
  }

  async pickAccounts(accounts: readonly OrgAccount[], title: string): Promise<OrgAccount[] | undefined> {
    const picked = await vscode.window.showQuickPick(
      accounts.map((account) => ({ label: account.name, description: account.id, account })),
      { title: `RootGuard: ${title}`, placeHolder: 'Account names or ids', canPickMany: true, matchOnDescription: true, ignoreFocusOut: true },
    );
    return picked?.length ? picked.map((p) => p.account) : undefined;
  }

  async pickKeptPolicy(kept: readonly KeptPolicyEntry[], skippedLines: number): Promise<KeptPolicyEntry | undefined> {
    const items = kept.map((entry) => ({
      label: `${entry.keptPolicy.resource === 'bucket' ? '$(archive)' : '$(inbox)'} ${entry.keptPolicy.target}`,
      description: `account ${entry.accountId}`,
      detail: keptPolicyWhen(entry),
      entry,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'RootGuard: restore a bucket or queue policy an unlock removed',
      placeHolder: keptPolicyPlaceholder(items.length, skippedLines),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return picked?.entry;
  }

  async showDocument(title: string, content: string): Promise<void> {
    await this.preview.show(title, content);
  }

  async inform(message: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  }
}

type ResourceItem = vscode.QuickPickItem & { value?: string };

/**
 * One quick pick over the listed buckets or queues (locked ones first, marked); what is typed that matches
 * none is offered as its own item, accepted only when valid. When the listing failed it says why, and typing
 * is the way.
 */
async function pickOrType(title: string, what: 'bucket' | 'queue', listed: ListedResources, invalid: (value: string) => string | undefined): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ResourceItem>();
  const listedItems: ResourceItem[] =
    'candidates' in listed ? listed.candidates.map((c) => ({ label: c.name, description: POLICY_NOTE[c.policy], value: c.ref })) : [];
  pick.title = title;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.placeholder =
    'error' in listed
      ? `Could not list the account's ${what}s (${listed.error}): type a ${what === 'bucket' ? 'bucket name' : 'queue URL or name'}`
      : listedItems.length
        ? `Pick a ${what} (${listedItems.length} in the account), or type a ${what === 'bucket' ? 'bucket name' : 'queue URL or name'}`
        : `The account has no ${what}s listed: type a ${what === 'bucket' ? 'bucket name' : 'queue URL or name'}`;
  const refresh = () => {
    const typed = pick.value.trim();
    const exact = listedItems.some((i) => i.label === typed || i.value === typed);
    const problem = typed ? invalid(typed) : undefined;
    const typedItem: ResourceItem[] = typed && !exact ? [{ label: typed, description: problem ? `$(error) ${problem}` : `use this ${what}`, alwaysShow: true, value: problem ? undefined : typed }] : [];
    pick.items = [...typedItem, ...listedItems];
  };
  refresh();
  try {
    return await new Promise<string | undefined>((resolve) => {
      pick.onDidChangeValue(refresh);
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen?.value) resolve(chosen.value);
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}
