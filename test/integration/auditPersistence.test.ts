// Audit results are kept between sessions for real organizations only. `npm run demo` reaches its sandbox the
// way RootGuard reaches AWS, through a profile whose endpoint is on 127.0.0.1: those results must not come
// back as stale rows next time, because the next sandbox is a new organization.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { OrgFeatures } from '../../src/extension/orgFeatures';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index';
import { loadOrgFeatures } from './helpers/extension';
import { labelOf, walkTree } from './helpers/tree';
import { waitFor } from './helpers/waitFor';

const PROFILE = 'rootguard-local-sandbox';

describe('audit results of an organization served from this machine', function () {
  this.timeout(60_000);
  let api: OrgFeatures;
  let sandbox: SandboxHandle;
  let dir: string;
  const savedEnv = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  const connection = () => vscode.workspace.getConfiguration('rootguard.connection');

  before(async () => {
    api = await loadOrgFeatures();
    sandbox = await startSandbox({ accounts: 6, seed: 3 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-persist-'));
    const keys = sandbox.credentials.management;
    fs.writeFileSync(path.join(dir, 'config'), `[profile ${PROFILE}]\nregion = ${sandbox.region}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), `[${PROFILE}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`);
    // The extension host is this process: the SDK reads these when the profile connects.
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    await connection().update('endpoint', sandbox.endpoint, vscode.ConfigurationTarget.Global);
    await connection().update('region', sandbox.region, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('rootguard.disconnect');
    for (const key of ['profile', 'endpoint', 'region']) await connection().update(key, undefined, vscode.ConfigurationTarget.Global);
    process.env.AWS_CONFIG_FILE = savedEnv.config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = savedEnv.credentials;
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const descriptionOf = async (name: string) => {
    const row = (await walkTree(api)).find((r) => r.node.kind === 'account' && labelOf(r.item) === name);
    return row ? String(row.item.description) : undefined;
  };

  it('keeps them in memory only: reconnecting to the same organization shows its accounts not audited', async () => {
    const member = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    await vscode.commands.executeCommand('rootguard.selectProfile', PROFILE);
    assert.equal(api.explorer.connection.active?.kind, 'profile');
    assert.equal(await descriptionOf(member.name), `${member.id} · not audited`);
    await vscode.commands.executeCommand('rootguard.auditAccount', member.id);
    assert.doesNotMatch((await descriptionOf(member.name)) ?? '', /not audited/);

    await vscode.commands.executeCommand('rootguard.disconnect');
    await vscode.commands.executeCommand('rootguard.selectProfile', PROFILE);
    const after = await waitFor(() => descriptionOf(member.name), { message: `${member.name} in the reconnected tree` });
    assert.equal(after, `${member.id} · not audited`);
  });
});
