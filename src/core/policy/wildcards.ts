/**
 * IAM's wildcard matching. Action names and condition keys compare case-insensitively; `*` matches any
 * run of characters and `?` exactly one. `ArnLike` matches segment by segment, so a `*` never crosses a
 * colon in the first five segments (the resource part, after the fifth colon, may contain colons).
 */
import { BoundedMemo } from '../boundedMemo';

/**
 * Far above any real policy value (ARNs stop at 2,048 characters): a longer pattern matches nothing, as
 * it always has here (it once had to, to stay within V8's limits on regular expressions).
 */
const MAX_PATTERN_LENGTH = 20_000;
const WILDCARD = /[*?]/;

/** True when a value holds a `*` or `?`, so that it matches as a pattern rather than as itself. */
/** One value a glob matches: each `*` and `?` written as the letter x (`sandbox-*` → `sandbox-x`). */
export function exampleOf(glob: string): string {
  return glob.replace(/[*?]/g, 'x');
}

export function hasWildcard(value: string): boolean {
  return WILDCARD.test(value);
}

/**
 * Patterns split at their stars, by pattern. Globs are matched without regular expressions: compiling one
 * per distinct pattern cost milliseconds for long values (seconds for a hostile 2 MB Action list), and
 * V8's backtracking overflowed its stack on patterns with thousands of stars.
 */
/** Large enough for every distinct pattern of a big run (the corpus has ~10,000). */
const segmentCache = new BoundedMemo<string, readonly string[]>(50_000);

function segmentsOf(pattern: string): readonly string[] {
  return segmentCache.get(pattern) ?? segmentCache.set(pattern, pattern.split('*'));
}

/**
 * True when an IAM glob (`*` any run of characters, `?` exactly one) matches the whole text, with the
 * case folding of a JavaScript `/i` regular expression when `caseInsensitive`. The pieces between stars
 * are placed leftmost first, which is never worse than any other placement, so nothing backtracks: the
 * time is at most pattern length times text length, and usually linear.
 */
export function globMatches(pattern: string, text: string, caseInsensitive: boolean): boolean {
  if (pattern.length > MAX_PATTERN_LENGTH) return false;
  const segments = segmentsOf(pattern);
  const first = segments[0];
  if (segments.length === 1) return text.length === first.length && segmentAt(first, text, 0, caseInsensitive);
  const last = segments[segments.length - 1];
  const end = text.length - last.length;
  if (first.length > end || !segmentAt(first, text, 0, caseInsensitive) || !segmentAt(last, text, end, caseInsensitive)) return false;
  let from = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const at = findSegment(segments[i], text, from, end, caseInsensitive);
    if (at < 0) return false;
    from = at + segments[i].length;
  }
  return true;
}

/** The first offset in [from, end - segment.length] where the segment matches, or -1. */
function findSegment(segment: string, text: string, from: number, end: number, caseInsensitive: boolean): number {
  if (!caseInsensitive && !segment.includes('?')) {
    const at = text.indexOf(segment, from);
    return at >= 0 && at + segment.length <= end ? at : -1;
  }
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(segment, text, at, caseInsensitive)) return at;
  return -1;
}

/** True when a star-free piece (`?` matches any one character) matches the text at an offset. */
function segmentAt(segment: string, text: string, at: number, caseInsensitive: boolean): boolean {
  for (let i = 0; i < segment.length; i++) {
    const p = segment.charCodeAt(i);
    if (p === 63) continue;
    const t = text.charCodeAt(at + i);
    if (p !== t && (!caseInsensitive || canonicalCase(p) !== canonicalCase(t))) return false;
  }
  return true;
}

/** The character a `/i` regular expression (without the `u` flag) compares: its upper case, within ASCII or outside it. */
function canonicalCase(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const upper = String.fromCharCode(c).toUpperCase();
  if (upper.length !== 1) return c;
  const u = upper.charCodeAt(0);
  return u < 128 ? c : u;
}

/**
 * True when an action pattern such as `sts:Assume*` covers an action such as `sts:AssumeRoot`. Rules ask
 * this for every pattern against every action they care about, so the literal part before the first
 * wildcard is compared in place first: that answers plain names, `svc:*` and `svc:Prefix*` without a
 * glob matching and rejects most other pairs on their first characters.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const length = pattern.length;
  let i = 0;
  for (; i < length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 || c === 63) break;
    if (i >= action.length || !sameIgnoringCase(c, action.charCodeAt(i))) return false;
  }
  if (i === length) return action.length === length;
  if (i === length - 1 && pattern.charCodeAt(i) === 42) return true;
  return globMatches(pattern, action, true);
}

function sameIgnoringCase(a: number, b: number): boolean {
  if (a === b) return true;
  if (a < 128 && b < 128) return (a | 32) === (b | 32) && ((a | 32) >= 97 && (a | 32) <= 122);
  return String.fromCharCode(a).toLowerCase() === String.fromCharCode(b).toLowerCase();
}

/** `StringLike` semantics: case-sensitive glob over the whole value. */
export function stringLike(pattern: string, value: string): boolean {
  if (!hasWildcard(pattern)) return pattern === value;
  return pattern === '*' || globMatches(pattern, value, false);
}

/** `ArnLike` semantics: six colon-separated segments, each matched on its own. */
export function arnLike(pattern: string, arn: string): boolean {
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  return p.every((segment, i) => stringLike(segment, a[i]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * A text both globs match (`*` any run, `?` one character, case as written), or undefined when none does
 * (or the two are too long to pair: over `MAX_WITNESS_STATES` pairs of positions).
 * Symbolic questions need it when one key has two Like conditions (`r*` and `*d`) that only a value matching
 * both can pass: each pattern's own example fails the other. Breadth-first over pairs of positions, so the
 * time is the product of the lengths.
 */
export function globWitness(a: string, b: string): string | undefined {
  if ((a.length + 1) * (b.length + 1) > MAX_WITNESS_STATES) return undefined;
  const width = b.length + 1;
  const previous = new Map<number, { from: number; char: string }>([[0, { from: -1, char: '' }]]);
  const queue = [0];
  const visit = (from: number, i: number, j: number, char: string) => {
    const state = i * width + j;
    if (previous.has(state)) return;
    previous.set(state, { from, char });
    queue.push(state);
  };
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === a.length && j === b.length) return spell(previous, state);
    // A star may match nothing: move past it without a character.
    if (a[i] === '*') visit(state, i + 1, j, '');
    if (b[j] === '*') visit(state, i, j + 1, '');
    if (i === a.length || j === b.length) continue;
    for (const char of new Set([a[i], b[j], 'x'].filter((c) => c !== '*' && c !== '?'))) {
      const nextI = a[i] === '*' ? i : a[i] === '?' || a[i] === char ? i + 1 : -1;
      const nextJ = b[j] === '*' ? j : b[j] === '?' || b[j] === char ? j + 1 : -1;
      if (nextI >= 0 && nextJ >= 0) visit(state, nextI, nextJ, char);
    }
  }
  return undefined;
}

/** Pairs of positions a witness search may visit: a millisecond's work, ample for condition values. */
const MAX_WITNESS_STATES = 100_000;

function spell(previous: ReadonlyMap<number, { from: number; char: string }>, state: number): string {
  const chars: string[] = [];
  for (let at = state; at > 0; ) {
    const step = previous.get(at)!;
    chars.push(step.char);
    at = step.from;
  }
  return chars.reverse().join('');
}
