/**
 * Extension benchmark (design section 7): what a user pays before RootGuard does anything.
 *   - activation: loading the shipped bundle plus activate(), each sample a fresh Node process against a
 *     stand-in `vscode` module (bench/activationProbe.cjs), with TCP connections and DNS lookups counted
 *     (must be 0: activation makes no AWS call);
 *   - the size of dist/extension.js (production build) and of the .vsix.
 * Packages first (`npm run package`), so the figures are those of what ships. Goals: activation under
 * 50 ms, .vsix under 3 MB. Writes bench/results/extension.json. Run: node scripts/bench.mjs extension
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageVsix, vsixPath } from '../test/harness/packageVsix';

const REPO = path.resolve(__dirname, '..');
const BUNDLE = path.join(REPO, 'dist', 'extension.js');
const SAMPLES = Number(process.env.EXTENSION_BENCH_SAMPLES || 9);
const GOAL_ACTIVATION_MS = 50;
const GOAL_VSIX_BYTES = 3 * 1024 * 1024;

interface ActivationSample {
  loadMs: number;
  activateMs: number;
  connects: number;
}

function activationSample(): ActivationSample {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'activationProbe.cjs'), BUNDLE, path.join(REPO, 'package.json')], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ActivationSample;
}

function stats(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

async function main(): Promise<void> {
  const packageMs = await packageVsix();
  activationSample(); // warm the OS file cache: the samples then measure Node, not the disk
  const samples = Array.from({ length: SAMPLES }, activationSample);
  const load = stats(samples.map((s) => s.loadMs));
  const activate = stats(samples.map((s) => s.activateMs));
  const total = stats(samples.map((s) => s.loadMs + s.activateMs));
  const connects = samples.reduce((sum, s) => sum + s.connects, 0);
  const bundleBytes = fs.statSync(BUNDLE).size;
  const vsixBytes = fs.statSync(vsixPath).size;

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const kb = (v: number) => `${(v / 1024).toFixed(0)} KB`;
  const rows: [string, string, string][] = [
    ['activation: load bundle (median)', ms(load.median), `min ${ms(load.min)}, max ${ms(load.max)}`],
    ['activation: activate() (median)', ms(activate.median), `min ${ms(activate.min)}, max ${ms(activate.max)}`],
    ['activation: total (median)', ms(total.median), `goal < ${GOAL_ACTIVATION_MS} ms: ${total.median < GOAL_ACTIVATION_MS ? 'met' : 'NOT met'}`],
    ['network connections at activation', String(connects), `over ${SAMPLES} activations; must be 0`],
    ['dist/extension.js (production)', kb(bundleBytes), `${bundleBytes} bytes`],
    ['rootguard.vsix', kb(vsixBytes), `goal < 3 MB: ${vsixBytes < GOAL_VSIX_BYTES ? 'met' : 'NOT met'}`],
    ['npm run package', ms(packageMs), 'esbuild --production + vsce package'],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`Node ${process.version}, ${SAMPLES} cold activations, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const [what, value, note] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(10)}  ${note}`);

  const out = path.join(__dirname, 'results', 'extension.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const result = { ranAt: new Date().toISOString(), node: process.version, samples, activationMs: { load, activate, total }, connects, bundleBytes, vsixBytes, packageMs, goals: { activationMs: GOAL_ACTIVATION_MS, vsixBytes: GOAL_VSIX_BYTES } };
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  if (connects > 0) process.exitCode = 1; // a broken promise, not a slow run: activation must stay offline
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
