import assert from 'node:assert/strict';
import { COMMANDS, commandNamed } from '../../../src/cli/commands';

// The table repeats each command's summary so that `rootguard --help` need not load the modules.
describe('CLI command table', () => {
  for (const [name, entry] of Object.entries(COMMANDS)) {
    it(`"${name}" loads its command, whose summary is the one the table shows`, async () => {
      const command = await entry.load();
      assert.equal(command.summary, entry.summary);
      assert.equal(typeof command.run, 'function');
    });
  }

  it('finds commands by their own names only: "constructor" or "__proto__" is no command', () => {
    assert.equal(commandNamed('audit'), COMMANDS.audit);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', undefined]) assert.equal(commandNamed(name), undefined, String(name));
  });

  // Their processes bound the heap's growth (heapGrowth.ts); lint's short run would only be slowed by it.
  it('marks the commands that make thousands of AWS calls, and only those', () => {
    const many = Object.entries(COMMANDS)
      .filter(([, entry]) => entry.manyAwsCalls)
      .map(([name]) => name);
    assert.deepEqual(many.sort(), ['audit', 'history', 'holders', 'preflight', 'task']);
  });
});
