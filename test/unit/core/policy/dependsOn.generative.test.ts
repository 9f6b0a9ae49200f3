/**
 * The answers that name what they depend on, checked against concrete evaluation of every completion of
 * the keys a request leaves out, over generated policy sets (identity policy and permissions boundary,
 * SCP and RCP paths, a resource policy):
 *
 * - `evaluate`'s `dependsOn`: a key the request left out whose value would change the decision is named;
 * - `decideOrgFilters`: `allowed` and `denied` hold for every completion, and `depends` names every key
 *   whose value changes the concrete answer.
 *
 * And the other direction, exactness: a key named in `dependsOn` (of either) really changes the concrete
 * answer for some completion (two completions that differ in that key alone are answered differently), and
 * `depends` is answered only where two completions are answered differently. Scope: the engine reasons one
 * condition entry at a time, so it is exact where no left-out key is tested by two entries (two entries on one
 * key, in one statement or in two, can contradict each other: `StringEquals team red` in one stage and
 * `StringEquals team blue` in another never both hold, yet each alone depends on the team). The policy sets
 * of this check keep each key's first condition entry only (a key tested by one entry at most). A left-out
 * key's completions are its grid values, the values its entry names (with `*` filled in, a block's own
 * address) and a value none names: for one entry these hold a value answering otherwise wherever one exists.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ConditionEntry, type Policy, type PolicySet, type Request, decideOrgFilters, evaluate, readPolicy } from '../../../../src/core/policy';
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

/** The set with each condition key's first entry only (in stage order), so no key is tested twice. */
function oneEntryPerKey(set: PolicySet): PolicySet {
  const tested = new Set<string>();
  const keep = (entry: ConditionEntry) => !tested.has(entry.key.toLowerCase()) && Boolean(tested.add(entry.key.toLowerCase()));
  const trim = (policy: Policy): Policy => ({ ...policy, statements: policy.statements.map((s) => ({ ...s, conditions: s.conditions.filter(keep) })) });
  return {
    identity: set.identity?.map(trim),
    permissionsBoundary: set.permissionsBoundary && trim(set.permissionsBoundary),
    scps: set.scps?.map((level) => level.map(trim)),
    rcps: set.rcps?.map((level) => level.map(trim)),
    resource: set.resource && trim(set.resource),
  };
}

const FRESH = 'named-by-no-policy';

/** Per left-out key its completions: absent, the grid's values, what its entry names, and a fresh value; keys no entry tests stay absent. */
function witnessValues(set: PolicySet, context: Context): Record<string, (string | string[] | undefined)[]> {
  const policies = [...(set.identity ?? []), ...(set.permissionsBoundary ? [set.permissionsBoundary] : []), ...(set.scps ?? []).flat(), ...(set.rcps ?? []).flat(), ...(set.resource ? [set.resource] : [])];
  const entries = policies.flatMap((p) => p.statements.flatMap((s) => s.conditions));
  const values: Record<string, (string | string[] | undefined)[]> = {};
  for (const key of Object.keys(GRID).filter((k) => !(k in context))) {
    const named = entries.filter((e) => e.key.toLowerCase() === key.toLowerCase()).flatMap((e) => e.values.flatMap((v) => [v, v.replace(/\*/g, 'x'), v.split('/')[0]]));
    values[key] = named.length === 0 ? [undefined] : [...GRID[key], ...new Set(named), FRESH];
  }
  return values;
}

function allCompletions(context: Context, values: Record<string, (string | string[] | undefined)[]>): Context[] {
  let all: Context[] = [context];
  for (const [key, options] of Object.entries(values)) all = all.flatMap((c) => options.map((v) => (v === undefined ? c : { ...c, [key]: v })));
  return all;
}

/** The left-out keys that change the answer: two completions differing in that key alone are answered differently. */
function decisive(completed: readonly Context[], answers: readonly string[], keys: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const key of keys) {
    const seen = new Map<string, string>();
    for (const [i, c] of completed.entries()) {
      const rest = JSON.stringify(Object.entries(c).filter(([k]) => k !== key).sort(([a], [b]) => a.localeCompare(b)));
      const before = seen.get(rest);
      if (before === undefined) seen.set(rest, answers[i]);
      else if (before !== answers[i]) {
        found.add(key.toLowerCase());
        break;
      }
    }
  }
  return found;
}

const filtersOnly = (set: PolicySet) => ({ scps: set.scps, rcps: set.rcps });
const ALLOW_ALL = read([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'all');
/** The filters alone, concretely: whether the SCP and RCP paths let the request through. */
const concreteFilters = (set: PolicySet, c: Context) => (evaluate(requestWith(c), { ...filtersOnly(set), identity: [ALLOW_ALL] }).decision === 'allowed' ? 'allowed' : 'denied');

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
    const concrete = concreteFilters;
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

  it("evaluate's dependsOn names only keys that change the decision (each key tested once)", () => {
    fc.assert(
      fc.property(policySet.map(oneEntryPerKey), givenContext, (set, context) => {
        const named = lower(evaluate(requestWith(context), set).dependsOn);
        if (named.length === 0) return;
        const completed = allCompletions(context, witnessValues(set, context));
        const found = decisive(completed, completed.map((c) => evaluate(requestWith(c), set).decision), Object.keys(GRID));
        for (const key of named) assert.ok(found.has(key), `dependsOn names ${key}, but no value of it changes the decision`);
      }),
      { numRuns: 1000, seed: 1210 },
    );
  });

  it('decideOrgFilters: depends only where completions differ, naming only keys that change the answer (each key tested once)', () => {
    fc.assert(
      fc.property(policySet.map(oneEntryPerKey), givenContext, (set, context) => {
        const answer = decideOrgFilters(requestWith(context), filtersOnly(set));
        if (answer.outcome !== 'depends') return;
        const completed = allCompletions(context, witnessValues(filtersOnly(set), context));
        const outcomes = completed.map((c) => concreteFilters(set, c));
        assert.ok(new Set(outcomes).size > 1, `depends on ${JSON.stringify(answer.dependsOn)}, yet every completion is ${outcomes[0]}`);
        const found = decisive(completed, outcomes, Object.keys(GRID));
        for (const key of lower(answer.dependsOn)) assert.ok(found.has(key), `depends on ${key}, but no value of it changes the answer`);
      }),
      { numRuns: 1000, seed: 1211 },
    );
  });
});
