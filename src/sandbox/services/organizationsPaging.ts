/**
 * Paging shared by every Organizations listing: `MaxResults` 1-20 and an opaque `NextToken` bound to the
 * operation and its key; every `emptyPageEvery`-th page is empty with a token, as the real service sometimes
 * does (section 4.2). Also the small wire helpers the Organizations modules share.
 */
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';

type Input = Record<string, unknown>;

const MAX_RESULTS = 20;
/**
 * The page size without `MaxResults`: AWS calls it "specific to the operation" and does not document it;
 * smaller than the maximum here, so a client that does not ask for full pages makes more calls, visibly.
 */
const DEFAULT_PAGE_SIZE = 10;

/** awsJson timestamps are epoch seconds (section 4.5). */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

export function invalidInput(reason: string, message: string): SandboxError {
  return new SandboxError('InvalidInputException', 400, message, { Reason: reason });
}

interface PageToken {
  op: string;
  key: string;
  offset: number;
  page: number;
}

/**
 * One page of `items`. The token binds operation, parent and offset; a token from another listing is
 * INVALID_NEXT_TOKEN. Page numbers let every `emptyPageEvery`-th page come back empty but with a token.
 */
export function page<T>(ctx: CallContext, op: string, key: string, input: Input, items: T[], resultKey: string, shape: (item: T) => unknown = (item) => item): Record<string, unknown> {
  const max = input.MaxResults === undefined ? DEFAULT_PAGE_SIZE : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1) throw invalidInput('MIN_VALUE_EXCEEDED', 'You provided a value that is less than the minimum allowed value.');
  if (max > MAX_RESULTS) throw invalidInput('MAX_VALUE_EXCEEDED', `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS}`);
  const token = readToken(str(input, 'NextToken'), op, key);
  const at = token ?? { op, key, offset: 0, page: 0 };
  const every = ctx.emptyPageEvery;
  if (every > 0 && at.page % every === every - 1 && at.offset < items.length) {
    return { [resultKey]: [], NextToken: writeToken({ ...at, page: at.page + 1 }) };
  }
  const end = at.offset + max;
  // Shape only the page: ListAccounts over thousands of accounts stays cheap.
  const result: Record<string, unknown> = { [resultKey]: items.slice(at.offset, end).map(shape) };
  if (end < items.length) result.NextToken = writeToken({ op, key, offset: end, page: at.page + 1 });
  if (ctx.repeatPageToken && token) result.NextToken = str(input, 'NextToken');
  return result;
}

function writeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function readToken(raw: string | undefined, op: string, key: string): PageToken | undefined {
  if (raw === undefined) return undefined;
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    if (token.op === op && token.key === key && Number.isInteger(token.offset) && Number.isInteger(token.page)) return token;
  } catch {
    // fall through: any unreadable token is invalid
  }
  throw invalidInput('INVALID_NEXT_TOKEN', 'The specified NextToken is not valid.');
}
