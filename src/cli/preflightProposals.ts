/**
 * `rootguard preflight --propose-scp FILE@TARGETS`: the what-if's proposals as written on the command line,
 * read from their files before any AWS call, so a typo costs no organization listing.
 */
import { RootGuardError } from '../core/aws/errors';
import type { ChosenParameters, ChosenSides } from '../core/lint/templateSides';
import type { OrgPolicyKind, ProposedPolicy, RefusedAttachment } from '../core/preflight';
import type { ProposedRow } from '../core/preflight/report';
import { PolicyFiles } from './policyFiles';

export interface ProposalSpec {
  kind: OrgPolicyKind;
  /** The policy file, `FILE#NAME` for one of a template's. */
  file: string;
  /** Root, OU or account ids to attach it to; empty when it replaces a policy. */
  targets: string[];
  /** The id of the policy whose text it is. */
  replaces?: string;
}

/** A root, OU or account id, or the word `root` for the organization's root. */
const TARGET = /^(root|r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/i;
const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;

/** `FILE@ou-…,123456789012` (attach) or `FILE@p-…` (replace); a usage error otherwise. */
export function parseProposal(kind: OrgPolicyKind, raw: string): ProposalSpec {
  const option = kind === 'SERVICE_CONTROL_POLICY' ? '--propose-scp' : '--propose-rcp';
  const at = raw.lastIndexOf('@');
  const file = raw.slice(0, Math.max(at, 0));
  const places = at < 0 ? [] : raw.slice(at + 1).split(',').map((p) => p.trim()).filter(Boolean);
  if (!file || places.length === 0) throw new RootGuardError('Usage', `${option} expects FILE@TARGETS ("root", or root, OU or account ids) or FILE@POLICY_ID, not "${raw}"`);
  const replaced = places.filter((p) => POLICY_ID.test(p));
  if (replaced.length > 0) {
    if (places.length > 1) throw new RootGuardError('Usage', `${option} ${raw}: a policy id (${replaced[0]}) names the policy to replace, alone`);
    return { kind, file, targets: [], replaces: replaced[0] };
  }
  const wrong = places.find((p) => !TARGET.test(p));
  if (wrong) throw new RootGuardError('Usage', `${option} ${raw}: "${wrong}" is no root ("root" or r-…), OU (ou-…), account id or policy id (p-…)`);
  return { kind, file, targets: places };
}

/** Reads every proposal's policy; throws the file's PolicyReadError. */
export async function readProposals(specs: readonly ProposalSpec[], cwd: string, sides?: ChosenSides, parameters?: ChosenParameters): Promise<ProposedPolicy[]> {
  const files = new PolicyFiles(cwd, sides, parameters);
  const proposals: ProposedPolicy[] = [];
  for (const spec of specs) {
    const document = await files.read(spec.file, spec.kind === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp');
    proposals.push({ kind: spec.kind, label: spec.file, document, content: document.text, attachTo: spec.targets, replaces: spec.replaces });
  }
  return proposals;
}

/**
 * The report's record of the proposals, with the ids they are predicted under (proposals.ts) and the
 * attachments Organizations would refuse (`refused`, from refusedAttachments).
 */
export function proposedRows(specs: readonly ProposalSpec[], refused: readonly RefusedAttachment[]): ProposedRow[] {
  return specs.map((spec, i) => {
    const policyId = spec.replaces ?? `proposed-${i + 1}`;
    return {
      policyId,
      kind: spec.kind === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP',
      file: spec.file,
      replaces: spec.replaces !== undefined,
      targets: spec.targets,
      refused: refused.filter((r) => r.policyId === policyId),
    };
  });
}
