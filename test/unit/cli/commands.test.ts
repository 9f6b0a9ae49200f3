import assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/cli/commands';

// The table repeats each command's summary so that `rootguard --help` need not load the modules.
describe('CLI command table', () => {
  for (const [name, entry] of Object.entries(COMMANDS)) {
    it(`"${name}" loads its command, whose summary is the one the table shows`, async () => {
      const command = await entry.load();
      assert.equal(command.summary, entry.summary);
      assert.equal(typeof command.run, 'function');
    });
  }
});
