// The one-shot floor for a CLI lint of a corpus: start Node, walk the same folders the CLI is given (JSON,
// JSONC and template files, plus every file directly in a `policies` folder, as the bench's glob names),
// read every file and JSON.parse it. Nothing else: no linter can do less. Plain CommonJS run by plain node,
// so nothing but Node's own start-up is loaded. Prints the number of files read.
// Usage: node bench/lintFloorProcess.cjs <folder>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const POLICY_FILE = /\.(json|jsonc|template)$/i;
let files = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile() && (POLICY_FILE.test(entry.name) || path.basename(dir) === 'policies')) {
      const text = fs.readFileSync(full, 'utf8');
      try {
        JSON.parse(text);
      } catch {
        // a file that is not strict JSON still counts as read and parsed as far as it goes
      }
      files++;
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${files}\n`);
