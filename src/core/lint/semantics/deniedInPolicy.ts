/**
 * Whether a policy's own Deny statements take back what one of its Allow statements grants. The
 * statement-level rules report a grant only while the whole policy still lets some request through: an
 * `Allow iam:PassRole` beside a `Deny iam:PassRole` grants nothing. Decided by the engine.
 */
import { evaluate } from '../../policy';
import { enginePolicy, perDocument } from '../enginePolicy';
import type { PolicyDocument } from '../model';

/**
 * True when the document's Deny statements refuse the action on `resource` in every request: a Deny that
 * covers both with no condition, or whose conditions hold whatever the request carries. A Deny that
 * depends on a key (MFA, source IP, a tag) lets other requests through and does not count, nor does one
 * that holds an unknown part. Rules ask with `*` for "every resource", so a Deny of some resources only
 * never takes back a grant on every resource.
 */
export function deniedInPolicy(document: PolicyDocument, action: string, resource = '*'): boolean {
  // Most policies have no Deny statement, and then need no question to the engine.
  if (!document.statements.some((s) => s.effect?.value === 'Deny')) return false;
  // Several rules ask the same question of one document (RG205 and RG206 both ask about iam:PassRole).
  const answers = answersOf(document);
  const key = `${action}\u0000${resource}`;
  let denied = answers.get(key);
  if (denied === undefined) {
    const decision = evaluate({ action, resource }, { identity: [enginePolicy(document)] });
    denied = decision.decision === 'explicitDeny' && !decision.uncertain && decision.dependsOn.length === 0;
    answers.set(key, denied);
  }
  return denied;
}

const answersOf = perDocument((): Map<string, boolean> => new Map());

/** Every action of a service refused: the Deny covers the bare prefix and an arbitrary action name. */
export function serviceDeniedInPolicy(document: PolicyDocument, service: string): boolean {
  return deniedInPolicy(document, `${service}:`) && deniedInPolicy(document, `${service}:Zq9AnyAction`);
}
