/**
 * One cold editor lint: in a fresh process, with the linter's modules loaded but nothing run yet, the time of
 * the first lint of the 30 KB policy (compiling the linter's code included), as the first keystroke after
 * opening a file pays it. Prints the milliseconds. Usage: node --import tsx bench/lintColdProcess.ts
 */
import { lintText } from '../src/core/lint/linter';
import { EDITOR_POLICY_BYTES, syntheticPolicy } from './editorPolicy';

const text = syntheticPolicy(EDITOR_POLICY_BYTES);
const start = performance.now();
lintText({ path: 'p.json', text, type: 'identity' });
process.stdout.write(`${performance.now() - start}\n`);
