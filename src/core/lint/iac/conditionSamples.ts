/**
 * Which sides of a policy's template conditions (`Fn::If`, Terraform conditionals) the linter reads it on.
 * Every combination of n conditions is 2^n readings, so past three conditions the readings form a covering
 * array: a set of rows, one per reading, in which every combination of sides of any t conditions appears in
 * some row (strength t). Strength 2 finds every finding that needs two conditions on given sides ("RootOps
 * true and Restrict false"), whatever the others; strength 3 also finds those that need three, and names a
 * finding of one or two conditions by exactly those, since every other condition takes both sides among the
 * rows that have the finding's. A finding that needs four or more conditions on given sides may be missed.
 */

/** Rows of sides: `rows[r][c]`, whether condition c holds in reading r. */
export type SideRows = boolean[][];

export interface SideSample {
  rows: SideRows;
  /**
   * The combinations read: of the sides of any `strength` conditions (every combination with no more
   * conditions than that). 1 reads each side of each condition, and not every pair of sides.
   */
  strength: 1 | 2 | 3;
}

/** At most this many conditions are read in every combination of their sides (eight readings). */
const EVERY_COMBINATION = 3;

/**
 * The readings of `conditions` conditions, at most `maxReadings` (at least 2) of them: the highest strength
 * that fits, and past every covering array, two readings: every condition true, every one false.
 */
export function sampleSides(conditions: number, maxReadings: number): SideSample {
  if (conditions <= EVERY_COMBINATION) return { rows: everyCombination(conditions), strength: 3 };
  if (tripleRowCount(conditions) <= maxReadings) return { rows: tripleRows(conditions), strength: 3 };
  if (pairRowCount(conditions) <= maxReadings) return { rows: pairRows(conditions), strength: 2 };
  return { rows: [true, false].map((holds) => Array<boolean>(conditions).fill(holds)), strength: 1 };
}

/**
 * The rows of sampleSides's covering array of `strength` for `conditions` independent conditions, or
 * undefined past `maxRows`: far fewer than factorRows's greedy search needs for many conditions (43 rows of
 * strength 3 for 100, where the greedy search needs 76 for strength 2).
 */
export function coveringRows(conditions: number, strength: 2 | 3, maxRows: number): SideRows | undefined {
  if (strength === 3) return tripleRowCount(conditions) <= maxRows ? tripleRows(conditions) : undefined;
  return pairRowCount(conditions) <= maxRows ? pairRows(conditions) : undefined;
}

/** The rows of every combination, the first condition changing fastest, every condition true first. */
function everyCombination(conditions: number): SideRows {
  return Array.from({ length: 2 ** conditions }, (_, k) => Array.from({ length: conditions }, (_, c) => ((k >> c) & 1) === 0));
}

/**
 * The fewest rows of `pairRows`: rows r such that the r - 1 rows after the first have ceil(r / 2)-element
 * subsets enough for one per condition.
 */
