/**
 * The linter's documents as the policy engine reads them. The engine reads the same parsed tree, so its
 * statement indices are the model's and its ranges are offsets in the document's text. Several rules ask
 * for the same document, so the reading is kept for as long as the document lives.
 */
import { type Policy, policyFromNode } from '../policy';
import type { PolicyDocument } from './model';

const policies = new WeakMap<PolicyDocument, Policy>();

export function enginePolicy(document: PolicyDocument): Policy {
  let policy = policies.get(document);
  if (!policy) {
    policy = policyFromNode(document.root, document.text, document.origin || 'policy');
    const skipped = document.skippedStatements;
    if (skipped) policy = { ...policy, statements: policy.statements.filter((s) => !skipped.has(s.index)) };
    policies.set(document, policy);
  }
  return policy;
}

/** Keeps an analysis of a document (by the engine) for as long as the document lives. */
export function perDocument<T>(analyse: (document: PolicyDocument) => T): (document: PolicyDocument) => T {
  const answers = new WeakMap<PolicyDocument, { value: T }>();
  return (document) => {
    let answer = answers.get(document);
    if (!answer) {
      answer = { value: analyse(document) };
      answers.set(document, answer);
    }
    return answer.value;
  };
}
