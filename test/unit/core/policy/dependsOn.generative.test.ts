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
 * `depends` is answered only where two completions are answered differently. Scope: read one entry at a time,
 * two entries on one key can contradict or complement each other (`StringEquals team red` in one stage and
 * `StringNotEquals team red` in another never both hold, yet each alone depends on the team); the engine
 * decides such a key jointly over one value per class of values its entries tell apart, which it can do for
 * entries that compare against literal values. So the policy sets of this check keep, per condition key,
 * its first two entries when both are of the literal kinds (`String(Not)Equals` and their `IgnoreCase` and
 * `IfExists` forms, `StringLike`-family without wildcards; or both `Numeric`; or both `(Not)IpAddress`) on a
 * single-valued key, and its first entry only otherwise (wildcard patterns, multi-valued keys and set
 * operators are tested by one entry at most). A left-out key's completions are its grid values, the values its entries
 * name (with `*` filled in, a block's own address, case variants, numbers next to and between the bounds) and
 * a value none names: for these entries they hold a value answering otherwise wherever one exists.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ConditionEntry, type Policy, type PolicySet, type Request, decideOrgFilters, evaluate, readPolicy } from '../../../../src/core/policy';
import { evaluateAsGiven } from '../../../../src/core/policy/evaluate';
import { type Context, GRID as FREE_GRID, freeConditions, mergeConditions, oneOrMany } from './generative';

const read = (statements: object[], name: string): Policy => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), name);

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const MFA_AGE = 'aws:MultiFactorAuthAge';

/** The free keys' grid, with a numeric key for the ordered comparisons. */
const GRID: Record<string, (string | string[] | undefined)[]> = { ...FREE_GRID, [MFA_AGE]: [undefined, '300', '7200'] };

/** Entries that compare against literal values, so that a key is often tested twice by them. */
const literalConditions = (minKeys: number) =>
  fc.dictionary(
    fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIfExists', 'StringLike', 'NumericLessThan', 'NumericGreaterThan', 'NumericGreaterThanEquals', 'NumericEqualsIfExists'),
    fc.dictionary(fc.constantFrom('aws:PrincipalTag/team', MFA_AGE), oneOrMany(fc.constantFrom('red', 'RED', 'blue', '300', '3600', '3601')), { minKeys, maxKeys: 1 }),
    { minKeys, maxKeys: 1 },
  );
