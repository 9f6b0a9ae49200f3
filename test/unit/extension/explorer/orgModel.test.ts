// The explorer lists the whole organization (for a filter, an audit or a report) within the audit's
// concurrency setting, as the CLI does: a user who lowered it to stay under their throttling quota must not
// see the listing burst past it.
import assert from 'node:assert/strict';
import type { Connection } from '../../../../src/extension/explorer/connection';
import { OrgModel } from '../../../../src/extension/explorer/orgModel';
import type { Log } from '../../../../src/extension/log';
import { startSandboxFixture } from '../../core/aws/sandboxClients';

const silentLog = { info: () => undefined, warn: () => undefined } as unknown as Log;

describe("the explorer's organization listing", function () {
  this.timeout(30_000);

  for (const concurrency of [2, 5]) {
    it(`keeps to the concurrency setting (${concurrency}) when it lists every OU and account`, async () => {
      const fx = await startSandboxFixture({ accounts: 64, ouDepth: 5, latency: { fixedMs: 20 } });
      try {
        let inFlight = 0;
        let max = 0;
        fx.clients.organizations().middlewareStack.add(
          (next, context) => async (args) => {
            if (!String(context.commandName).endsWith('ForParentCommand')) return next(args);
            max = Math.max(max, ++inFlight);
            try {
              return await next(args);
            } finally {
              inFlight--;
            }
          },
          { step: 'initialize', name: 'countListingsInFlight' },
        );
        const connection = { active: { clients: fx.clients } } as unknown as Connection;
        const snapshot = await new OrgModel(connection, silentLog, () => concurrency).snapshot();
        assert.equal(max, concurrency, 'the setting is reached and never passed');
        assert.equal(snapshot.accounts.length, fx.sandbox.world.accounts.length);
      } finally {
        await fx.close();
      }
    });
  }
});
