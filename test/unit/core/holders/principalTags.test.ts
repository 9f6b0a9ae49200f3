import assert from 'node:assert/strict';
import { analyzeHolders, type PolicyText, type PrincipalSource } from '../../../../src/core/holders/index';

const ACCOUNT = '111111111111';
const UNLOCK = 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy';

function policy(label: string, ...statements: object[]): PolicyText {
  return { label, source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) };
}

const platformOnly = policy('team', {
  Sid: 'Team',
  Effect: 'Allow',
  Action: 'sts:AssumeRoot',
  Resource: 'arn:aws:iam::*:root',
  Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform', 'sts:TaskPolicyArn': UNLOCK } },
});

const trust = (...actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: actions }] });

function user(name: string, policies: PolicyText[], tags?: Record<string, string>): PrincipalSource {
  return { kind: 'user', name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, policies, tags };
}

function role(name: string, policies: PolicyText[], trustPolicy: string, tags?: Record<string, string>): PrincipalSource {
  return { kind: 'role', name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, policies, trustPolicy, tags };
}

/** name -> task -> [accounts, conditions] of every holder. */
function holders(...principals: PrincipalSource[]) {
  const report = analyzeHolders({ accountId: ACCOUNT, principals, gaps: [] });
  return Object.fromEntries(
    report.holders.map((h) => [h.name, Object.fromEntries(h.grants.map((g) => [g.task, [g.everyAccount ? '*' : g.accounts.join(','), g.unconditional ? 'none' : g.conditionKinds.join(',')]]))]),
  );
}

describe('root session holders: the principal tags its requests carry', () => {
  it("decides a condition on an IAM user's tag with the user's tags: held without condition, or not at all", () => {
    assert.deepEqual(holders(user('alice', [platformOnly], { team: 'platform' }), user('bob', [platformOnly], { team: 'data' }), user('carol', [platformOnly], {})), {
      alice: { S3UnlockBucketPolicy: ['*', 'none'] },
    });
  });

  it("decides it with a role's tags when its trust policy lets no one pass session tags", () => {
    assert.deepEqual(holders(role('ops', [platformOnly], trust('sts:AssumeRole'), { Team: 'platform' }), role('other', [platformOnly], trust('sts:AssumeRole'), {})), {
      ops: { S3UnlockBucketPolicy: ['*', 'none'] },
    });
  });

  it('leaves it a condition where sessions may carry other tags: sts:TagSession trusted, or the tags not read', () => {
    const tagged = (name: string, trustPolicy: string) => role(name, [platformOnly], trustPolicy, { team: 'data' });
    assert.deepEqual(holders(tagged('sessions', trust('sts:AssumeRole', 'sts:TagSession')), tagged('wide', trust('sts:*')), user('unread', [platformOnly])), {
      sessions: { S3UnlockBucketPolicy: ['*', 'tags'] },
      unread: { S3UnlockBucketPolicy: ['*', 'tags'] },
      wide: { S3UnlockBucketPolicy: ['*', 'tags'] },
    });
  });

  it('leaves it a condition for a principal that may tag or untag itself: its tags are what it chooses', () => {
    const retag = (action: string, resource: string) => policy('retag', { Effect: 'Allow', Action: action, Resource: resource });
    assert.deepEqual(
      holders(
        user('self-tagger', [platformOnly, retag('iam:TagUser', '*')], { team: 'data' }),
        user('self-untagger', [platformOnly, retag('iam:UntagUser', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)], { team: 'platform' }),
        role('RoleTagger', [platformOnly, retag('iam:Tag*', '*')], trust('sts:AssumeRole'), { team: 'data' }),
        user('tags-others', [platformOnly, retag('iam:TagUser', `arn:aws:iam::${ACCOUNT}:user/interns/*`)], { team: 'data' }),
      ),
      {
        RoleTagger: { S3UnlockBucketPolicy: ['*', 'tags'] },
        'self-tagger': { S3UnlockBucketPolicy: ['*', 'tags'] },
        'self-untagger': { S3UnlockBucketPolicy: ['*', 'tags'] },
      },
    );
  });

  it('reads a Deny on a missing tag and a policy variable naming the account with the same tags', () => {
    const policies = [
      policy('own', { Sid: 'Own', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::${aws:PrincipalTag/account}:root' }),
      policy('guard', { Sid: 'Guard', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/clearance': 'root' } } }),
    ];
    const summary = holders(user('cleared', policies, { account: '222222222222', clearance: 'root' }), user('uncleared', policies, { account: '222222222222' }));
    assert.deepEqual(Object.keys(summary), ['cleared']);
    assert.deepEqual(summary.cleared.IAMCreateRootUserPassword, ['222222222222', 'none']);
  });
});
