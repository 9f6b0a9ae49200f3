import assert from 'node:assert/strict';
import { MAX_NESTING, parseJson } from '../../../../src/core/lint/parse';

/** `depth` nested arrays, with `inner` at the bottom. */
const nested = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('lint parse: the nesting limit', () => {
  // Plain JSON is read by the strict reader, which stops at the limit; JSONC is counted separately. Both
  // must draw the line at the same depth.
  for (const [form, comment] of [
    ['plain JSON', ''],
    ['JSON with a comment', '/* c */'],
  ] as const) {
    it(`reads ${form} nested exactly ${MAX_NESTING} deep, and reports one level more`, () => {
      const atLimit = parseJson(nested(MAX_NESTING, comment));
      assert.deepEqual([atLimit.root?.type, atLimit.errors, atLimit.plain], ['array', [], comment === '']);
      const over = parseJson(nested(MAX_NESTING + 1, comment));
      assert.deepEqual([over.root, over.plain, over.errors.map((e) => [e.message, e.range.start])], [undefined, false, [[`nesting deeper than ${MAX_NESTING} levels`, MAX_NESTING]]]);
    });
  }
});
