#!/usr/bin/env node
// The published entry point: the bundled CLI (built by `npm install` through the prepare script), its
// bundles loaded through the V8 code cache the build recorded beside them (see src/cli/codeCache.ts).
const path = require('path');
const cli = require('../dist/cli.js');
cli.runAsProcess(new cli.CodeCache(path.join(__dirname, '..', 'dist'), require.main));
