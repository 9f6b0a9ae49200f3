/**
 * A file's policies follow its conditions within one budget for the file (workBudget): a template of many
 * policies, each testing a link of one long chain, cost the chain's length per policy (40 s at 2 MB). Past
 * the budget, conditions are read as if independent, and the readings say so.
 */
import assert from 'node:assert/strict';
import { BEYOND_BUDGET, type ConditionLogic, type Formula, consistentSides, workBudget } from '../../../../../src/core/lint/iac/conditionLogic';
import { readingsOf } from '../../../../../src/core/lint/iac/valueReadings';
import { parseYaml } from '../../../../../src/core/lint/iac/yamlSource';

/** `C0` compares a parameter; each `Ci` is `!Not [!Condition Ci-1]`: following `Ci` visits i + 1 formulas. */
function chain(length: number, budget: number): ConditionLogic {
  const formulas: Formula[] = [{ kind: 'equals', subject: 'Ref Env', value: 'prod' }];
  for (let i = 1; i < length; i++) formulas.push({ kind: 'not', of: formulas[i - 1] });
  return { formula: (name) => formulas[Number(name.slice(1))], allowedValues: () => undefined, spend: workBudget(budget) };
}

describe("a file's conditions are followed within one budget for all of its policies", () => {
  it('reads each policy consistently while the budget lasts, then says it is spent, without walking the chain again', () => {
    const logic = chain(100, 400);
    const first = consistentSides(['C50', 'C49'], logic, 8);
    assert.notEqual(first, BEYOND_BUDGET);
    assert.deepEqual(first && first !== BEYOND_BUDGET ? first.rows : undefined, [[true, false], [false, true]], 'C50 and C49 are never on one side');
    assert.equal(consistentSides(['C99'], logic, 8), BEYOND_BUDGET, 'following C50 and evaluating it on two values of Env, then following C99, is past 400 steps');
    assert.equal(consistentSides(['C1'], logic, 8), BEYOND_BUDGET, 'spent, a short walk is not taken either');
  });

  it('a policy read past the budget says it is only partly checked, and why', () => {
    const logic = chain(100, 10);
    const value = parseYaml('{Action: !If [C99, "*", !If [C98, "s3:GetObject", "s3:PutObject"]], Resource: "*"}').root!;
    const read = readingsOf(value, { logic });
    assert.match(read.partly ?? '', /^it tests 2 template conditions, and its file's conditions are built from more than the linter follows for one file \(4,000,000 steps in all\): they are read as if independent/);
    assert.equal(read.readings.length, 4, 'both sides of each, as independent conditions are read');
    assert.equal(readingsOf(value, { logic: chain(100, 1_000) }).partly, undefined, 'within the budget nothing is left out');
  });
});
