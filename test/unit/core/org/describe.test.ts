import assert from 'node:assert/strict';
import { describeAccount, describeUnit } from '../../../../src/core/org/describe';

describe('accounts and OUs as confirmations name them', () => {
  it('names an account by name and id, an OU by name and id', () => {
    assert.equal(describeAccount({ name: 'member-0004', id: '999900000004' }), 'member-0004 (999900000004)');
    assert.equal(describeUnit({ name: 'Prod', id: 'ou-ab12-cdef3456' }), 'OU Prod (ou-ab12-cdef3456)');
  });

  it('shows line breaks and bidirectional overrides in a name as code points, so it cannot add to or reorder the question', () => {
    const name = 'Sandbox \u202Edorp\u202C (dry run only)\n\nNothing is changed in these accounts.';
    assert.equal(describeUnit({ name, id: 'ou-ab12-cdef3456' }), 'OU Sandbox \\u{202e}dorp\\u{202c} (dry run only)\\u{a}\\u{a}Nothing is changed in these accounts. (ou-ab12-cdef3456)');
    assert.equal(describeAccount({ name: 'prod\u2066\r\u001b[2K', id: '111122223333' }), 'prod\\u{2066}\\u{d}\\u{1b}[2K (111122223333)');
  });
});
