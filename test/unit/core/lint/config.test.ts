import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ConfigError,
  configuredType,
  emptyConfig,
  findConfigFile,
  globMatches,
  isIgnored,
  loadConfig,
  parseConfig,
} from '../../../../src/core/lint/config';

const root = path.resolve('/repo');
const configPath = path.join(root, '.rootguard.json');

describe('config', () => {
  const text = `{
    // SCPs cannot be told from identity policies by content
    "types": { "scp/**/*.json": "scp", "*.rcp.json": "rcp", "./stacks/**": "cloudformation" },
    "rules": { "RG003": "off", "RG009": "error" },
    "ignore": ["vendor", "**/generated/*.json"],
  }`;
  const { config, problems } = parseConfig(text, configPath);

  it('parses JSONC with types, rules and ignores', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(config?.rules, { RG003: 'off', RG009: 'error' });
    assert.equal(config?.baseDir, root);
  });

  it('resolves a file type by glob relative to the config folder; the first match wins', () => {
    assert.equal(configuredType(config!, path.join(root, 'scp/org/deny.json')), 'scp');
    assert.equal(configuredType(config!, path.join(root, 'deep/x/a.rcp.json')), 'rcp', 'a pattern without a slash matches the name at any depth');
    assert.equal(configuredType(config!, path.join(root, 'stacks/prod/t.template')), 'cloudformation');
    assert.equal(configuredType(config!, path.join(root, 'identity/p.json')), undefined);
    assert.equal(configuredType(config!, path.resolve('/elsewhere/scp/deny.json')), undefined, 'files outside the config folder');
  });

  it('ignores folders and globs', () => {
    assert.ok(isIgnored(config!, path.join(root, 'vendor/lib/policy.json')));
    assert.ok(isIgnored(config!, path.join(root, 'a/generated/x.json')));
    assert.ok(!isIgnored(config!, path.join(root, 'scp/deny.json')));
    assert.ok(!isIgnored(emptyConfig(root), path.join(root, 'vendor/x.json')));
  });

  it('reports every problem with the key it is about', () => {
    const bad = parseConfig('{"types": {"a/*": "scpp"}, "rules": {"RG999": "off", "RG001": "fatal"}, "ignore": "vendor", "rule": {}}', configPath);
    assert.equal(bad.config, undefined);
    assert.deepEqual(bad.problems.map((p) => p.split(':')[0].split(';')[0]), ['unknown key "rule"', 'types["a/*"]', 'rules["RG999"]', 'rules["RG001"]', '"ignore" must be an array of globs, e.g. ["vendor/**"]']);
    assert.match(parseConfig('{"rules": ', configPath).problems[0], /invalid JSON at offset/);
    assert.match(parseConfig('[]', configPath).problems[0], /must hold a JSON object/);
    assert.match(parseConfig('{"types": []}', configPath).problems[0], /"types" must be an object/);
  });

  it('finds the nearest config walking up, and loads it through the given readFile', async () => {
    const files = new Map([[path.join(root, '.rootguard.json'), '{"rules": {"RG004": "warning"}}']]);
    const found = await findConfigFile(path.join(root, 'a/b/c'), (file) => files.has(file));
    assert.equal(found, configPath);
    assert.equal(await findConfigFile(path.resolve('/other'), (file) => files.has(file)), undefined);
    const loaded = await loadConfig(found!, async (file) => files.get(file)!);
    assert.deepEqual(loaded.rules, { RG004: 'warning' });
    await assert.rejects(loadConfig(found!, () => '{"rules": 1}'), (err: unknown) => err instanceof ConfigError && err.problems.length === 1);
  });

  it('refuses globs that a backtracking matcher would stall on, naming the key', () => {
    const bad = parseConfig('{"types": {"@(a+|a)+!": "scp"}, "ignore": ["ok/**", "*.json{", "+(x|y)"]}', configPath);
    assert.equal(bad.config, undefined);
    assert.deepEqual(bad.problems, [
      'types["@(a+|a)+!"]: extended globs ("@(…)", "+(…)", "!(…)", "*(…)", "?(…)") are not supported',
      'ignore["*.json{"]: "{" without its closing "}"',
      'ignore["+(x|y)"]: extended globs ("@(…)", "+(…)", "!(…)", "*(…)", "?(…)") are not supported',
    ]);
    assert.equal(globMatches('@(a+|a)+!', 'a'.repeat(24)), false, 'a refused glob matches nothing');
  });

  it('refuses a glob with a ".." segment, which could never match a file the configuration applies to', () => {
    const bad = parseConfig('{"types": {"../scp/**": "scp", "a/../b.json": "rcp", "..x/*.json": "scp"}, "ignore": ["../vendor"]}', configPath);
    const outside = '".." is not supported: globs are written from the configuration\'s folder and match only files inside it, e.g. "scp/**"';
    assert.deepEqual(bad.problems, [`types["../scp/**"]: ${outside}`, `types["a/../b.json"]: ${outside}`, `ignore["../vendor"]: ${outside}`]);
  });

  it('refuses a negation without a slash too (gitignore would re-include; here it would match nothing)', () => {
    const bad = parseConfig('{"types": {"!a.json": "scp"}, "ignore": ["vendor/**", "!vendor/ours/**", "!keep.json"]}', configPath);
    assert.deepEqual(bad.problems, [
      'types["!a.json"]: negated globs ("!…") are not supported',
      'ignore["!vendor/ours/**"]: negated globs ("!…") are not supported',
      'ignore["!keep.json"]: negated globs ("!…") are not supported',
    ]);
  });

  it('matches globs like gitignore', () => {
    assert.ok(globMatches('scp/**', 'scp/a/b.json'));
    assert.ok(globMatches('scp', 'scp/a.json'));
    assert.ok(globMatches('*.json', 'a/b/c.json'));
    assert.ok(!globMatches('scp/*.json', 'x/scp/a.json'));
    // A leading slash anchors at the configuration's folder, as in a .gitignore: it never made the glob match nothing.
    assert.ok(globMatches('/guardrails/*.json', 'guardrails/deny.json'));
    assert.ok(globMatches('/scp', 'scp/a.json'));
    assert.ok(!globMatches('/scp', 'x/scp/a.json'), 'anchored, unlike "scp"');
    assert.ok(globMatches('scp', 'x/scp/a.json'));
  });

  it('types each file by the first of many globs that matches it, as a corpus configuration writes them', () => {
    // Folder names alone, folders with `**`, single files, names at any depth: the shapes of the corpus's 143 types.
    const corpus = parseConfig(
      JSON.stringify({
        types: {
          'aws-scp-best-practice-policies': 'scp',
          'resource-control-policy-examples/**': 'rcp',
          'data-perimeter/policies/resource_control_policies': 'rcp',
          'data-perimeter/policies/service_control_policies': 'scp',
          'sandbox/scp-deny-using-other-regions.json': 'scp',
          '/anchored/*.json': 'rcp',
          '*.rcp.json': 'rcp',
          'org/{scps,guardrails}/**/deny-*.json': 'scp',
          'data-perimeter/**': 'identity',
        },
        ignore: ['vendor', 'data-perimeter/policies/service_control_policies/draft-*.json'],
      }),
      configPath,
    ).config!;
    const typeOf = (relative: string) => configuredType(corpus, path.join(root, relative));
    assert.equal(typeOf('aws-scp-best-practice-policies/AWS SCP Policies/deny-root.json'), 'scp');
    assert.equal(typeOf('nested/aws-scp-best-practice-policies/p.json'), 'scp', 'a glob without a slash matches at any depth');
    assert.equal(typeOf('resource-control-policy-examples/x/y/z.json'), 'rcp');
    assert.equal(typeOf('nested/resource-control-policy-examples/z.json'), undefined, 'a glob with a slash is anchored at the folder');
    assert.equal(typeOf('data-perimeter/policies/resource_control_policies/s3.json'), 'rcp');
    assert.equal(typeOf('data-perimeter/policies/service_control_policies/s3.json'), 'scp');
    assert.equal(typeOf('data-perimeter/policies/identity.json'), 'identity', 'the first matching glob wins, the later one here');
    assert.equal(typeOf('sandbox/scp-deny-using-other-regions.json'), 'scp');
    assert.equal(typeOf('sandbox/scp-deny-using-other-services.json'), undefined);
    assert.equal(typeOf('anchored/a.json'), 'rcp');
    assert.equal(typeOf('x/anchored/a.json'), undefined);
    assert.equal(typeOf('deep/down/p.rcp.json'), 'rcp');
    assert.equal(typeOf('org/guardrails/prod/eu/deny-regions.json'), 'scp');
    assert.equal(typeOf('org/guardrails/prod/eu/allow-regions.json'), undefined);
    assert.equal(configuredType(corpus, 'resource-control-policy-examples/a.json'), 'rcp', 'a relative path is read from the configuration\'s folder');
    assert.equal(configuredType(corpus, path.resolve('/repository-beside/resource-control-policy-examples/a.json')), undefined, 'a folder whose name starts with the configuration\'s is outside it');
    assert.equal(configuredType(corpus, path.join(root, '../elsewhere/resource-control-policy-examples/a.json')), undefined);
    assert.ok(isIgnored(corpus, path.join(root, 'a/vendor/b/c.json')));
    assert.ok(isIgnored(corpus, path.join(root, 'data-perimeter/policies/service_control_policies/draft-1.json')));
    assert.ok(!isIgnored(corpus, path.join(root, 'data-perimeter/policies/service_control_policies/s3.json')));
  });

  it('matches globs from a configuration at the root of the file system', () => {
    const atRoot = parseConfig('{"types": {"scp/**": "scp"}}', path.resolve('/', '.rootguard.json')).config!;
    assert.equal(configuredType(atRoot, path.resolve('/scp/a.json')), 'scp');
    assert.equal(configuredType(atRoot, path.resolve('/rcp/a.json')), undefined);
  });

  it('refuses a key given twice, which JSON parsers read as the last one alone', () => {
    const twice = parseConfig('{"types": {"scp/**": "scp"}, "rules": {"RG107": "off"}, "types": {"rcp/**": "rcp", "rcp/**": "scp"}}', configPath);
    assert.equal(twice.config, undefined);
    assert.deepEqual(twice.problems, [
      '"types" is given twice, and only the last one counts: write it once',
      'types["rcp/**"] is given twice, and only the last one counts: write it once',
    ]);
  });
});
