import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AwsCredentials, createCredentialProvider, shareResolution } from '../../../../src/core/aws/credentials';

describe('credentials', () => {
  it('resolves once for every client that asks at the same time', async () => {
    let calls = 0;
    const provider = shareResolution(async () => ({ accessKeyId: `K${++calls}`, secretAccessKey: 's' }));
    const all = await Promise.all([provider(), provider(), provider()]);
    assert.equal(calls, 1);
    assert.deepEqual(all.map((c) => c.accessKeyId), ['K1', 'K1', 'K1']);
  });

  it('resolves again when the credentials are about to expire, and after a failure', async () => {
    let now = 0;
    const answers: Array<() => Promise<AwsCredentials>> = [
      async () => ({ accessKeyId: 'A', secretAccessKey: 's', expiration: new Date(60 * 60_000) }),
      async () => ({ accessKeyId: 'B', secretAccessKey: 's' }),
      async () => {
        throw new Error('MFA prompt dismissed');
      },
    ];
    let call = 0;
    const provider = shareResolution(() => answers[call++](), () => now);
    assert.equal((await provider()).accessKeyId, 'A');
    now = 58 * 60_000;
    assert.equal((await provider()).accessKeyId, 'B');

    let failing = 0;
    const flaky = shareResolution(async () => {
      if (failing++ === 0) throw new Error('MFA prompt dismissed');
      return { accessKeyId: 'C', secretAccessKey: 's' };
    });
    await assert.rejects(flaky(), /dismissed/);
    assert.equal((await flaky()).accessKeyId, 'C');
  });

  it('reads a profile of the shared credentials file through the SDK', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-creds-'));
    const saved = { ...process.env };
    try {
      fs.writeFileSync(path.join(dir, 'credentials'), '[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = secretteam\n');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      const provider = createCredentialProvider({ kind: 'profile', profile: 'team' });
      assert.equal((await provider()).accessKeyId, 'AKIDTEAM');
    } finally {
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
