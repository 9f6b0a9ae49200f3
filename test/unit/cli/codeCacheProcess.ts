// One process of the code cache tests: a fresh V8, as each `rootguard` run is (within one process V8 keeps
// compiled scripts in memory and never reads the cache). Loads FILE with the cache of BUNDLE_DIR installed,
// records when asked, and prints what it saw as JSON.
// Usage: node --import tsx codeCacheProcess.ts BUNDLE_DIR FILE [record]
import { CodeCache } from '../../../src/cli/codeCache';

const [bundleDir, file, record] = process.argv.slice(2);
const cache = new CodeCache(bundleDir, require.main).install();
const bundle = require(file) as { identity: object; later(n: number): number };
const later = bundle.later(5);
if (record === 'record') cache.record();
process.stdout.write(JSON.stringify({ identity: bundle.identity, later, accepted: cache.acceptedBundles() }));
