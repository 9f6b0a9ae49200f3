/**
 * The rest of each symbolic answer checked against concrete evaluation over generated policies: where it
 * holds (`everyAccount`, the named `accounts`), what it depends on (`dependsOn`), for RCPs as well as SCPs,
 * and for root-session grants within a permissions boundary.
 *
 * Soundness is checked over the grid of free-key values (a request the concrete engine denies or allows
 * must be in the answer); a claim that something holds is checked by finding a request that shows it,
 * over the grid and the candidate values the policy text names.
 *
 * Exactness of `dependsOn`: every key it names changes an answer (two requests that differ in that key
 * alone, over the grid and the candidate values, are answered differently). Scope: answers whose candidate
 * enumeration was complete; past its cap the engine cannot pair every valuation and names every key.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ASSUME_ROOT_ABSENCE, RCP_ON_NO_RESOURCE, TASK_CALLS, TASK_POLICY_NAMES, SHORT_ARN_PATTERN, UNKNOWN_VALUE, evaluate, prepareRequest, rcpsGovern, readPolicy, rootSessionRequest, taskPolicyArn } from '../../../../src/core/policy';
import type { Policy, Request } from '../../../../src/core/policy';
import { valuations } from '../../../../src/core/policy/candidates';
import { type Reach, principalRootGrant, rootSessionDenials } from '../../../../src/core/policy/rootSessions';
import { statementApplies } from '../../../../src/core/policy/statement';
import { NO, YES } from '../../../../src/core/policy/tri';
import { CONTEXTS, type Context, PARTITIONS, ROOT_SESSION_CONTEXTS, decisiveKeys, denyStatement, grantStatement, isPrincipalTag } from './generative';

/** Named by some generated statements; never by any. */
const NAMED = '111122223333';
const UNNAMED = '444455556666';

const read = (statements: object[], name: string): Policy => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name);
const RCP_FULL_ACCESS = read([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], 'RCPFullAWSAccess');

/** The condition keys a set of statements mentions, lower case. */
const conditionKeys = (policies: Policy[]) => new Set(policies.flatMap((p) => p.statements.flatMap((s) => s.conditions.map((c) => c.key.toLowerCase()))));

/** `dependsOn` of an answer: empty when certain; else it names every free key that changed an answer, and only keys the text conditions on. */
function checkDependsOn(answer: { certain: boolean; dependsOn: readonly string[] }, decisive: string[], policies: Policy[], what: string): void {
  const listed = answer.dependsOn.map((k) => k.toLowerCase());
  if (answer.certain) return assert.deepEqual(answer.dependsOn, [], `${what}: certain, yet depends on ${answer.dependsOn}`);
  const mentioned = conditionKeys(policies);
  for (const key of listed) assert.ok(key === UNKNOWN_VALUE || key === SHORT_ARN_PATTERN.toLowerCase() || mentioned.has(key), `${what}: depends on ${key}, which no condition names`);
  for (const key of decisive) assert.ok(listed.includes(key.toLowerCase()), `${what}: ${key} changes the answer but dependsOn is ${JSON.stringify(answer.dependsOn)}`);
}

/** Answers to every request tried (grid and candidates), by request apart from the free keys. */
type Tried = { cell: string; context: Context; answer: unknown }[];

/** Outside a capped enumeration, each key `dependsOn` names changed some answer when set alone. */
function checkNamedKeysChange(answer: { dependsOn: readonly string[] }, tried: Tried, capped: boolean, what: string): void {
  if (capped) return;
  for (const key of answer.dependsOn.filter((k) => k !== UNKNOWN_VALUE && k !== SHORT_ARN_PATTERN).map((k) => k.toLowerCase())) {
    const seen = new Map<string, unknown>();
    const changes = tried.some(({ cell, context, answer }) => {
      const rest = JSON.stringify([cell, Object.entries(context).filter(([k]) => k.toLowerCase() !== key).sort(([a], [b]) => a.localeCompare(b))]);
      if (!seen.has(rest)) seen.set(rest, answer);
      return seen.get(rest) !== answer;
    });
    assert.ok(changes, `${what}: depends on ${key}, but no value of it changes an answer`);
  }
}

/**
 * `everyAccount`, `accounts` and `partitions` against the accounts where the concrete engine found the answer
 * holding (`held`) and the accounts and partitions where some request showed it could (`witnessed`). Past the
 * enumeration cap the engine keeps answers whose witness may lie among the valuations it did not try (as it
 * must, to stay sound), so only the first direction is checked then: every answer found is reported.
 */
