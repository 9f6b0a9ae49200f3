import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_CACHE_FOLDER } from '../../../src/cli/codeCache';

/** A CommonJS "bundle" that reports what node gives a module, and has a function compiled only when called. */
const bundleText = (version: number) => `
exports.identity = { file: require('path').basename(__filename), dir: __dirname, self: module.exports === exports, hasMain: Boolean(require.main) };
exports.later = function later(n) { return n * 2 + ${version}; };
`;

interface Seen {
  identity: object;
  later: number;
  accepted: string[];
}

describe('CodeCache: the CLI bundles compiled from the V8 code cache the build recorded', function () {
  this.timeout(60_000);
  let bundleDir: string;
  let elsewhere: string;

  const write = (dir: string, version: number) => {
    const file = path.join(dir, 'bundle.js');
    fs.writeFileSync(file, bundleText(version));
    return file;
  };
  /** Loads FILE in a fresh process, as a `rootguard` run does. */
  const run = (file: string, record = false): Seen =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'codeCacheProcess.ts'), bundleDir, file, ...(record ? ['record'] : [])], { encoding: 'utf8' }));
  const cacheFiles = () => {
    const folder = path.join(bundleDir, CODE_CACHE_FOLDER);
    return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  };

  beforeEach(() => {
    bundleDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-codecache-')));
    elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-codecache-other-')));
  });
  afterEach(() => {
    fs.rmSync(bundleDir, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('gives a bundle what node gives a module, and takes the recorded cache in the next process', () => {
    const file = write(bundleDir, 1);
    const first = run(file, true);
    assert.deepEqual(first, { identity: { file: 'bundle.js', dir: bundleDir, self: true, hasMain: true }, later: 11, accepted: [] });
    assert.equal(cacheFiles().length, 1);
    assert.match(cacheFiles()[0], /^bundle\.js\.[0-9a-f]{32}\.bin$/);
    assert.deepEqual(run(file), { ...first, accepted: ['bundle.js'] });
  });

  it('never gives a rebuilt bundle the old cache, even of the same length', () => {
    const file = write(bundleDir, 1);
    run(file, true);
    write(bundleDir, 2);
    const next = run(file);
    assert.equal(next.later, 12, 'the new text runs');
    assert.deepEqual(next.accepted, []);
  });

  it('compiles as usual when the cache is damaged', () => {
    const file = write(bundleDir, 1);
    run(file, true);
    const [name] = cacheFiles();
    fs.writeFileSync(path.join(bundleDir, CODE_CACHE_FOLDER, name), Buffer.alloc(4096, 7));
    const next = run(file);
    assert.equal(next.later, 11);
    assert.deepEqual(next.accepted, []);
  });

  it('leaves modules outside the bundles folder alone', () => {
    const outside = write(elsewhere, 1);
    assert.equal(run(outside, true).later, 11);
    assert.deepEqual(cacheFiles(), []);
  });
});
