#!/usr/bin/env node
// The published entry point: the bundled CLI (built by `npm install` through the prepare script).
require('../dist/cli.js').runAsProcess();
