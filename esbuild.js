// Builds the two bundles: the extension (cjs, `vscode` external) and the CLI.
// Usage: node esbuild.js [--watch] [--production]
const esbuild = require('esbuild');
const { generateIamIndex } = require('./scripts/generateIamIndex.cjs');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];

async function main() {
  generateIamIndex();
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
