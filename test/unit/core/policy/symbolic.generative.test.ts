/**
 * Every symbolic answer checked against concrete evaluation: random small policies, then many enumerated
 * requests over a grid of partitions, accounts and values of the keys the text cannot fix (chosen
 * independently of the policies' own values). A request the concrete engine denies (or allows) must be in
 * the symbolic answer; an answer called certain must hold for every request of some partition and account.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TASK_CALLS, TASK_POLICY_NAMES, evaluate, prepareRequest, readPolicy, rootSessionRequest, taskPolicyArn } from '../../../../src/core/policy';
import { assumeRootGrant, rootSessionDenials } from '../../../../src/core/policy/rootSessions';
import { statementApplies } from '../../../../src/core/policy/statement';
import { YES } from '../../../../src/core/policy/tri';
import { CONTEXTS, PARTITIONS, ROOT_SESSION_CONTEXTS, denyStatement, grantStatement } from './generative';

const ACCOUNTS = ['111122223333', '444455556666'];

describe('symbolic answers agree with concrete evaluation (generative)', function () {
  this.timeout(120_000);

  it('rootSessionDenials: every denied call is reported, and certain answers hold for every request', () => {
    fc.assert(
      fc.property(denyStatement, (statement) => {
        const policy = readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }), 'scp');
        const denials = rootSessionDenials(policy, 'scp');
        const parsed = policy.statements[0];
        for (const task of TASK_POLICY_NAMES) {
          const denial = denials.find((d) => d.task === task);
          let certainSomewhere = false;
          for (const partition of PARTITIONS) {
            for (const account of ACCOUNTS) {
              const always = new Set(TASK_CALLS[task].map((c) => c.action));
              for (const context of ROOT_SESSION_CONTEXTS) {
                for (const call of TASK_CALLS[task]) {
                  const applies = statementApplies(parsed, prepareRequest(rootSessionRequest(call, { partition, account }, context)), false).applies;
                  if (applies === YES) {
                    assert.ok(denial?.actions.includes(call.action), `${task} ${call.action} in ${partition}/${account} ${JSON.stringify(context)} denied but not reported: ${JSON.stringify(statement)}`);
                    assert.ok(denial?.partitions.includes(partition), `${partition} missing`);
                  } else always.delete(call.action);
                }
              }
              if (always.size > 0) certainSomewhere = true;
            }
          }
          if (denial?.certain) assert.ok(certainSomewhere, `${task} called certain but some request escapes: ${JSON.stringify(statement)}`);
        }
      }),
      { numRuns: 40, seed: 1204 },
    );
  });

  it('assumeRootGrant: every allowed root session is reported, and certain answers hold for every request', () => {
    fc.assert(
      fc.property(fc.array(grantStatement, { minLength: 1, maxLength: 3 }), (statements) => {
        const policy = readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
        const grants = assumeRootGrant(policy);
        // A policy that writes ARNs of some partitions is read as deployed in one of them (as the engine does).
        const named = [...new Set([...JSON.stringify(statements).matchAll(/arn:(aws[a-z-]*):/g)].map((m) => m[1]))];
        for (const task of TASK_POLICY_NAMES) {
          const grant = grants.find((g) => g.task === task);
          let certainSomewhere = false;
          for (const partition of named.length ? named : PARTITIONS) {
            for (const account of ['111122223333', '111100000000', '444455556666']) {
              let always = true;
              for (const context of CONTEXTS) {
                const request = { action: 'sts:AssumeRoot', resource: `arn:${partition}:iam::${account}:root`, context: { ...context, 'sts:TaskPolicyArn': taskPolicyArn(task, partition) } };
                const decision = evaluate(request, { identity: [policy] });
                if (decision.decision === 'allowed' && !decision.uncertain) {
                  assert.ok(grant, `${task} allowed in ${partition}/${account} but not reported: ${JSON.stringify(statements)}`);
                  assert.ok(grant.partitions.includes(partition), `${task}: ${partition} missing`);
                  const named = grant.accounts.some((a) => a.account === account || (a.pattern && account.startsWith('1111')));
                  assert.ok(grant.everyAccount || named, `${task}: account ${account} missing from ${JSON.stringify(grant.accounts)}`);
                } else always = false;
              }
              if (always) certainSomewhere = true;
            }
          }
          if (grant?.certain) assert.ok(certainSomewhere, `${task} called certain but some request is refused: ${JSON.stringify(statements)}`);
        }
      }),
      { numRuns: 40, seed: 412 },
    );
  });
});
