/**
 * The AWS SDK warns, on Node below 22, that SDK releases published after the first week of January 2027
 * will require Node 22. RootGuard ships the SDK its lockfile pins (bundled by esbuild, `~` ranges in
 * package.json), which supports Node 20, the oldest Node RootGuard runs on (the CLI's engines, the
 * extension host of VS Code 1.100). The warning speaks of releases RootGuard does not ship, so it would
 * only be noise in the CLI's output and the extension host's console: it is silenced through the SDK's own
 * flag. The flag lives in this bundle's copy of the SDK, so other extensions' SDKs still warn. Moving the
 * SDK past those releases means moving engines.node to 22 with it (README, "Node and the AWS SDK").
 */
import { state } from '@aws-sdk/core/client';

export function silenceSdkNodeVersionWarning(): void {
  state.warningEmitted = true;
}
