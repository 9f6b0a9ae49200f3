/** "Did you mean" suggestions for misspelled names (actions, services, operators, elements). */

/** Levenshtein distance, case-insensitive, giving up (returning `limit + 1`) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Before anything that copies the strings: a 5 MB name against hundreds of candidates was seconds.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = new Uint32Array(t.length + 1).map((_, j) => j);
  let current = new Uint32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[t.length];
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
