import assert from 'node:assert/strict';
import { perStatement } from '../../../../../src/core/lint/semantics/perStatement';
import { coversAllResources } from '../../../../../src/core/lint/semantics/resources';
import { assumeRootWith, statementOf } from './statementOf';

describe('per-statement analyses', () => {
  it('analyses each statement once and keeps answers apart', () => {
    const seen: number[] = [];
    const indexOf = perStatement((statement) => {
      seen.push(statement.index);
      return { index: statement.index };
    });
    const [first, second] = [statementOf({ Effect: 'Allow' }), { ...statementOf({ Effect: 'Deny' }), index: 1 }];
    assert.equal(indexOf(first).index, 0);
    assert.equal(indexOf(second).index, 1);
    assert.equal(indexOf(first), indexOf(first));
    assert.deepEqual(seen, [0, 1]);
  });

  it('remembers false answers too', () => {
    let calls = 0;
    const never = perStatement(() => {
      calls++;
      return false;
    });
    const statement = statementOf({ Effect: 'Allow' });
    assert.equal(never(statement), false);
    assert.equal(never(statement), false);
    assert.equal(calls, 1);
  });

  it('two statements that read alike but differ get their own resource answers', () => {
    const audit = { ArnEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } };
    const scoped = assumeRootWith(audit, 'arn:aws:iam::111122223333:root');
    const open = assumeRootWith(undefined);
    assert.equal(coversAllResources(scoped, 'iam'), false);
    assert.equal(coversAllResources(open, 'iam'), true);
    assert.equal(coversAllResources(scoped, 'iam'), false);
  });
});
