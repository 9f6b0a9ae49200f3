import assert from 'node:assert/strict';
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

/** One row of a decision table: the request, the policies, and the answer with its deciding statements. */
export interface DecisionRow {
  name: string;
  request: Request;
  set: PolicySet;
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  deciding: string[];
  dependsOn?: string[];
  /** The reason the answer gives, when the row is about which stage decided. */
  reason?: RegExp;
}

/** One test per row: the decision, its deciding statements (`policy#index line N`) and the keys it depends on. */
export function decisionTable(rows: readonly DecisionRow[]): void {
  for (const row of rows) {
    it(row.name, () => {
      assert.deepEqual(decideSet(row.request, row.set), { decision: row.decision, deciding: row.deciding, dependsOn: row.dependsOn ?? [] });
      if (row.reason) assert.match(evaluate(row.request, row.set).reason, row.reason);
    });
  }
}
