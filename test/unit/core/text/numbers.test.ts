import assert from 'node:assert/strict';
import { withThousands } from '../../../../src/core/text/numbers';

describe('withThousands', () => {
  it("writes whole numbers as toLocaleString('en-US') does", () => {
    for (const n of [0, 7, 999, 1_000, 10_240, 100_000, 1_234_567, 1_000_000_000, -5_120, -999]) assert.equal(withThousands(n), n.toLocaleString('en-US'), String(n));
  });
});
