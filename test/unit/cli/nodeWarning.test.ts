// The CLI's output carries what the user asked for: no deprecation notice of the bundled AWS SDK about
// releases RootGuard does not ship (see src/core/aws/sdkNodeWarning.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('the CLI and the AWS SDK\'s Node version warning', () => {
  it('prints no NodeVersionSupportWarning on this Node while it makes AWS calls', function () {
    this.timeout(60_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/unit/cli/runCli.ts'), 'audit', '--sandbox', '--format', 'json'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(JSON.parse(run.stdout), 'the audit report is printed');
    assert.doesNotMatch(run.stderr, /NodeVersionSupportWarning|will require node/i);
  });
});
