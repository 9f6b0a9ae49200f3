// The CLI from its sources, as bin/rootguard.js runs the bundle: for tests that need it as a process.
import { runAsProcess } from '../../../src/cli/main';

runAsProcess();
