/**
 * IAM's wildcard matching. Action names and condition keys compare case-insensitively; `*` matches any
 * run of characters and `?` exactly one. `ArnLike` matches segment by segment, so a `*` never crosses a
 * colon in the first five segments (the resource part, after the fifth colon, may contain colons).
 */

const cache = new Map<string, RegExp>();

/** Compiles an IAM glob (`*`, `?`) into an anchored regular expression. */
export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = cache.get(cacheKey);
  if (!re) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+(){}[\]]/g, '\\$&')))
      .join('');
    re = compileOrNever(`^${body}$`, caseInsensitive ? 'si' : 's');
    if (cache.size > 5000) cache.clear();
    cache.set(cacheKey, re);
  }
  return re;
}

/** Far above any real policy value (ARNs stop at 2,048 characters), well below V8's limit on regular expressions. */
const MAX_PATTERN_LENGTH = 20_000;

/**
 * A pattern too large for the regular expression engine (megabytes of hostile input) matches nothing
 * instead of throwing; V8 reports that only when the expression first runs, so the length decides here.
 */
function compileOrNever(source: string, flags: string): RegExp {
  return source.length > MAX_PATTERN_LENGTH ? /(?!)/ : new RegExp(source, flags);
}

/** True when an action pattern such as `sts:Assume*` covers an action such as `sts:AssumeRoot`. */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern, true).test(action);
}

/** `StringLike` semantics: case-sensitive glob over the whole value. */
export function stringLike(pattern: string, value: string): boolean {
  return globToRegExp(pattern, false).test(value);
}

/** `ArnLike` semantics: six colon-separated segments, each matched on its own. */
export function arnLike(pattern: string, arn: string): boolean {
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  return p.every((segment, i) => globToRegExp(segment, false).test(a[i]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
