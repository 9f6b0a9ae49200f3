/**
 * Finds the workbench command that reveals RootGuard's log channel.
 *
 * The workbench registers `workbench.action.output.show.<channel id>` for every output channel it knows,
 * and it learns of an extension's log channel only when its log contribution starts: an idle-time task
 * after the window is restored, seconds late on a busy machine. Until then `LogOutputChannel.show()` is
 * dropped without a trace, while the command's existence says the channel can be shown. The channel id is
 * `<extension id>.<name>` in VS Code 1.100 and `<extension id>.<name>.log` in later versions, so the command
 * is found by the extension's prefix: RootGuard has one log channel.
 */
const REVEAL_COMMAND_PREFIX = 'workbench.action.output.show.';

export function findLogRevealCommand(commands: readonly string[], extensionId: string): string | undefined {
  // Extension ids compare without case (the marketplace treats them so).
  const prefix = `${REVEAL_COMMAND_PREFIX}${extensionId}.`.toLowerCase();
  const ours = commands.filter((command) => command.toLowerCase().startsWith(prefix));
  return ours.length === 1 ? ours[0] : undefined;
}
