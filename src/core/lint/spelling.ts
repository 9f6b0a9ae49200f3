/** "Did you mean" suggestions for misspelled names (actions, services, operators, elements). */

/**
 * The two rows of the distance table for names of up to 255 characters (every IAM name), reused from call
 * to call: `nearest` measures a word against hundreds of candidates, and two fresh arrays per call were most
 * of its cost. Longer texts get rows of their own, so that one odd value does not stay in memory.
 */
const SHARED_ROW_LENGTH = 256;
const sharedRows = [new Uint32Array(SHARED_ROW_LENGTH), new Uint32Array(SHARED_ROW_LENGTH)] as const;

/**
 * Levenshtein distance, case-insensitive, giving up (returning `limit + 1`) once it exceeds `limit`. Only
 * the cells within `limit` of the diagonal are worked out: any other is further than `limit` anyway, and
 * `nearest` asks with a limit of 1 to 4 against hundreds of candidates.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Before anything that copies the strings: a 5 MB name against hundreds of candidates was seconds.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const shared = t.length < SHARED_ROW_LENGTH;
  let previous = shared ? sharedRows[0] : new Uint32Array(t.length + 1);
  let current = shared ? sharedRows[1] : new Uint32Array(t.length + 1);
  const beyond = Math.min(limit + 1, 0xffffffff);
  for (let j = 0; j <= t.length; j++) previous[j] = j <= limit ? j : beyond;
  for (let i = 1; i <= s.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(t.length, i + limit);
    current[from - 1] = from === 1 ? i : beyond;
    let rowMin = current[from - 1];
    for (let j = from; j <= to; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    // The cell just right of the band is read by the next row as its `previous[j]`.
    if (to < t.length) current[to + 1] = beyond;
    if (rowMin > limit) return limit + 1;
    const done = previous;
    previous = current;
    current = done;
  }
  return Math.min(previous[t.length], beyond);
}

/**
 * The candidate closest to `word`, when it is close enough to be a plausible typo: within a third of the
 * word's length (at least 1, at most 4 edits). Ties go to the first candidate.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(4, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}
