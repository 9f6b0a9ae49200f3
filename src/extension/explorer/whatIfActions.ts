/**
 * "Preflight This Policy (What-If)…": the SCP or RCP in the active editor, predicted as if attached where the
 * user picks (the root, an OU, an account) or as the new text of one of the organization's own policies,
 * against the policies and listing the explorer already read. The prediction runs in memory (no AWS call),
 * and what it changes opens as a Markdown document. The same question as `rootguard preflight --propose-scp`.
 */
import * as vscode from 'vscode';
import { loadHclParser } from '../../core/lint/iac/hclParser';
import { enginePolicy } from '../../core/lint/enginePolicy';
import { describeSides } from '../../core/lint/templateSides';
import { type LintSyntax, readPolicyDocuments } from '../../core/lint/linter';
import type { PolicyDocument } from '../../core/lint/model';
import type { OrgSnapshot } from '../../core/org/model';
import { type Policy, TASK_POLICY_NAMES, readPolicy } from '../../core/policy';
import { type OrgPolicies, type OrgPolicyKind, type ProposedPolicy, changedPredictions, describeRefused, predictOrganization, refusedAttachments, renderWhatIf, withProposals } from '../../core/preflight';
import { ouPathOf } from '../../core/preflight/report';
import type { Connection } from './connection';
import type { OrgModel } from './orgModel';
import type { PreflightState } from './preflightState';

/** Where a proposed policy may go: attached to the root, an OU or an account, or in place of a policy's text. */
export interface Placement {
  /** The picker's section: the root and OUs, the policies to replace, the accounts. */
  group: 'Root and OUs' | 'In place of a policy' | 'Accounts';
  label: string;
  description: string;
  attachTo?: string;
  replaces?: string;
}

/** The questions the command asks; integration tests put scripted answers in their place. */
export interface WhatIfPrompts {
  /** One of the file's SCPs and RCPs, by where it is written; undefined when dismissed. */
  pickDocument(origins: readonly string[]): Promise<string | undefined>;
  /** For a policy written with Fn::If or a Terraform conditional, the sides it is read on; undefined when dismissed. */
  pickSides(sides: readonly string[]): Promise<string | undefined>;
  pickPlacement(placements: readonly Placement[], kind: string): Promise<Placement | undefined>;
}

export class VscodeWhatIfPrompts implements WhatIfPrompts {
  async pickDocument(origins: readonly string[]): Promise<string | undefined> {
    return vscode.window.showQuickPick(origins, { title: 'RootGuard: which policy of this file?' });
  }

  async pickSides(sides: readonly string[]): Promise<string | undefined> {
    return vscode.window.showQuickPick(sides, { title: 'RootGuard: the policy reads differently on each side of a condition; as deployed when…' });
  }

  async pickPlacement(placements: readonly Placement[], kind: string): Promise<Placement | undefined> {
    const items: (vscode.QuickPickItem & { placement?: Placement })[] = [];
    for (const [i, placement] of placements.entries()) {
      if (placement.group !== placements[i - 1]?.group) items.push({ label: placement.group, kind: vscode.QuickPickItemKind.Separator });
      items.push({ label: placement.label, description: placement.description, placement });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: `RootGuard: predict as if this ${kind} were…`,
      placeHolder: 'Attached at the root, an OU or an account, or in place of a policy (type a name or an id)',
      matchOnDescription: true,
    });
    return picked?.placement;
  }
}

const KIND_LABEL: Record<OrgPolicyKind, string> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };

/** The editor's language as the linter's syntax; undefined leaves it to the file name. */
const SYNTAX: Record<string, LintSyntax> = { json: 'json', jsonc: 'json', yaml: 'yaml', terraform: 'hcl', hcl: 'hcl' };

interface Proposed {
  kind: OrgPolicyKind;
  document: Policy;
  /** The file, and the policy's place in it when the file holds more than a policy. */
  label: string;
}

export class WhatIfActions {
  constructor(
    private readonly connection: Connection,
    private readonly model: OrgModel,
    private readonly preflight: PreflightState,
    /** Replaced by the integration tests with scripted answers. */
    public prompts: WhatIfPrompts,
  ) {}