function checkReach(reach: Reach, held: Set<string>, witnessed: Set<string>, namesNamed: boolean, capped: boolean, what: string): void {
  const listed = reach.accounts.map((a) => a.account);
  if (held.has(UNNAMED)) assert.ok(reach.everyAccount, `${what}: holds in ${UNNAMED}, which no policy names, but everyAccount is false`);
  if (namesNamed && held.has(NAMED)) assert.ok(listed.includes(NAMED), `${what}: holds in ${NAMED} (named) but accounts is ${JSON.stringify(listed)}`);
  if (capped) return;
  for (const partition of reach.partitions) assert.ok(witnessed.has(partition), `${what}: lists ${partition}, but no request there shows it`);
  if (reach.everyAccount) assert.ok(witnessed.has(UNNAMED), `${what}: everyAccount, but no request in ${UNNAMED} shows it`);
  if (listed.includes(NAMED)) assert.ok(witnessed.has(NAMED), `${what}: lists ${NAMED}, but no request there shows it`);
  if (reach.exceptAccounts.includes(NAMED)) assert.ok(!witnessed.has(NAMED), `${what}: excepts ${NAMED}, but a request there shows it`);
}

/** An RCP's Deny names the principals it applies to; `*` is the only value AWS accepts. */
const rcpStatement = fc.tuple(denyStatement, fc.boolean()).map(([statement, named]) => (named ? { ...statement, Principal: '*' } : statement));

const ROOT_SESSION_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:userid', 'aws:assumedroot', 'aws:resourceaccount']);

function checkDenials(statement: object, kind: 'scp' | 'rcp'): void {
  const policy = read([statement], kind);
  const parsed = policy.statements[0];
  const withPrincipal = kind === 'rcp' && parsed.principal !== undefined;
  const denials = rootSessionDenials(policy, kind);
  // The symbolic answer reads an RCP Deny without `Principal` (which Organizations rejects) as naming all;
  // evaluation reads policy text literally, so the oracle is the statement with the `*` written out.
  const oracle = kind === 'rcp' ? read([{ Principal: '*', ...statement }], kind) : policy;
  // A root session's principal tags are absent, as the engine reads them: never a value to try.
  const tags = parsed.conditions.map((entry) => entry.key.toLowerCase()).filter(isPrincipalTag);
  const candidates = valuations([parsed], new Set([...ROOT_SESSION_KEYS, ...tags]));
  const witnesses: Context[] = [...ROOT_SESSION_CONTEXTS, ...candidates.list];
  const namesNamed = JSON.stringify(statement).includes(NAMED);
  for (const task of TASK_POLICY_NAMES) {
    const denial = denials.find((d) => d.task === task);
    const what = `${kind} ${task} ${JSON.stringify(statement)}`;
    const held = new Set<string>();
    const witnessed = new Set<string>();
    const answers: Tried = [];
    const tried: Tried = [];
    for (const partition of PARTITIONS) {
      for (const account of [NAMED, UNNAMED]) {
        for (const call of TASK_CALLS[task]) {
          if (kind === 'rcp' && !rcpsGovern(call.action)) {
            // RCPs limit no IAM call: evaluation lets it through, and no denial may report it.
            const request = rootSessionRequest(call, { partition, account }, {});
            assert.notEqual(evaluate(request, { rcps: [[oracle]] }).decision, 'explicitDeny', `${what}: an RCP limits ${call.action}`);
            assert.ok(!denial?.actions.includes(call.action), `${what}: ${call.action} reported, which no RCP limits`);
            continue;
          }
          for (const [i, context] of witnesses.entries()) {
            const request = rootSessionRequest(call, { partition, account }, context);
            const applies = statementApplies(parsed, prepareRequest(request), withPrincipal).applies;
            tried.push({ cell: `${partition}/${account}/${call.action}`, context, answer: applies });
            if (applies !== NO) [account, partition].forEach((w) => witnessed.add(w));
            if (i >= ROOT_SESSION_CONTEXTS.length) continue;
            // The concrete engine itself: the policy as the only one at its level of the organization path.
            // RCPFullAWSAccess beside the RCP, as AWS attaches it: only a Deny of the RCP tells the readings apart.
            const decision = evaluate(request, kind === 'scp' ? { scps: [[oracle]] } : { rcps: [[oracle, RCP_FULL_ACCESS]] });
            // An RCP's Deny of a call on no resource may apply (rcpsGovernRequest): evaluation says it is uncertain, and why.
            const denied = decision.decision === 'explicitDeny' || (decision.uncertain && decision.dependsOn.includes(RCP_ON_NO_RESOURCE));
            assert.equal(denied, applies === YES, `${what}: evaluate and the statement disagree on ${call.action}`);
            answers.push({ cell: `${partition}/${account}/${call.action}`, context, answer: applies });
            if (!denied) continue;
            held.add(account);
            assert.ok(denial?.actions.includes(call.action), `${what}: ${call.action} in ${partition}/${account} ${JSON.stringify(context)} denied but not reported`);
            assert.ok(denial?.partitions.includes(partition), `${what}: ${partition} missing`);
          }
        }
      }
    }
    if (!denial) continue;
    checkReach(denial, held, witnessed, namesNamed, candidates.capped, what);
    checkDependsOn(denial, decisiveKeys(answers), [policy], what);
    checkNamedKeysChange(denial, tried, candidates.capped, what);
  }
}

