// Command arguments arrive untyped from menus, title buttons and executeCommand callers; the table's rows
// must tell a real argument from whatever the workbench hands a button.
import assert from 'node:assert/strict';
import { COMMANDS, type CommandServices } from '../../../src/extension/commands';

/** The command table over a stub explorer that records what `filter` was called with. */
function filterCommand() {
  const calls: unknown[] = [];
  const actions = { filter: async (arg: unknown) => void calls.push(arg) };
  const services = { orgFeatures: async () => ({ explorer: { actions } }) } as unknown as CommandServices;
  return { run: COMMANDS['rootguard.filter'](services), calls };
}

describe('command arguments', () => {
  it('opens the filter picker from the view title button, whatever node or handle VS Code passes', async () => {
    const { run, calls } = filterCommand();
    class AccountNode {
      readonly kind = 'account';
      readonly account = { id: '123456789012' };
    }
    await run(new AccountNode()); // the focused row, as the title button of a tree view passes it
    await run({ $treeViewId: 'rootguard.explorer', $focusedTreeItem: true }); // the handle when nothing is focused
    await run(null);
    await run();
    assert.deepEqual(calls, [undefined, undefined, undefined, undefined], 'every one of them asks');
  });

  it('applies a filter given as a plain object without asking', async () => {
    const { run, calls } = filterCommand();
    await run({ withRootCredentials: true });
    await run({ text: 'prod' });
    await run({ text: 3 });
    await run({ rootTaskBlocked: true, text: 'prod' });
    await run({ rootTaskBlocked: 'yes' });
    assert.deepEqual(calls, [{ withRootCredentials: true }, { text: 'prod' }, undefined, { rootTaskBlocked: true, text: 'prod' }, undefined]);
  });

  it("applies an organization policy's quick fix the linter computed, never the title and edits a caller passes", async () => {
    const cached = { title: 'Exempt root sessions', edits: [] };
    const lookedUp: unknown[][] = [];
    const applied: unknown[][] = [];
    const findings = { fixAt: (...args: unknown[]) => (lookedUp.push(args), args[3] === 0 ? cached : undefined) };
    const orgPolicies = { applyFix: async (...args: unknown[]) => void applied.push(args) };
    const services = { findings, orgFeatures: async () => ({ explorer: { orgPolicies } }) } as unknown as CommandServices;
    const run = COMMANDS['rootguard.policies.applyFix'](services) as (...args: unknown[]) => Promise<unknown>;
    await run('uri', 3, 'RG107@1:2-1:9:message', 0);
    await run('uri', 3, 'Verified by AWS', [{ start: 0, end: 1, text: '{}' }]);
    assert.deepEqual(lookedUp, [['uri', 3, 'RG107@1:2-1:9:message', 0], ['uri', 3, 'Verified by AWS', [{ start: 0, end: 1, text: '{}' }]]]);
    assert.deepEqual(applied, [['uri', 3, cached], ['uri', 3, undefined]]);
  });
});
