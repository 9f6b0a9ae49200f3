/**
 * Which accounts a task command acts on, from what invoked it: an account node, a multi-selection, an OU or
 * the organization node, account ids (tests, other commands), or nothing (the palette: a picker).
 */
import { describeAccount, describeUnit } from '../../core/org/describe';
import type { OrgAccount } from '../../core/org/model';
import { AccountNode, OrganizationNode, UnitNode } from '../explorer/nodes';
import { OrgModel } from '../explorer/orgModel';
import type { OrgTreeProvider } from '../explorer/orgTreeProvider';
import type { Prompts } from './prompts';

export interface TaskScope {
  /** Accounts the task can act on: members that are active. */
  accounts: OrgAccount[];
  /** Accounts named by the invocation that no task may target (the management account, inactive ones). */
  excluded: OrgAccount[];
  /** "member-0004 (999900000004)", "OU Prod (ou-…)", "3 selected accounts", "organization o-…". */
  label: string;
  /** An OU, the organization or a selection: asks for the count and never shows per-account plans. */
  bulk: boolean;
}

function isEligible(account: OrgAccount): boolean {
  return !account.isManagement && (account.state === 'ACTIVE' || account.state === 'UNKNOWN');
}

function scopeOf(accounts: OrgAccount[], label: string, bulk: boolean): TaskScope {
  const distinct = [...new Map(accounts.map((a) => [a.id, a])).values()];
  return { accounts: distinct.filter(isEligible), excluded: distinct.filter((a) => !isEligible(a)), label, bulk: bulk || distinct.length > 1 };
}

async function accountsOfNode(node: unknown, tree: OrgTreeProvider): Promise<{ accounts: OrgAccount[]; label: string; bulk: boolean } | undefined> {
  if (node instanceof AccountNode) return { accounts: [node.account], label: describeAccount(node.account), bulk: false };
  if (node instanceof UnitNode) {
    const snapshot = await tree.model.snapshot();
    return { accounts: OrgModel.accountsUnder(snapshot, node.unit.id), label: describeUnit(node.unit), bulk: true };
  }
  if (node instanceof OrganizationNode) {
    const snapshot = await tree.model.snapshot();
    return { accounts: snapshot.accounts, label: `organization ${snapshot.organization.id}`, bulk: true };
  }
  return undefined;
}

/**
 * The scope of a command invocation. Menus pass `(clickedNode, selectedNodes)`; a selection of more than one
 * node wins. Account ids may be passed as a string or an array. With nothing, the user picks accounts.
 */
export async function resolveScope(args: unknown[], tree: OrgTreeProvider, prompts: Prompts, title: string): Promise<TaskScope | undefined> {
  const [first, selection] = args;
  if (Array.isArray(selection) && selection.length > 1) {
    const parts = await Promise.all(selection.map((node) => accountsOfNode(node, tree)));
    return scopeOf(parts.flatMap((p) => p?.accounts ?? []), `${selection.length} selected items`, true);
  }
  const fromNode = await accountsOfNode(first, tree);
  if (fromNode) return scopeOf(fromNode.accounts, fromNode.label, fromNode.bulk);
  const snapshot = await tree.model.snapshot();
  if (typeof first === 'string' || Array.isArray(first)) {
    const ids = new Set([first].flat().map(String));
    const accounts = snapshot.accounts.filter((a) => ids.has(a.id));
    if (accounts.length !== ids.size) throw new Error(`Not in the organization: ${[...ids].filter((id) => !accounts.some((a) => a.id === id)).join(', ')}`);
    return scopeOf(accounts, accounts.length === 1 ? describeAccount(accounts[0]) : `${accounts.length} accounts`, false);
  }
  const picked = await prompts.pickAccounts(snapshot.accounts.filter(isEligible), title);
  if (!picked) return undefined;
  return scopeOf(picked, picked.length === 1 ? describeAccount(picked[0]) : `${picked.length} picked accounts`, false);
}