  /** Predicts with the active editor's policy; resolves with the Markdown document, or undefined when dismissed. */
  async run(): Promise<vscode.TextDocument | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('Open the SCP or RCP to preflight in an editor first.');
    const active = this.connection.active;
    if (!active) throw new Error('Connect to your organization (or the sandbox) first: the prediction uses its policies.');
    const proposed = await this.proposedPolicy(editor.document);
    if (!proposed) return undefined;
    const before = await this.preflight.load();
    const policies = this.preflight.policies;
    if (!before || !policies) throw new Error(`The organization's SCPs and RCPs are not read: ${this.preflight.unavailableReason ?? 'not connected'}.`);
    const snapshot = await this.model.snapshot();
    const placement = await this.prompts.pickPlacement(placements(snapshot, policies, proposed.kind), KIND_LABEL[proposed.kind]);
    if (!placement) return undefined;
    const proposal: ProposedPolicy = {
      kind: proposed.kind,
      label: proposed.label,
      document: proposed.document,
      content: proposed.document.text,
      attachTo: placement.attachTo ? [placement.attachTo] : [],
      replaces: placement.replaces,
    };
    const deployed = withProposals(policies, snapshot, [proposal]);
    const after = predictOrganization(snapshot, deployed, { region: active.clients.region, partition: active.clients.partition, tasks: TASK_POLICY_NAMES, rootSessions: before.rootSessions });
    const kind = KIND_LABEL[proposed.kind];
    const replaced = policies.policies.find((p) => p.id === placement.replaces);
    const title = replaced ? `${kind} ${replaced.name} (${replaced.id}) with the text of ${proposed.label}` : `${kind} ${proposed.label} attached to ${placement.label} (${placement.attachTo})`;
    const content = renderWhatIf(title, changedPredictions(before, after), after.predictions.length, snapshot, refusedAttachments(deployed).map(describeRefused));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  /** The editor's SCP or RCP: the whole file, or one of a template's; undefined when the user dismissed the choice. */
  private async proposedPolicy(text: vscode.TextDocument): Promise<Proposed | undefined> {
    const name = vscode.workspace.asRelativePath(text.uri);
    try {
      const whole = readPolicy(text.getText(), name);
      // An RCP's statements name a Principal, which an SCP's may not.
      return { kind: whole.statements.some((s) => s.principal) ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY', document: whole, label: name };
    } catch {
      // Not a policy on its own: a template or Terraform file that holds some.
    }
    const syntax = SYNTAX[text.languageId];
    const hcl = syntax === 'hcl' || text.uri.path.endsWith('.tf') ? await loadHclParser() : undefined;
    const { documents } = readPolicyDocuments({ path: text.uri.fsPath, text: text.getText(), syntax }, { hcl });
    const candidates = documents.filter((d) => d.type === 'scp' || d.type === 'rcp');
    if (candidates.length === 0) throw new Error(`${name} holds no SCP or RCP to preflight.`);
    const origins = [...new Set(candidates.map((d) => d.origin))];
    const origin = origins.length === 1 ? origins[0] : await this.prompts.pickDocument(origins);
    if (origin === undefined) return undefined;
    const document = await this.pickReading(candidates.filter((d) => d.origin === origin));
    if (!document) return undefined;
    const sides = document.reading ? ` (${describeSides(document.reading.branches)})` : '';
    return { kind: document.type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY', document: enginePolicy(document), label: `${name}#${origin}${sides}` };
  }

  /** One reading of a policy: the only one, or, written with Fn::If or a conditional, the one on the sides the user picks. */
  private async pickReading(readings: readonly PolicyDocument[]): Promise<PolicyDocument | undefined> {
    const bySides = new Map(readings.map((d) => [d.reading ? `when ${describeSides(d.reading.branches)}` : '', d]));
    if (bySides.size === 1) return readings[0];
    const picked = await this.prompts.pickSides([...bySides.keys()]);
    return picked === undefined ? undefined : bySides.get(picked);
  }
}

/**
 * The root, every OU by its path, each of the organization's own policies of the kind (to replace), and every
 * member account by name. The management account is left out: no SCP or RCP applies to it.
 */
function placements(snapshot: Pick<OrgSnapshot, 'root' | 'units' | 'accounts'>, policies: OrgPolicies, kind: OrgPolicyKind): Placement[] {
  const units = new Map(snapshot.units.map((u) => [u.id, u]));
  const byLabel = (a: Placement, b: Placement) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  return [
    { group: 'Root and OUs', label: 'Root', description: `${snapshot.root.id} · every account`, attachTo: snapshot.root.id },
    ...snapshot.units.map((unit): Placement => ({ group: 'Root and OUs', label: ouPathOf(unit.id, units), description: unit.id, attachTo: unit.id })).sort(byLabel),
    ...policies.policies
      .filter((p) => p.kind === kind && !p.awsManaged)
      .map((p): Placement => ({ group: 'In place of a policy', label: `Replace ${p.name}`, description: `${p.id} · attached to ${p.targets.length} target${p.targets.length === 1 ? '' : 's'}`, replaces: p.id })),
    ...snapshot.accounts
      .filter((account) => !account.isManagement)
      .map((account): Placement => ({ group: 'Accounts', label: account.name, description: `${account.id} · ${ouPathOf(account.parentId, units) || 'Root'}`, attachTo: account.id }))
      .sort(byLabel),
  ];
}
