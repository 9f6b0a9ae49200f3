// The extension under test, loaded by VS Code from the development path (this repository).
import * as vscode from 'vscode';
import type { RootGuardApi } from '../../../src/extension/extension';
import type { OrgFeatures } from '../../../src/extension/orgFeatures';

export const EXTENSION_ID = 'rootguard.rootguard';

export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded; is the runner passing this repository as extensionDevelopmentPath?`);
  return extension;
}

/** Activates the extension (a no-op when an activation event already did) and returns its API. */
export async function activateExtension(): Promise<unknown> {
  return getExtension().activate();
}

/** The explorer's and the tasks' services, loading their bundle if nothing has yet. */
export async function loadOrgFeatures(): Promise<OrgFeatures> {
  return ((await activateExtension()) as RootGuardApi).orgFeatures();
}
