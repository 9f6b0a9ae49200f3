/** One page of a list call: its items and the token for the next page, if any. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * Follows `NextToken` until it is absent. Organizations may return an empty page that still has a token
 * ("continue making requests until NextToken returns null"), so emptiness never ends the loop.
 */
export async function collectPages<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next || undefined;
  } while (token);
  return all;
}

/** A date as ISO-8601, or undefined; model types keep dates as strings so they serialize unchanged. */
export function isoDate(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}
