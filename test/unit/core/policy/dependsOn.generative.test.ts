/**
 * The answers that name what they depend on, checked against concrete evaluation of every completion of
 * the keys a request leaves out, over generated policy sets (identity policy and permissions boundary,
 * SCP and RCP paths, a resource policy):
 *
 * - `evaluate`'s `dependsOn`: a key the request left out whose value would change the decision is named;
 * - `decideOrgFilters`: `allowed` and `denied` hold for every completion, and `depends` names every key
 *   whose value changes the concrete answer.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Policy, type PolicySet, type Request, decideOrgFilters, evaluate, readPolicy } from '../../../../src/core/policy';
import { type Context, GRID, freeConditions, oneOrMany } from './generative';

const read = (statements: object[], name: string): Policy => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name);

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const statement = (withPrincipal: boolean) =>
  fc.record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Action: oneOrMany(fc.constantFrom('*', 's3:*', 's3:GetObject', 'iam:*', 'ec2:CreateTags')),
    Resource: oneOrMany(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::other/*')),
    Condition: freeConditions,
    ...(withPrincipal ? { Principal: fc.constantFrom('*', { AWS: ALICE }, { AWS: 'arn:aws:iam::444455556666:root' }) } : {}),
  });
const statements = (withPrincipal = false) => fc.array(statement(withPrincipal), { minLength: 1, maxLength: 3 });
const levels = (withPrincipal = false) => fc.array(fc.array(statements(withPrincipal), { minLength: 1, maxLength: 2 }), { minLength: 0, maxLength: 2 });

const policySet = fc
  .record({
    identity: statements(),
    boundary: fc.option(statements(), { nil: undefined }),
    scps: levels(),
    rcps: levels(true),
    resource: fc.option(statements(true), { nil: undefined }),
  })
  .map(
    (g): PolicySet => ({
      identity: [read(g.identity, 'identity')],
      permissionsBoundary: g.boundary && read(g.boundary, 'boundary'),
      scps: g.scps.map((level, i) => level.map((p, j) => read(p, `scp ${i}.${j}`))),
      rcps: g.rcps.map((level, i) => level.map((p, j) => read(p, `rcp ${i}.${j}`))),
      resource: g.resource && read(g.resource, 'resource'),
    }),
  );

/** The keys the request gives (a grid value each); the others are left out. */
const givenContext = fc.dictionary(fc.constantFrom(...Object.keys(GRID)), fc.nat(), { maxKeys: 3 }).map((picks): Context => {
  const context: Context = {};
  for (const [key, pick] of Object.entries(picks)) {
    const values = GRID[key].filter((v) => v !== undefined);
    context[key] = values[pick % values.length]!;
  }
  return context;
});

/** Every completion of the keys the context leaves out, over the grid (absence included). */
function completions(context: Context): Context[] {
  let all: Context[] = [context];
  for (const [key, values] of Object.entries(GRID)) {
    if (key in context) continue;
    all = all.flatMap((c) => values.map((v) => (v === undefined ? c : { ...c, [key]: v })));
  }
  return all;
}

const requestWith = (context: Context): Request => ({
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  principal: { type: 'AWS', id: ALICE },
  context: { ...context, 'aws:ResourceAccount': '111122223333' },
});

/** The left-out keys whose value, set alone, changes the answer. */
function keysThatMatter(context: Context, answer: (c: Context) => string): string[] {
  const base = answer(context);
  return Object.entries(GRID)
    .filter(([key]) => !(key in context))
    .filter(([key, values]) => values.some((v) => v !== undefined && answer({ ...context, [key]: v }) !== base))
    .map(([key]) => key);
}

const lower = (keys: readonly string[]) => keys.map((k) => k.toLowerCase());

describe('answers that name their dependencies agree with concrete evaluation (generative)', function () {
  this.timeout(120_000);

  it("evaluate's dependsOn names every left-out key whose value would change the decision", () => {
    fc.assert(
      fc.property(policySet, givenContext, (set, context) => {
        const decision = evaluate(requestWith(context), set);
        for (const key of keysThatMatter(context, (c) => evaluate(requestWith(c), set).decision)) {
          assert.ok(lower(decision.dependsOn).includes(key.toLowerCase()), `${key} changes ${decision.decision} but dependsOn is ${JSON.stringify(decision.dependsOn)}`);
        }
      }),
      { numRuns: 500, seed: 1208 },
    );
  });

  it('decideOrgFilters: allowed and denied hold for every completion; depends names every key that changes the answer', () => {
    const filtersOnly = (set: PolicySet) => ({ scps: set.scps, rcps: set.rcps });
    // The filters alone, concretely: whether the SCP and RCP paths let the request through.
    const concrete = (set: PolicySet, c: Context) => {
      const decision = evaluate(requestWith(c), { ...filtersOnly(set), identity: [read([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'all')] });
      return decision.decision === 'allowed' ? 'allowed' : 'denied';
    };
    fc.assert(
      fc.property(policySet, givenContext, (set, context) => {
        const answer = decideOrgFilters(requestWith(context), filtersOnly(set));
        const outcomes = new Set(completions(context).map((c) => concrete(set, c)));
        if (answer.outcome !== 'depends') assert.deepEqual([...outcomes], [answer.outcome], `${answer.outcome}, yet some completion is not`);
        else for (const key of keysThatMatter(context, (c) => concrete(set, c))) assert.ok(lower(answer.dependsOn).includes(key.toLowerCase()), `${key} changes the answer but dependsOn is ${JSON.stringify(answer.dependsOn)}`);
      }),
      { numRuns: 500, seed: 1209 },
    );
  });
});
