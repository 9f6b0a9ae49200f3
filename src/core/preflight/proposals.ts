/**
 * What-if: the organization's policies as they would be with proposed SCPs or RCPs deployed, so the
 * preflight answers "will this guardrail break root tasks, and where?" before anything is attached. A
 * proposal is a new policy attached to a root, OUs or accounts, or the new text of an existing policy.
 * Proposed policies are named `proposed-1`, `proposed-2`... in the order given.
 */
import type { OrgSnapshot } from '../org/model';
import type { Policy } from '../policy';
import type { OrgPolicies, OrgPolicy, OrgPolicyKind, PolicyTarget } from './model';

/**
 * The most SCPs a root, OU or account may have attached (10 since May 2026). Organizations refuses an
 * attachment beyond it. RCPs have a limit of their own that is not confirmed, so none is checked for them.
 */
export const SCPS_PER_TARGET = 10;

/** A proposed SCP's attachment that Organizations would refuse: `target` would hold `attached` SCPs with it. */
export interface RefusedAttachment {
  policyId: string;
  target: PolicyTarget;
  attached: number;
}

export interface ProposedPolicy {
  kind: OrgPolicyKind;
  /** What the user named it by (a file, `FILE#NAME`): a new policy's name, and said of a replaced one. */
  label: string;
  /** The policy as the engine reads it (its name is set here) and its text. */
  document: Policy;
  content: string;
  /** Where a new policy is attached (root, OU or account ids); empty when it replaces one. */
  attachTo: readonly string[];
  /** The id of the existing policy whose text this is. */
  replaces?: string;
}

/** A proposal that names what the organization does not have; the message says what. */
export class ProposalError extends Error {}

type Places = Pick<OrgSnapshot, 'root' | 'units' | 'accounts'>;

/** The id of a new proposed policy: `proposed-1`, `proposed-2`... (never an Organizations id, `p-…`). */
const PROPOSED_PREFIX = 'proposed-';

const KIND_LABEL: Record<OrgPolicyKind, string> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };

/** The policies with every proposal applied; throws ProposalError for a target or policy not found. */
export function withProposals(policies: OrgPolicies, places: Places, proposals: readonly ProposedPolicy[]): OrgPolicies {
  let result = [...policies.policies];
  proposals.forEach((proposal, i) => {
    const label = KIND_LABEL[proposal.kind];
    if (policies.types[proposal.kind] !== 'ENABLED') throw new ProposalError(`${label}s are ${policies.types[proposal.kind]} in this organization: a proposed ${label} would not be enforced`);
    if (proposal.replaces === undefined) {
      const id = `${PROPOSED_PREFIX}${i + 1}`;
      const targets = proposal.attachTo.map((target) => placeOf(target, places));
      result.push({ id, arn: '', name: proposal.label, kind: proposal.kind, awsManaged: false, content: proposal.content, document: { ...proposal.document, name: id }, targets });
      return;
    }
    const replaced = result.find((p) => p.id === proposal.replaces);
    if (!replaced) throw new ProposalError(`no policy ${proposal.replaces} in this organization's ${label}s`);
    if (replaced.kind !== proposal.kind) throw new ProposalError(`${proposal.replaces} is an ${KIND_LABEL[replaced.kind]}, not an ${label}`);
    if (replaced.awsManaged) throw new ProposalError(`${proposal.replaces} (${replaced.name}) is managed by AWS: its text cannot change; propose a policy of your own instead`);
    const updated: OrgPolicy = {
      ...replaced,
      name: `${replaced.name} as in ${proposal.label}`,
      content: proposal.content,
      document: { ...proposal.document, name: replaced.id },
      readError: undefined,
    };
    result = result.map((p) => (p === replaced ? updated : p));
  });
  return { ...policies, policies: result };
}

/** A target by id; the word `root` names the organization's one root, whose `r-…` id few remember. */
function placeOf(id: string, places: Places): PolicyTarget {
  if (id === places.root.id || id.toLowerCase() === 'root') return { id: places.root.id, name: places.root.name, type: 'ROOT' };
  const unit = places.units.find((u) => u.id === id);
  if (unit) return { id, name: unit.name, type: 'ORGANIZATIONAL_UNIT' };
  const account = places.accounts.find((a) => a.id === id);
  if (account) return { id, name: account.name, type: 'ACCOUNT' };
  throw new ProposalError(`no root, OU or account ${id} in this organization: ${whatThereIs(places)}`);
}

/** How many OUs an unknown target's error lists: enough for most organizations, not a page for the largest. */
const UNITS_LISTED = 8;

/** The ids a target can take, for an error: the user typed one that is not there, most often the root's. */
function whatThereIs(places: Places): string {
  const listed = places.units.slice(0, UNITS_LISTED).map((unit) => `${unit.id} (${unit.name})`);
  const more = places.units.length - listed.length;
  const units = listed.length === 0 ? 'no OUs' : `OUs ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `its root is ${places.root.id} (${places.root.name}), with ${units}, or give a member account's 12-digit id`;
}

/**
 * The proposed SCPs' attachments that would take a target past SCPS_PER_TARGET, in `policies` as
 * withProposals returned them: the organization's own attachments first, then the proposals in their order,
 * each refused where it would be one too many. The prediction still counts them as attached: it answers
 * what the policy would do, and this says that it cannot be attached there.
 */
export function refusedAttachments(policies: OrgPolicies): RefusedAttachment[] {
  const scps = policies.policies.filter((p) => p.kind === 'SERVICE_CONTROL_POLICY');
  const attached = new Map<string, number>();
  const count = (target: PolicyTarget) => {
    const n = (attached.get(target.id) ?? 0) + 1;
    attached.set(target.id, n);
    return n;
  };
  for (const policy of scps) if (!isProposed(policy)) policy.targets.forEach(count);
  const refused: RefusedAttachment[] = [];
  for (const policy of scps.filter(isProposed)) {
    for (const target of policy.targets) {
      const n = count(target);
      if (n > SCPS_PER_TARGET) refused.push({ policyId: policy.id, target, attached: n });
    }
  }
  return refused;
}

function isProposed(policy: OrgPolicy): boolean {
  return policy.id.startsWith(PROPOSED_PREFIX);
}

/** One sentence per refused attachment, for the report's notes and the editor's what-if. */
export function describeRefused(refused: RefusedAttachment): string {
  const { target } = refused;
  return `${refused.policyId} cannot be attached to ${target.name} (${target.id}): it would be its ${ordinal(refused.attached)} SCP, and Organizations allows ${SCPS_PER_TARGET} per root, OU or account; detach one first.`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
