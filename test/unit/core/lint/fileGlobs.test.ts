import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileFileGlob, GlobError, MAX_GLOB_ALTERNATIVES, type MatchMeter } from '../../../../src/core/lint/fileGlobs';

const matches = (glob: string, path: string) => compileFileGlob(glob)(path);

describe('file globs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'a/b/.c.json', true],
    ['**/*.json', 'a/b/c.jsonc', false],
    ['scp/**', 'scp', true],
    ['scp/**', 'scp/a/b.json', true],
    ['scp/*.json', 'x/scp/a.json', false],
    ['**/scp*/**/*.json', 'org/scps/prod/deny.json', true],
    ['**/scp*/**/*.json', 'org/scps', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b/**/c', 'a/b/x/b/c', true],
    ['a/**/b/**/c', 'a/c', false],
    ['?.json', 'a.json', true],
    ['?.json', 'ab.json', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['[^a]', 'b', true],
    ['[]]', ']', true],
    ['[abc', '[abc', true],
    ['{scp,rcp}/*.json', 'rcp/a.json', true],
    ['{scp,rcp}/*.json', 'iam/a.json', false],
    ['x{a,b{c,d}}', 'xbd', true],
    ['x{a}', 'x{a}', true],
    ['\\*.json', '*.json', true],
    ['\\*.json', 'a.json', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['*', '', false],
    ['Scp/*', 'scp/a', false],
    // Segments written without wildcards must be segments of the path, whole.
    ['**/scp/**', 'org/scp/deny.json', true],
    ['**/scp/**', 'org/scps/deny.json', false],
    ['**/scp/**/deny.json', 'scp/deny.json', true],
    ['**/scp/**/deny.json', 'scp/allow.json', false],
    ['a/\\*/b', 'a/*/b', true],
    ['a/\\*/b', 'a/x/b', false],
    ['a//b', 'a//b', true],
    ['a//b', 'a/b', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(matches(glob, path), expected));
  }

  it('refuses extended globs, negations, unclosed braces, long patterns and brace explosions, with the reason', () => {
    assert.throws(() => compileFileGlob('**/@(a+|a)+!'), (err: unknown) => err instanceof GlobError && /extended globs/.test(err.message));
    assert.throws(() => compileFileGlob('+(a|b).json'), GlobError);
    assert.throws(() => compileFileGlob('!vendor/**'), /negated globs/);
    assert.throws(() => compileFileGlob('{a,b'), /without its closing/);
    assert.throws(() => compileFileGlob('a'.repeat(1_025)), /longer than 1024/);
    assert.throws(() => compileFileGlob('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'), new RegExp(`more than ${MAX_GLOB_ALTERNATIVES} alternatives`));
  });

  it('does work bounded by path length times pattern length on patterns that make backtracking matchers explode', () => {
    // Against a backtracking matcher these take from seconds (24 characters) to hours (200).
    const hostile = ['**/*a*a*a*a*a*a*a*a*a*a*a*a*b', `**/${'*a'.repeat(100)}b`, '**/a*/**/a*/**/a*/**/a*/**/b', '*[a-z]*[a-z]*[a-z]*[a-z]*!'];
    for (const glob of hostile) {
      for (const path of ['a'.repeat(24), 'a'.repeat(200), Array(60).fill('aaaa').join('/')]) {
        const meter: MatchMeter = { steps: 0 };
        assert.equal(compileFileGlob(glob)(path, meter), false);
        assert.ok(meter.steps <= (path.length + 1) * (glob.length + 1), `${glob} on ${path.length} characters: ${meter.steps} steps`);
      }
    }
  });

  it('agrees with picomatch (dot: true) on random globs without the refused features', () => {
    const globChar = fc.constantFrom('a', 'b', '.', '*', '?', '/', '**/', '[ab]', '[^a]', '{a,b}');
    const pathChar = fc.constantFrom('a', 'b', '.', '/', 'c');
    fc.assert(
      fc.property(fc.array(globChar, { minLength: 1, maxLength: 8 }), fc.array(pathChar, { minLength: 1, maxLength: 10 }), (globParts, pathParts) => {
        const glob = globParts.join('');
        const path = pathParts.join('');
        // picomatch reads `[!a]` as a literal or a class at once, so the negated class is written `[^a]` here.
    // Empty, `.` and `..` segments and a trailing slash never occur in the relative paths these globs see.
        fc.pre(!/(^|\/)\.{0,2}(\/|$)/.test(path) && !/\/\//.test(glob) && !glob.startsWith('/') && !glob.endsWith('/'));
        assert.equal(matches(glob, path), picomatch(glob, { dot: true })(path), `${glob} against ${path}`);
      }),
      { numRuns: 1_000, seed: 17 },
    );
  });
});