const statement = (withPrincipal: boolean) =>
  fc.record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Action: oneOrMany(fc.constantFrom('*', 's3:*', 's3:GetObject', 'iam:*', 'ec2:CreateTags')),
    Resource: oneOrMany(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::other/*')),
    Condition: fc.tuple(freeConditions, literalConditions(0)).map(([a, b]) => mergeConditions(a, b)),
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

/**
 * Sets whose statements all apply but for their literal conditions on two keys, in SCP levels and a
 * boundary: where entries on one key meet across stages (`team red` at one level, `team not red` below).
 */
const focusedStatement = fc.record({ Effect: fc.constantFrom('Allow', 'Allow', 'Deny'), Action: fc.constant('*'), Resource: fc.constant('*'), Condition: literalConditions(1) });
const focusedStatements = fc.array(focusedStatement, { minLength: 1, maxLength: 2 });
const focusedSet = fc
  .record({ boundary: fc.option(focusedStatements, { nil: undefined }), scps: fc.array(fc.array(focusedStatements, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }) })
  .map(
    (g): PolicySet => ({
      identity: [read([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'identity')],
      permissionsBoundary: g.boundary && read(g.boundary, 'boundary'),
      scps: g.scps.map((level, i) => level.map((p, j) => read(p, `scp ${i}.${j}`))),
    }),
  );
const anySet = fc.oneof({ arbitrary: policySet, weight: 1 }, { arbitrary: focusedSet, weight: 2 });

/** The keys the request gives (a grid value each); the others are left out. */
const givenContext = fc.dictionary(fc.constantFrom(...Object.keys(GRID)), fc.nat(), { maxKeys: 3 }).map((picks): Context => {
  const context: Context = {};
  for (const [key, pick] of Object.entries(picks)) {
    const values = GRID[key].filter((v) => v !== undefined);
    context[key] = values[pick % values.length]!;
  }
  return context;
});

const requestWith = (context: Context): Request => ({
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  principal: { type: 'AWS', id: ALICE },
  context: { ...context, 'aws:ResourceAccount': '111122223333' },
});

/** The left-out keys whose value, set alone (to one of `values`), changes the answer. */
function keysThatMatter(context: Context, values: Record<string, (string | string[] | undefined)[]>, answer: (c: Context) => string): string[] {
  const base = answer(context);
  return Object.entries(values)
    .filter(([key, options]) => options.some((v) => v !== undefined && answer({ ...context, [key]: v }) !== base))
    .map(([key]) => key);
}

const lower = (keys: readonly string[]) => keys.map((k) => k.toLowerCase());

const LITERAL_OPERATOR = /^(String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric\w+|(Not)?IpAddress)(IfExists)?$/;

/** The family of comparison an entry makes against literal values, or undefined (wildcards, addresses, sets). */
function literalFamily(entry: ConditionEntry): string | undefined {
  if (!LITERAL_OPERATOR.test(entry.operator)) return undefined;
  if (entry.operator.startsWith('Numeric')) return 'Numeric';
  if (entry.operator.includes('IpAddress')) return 'IpAddress';
  return entry.values.some((v) => /[*?]/.test(v)) ? undefined : 'String';
}

/** Keys that carry several values per request: each is tested by one entry at most. */
const MULTIVALUED = new Set(['aws:tagkeys']);

/** The set with, per condition key, its first two entries (in stage order) when both are literal of one family, else its first only. */
function exactScope(set: PolicySet): PolicySet {
  const entries = new Map<string, ConditionEntry[]>();
  const visit = (policy: Policy) => policy.statements.forEach((s) => s.conditions.forEach((e) => entries.set(e.key.toLowerCase(), [...(entries.get(e.key.toLowerCase()) ?? []), e])));
  const policies = [...(set.identity ?? []), ...(set.permissionsBoundary ? [set.permissionsBoundary] : []), ...(set.scps ?? []).flat(), ...(set.rcps ?? []).flat(), ...(set.resource ? [set.resource] : [])];
  policies.forEach(visit);
  const kept = new Set<ConditionEntry>();
  for (const [key, list] of entries) {
    const [first, second] = list;
    const family = literalFamily(first);
    const pair = second !== undefined && !MULTIVALUED.has(key) && family !== undefined && literalFamily(second) === family;
    kept.add(first);
    if (pair) kept.add(second);
  }
  const trim = (policy: Policy): Policy => ({ ...policy, statements: policy.statements.map((s) => ({ ...s, conditions: s.conditions.filter((e) => kept.has(e)) })) });
  return {
    identity: set.identity?.map(trim),
    permissionsBoundary: set.permissionsBoundary && trim(set.permissionsBoundary),
    scps: set.scps?.map((level) => level.map(trim)),
    rcps: set.rcps?.map((level) => level.map(trim)),
    resource: set.resource && trim(set.resource),
  };
}

const FRESH = 'named-by-no-policy';

/** Numbers next to a bound, and between each two: where ordered comparisons tell values apart. */
function numericWitnesses(named: readonly string[]): string[] {
  const bounds = [...new Set(named.filter((v) => /^-?\d+(\.\d+)?$/.test(v)).map(Number))].sort((a, b) => a - b);
  const between = bounds.slice(1).map((b, i) => (bounds[i] + b) / 2);
  return [...bounds.flatMap((b) => [b - 1, b + 1]), ...between].map(String);
}

/** Values beside a policy value that its operator may answer otherwise for: an instance of a pattern, case variants, a block's own address. */
function witnessesOf(operator: string, value: string): string[] {
  if (/Like/.test(operator)) return [value.replace(/[*?]/g, 'x')];
  if (/IgnoreCase/.test(operator)) return [value.toUpperCase(), value.toLowerCase(), value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()];
  if (/IpAddress/.test(operator)) return [value.split('/')[0]];
  return [];
}

/** Per left-out key its completions: absent, the grid's values, what its entries name (and their neighbours), and a fresh value; keys no entry tests stay absent. */
function witnessValues(set: PolicySet, context: Context): Record<string, (string | string[] | undefined)[]> {
  const policies = [...(set.identity ?? []), ...(set.permissionsBoundary ? [set.permissionsBoundary] : []), ...(set.scps ?? []).flat(), ...(set.rcps ?? []).flat(), ...(set.resource ? [set.resource] : [])];
  const entries = policies.flatMap((p) => p.statements.flatMap((s) => s.conditions));
  const values: Record<string, (string | string[] | undefined)[]> = {};
  for (const key of Object.keys(GRID).filter((k) => !(k in context))) {
    const tested = entries.filter((e) => e.key.toLowerCase() === key.toLowerCase());
    const named = tested.flatMap((e) => e.values.flatMap((v) => [v, ...witnessesOf(e.operator, v)]));
    const numeric = numericWitnesses(tested.filter((e) => e.operator.includes('Numeric')).flatMap((e) => e.values));
    values[key] = tested.length === 0 ? [undefined] : [...new Set([...GRID[key], ...named, ...numeric]), FRESH];
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
const concreteFilters = (set: PolicySet, c: Context) => (decisionOf(c, { ...filtersOnly(set), identity: [ALLOW_ALL] }) === 'allowed' ? 'allowed' : 'denied');
/** The concrete decision of one completion (its `dependsOn` is not needed, so not worked out jointly). */
const decisionOf = (c: Context, set: PolicySet) => evaluateAsGiven(requestWith(c), set).decision;

describe('answers that name their dependencies agree with concrete evaluation (generative)', function () {
  this.timeout(120_000);

  it("evaluate's dependsOn names every left-out key whose value would change the decision", () => {
    fc.assert(
      fc.property(anySet, givenContext, (set, context) => {
        const decision = evaluate(requestWith(context), set);
        for (const key of keysThatMatter(context, witnessValues(set, context), (c) => decisionOf(c, set))) {
          assert.ok(lower(decision.dependsOn).includes(key.toLowerCase()), `${key} changes ${decision.decision} but dependsOn is ${JSON.stringify(decision.dependsOn)}`);
        }
      }),
      { numRuns: 500, seed: 1208 },
    );
  });

  it('decideOrgFilters: allowed and denied hold for every completion; depends names every key that changes the answer', () => {
    const concrete = concreteFilters;
    fc.assert(
      fc.property(anySet, givenContext, (set, context) => {
        const answer = decideOrgFilters(requestWith(context), filtersOnly(set));
        const values = witnessValues(filtersOnly(set), context);
        if (answer.outcome !== 'depends') {
          const contrary = allCompletions(context, values).find((c) => concrete(set, c) !== answer.outcome);
          assert.equal(contrary, undefined, `${answer.outcome}, yet not for ${JSON.stringify(contrary)}`);
        } else for (const key of keysThatMatter(context, values, (c) => concrete(set, c))) assert.ok(lower(answer.dependsOn).includes(key.toLowerCase()), `${key} changes the answer but dependsOn is ${JSON.stringify(answer.dependsOn)}`);
      }),
      { numRuns: 500, seed: 1209 },
    );
  });

  it("evaluate's dependsOn names only keys that change the decision (a key tested twice by literal entries at most)", () => {
    fc.assert(
      fc.property(anySet.map(exactScope), givenContext, (set, context) => {
        const named = lower(evaluate(requestWith(context), set).dependsOn);
        if (named.length === 0) return;
        const completed = allCompletions(context, witnessValues(set, context));
        const found = decisive(completed, completed.map((c) => decisionOf(c, set)), Object.keys(GRID));
        for (const key of named) assert.ok(found.has(key), `dependsOn names ${key}, but no value of it changes the decision`);
      }),
      { numRuns: 1000, seed: 1210 },
    );
  });

  it('decideOrgFilters: depends only where completions differ, naming only keys that change the answer (a key tested twice by literal entries at most)', () => {
    fc.assert(
      fc.property(anySet.map(exactScope), givenContext, (set, context) => {
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
