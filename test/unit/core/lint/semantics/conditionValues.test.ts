import assert from 'node:assert/strict';
import { entryHolds, parsedEntriesForKey } from '../../../../../src/core/lint/semantics/conditionValues';
import { statementOf } from './statementOf';

const entryOf = (operator: string, value: unknown) =>
  parsedEntriesForKey(statementOf({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { 'aws:K': value } } }), 'AWS:k')[0];

describe('entryHolds (single-valued key)', () => {
  const table: [string, unknown, string | undefined, boolean][] = [
    ['StringEquals', 'a', 'a', true],
    ['StringEquals', 'a', 'A', false],
    ['StringEquals', ['b', 'a'], 'a', true],
    ['StringEqualsIgnoreCase', 'a', 'A', true],
    ['StringLike', 'a*', 'abc', true],
    ['StringNotEquals', 'a', 'b', true],
    ['StringNotEquals', 'a', undefined, true],
    ['StringEquals', 'a', undefined, false],
    ['StringEqualsIfExists', 'a', undefined, true],
    ['ForAllValues:StringEquals', 'a', undefined, true],
    ['ForAnyValue:StringEquals', 'a', undefined, false],
    ['Bool', 'true', 'true', true],
    ['Bool', 'TRUE', 'true', true],
    ['Bool', 'true', undefined, false],
    ['Null', 'true', undefined, true],
    ['Null', 'true', 'x', false],
    ['Null', 'false', 'x', true],
    ['ArnLike', '*', 'arn:aws:iam::1:root', true],
    ['NumericEquals', '1', '1', false],
  ];
  for (const [operator, value, request, expected] of table) {
    it(`${operator} ${JSON.stringify(value)} vs ${String(request)} -> ${expected}`, () => {
      assert.equal(entryHolds(entryOf(operator, value), request), expected);
    });
  }
});
