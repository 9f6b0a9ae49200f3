/**
 * Which regions the history reads. AssumeRoot events are logged in the region of the STS endpoint called, in
 * the calling account, and STS answers only in regions enabled for that account; so the regions to read are
 * those Account Management lists as enabled for the connected account (`account:ListRegions`, opt-in status
 * `ENABLED` or `ENABLED_BY_DEFAULT`). Regions named by the caller override the discovery; when the listing is
 * refused or fails, the connection's region alone is read and the history says so.
 */
import { paginateListRegions } from '@aws-sdk/client-account';
import type { AwsClients } from '../aws/clients';
import { awsErrorCode, isAbortError, tagged } from '../aws/errors';
import type { RegionSource } from './model';

export interface RegionChoice {
  regions: string[];
  source: RegionSource;
}

export async function historyRegions(clients: AwsClients, given: readonly string[] | undefined, signal?: AbortSignal): Promise<RegionChoice> {
  if (given && given.length > 0) return { regions: [...new Set(given)], source: { kind: 'given' } };
  try {
    const regions: string[] = [];
    const pages = paginateListRegions({ client: clients.account() }, { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] });
    await tagged('account:ListRegions', (async () => {
      for await (const page of pages) {
        signal?.throwIfAborted();
        for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName);
      }
    })());
    if (regions.length === 0) return { regions: [clients.region], source: { kind: 'connection', error: { code: 'NoRegions', message: 'account:ListRegions listed no enabled region' } } };
    return { regions, source: { kind: 'enabled' } };
  } catch (err) {
    if (isAbortError(err)) throw err;
    return { regions: [clients.region], source: { kind: 'connection', error: { code: awsErrorCode(err), message: (err as Error).message } } };
  }
}
