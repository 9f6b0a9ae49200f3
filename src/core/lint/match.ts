/**
 * IAM's wildcard matching. Action names and condition keys compare case-insensitively; `*` matches any
 * run of characters and `?` exactly one. `ArnLike` matches segment by segment, so a `*` never crosses a
 * colon in the first five segments (the resource part, after the fifth colon, may contain colons).
 */

/** Compiled patterns by case mode, keyed by the pattern itself (no key to build per call). */
const caches = { sensitive: new Map<string, RegExp>(), insensitive: new Map<string, RegExp>() };
/** Large enough for every distinct pattern of a big run (the corpus has ~10,000); cleared beyond. */
const CACHE_LIMIT = 50_000;
const WILDCARD = /[*?]/;
/**
 * Far above any real policy value (ARNs stop at 2,048 characters), well below V8's limit on regular
 * expressions: a longer pattern (megabytes of hostile input) matches nothing instead of throwing.
 */
const MAX_PATTERN_LENGTH = 20_000;
const MATCHES_NOTHING = /(?!)/;

/** Compiles an IAM glob (`*`, `?`) into an anchored regular expression. */
export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  // V8 only reports an expression too large for it when it first runs, so size decides up front.
  if (pattern.length > MAX_PATTERN_LENGTH) return MATCHES_NOTHING;
  const cache = caseInsensitive ? caches.insensitive : caches.sensitive;
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[\\^$.|+(){}[\]]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'si' : 's');
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/**
 * True when an action pattern such as `sts:Assume*` covers an action such as `sts:AssumeRoot`. Rules ask
 * this for every pattern against every action they care about, so the literal part before the first
 * wildcard is compared in place first: that answers plain names, `svc:*` and `svc:Prefix*` without a
 * regular expression and rejects most other pairs on their first characters.
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
  return globToRegExp(pattern, true).test(action);
}

function sameIgnoringCase(a: number, b: number): boolean {
  if (a === b) return true;
  if (a < 128 && b < 128) return (a | 32) === (b | 32) && ((a | 32) >= 97 && (a | 32) <= 122);
  return String.fromCharCode(a).toLowerCase() === String.fromCharCode(b).toLowerCase();
}

/** `StringLike` semantics: case-sensitive glob over the whole value. */
export function stringLike(pattern: string, value: string): boolean {
  if (!WILDCARD.test(pattern)) return pattern === value;
  return pattern === '*' || globToRegExp(pattern, false).test(value);
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