function pairRowCount(conditions: number): number {
  let rows = 2;
  while (binomial(rows - 1, Math.ceil(rows / 2)) < conditions) rows++;
  return rows;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/**
 * A covering array of strength 2 (Kleitman and Spencer's): every condition holds in the first row, and fails
 * in the rows of its own subset of w = ceil(rows / 2) of the others, a different subset for each. Two
 * conditions both hold in the first row; both fail where their subsets meet (two w-element subsets of fewer
 * than 2w rows always do); and each fails alone in a row of its subset that is not in the other's (neither
 * holds the other: they differ and have the same size).
 */
function pairRows(conditions: number): SideRows {
  const count = pairRowCount(conditions);
  const size = Math.ceil(count / 2);
  const rows: SideRows = Array.from({ length: count }, () => Array<boolean>(conditions).fill(true));
  // The subsets as bits over the rows after the first, in increasing order (Gosper's next-subset step).
  // 31 bits hold them: a file cannot hold the C(30, 15) conditions that would need more.
  let subset = 2 ** size - 1;
  for (let c = 0; c < conditions; c++) {
    for (let row = 1; row < count; row++) if ((subset >> (row - 1)) & 1) rows[row][c] = false;
    const lowest = subset & -subset;
    const ripple = subset + lowest;
    subset = (((ripple ^ subset) >> 2) / lowest) | ripple;
  }
  return rows;
}

function tripleRowCount(conditions: number): number {
  if (conditions <= 1) return 2;
  const half = Math.ceil(conditions / 2);
  return tripleRowCount(half) + pairRowCount(half);
}

/**
 * A covering array of strength 3 for twice as many conditions as two smaller ones cover (Roux's doubling):
 * the strength-3 rows for half the conditions, each written twice side by side, then the strength-2 rows,
 * each written beside its own negation. Three conditions within one half are covered by the first part; a
 * condition and its own copy with a third, by the first part where they agree and the second where they
 * differ; any other three, by the first part. Cut to the conditions there are, it stays a covering array.
 */
function tripleRows(conditions: number): SideRows {
  if (conditions <= 1) return [[true], [false]].map((row) => row.slice(0, conditions));
  const half = Math.ceil(conditions / 2);
  const doubled = tripleRows(half).map((row) => [...row, ...row]);
  const negated = pairRows(half).map((row) => [...row, ...row.map((holds) => !holds)]);
  return [...doubled, ...negated].map((row) => row.slice(0, conditions));
}

/**
 * The most combinations of values `factorRows` tracks: past them a policy's conditions are read on fewer
 * combinations (each value of each factor), as many readings do not fit in any case.
 */
const MAX_TRACKED_COMBINATIONS = 100_000;

/**
 * Rows of values of factors that take `levels[f]` values each (conditions that go together, such as two
 * comparisons of one parameter, are one factor whose values are the sides they can take together), such that
 * every combination of values of any `strength` factors is in some row. `seed`: rows that already set some
 * factors (-1 where they leave one unset), a covering array of that strength for those factors among
 * themselves: only combinations with another factor are tracked, and the seed's rows are the first rows,
 * filled in. Built greedily: each row (after the seed's) starts from a combination no row has yet, then each
 * other factor takes the value that adds the most combinations not yet in a row. Undefined past `maxRows`
 * rows, or when there are more combinations than it tracks.
 */
export function factorRows(levels: readonly number[], strength: number, maxRows: number, seed: readonly number[][] = []): number[][] | undefined {
  const size = Math.min(strength, levels.length);
  const seeded = levels.map((_, f) => seed.length > 0 && seed[0][f] >= 0);
  // The factors the seed leaves unset first: a group is tracked when its first factor in this order is one.
  const order = [...levels.keys()].sort((a, b) => Number(seeded[a]) - Number(seeded[b]));
  const unset = seeded.filter((s) => !s).length;
  let trackedGroups = size === 0 ? 1 : 0;
  for (let i = 0; i < unset; i++) trackedGroups += binomial(levels.length - 1 - i, size - 1);
  if (trackedGroups > MAX_TRACKED_COMBINATIONS) return undefined;
  const groups = factorGroups(order, unset, size);
  const sizes = groups.map((group) => group.reduce((product, f) => product * levels[f], 1));
  if (sizes.reduce((sum, size) => sum + size, 0) > MAX_TRACKED_COMBINATIONS) return undefined;
  const unread = sizes.map((size) => new Uint8Array(size).fill(1));
  let left = sizes.reduce((sum, size) => sum + size, 0);
  const groupsOf = levels.map(() => [] as number[]);
  groups.forEach((group, g) => group.forEach((f) => groupsOf[f].push(g)));
  // A combination's place among its group's: the group's values as digits, the first factor lowest.
  const place = (g: number, row: readonly number[]) => groups[g].reduceRight((at, f) => at * levels[f] + row[f], 0);
  const rows: number[][] = [];
  // Each factor the row leaves unset takes the value that adds the most combinations not yet in a row.
  const complete = (row: number[]) => {
    for (let f = 0; f < levels.length; f++) {
      if (row[f] >= 0) continue;
      const decided = groupsOf[f].filter((g) => groups[g].every((other) => other === f || row[other] >= 0));
      let [best, most] = [0, -1];
      for (let value = 0; value < levels[f]; value++) {
        row[f] = value;
        const added = decided.reduce((sum, g) => sum + unread[g][place(g, row)], 0);
        if (added > most) [best, most] = [value, added];
      }
      row[f] = best;
    }
    groups.forEach((_, g) => {
      const at = place(g, row);
      left -= unread[g][at];
      unread[g][at] = 0;
    });
    rows.push(row);
  };
  for (const row of seed) complete([...row]);
  while (left > 0) {
    if (rows.length >= maxRows) return undefined;
    const row = Array<number>(levels.length).fill(-1);
    const start = unread.findIndex((combinations) => combinations.includes(1));
    let code = unread[start].indexOf(1);
    for (const f of groups[start]) {
      row[f] = code % levels[f];
      code = Math.floor(code / levels[f]);
    }
    complete(row);
  }
  return rows;
}

/**
 * Every set of `size` factors, as their indexes, that holds one of the first `unset` of `order`: each is
 * chosen in the order's sequence, so that set's first member is one of them.
 */
function factorGroups(order: readonly number[], unset: number, size: number): number[][] {
  const groups: number[][] = [];
  const choose = (from: number, group: number[]) => {
    if (group.length === size) return void groups.push(group);
    for (let i = from; i < order.length && (group.length > 0 || i < unset); i++) choose(i + 1, [...group, order[i]]);
  };
  choose(0, []);
  return groups;
}
