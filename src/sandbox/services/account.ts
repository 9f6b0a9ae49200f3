/**
 * Account Management (restJson1, signing name `account`): `ListRegions` (`POST /listRegions`) lists the regions
 * and their opt-in status for the caller's account, or for a member account (`AccountId`) when the management
 * account asks. `RegionOptStatusContains` filters; `MaxResults` 1-50 (default 20) and `NextToken` page.
 */
import type { Access } from '../authz';
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';

export const ACCOUNT_OPERATIONS = ['ListRegions'] as const;

const PATHS: Record<string, (typeof ACCOUNT_OPERATIONS)[number]> = { '/listRegions': 'ListRegions' };
const STATUSES = new Set(['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT']);
const DEFAULT_MAX_RESULTS = 20;

/** The operation a restJson request names by its path; empty when it names none the sandbox knows. */
export function accountOperation(method: string, rawPath: string): string {
  return method === 'POST' ? (PATHS[rawPath] ?? rawPath) : rawPath;
}

export function accountAccess(operation: string): Access {
  return { action: `account:${operation}`, resourceArn: '*' };
}

const validation = (message: string) => new SandboxError('ValidationException', 400, message);

export function handleAccount(ctx: CallContext, input: Record<string, unknown>): unknown {
  const accountId = str(input, 'AccountId');
  if (accountId !== undefined && accountId !== ctx.caller.accountId) {
    if (ctx.caller.accountId !== ctx.world.organization.managementAccountId) {
      throw new SandboxError('AccessDeniedException', 403, 'Only the management account may list the regions of another account.');
    }
    if (!ctx.world.findAccount(accountId)) throw new SandboxError('ResourceNotFoundException', 404, `Account ${accountId} was not found.`);
  }
  const wanted = input.RegionOptStatusContains;
  if (wanted !== undefined && (!Array.isArray(wanted) || wanted.some((s) => !STATUSES.has(String(s))))) {
    throw validation('1 validation error detected: Value at \'regionOptStatusContains\' failed to satisfy constraint: Member must satisfy enum value set');
  }
  const regions = ctx.world.regions.filter((r) => !wanted || (wanted as string[]).includes(r.optStatus));
  const raw = input.MaxResults;
  const max = raw === undefined ? DEFAULT_MAX_RESULTS : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw validation(`1 validation error detected: Value '${String(raw)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50`);
  const token = str(input, 'NextToken');
  const start = token === undefined ? 0 : Number(/^regions:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'))?.[1] ?? NaN);
  if (!Number.isInteger(start) || start > regions.length) throw validation('The NextToken is invalid.');
  const end = Math.min(regions.length, start + max);
  return {
    Regions: regions.slice(start, end).map((r) => ({ RegionName: r.name, RegionOptStatus: r.optStatus })),
    ...(end < regions.length ? { NextToken: Buffer.from(`regions:${end}`).toString('base64') } : {}),
  };
}
