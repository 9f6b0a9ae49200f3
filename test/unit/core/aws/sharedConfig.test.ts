import assert from 'node:assert/strict';
import { configuredEndpoint, listProfiles, parseIni, type SharedConfig } from '../../../../src/core/aws/sharedConfig';

const CONFIG = `
# comment
[default]
region = us-east-1

[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
region = eu-central-1

[profile chain]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile proc]
credential_process = /usr/bin/get-creds
services = emu
endpoint_url = http://127.0.0.1:9000

[services emu]
sts =
  endpoint_url = http://127.0.0.1:4566
`;

const shared: SharedConfig = { config: parseIni(CONFIG), credentials: parseIni('[keys]\naws_access_key_id = AKIDEXAMPLE\n') };

describe('shared config', () => {
  it('flattens indented sub-keys under their parent key', () => {
    assert.equal(shared.config['services emu']['sts.endpoint_url'], 'http://127.0.0.1:4566');
    assert.equal(shared.config['profile sso-dev']['region'], 'eu-central-1');
  });

  it('lists every profile of both files with how it authenticates', () => {
    assert.deepEqual(
      listProfiles(shared).map((p) => [p.name, p.kind, p.needsMfa]),
      [
        ['chain', 'assume-role', true],
        ['default', 'other', false],
        ['keys', 'static', false],
        ['proc', 'credential-process', false],
        ['sso-dev', 'sso', false],
      ],
    );
  });

  it('resolves endpoints in the SDK order: service env, global env, services section, profile', () => {
    assert.equal(configuredEndpoint('sts', shared, 'proc', {}), 'http://127.0.0.1:4566');
    assert.equal(configuredEndpoint('iam', shared, 'proc', {}), 'http://127.0.0.1:9000');
    assert.equal(configuredEndpoint('iam', shared, 'proc', { AWS_ENDPOINT_URL: 'http://g' }), 'http://g');
    assert.equal(configuredEndpoint('iam', shared, 'proc', { AWS_ENDPOINT_URL: 'http://g', AWS_ENDPOINT_URL_IAM: 'http://i' }), 'http://i');
    assert.equal(configuredEndpoint('iam', shared, 'sso-dev', {}), undefined);
    assert.equal(configuredEndpoint('sts', shared, 'proc', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
  });

  it('reads a [__proto__] section or a __proto__ key as a plain name, never polluting every object', () => {
    const hostile = parseIni('[__proto__]\nregion = eu-evil-1\nendpoint_url = http://attacker.invalid\n[profile dev]\n__proto__ = x\nconstructor = y\n[constructor]\nrole_arn = z\n');
    const blank: Record<string, unknown> = {};
    assert.equal(blank['region'], undefined);
    assert.equal(blank['endpoint_url'], undefined);
    assert.equal(hostile['__proto__']?.['region'], 'eu-evil-1');
    assert.equal(hostile['profile dev']?.['constructor'], 'y');
    const config: SharedConfig = { config: hostile, credentials: parseIni('') };
    assert.equal(configuredEndpoint('sts', config, 'other', {}), undefined);
    assert.deepEqual(listProfiles(config).map((p) => [p.name, p.region]), [['dev', undefined]]);
  });
});