/** Keys the caller's AssumeRoot request never carries (ASSUME_ROOT_ABSENCE): no witness of a grant gives them. */
const ASSUME_ROOT_LACKS = ['aws:assumedroot', 'aws:tagkeys'];

function asAssumeRootMakesIt(context: Context): Context {
  return Object.fromEntries(Object.entries(context).filter(([key]) => !ASSUME_ROOT_LACKS.includes(key.toLowerCase())));
}

describe('symbolic answers: reach and dependencies agree with concrete evaluation (generative)', function () {
  this.timeout(180_000);

  it('rootSessionDenials of SCPs: everyAccount, accounts and dependsOn', () => {
    fc.assert(
      fc.property(denyStatement, (statement) => checkDenials(statement, 'scp')),
      { numRuns: 40, seed: 1205 },
    );
  });

  it('rootSessionDenials of RCPs (with and without Principal "*"): calls, partitions, everyAccount, accounts and dependsOn', () => {
    fc.assert(
      fc.property(rcpStatement, (statement) => checkDenials(statement, 'rcp')),
      { numRuns: 40, seed: 1206 },
    );
  });

  it('principalRootGrant within a permissions boundary: tasks, partitions, everyAccount, accounts, dependsOn and certainty', () => {
    const statements = fc.array(grantStatement, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(statements, fc.option(statements, { nil: undefined }), (identityStatements, boundaryStatements) => {
        const identity = read(identityStatements, 'identity');
        const boundary = boundaryStatements && read(boundaryStatements, 'boundary');
        const set = { identity: [identity], permissionsBoundary: boundary };
        const grants = principalRootGrant(set);
        const policies = [identity, ...(boundary ? [boundary] : [])];
        const text = JSON.stringify([identityStatements, boundaryStatements]);
        // A policy that writes ARNs of some partitions is read as deployed in one of them, as the engine does;
        // only statements that can cover sts:AssumeRoot count (the generator's other action is iam:*).
        const aboutAssumeRoot = JSON.stringify([...identityStatements, ...(boundaryStatements ?? [])].filter((s) => [s.Action].flat().some((a) => a !== 'iam:*')));
        const named = [...new Set([...aboutAssumeRoot.matchAll(/arn:(aws[a-z-]*):/g)].map((m) => m[1]))];
        const candidates = valuations(policies.flatMap((p) => p.statements), new Set(['sts:taskpolicyarn', ...ASSUME_ROOT_LACKS]));
        const witnesses: Context[] = [...CONTEXTS, ...candidates.list].map(asAssumeRootMakesIt);
        for (const task of TASK_POLICY_NAMES) {
          const grant = grants.find((g) => g.task === task);
          const what = `${task} ${text}`;
          const held = new Set<string>();
          const witnessed = new Set<string>();
          const answers: Tried = [];
          const tried: Tried = [];
          let certainSomewhere = false;
          // The accounts the grant names as examples of a pattern (1111* as 111100000000) are tried too: the
          // grant may be certain there and nowhere else.
          const accounts = [...new Set([NAMED, UNNAMED, ...(grant?.accounts.map((a) => a.account) ?? [])])];
          for (const partition of named.length ? named : PARTITIONS) {
            for (const account of accounts) {
              let always = true;
              for (const [i, context] of witnesses.entries()) {
                const request: Request = { action: 'sts:AssumeRoot', resource: `arn:${partition}:iam::${account}:root`, context: { ...context, 'sts:TaskPolicyArn': taskPolicyArn(task, partition) }, ...ASSUME_ROOT_ABSENCE };
                const decision = evaluate(request, set);
                if (decision.decision === 'allowed' || decision.uncertain) [account, partition].forEach((w) => witnessed.add(w));
                tried.push({ cell: `${partition}/${account}`, context, answer: decision.uncertain ? 'maybe' : decision.decision === 'allowed' });
                if (i >= CONTEXTS.length) continue;
                const allowed = decision.decision === 'allowed' && !decision.uncertain;
                answers.push({ cell: `${partition}/${account}`, context, answer: allowed });
                if (!allowed) {
                  always = false;
                  continue;
                }
                held.add(account);
                assert.ok(grant, `${what}: allowed in ${partition}/${account} ${JSON.stringify(context)} but not reported`);
                assert.ok(grant.partitions.includes(partition), `${what}: ${partition} missing`);
              }
              if (always) certainSomewhere = true;
            }
          }
          if (!grant) continue;
          if (grant.certain) assert.ok(certainSomewhere, `${what}: called certain but some request is refused`);
          checkReach(grant, held, witnessed, aboutAssumeRoot.includes(NAMED), candidates.capped, what);
          checkDependsOn(grant, decisiveKeys(answers), policies, what);
          checkNamedKeysChange(grant, tried, candidates.capped, what);
        }
      }),
      { numRuns: 40, seed: 1207 },
    );
  });
});
