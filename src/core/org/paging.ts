import { RootGuardError } from '../aws/errors';

/**
 * The largest page Organizations' List* calls return (`MaxResults` 1-20). Their default page size is "specific
 * to the operation" and undocumented, so it is asked for: a 600-account OU is 30 calls in a row, not more.
 */
export const ORGANIZATIONS_PAGE_SIZE = 20;

/** One page of a list call: its items and the token for the next page, if any. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * Follows `NextToken` until it is absent. Organizations may return an empty page that still has a token
 * ("continue making requests until NextToken returns null"), so emptiness never ends the loop; a token the
 * listing has already sent does, with a `PagingLoop` error, since following it again would never end.
 */
export async function collectPages<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  const sent = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next || undefined;
    if (token !== undefined && sent.has(token)) {
      throw new RootGuardError('PagingLoop', `The service answered with a page marker it had already sent after ${sent.size + 1} pages; stopped rather than loop`);
    }
    if (token !== undefined) sent.add(token);
  } while (token);
  return all;
}

/** A date as ISO-8601, or undefined; model types keep dates as strings so they serialize unchanged. */
export function isoDate(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}
