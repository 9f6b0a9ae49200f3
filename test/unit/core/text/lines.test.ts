import assert from 'node:assert/strict';
import { lineStarts, positionAt } from '../../../../src/core/text/lines';

describe('line positions', () => {
  const text = 'ab\n\ncd\r\nef';
  const starts = lineStarts(text);

  it('finds where each line starts', () => {
    assert.deepEqual(starts, [0, 3, 4, 8]);
    assert.deepEqual(lineStarts(''), [0]);
  });

  it('ends a line at a lone CR too, as editors do', () => {
    assert.deepEqual(lineStarts('ab\rcd\r\nef\r'), [0, 3, 7, 10]);
    assert.deepEqual(positionAt(lineStarts('{\r  "a": 1\r}'), 5), { line: 2, column: 4 });
  });

  for (const [offset, line, column] of [
    [0, 1, 1],
    [2, 1, 3], // the line break belongs to its line
    [3, 2, 1], // an empty line
    [7, 3, 4], // CR of CRLF
    [8, 4, 1],
    [10, 4, 3], // the end of the text
  ] as const) {
    it(`places offset ${offset} at line ${line}, column ${column}`, () => {
      assert.deepEqual(positionAt(starts, offset), { line, column });
    });
  }
});
