// Builds the bundles: the extension (cjs, `vscode` external) and the CLI, each with the modules it loads
// on first use in files of their own.
// Usage: node esbuild.js [--watch] [--production]
const esbuild = require('esbuild');
const path = require('path');
const { generateIamIndex } = require('./scripts/generateIamIndex.cjs');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * Modules that are only ever loaded with a dynamic `import()`: every CLI command (`src/cli/*Command.ts`, see
 * the table in src/cli/commands.ts) and the extension's organization features. Each becomes
 * `dist/<name>.js`, and importing it stays a runtime `require` of that file. `rootguard lint` then compiles
 * neither the AWS SDK nor the sandbox (node compiles a whole bundle when it loads it, used or not), and the
 * extension activates (for any JSON file) with the linter alone. Taking every command by its file name means
 * a new command is split out without anyone remembering to list it here.
 */
const CLI_COMMAND_MODULES = require('fs')
  .readdirSync(path.join(__dirname, 'src/cli'))
  .filter((name) => name.endsWith('Command.ts'))
  .map((name) => `src/cli/${name}`);
const LAZY_MODULES = [...CLI_COMMAND_MODULES, 'src/extension/orgFeatures.ts'];

const lazyByPath = new Map(LAZY_MODULES.map((file) => [path.resolve(__dirname, file).replace(/\.ts$/, ''), path.basename(file, '.ts')]));

/** Keeps dynamic imports of the lazy modules out of the importing bundle (see LAZY_MODULES). */
const splitLazyModules = {
  name: 'split-lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = lazyByPath.get(path.resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

/**
 * The IAM index (~580 KB, src/core/lint/data/iamIndex.json) as `JSON.parse` of a string: V8 parses JSON
 * text several times faster than it evaluates the same data written as a JavaScript object literal, which
 * was the largest single cost of `rootguard lint` after node's own start-up.
 */
const iamIndexAsJsonText = {
  name: 'iam-index-as-json-text',
  setup(build) {
    build.onLoad({ filter: /iam(Index|Assist)\.json$/ }, async (args) => ({
      contents: `module.exports = JSON.parse(${JSON.stringify(await require('fs/promises').readFile(args.path, 'utf8'))});`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  // jsonc-parser's default (UMD) build requires its parts dynamically, which a bundle cannot resolve;
  // its ESM build imports them statically.
  mainFields: ['module', 'main'],
  external: ['vscode'],
  // The lazy modules are CommonJS bundles: `require` them. A real `import()` sends each through node's ESM
  // loader, which first guesses the file's module format and then scans the whole bundle for its exports
  // (about 0.1 s for the lint command's bundle, on every `rootguard lint`).
  supported: { 'dynamic-import': false },
  plugins: [splitLazyModules, iamIndexAsJsonText],
  // web-tree-sitter's ESM build finds its files through import.meta.url, which a CommonJS bundle lacks.
  alias: { 'web-tree-sitter': path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs') },
  logLevel: 'warning',
};

/** The HCL parser's WebAssembly (runtime and Terraform grammar), beside the bundles that load it. */
const WASM_FILES = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
];

function copyWasm() {
  const fs = require('fs');
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  for (const file of WASM_FILES) fs.copyFileSync(file, path.join(__dirname, 'dist', path.basename(file)));
}

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  ...LAZY_MODULES.map((file) => ({ ...common, entryPoints: [file], outfile: `dist/${path.basename(file, '.ts')}.js` })),
];

/**
 * Records the V8 code cache of the lint bundle (src/cli/codeCache.ts): one `rootguard lint` over the demo
 * workspace, whose policies exercise every rule, so the cache holds the functions a lint compiles. Only the
 * lint is recorded: the other commands wait on AWS, not on compiling. A build without a cache still works.
 */
function recordCodeCache() {
  const { spawnSync } = require('child_process');
  require('fs').rmSync(path.join(__dirname, 'dist', 'code-cache'), { recursive: true, force: true });
  const run = spawnSync(process.execPath, ['bin/rootguard.js', 'lint', '--format', 'sarif', 'demo/workspace'], {
    cwd: __dirname,
    env: { ...process.env, ROOTGUARD_RECORD_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  // Exit 1 is a lint with findings, which the demo has on purpose.
  if (run.status !== 0 && run.status !== 1) console.warn(`code cache not recorded: ${run.error?.message ?? run.stderr}`);
}

async function main() {
  generateIamIndex();
  copyWasm();
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  recordCodeCache();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
