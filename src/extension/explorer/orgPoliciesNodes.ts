/**
 * The "Organization policies" node under the organization and its rows: the SCPs and RCPs the preflight
 * read, each with its targets and how many member accounts it blocks for which root tasks (counted from the
 * prediction, see core's policyImpact.ts). Clicking a policy opens its text read-only with the linter's
 * findings.
 *
 * contextValue: `orgPolicies;notLoaded|loaded`, `orgPolicy;scp|rcp[;blocks][;awsManaged]`.
 */
import * as vscode from 'vscode';
import { type OrgPolicies, type OrgPolicy, type PolicyImpact, type Preflight, TASK_LABELS, policyImpact, policyImpacts } from '../../core/preflight';
import { markdownText } from '../../core/text/markdown';
import { ErrorNode, MessageNode, type OrganizationNode } from './nodes';

export const OPEN_ORG_POLICY_COMMAND = 'rootguard.policies.open';

const KIND_SHORT = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' } as const;
const TARGET_LABELS = { ROOT: 'root', ORGANIZATIONAL_UNIT: 'OU', ACCOUNT: 'account' } as const;

/** The preflight's state as this node needs it. */
export interface PolicySource {
  readonly policies: OrgPolicies | undefined;
  readonly current: Preflight | undefined;
  readonly unavailableReason: string | undefined;
  load(): Promise<Preflight | undefined>;
}

export class OrgPoliciesNode {
  readonly kind = 'orgPolicies';

  constructor(
    readonly parent: OrganizationNode,
    private readonly source: PolicySource,
  ) {}

  get id(): string {
    return `${this.parent.id}/orgPolicies`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Organization policies', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('shield');
    const { policies, current } = this.source;
    if (!policies || !current) {
      item.description = this.source.unavailableReason ?? 'SCPs and RCPs';
      item.contextValue = 'orgPolicies;notLoaded';
      return item;
    }
    const impacts = policyImpacts(current);
    const count = (kind: OrgPolicy['kind']) => policies.policies.filter((p) => p.kind === kind).length;
    const blocking = policies.policies.filter((p) => policyImpact(impacts, p.id).blocked.length > 0).length;
    item.description = `${count('SERVICE_CONTROL_POLICY')} SCPs · ${count('RESOURCE_CONTROL_POLICY')} RCPs${blocking ? ` · ${blocking} block root tasks` : ''}`;
    item.tooltip = 'The organization’s service and resource control policies, with what each does to root tasks as the preflight predicts it. Click one to open its text with the linter’s findings.';
    item.contextValue = 'orgPolicies;loaded';
    return item;
  }

  /** One row per policy, SCPs first, those that block root tasks first within each kind. */
  async children(): Promise<(OrgPolicyNode | MessageNode | ErrorNode)[]> {
    await this.source.load();
    const { policies, current } = this.source;
    if (!policies || !current) return [new ErrorNode(this, 'Could not read the SCPs and RCPs', this.source.unavailableReason ?? 'no prediction')];
    if (policies.policies.length === 0) return [new MessageNode(this, 'none', 'No SCPs or RCPs are enabled', { icon: { icon: 'circle-slash' } })];
    const impacts = policyImpacts(current);
    const rows = policies.policies.map((p) => new OrgPolicyNode(this, p, policyImpact(impacts, p.id), policies.types[p.kind] === 'ENABLED'));
    const rank = (n: OrgPolicyNode) => (n.policy.kind === 'SERVICE_CONTROL_POLICY' ? 0 : 2) + (n.impact.blocked.length ? 0 : 1);
    return rows.sort((a, b) => rank(a) - rank(b) || a.policy.name.localeCompare(b.policy.name));
  }
}

export class OrgPolicyNode {
  readonly kind = 'orgPolicy';

  constructor(
    readonly parent: OrgPoliciesNode,
    readonly policy: OrgPolicy,
    readonly impact: PolicyImpact,
    private readonly enforced: boolean,
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.policy.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { policy, impact } = this;
    const item = new vscode.TreeItem(policy.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = describePolicy(policy, impact, this.enforced);
    item.tooltip = new vscode.MarkdownString(policyTooltip(policy, impact, this.enforced));
    const blocks = impact.blocked.length > 0;
    item.iconPath = blocks ? new vscode.ThemeIcon('lock', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('file-code');
    item.contextValue = ['orgPolicy', KIND_SHORT[policy.kind].toLowerCase(), ...(blocks ? ['blocks'] : []), ...(policy.awsManaged ? ['awsManaged'] : [])].join(';');
    item.command = { command: OPEN_ORG_POLICY_COMMAND, title: 'Open Policy', arguments: [this] };
    return item;
  }
}

/** `SCP · 2 targets · blocks audit in 3 accounts, delete-credentials in 3`. */
export function describePolicy(policy: OrgPolicy, impact: PolicyImpact, enforced: boolean): string {
  const parts = [KIND_SHORT[policy.kind], `${policy.targets.length} target${policy.targets.length === 1 ? '' : 's'}`];
  if (!enforced) parts.push('type not enabled on the root');
  if (impact.blocked.length) parts.push(`blocks ${impact.blocked.map((t, i) => `${TASK_LABELS[t.task]} in ${t.accountIds.length}${i === 0 ? ` account${t.accountIds.length === 1 ? '' : 's'}` : ''}`).join(', ')}`);
  if (impact.depends.length) parts.push(`conditions ${impact.depends.map((t) => `${TASK_LABELS[t.task]} in ${t.accountIds.length}`).join(', ')}`);
  return parts.join(' · ');
}

function policyTooltip(policy: OrgPolicy, impact: PolicyImpact, enforced: boolean): string {
  const lines = [`**${KIND_SHORT[policy.kind]} ${markdownText(policy.name)}** (\`${policy.id}\`)${policy.awsManaged ? ', AWS managed' : ''}`, ''];
  if (!enforced) lines.push(`${KIND_SHORT[policy.kind]}s are not enabled on the root: this policy is not enforced and not evaluated.`, '');
  lines.push('Attached to:', '', ...(policy.targets.length ? policy.targets.map((t) => `- ${TARGET_LABELS[t.type]} ${markdownText(t.name)} (\`${t.id}\`)`) : ['- nothing']), '');
  if (impact.blocked.length === 0 && impact.depends.length === 0) lines.push('Blocks no root task in any member account.');
  for (const t of impact.blocked) lines.push(`- blocks ${TASK_LABELS[t.task]} in ${t.accountIds.length} account${t.accountIds.length === 1 ? '' : 's'}`);
  for (const t of impact.depends) lines.push(`- ${TASK_LABELS[t.task]} depends on its conditions in ${t.accountIds.length} account${t.accountIds.length === 1 ? '' : 's'}`);
  if (policy.readError) lines.push('', `Its text could not be read: ${markdownText(policy.readError)}`);
  lines.push('', 'Click to open its text with the linter’s findings.');
  return lines.join('\n');
}
