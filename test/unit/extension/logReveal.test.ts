// Show Log runs the workbench's own reveal command for RootGuard's channel once it exists; the table pins
// how that command is recognised in the VS Code versions RootGuard supports.
import assert from 'node:assert/strict';
import { findLogRevealCommand } from '../../../src/extension/logReveal';

const EXTENSION = 'rootguard.rootguard';
const WORKBENCH = ['workbench.action.output.show.vscode.git.Git', 'workbench.action.output.toggleOutput', 'rootguard.showLog'];

describe('finding the command that reveals the log channel', () => {
  const cases: { name: string; commands: string[]; expected: string | undefined }[] = [
    { name: 'VS Code 1.100 names the channel <extension>.<name>', commands: [...WORKBENCH, `workbench.action.output.show.${EXTENSION}.RootGuard`], expected: `workbench.action.output.show.${EXTENSION}.RootGuard` },
    { name: 'later versions add the log file extension', commands: [...WORKBENCH, `workbench.action.output.show.${EXTENSION}.RootGuard.log`], expected: `workbench.action.output.show.${EXTENSION}.RootGuard.log` },
    { name: 'the extension id matches without case', commands: [...WORKBENCH, 'workbench.action.output.show.RootGuard.RootGuard.RootGuard'], expected: 'workbench.action.output.show.RootGuard.RootGuard.RootGuard' },
    { name: 'none while the workbench does not know the channel yet', commands: WORKBENCH, expected: undefined },
    { name: 'not another extension whose id starts like ours', commands: [...WORKBENCH, `workbench.action.output.show.${EXTENSION}-extras.Extras`], expected: undefined },
    { name: 'none when two channels match, rather than reveal the wrong one', commands: [...WORKBENCH, `workbench.action.output.show.${EXTENSION}.RootGuard`, `workbench.action.output.show.${EXTENSION}.RootGuard.remote`], expected: undefined },
  ];
  for (const { name, commands, expected } of cases) {
    it(name, () => assert.equal(findLogRevealCommand(commands, EXTENSION), expected));
  }
});
