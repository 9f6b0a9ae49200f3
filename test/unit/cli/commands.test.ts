import assert from 'node:assert/strict';
import { COMMANDS, commandNamed } from '../../../src/cli/commands';
import { DEFAULT_MAX_ATTEMPTS } from '../../../src/core/aws/clients';

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

  // The help once said 3 for `task`, whose connection used 8 like every other command's.
  it('states the attempts per AWS call that the connection really uses, in every help that offers --max-attempts', async () => {
    const stated = new Map<string, string | undefined>();
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const help = await helpOf(await entry.load(), name);
      if (help.includes('--max-attempts')) stated.set(name, /--max-attempts N .*\(default (\d+)\)/.exec(help)?.[1]);
    }
    assert.deepEqual(Object.fromEntries(stated), { audit: '8', history: '8', preflight: '8', task: '8' });
    assert.equal(DEFAULT_MAX_ATTEMPTS, 8);
  });

  // Their processes bound the heap's growth (heapGrowth.ts); lint's short run would only be slowed by it.
  it('marks the commands that make thousands of AWS calls, and only those', () => {
    const many = Object.entries(COMMANDS)
      .filter(([, entry]) => entry.manyAwsCalls)
      .map(([name]) => name);
    assert.deepEqual(many.sort(), ['audit', 'history', 'holders', 'preflight', 'task']);
  });
});

/** What `rootguard <name> --help` prints. */
async function helpOf(command: { run(args: string[]): Promise<number> }, name: string): Promise<string> {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await command.run(['--help']);
  } finally {
    process.stdout.write = write;
  }
  assert.ok(out.startsWith(`Usage: rootguard ${name}`), `${name}: ${out.slice(0, 80)}`);
  return out;
}
