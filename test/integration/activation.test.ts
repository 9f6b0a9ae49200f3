// Activation must stay cheap and offline: no AWS call until the user opens the explorer or runs a task.
// "No AWS call" is checked where it would land: the extension host's AWS_ENDPOINT_URL points at a local
// recorder (every SDK client honours it), and the last test proves the recorder really sees SDK calls.
import assert from 'node:assert/strict';
import path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import * as vscode from 'vscode';
import { findLogRevealCommand } from '../../src/extension/logReveal';
import { EXTENSION_ID, activateExtension, getExtension, loadOrgFeatures } from './helpers/extension';
import { recordedAwsRequests } from './helpers/fakeAws';
import { waitFor } from './helpers/waitFor';

describe('activation', () => {
  it('loads the extension from the development path', () => {
    const extension = getExtension();
    assert.equal(extension.id, EXTENSION_ID);
    assert.equal(extension.packageJSON.publisher, 'rootguard');
  });

  it('activates without any AWS request', async () => {
    // The workspace holds a .rootguard.json, so VS Code may have activated the extension already;
    // either way the recorder has seen every request since the extension host started.
    await activateExtension();
    assert.equal(getExtension().isActive, true);
    // A round trip through the workbench lets work that activation started without awaiting run first.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(await recordedAwsRequests(), [], 'AWS requests since the extension host started, activation included');
  });

  it('loads only the linter: the explorer and tasks bundle (with the AWS SDK) waits for first use', async () => {
    await activateExtension();
    const orgFeaturesLoaded = () => Object.keys(require.cache).some((file) => file.endsWith(path.join('dist', 'orgFeatures.js')));
    assert.equal(orgFeaturesLoaded(), false, 'dist/orgFeatures.js was loaded at activation');
    const features = await loadOrgFeatures();
    assert.equal(orgFeaturesLoaded(), true);
    assert.equal(typeof features.explorer.actions.refresh, 'function');
  });

  it('gets its log channel a reveal command from the workbench, which Show Log runs', async () => {
    // Show Log relies on the workbench naming that command as `findLogRevealCommand` expects; were it
    // renamed, Show Log would fall back to `channel.show()`, which a just-opened window drops.
    await activateExtension();
    const command = await waitFor(async () => findLogRevealCommand(await vscode.commands.getCommands(true), EXTENSION_ID), {
      message: "the workbench's reveal command for RootGuard's log channel",
    });
    assert.match(command, /^workbench\.action\.output\.show\.rootguard\.rootguard\.RootGuard(\.log)?$/);
    await vscode.commands.executeCommand('rootguard.showLog');
  });

  it('would see an AWS SDK call from this extension host (so zero above means none)', async () => {
    const client = new STSClient({});
    await assert.rejects(client.send(new GetCallerIdentityCommand({})), /no AWS endpoint was configured/);
    const requests = await recordedAwsRequests();
    assert.equal(requests.length, 1);
    assert.equal(requests[0].service, 'sts');
  });
});
