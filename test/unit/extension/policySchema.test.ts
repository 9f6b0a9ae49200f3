import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_OPERATOR_NAMES } from '../../../src/core/lint/conditions';

// The schema drives completion in the editor; it must offer every operator the linter accepts.
const schemaPath = path.resolve(__dirname, '..', '..', '..', 'schemas', 'policy.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const operators = Object.keys(schema.definitions.statement.properties.Condition.properties);

describe('policy schema', () => {
  it('offers every base operator and its IfExists form', () => {
    for (const name of BASE_OPERATOR_NAMES) {
      assert.ok(operators.includes(name), name);
      if (name !== 'Null') assert.ok(operators.includes(`${name}IfExists`), `${name}IfExists`);
    }
  });

  it('offers set-operator forms, but not ForAnyValue:Bool (the RG108 mistake)', () => {
    assert.ok(operators.includes('ForAnyValue:StringLike'));
    assert.ok(operators.includes('ForAllValues:ArnEqualsIfExists'));
    assert.ok(!operators.includes('ForAnyValue:Bool'));
  });

  it('offers only operators the linter knows', () => {
    const base = (op: string) => op.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
    assert.deepEqual(operators.filter((op) => !BASE_OPERATOR_NAMES.includes(base(op))), []);
  });

  it('completes Effect with Allow and Deny', () => {
    assert.deepEqual(schema.definitions.statement.properties.Effect.enum, ['Allow', 'Deny']);
  });
});
