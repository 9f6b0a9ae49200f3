/**
 * Template conditions that name others many times over, or in long chains: each condition is read once,
 * whatever the number of ways to reach it, so a hostile template neither hangs nor overflows the stack, and
 * the policy under the last condition is still read. Nothing here measures time: the old readings of these
 * templates ran for seconds to minutes and then crashed, which the suite's timeout catches.
 */
import assert from 'node:assert/strict';
import { chainedConditions } from '../../../../../bench/hostileInputs';
import { lintText } from '../../../../../src/core/lint/linter';
import { lineOf } from './fixtures';

/** `RG201@line When ...`: each finding with the sides it holds on. */
const described = (text: string) => lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line} ${f.message.split(':')[0]}`);

describe('conditions that name another many times over are each read once', () => {
  const repeated = (operator: string, times: number) => (previous: string) => `${operator} [${Array(times).fill(`!Condition ${previous}`).join(', ')}]`;
  // [what, conditions, definition from the previous one, the side of the last the full admin is found on].
  const table: [what: string, count: number, define: (previous: string) => string, when: string][] = [
    ['Fn::And of the previous condition twice, 20 deep (2^20 ways to reach the first)', 20, repeated('!And', 2), 'C20 is true'],
    ['Fn::Or of the previous condition ten times, 6 deep (10^6 ways)', 6, repeated('!Or', 10), 'C6 is true'],
    ['Fn::Not of an Fn::And of the previous twice, 20 deep', 20, (previous) => `!Not [!And [!Condition ${previous}, !Condition ${previous}]]`, 'C20 is true'],
  ];
  for (const [what, count, define, when] of table) {
    it(what, () => {
      const text = chainedConditions(count, define);
      const line = lineOf(text, 'Action: !If');
      assert.deepEqual(described(text), [`RG101@${line} When condition ${when}`, `RG201@${line} When condition ${when}`]);
    });
  }
});

describe('chains of thousands of conditions, each naming the one before it, are read without overflowing the stack', () => {
  const table: [what: string, count: number, define: (previous: string) => string, when: string][] = [
    ['Fn::Not of the previous condition, 3,000 deep', 3_000, (previous) => `!Not [!Condition ${previous}]`, 'C3000 is true'],
    ['Fn::Or of the previous condition in the long form, 3,000 deep', 3_000, (previous) => `{"Fn::Or": [{Condition: ${previous}}]}`, 'C3000 is true'],
  ];
  for (const [what, count, define, when] of table) {
    it(what, () => {
      const text = chainedConditions(count, define);
      const line = lineOf(text, 'Action: !If');
      assert.deepEqual(described(text), [`RG101@${line} When condition ${when}`, `RG201@${line} When condition ${when}`]);
    });
  }
});
