import { type Decision, type DecidingStatement, type Policy, type PolicySet, type Request, evaluate, readPolicy } from '../../../../src/core/policy';

/** A policy document from statements, pretty-printed so that statement i starts on a known line. */
export function policy(statements: object[], name = 'policy.json'): Policy {
  return readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), name);
}

/** Line of statement i in `policy()`'s text, for statements whose members are all one-line values. */
export function lineOf(p: Policy, index: number): number {
  return p.text.slice(0, p.statements.find((s) => s.index === index)!.range.start).split('\n').length;
}

/** A deciding statement as `policy#index line N`, for compact tables. */
export const where = (d: DecidingStatement): string => `${d.policy}#${d.statement} line ${d.line}`;

/** The decision and the deciding statements as `policy#index line N`, for compact tables. */
export function brief(decision: Decision): { decision: string; deciding: string[]; dependsOn: string[] } {
  return { decision: decision.decision, deciding: decision.deciding.map(where), dependsOn: decision.dependsOn };
}

export function decideIdentity(statements: object[], request: Request): Decision {
  return evaluate(request, { identity: [policy(statements, 'id')] });
}

export function decideSet(request: Request, set: PolicySet): ReturnType<typeof brief> {
  return brief(evaluate(request, set));
}

export const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
