import assert from 'node:assert/strict';
import { AccountClient, ListRegionsCommand, paginateListRegions } from '@aws-sdk/client-account';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { type Creds, rejection } from './helpers';

describe('sandbox Account Management ListRegions (restJson over the SDK)', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 4, seedHistory: false });
  });
  after(() => sandbox.close());

  const account = (creds: Creds = sandbox.credentials.management) => new AccountClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: creds, maxAttempts: 1 });

  it('pages the enabled regions, opt-in status filtered, sorted by name', async () => {
    const pages = [];
    for await (const page of paginateListRegions({ client: account(sandbox.credentials.delegatedAdmin), pageSize: 7 }, { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] })) pages.push(page);
    assert.deepEqual(pages.map((p) => p.Regions!.length), [7, 7, 4]);
    const regions = pages.flatMap((p) => p.Regions!);
    assert.deepEqual(regions.filter((r) => r.RegionOptStatus === 'ENABLED').map((r) => r.RegionName), ['eu-south-1']);
    assert.ok(regions.every((r) => r.RegionOptStatus === 'ENABLED' || r.RegionOptStatus === 'ENABLED_BY_DEFAULT'));
    assert.deepEqual(regions.map((r) => r.RegionName), [...regions.map((r) => r.RegionName!)].sort());
    const all = await account().send(new ListRegionsCommand({ MaxResults: 50 }));
    assert.deepEqual(all.Regions!.filter((r) => r.RegionOptStatus === 'DISABLED').map((r) => r.RegionName), ['af-south-1', 'ap-east-1', 'me-south-1']);
    assert.equal(all.NextToken, undefined);
  });

  it('refuses a page size beyond 50, a bad token, and another account’s regions to a member', async () => {
    assert.equal((await rejection(() => account().send(new ListRegionsCommand({ MaxResults: 51 })))).name, 'ValidationException');
    assert.equal((await rejection(() => account().send(new ListRegionsCommand({ NextToken: 'bm9wZQ==' })))).name, 'ValidationException');
    const denied = await rejection(() => account(sandbox.credentials.member).send(new ListRegionsCommand({ AccountId: sandbox.world.organization.managementAccountId })));
    assert.deepEqual([denied.name, denied.$metadata?.httpStatusCode], ['AccessDeniedException', 403]);
  });
});
