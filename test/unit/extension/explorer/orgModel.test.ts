// The explorer lists the whole organization (for a filter, an audit or a report) within the audit's
// concurrency setting, as the CLI does: a user who lowered it to stay under their throttling quota must not
// see the listing burst past it.
import assert from 'node:assert/strict';
import type { Connection } from '../../../../src/extension/explorer/connection';
import { OrgModel } from '../../../../src/extension/explorer/orgModel';
import type { Log } from '../../../../src/extension/log';
import { startSandboxFixture, trackCallsInFlight } from '../../core/aws/sandboxClients';

const silentLog = { info: () => undefined, warn: () => undefined } as unknown as Log;

describe("the explorer's organization listing", function () {
  this.timeout(30_000);

  for (const concurrency of [2, 5]) {
    it(`keeps to the concurrency setting (${concurrency}) when it lists every OU and account`, async () => {
      const fx = await startSandboxFixture({ accounts: 64, ouDepth: 5, latency: { fixedMs: 20 } });
      try {
        const listings = trackCallsInFlight(fx.clients.organizations(), (command) => command.endsWith('ForParentCommand'));
        const connection = { active: { clients: fx.clients } } as unknown as Connection;
        const snapshot = await new OrgModel(connection, silentLog, () => concurrency).snapshot();
        assert.equal(listings.max(), concurrency, 'the setting is reached and never passed');
        assert.equal(snapshot.accounts.length, fx.sandbox.world.accounts.length);
      } finally {
        await fx.close();
      }
    });
  }
});
