// What the restore picker says above the policies the audit log keeps, with the lines of the log it skipped.
import assert from 'node:assert/strict';
import { keptPolicyPlaceholder } from '../../../../src/extension/tasks/keptPolicyPicker';

describe('restore picker: the policies the audit log keeps', () => {
  it('says how many audit log lines were skipped, in the history node\'s words, and what that means here', () => {
    assert.equal(keptPolicyPlaceholder(2, 3), 'Pick the policy to put back · 3 audit log lines skipped (not a whole record): a policy only they keep is not offered');
    assert.equal(keptPolicyPlaceholder(2, 1), 'Pick the policy to put back · 1 audit log line skipped (not a whole record): a policy only it keeps is not offered');
  });

  it('says it when no policy is offered too: the skipped lines may be why', () => {
    assert.equal(keptPolicyPlaceholder(0, 2), 'The audit log keeps no removed policy · 2 audit log lines skipped (not a whole record): a policy only they keep is not offered');
  });

  it('says nothing of skipped lines when none was', () => {
    assert.equal(keptPolicyPlaceholder(2, 0), 'Pick the policy to put back');
    assert.equal(keptPolicyPlaceholder(0, 0), 'The audit log keeps no removed policy');
  });
});
