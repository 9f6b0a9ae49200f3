/**
 * Hostile repositories (issue 17): each input of bench/hostileInputs.ts at the size that was reported,
 * linted by the CLI in a fresh process (`node bin/rootguard.js lint FILE`), with its wall time, CPU time and
 * peak memory. Goal: every input lints, or is refused with a message, in under 1 s per MB (CPU) and under
 * 300 MB. A symbolic link to /dev/zero is in the table too. Median (min-max) of LINT_BENCH_HOSTILE_RUNS runs.
 * Writes bench/results/hostile.json. Run: node scripts/bench.mjs hostile
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_INPUTS } from './hostileInputs';
import { type Spread, formatLoad, formatSpread, machineLoad, spreadOf } from './stats';

const REPO = path.resolve(__dirname, '..');
const RUNS = Number(process.env.LINT_BENCH_HOSTILE_RUNS ?? 3);
const GOAL_CPU_SECONDS_PER_MB = 1;
const GOAL_MAX_RSS_MB = 300;

interface Figures {
  name: string;
  megabytes: number;
  exitCode: number | null;
  refused?: string;
  wallMs: Spread;
  cpuMs: Spread;
  maxRssMb: Spread;
}

function lintOnce(file: string, usageFile: string): { wallMs: number; cpuMs: number; maxRssMb: number; exitCode: number | null; stderr: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', path.join(__dirname, 'measureChild.cjs'), path.join(REPO, 'bin/rootguard.js'), 'lint', file], {
    env: { ...process.env, RG_BENCH_USAGE: usageFile },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number };
  return { wallMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssKb / 1024, exitCode: run.status, stderr: run.stderr };
}

function measure(name: string, file: string, megabytes: number, dir: string): Figures {
  const samples = Array.from({ length: RUNS }, () => lintOnce(file, path.join(dir, 'usage.json')));
  const refusal = /not read|not linted/.exec(samples[0].stderr) ? samples[0].stderr.trim().split('\n')[0] : undefined;
  return {
    name,
    megabytes,
    exitCode: samples[0].exitCode,
    refused: refusal,
    wallMs: spreadOf(samples.map((s) => s.wallMs)),
    cpuMs: spreadOf(samples.map((s) => s.cpuMs)),
    maxRssMb: spreadOf(samples.map((s) => s.maxRssMb)),
  };
}

function main(): void {
  const build = spawnSync(process.execPath, [path.join(REPO, 'esbuild.js')], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-hostile-bench-'));
  const figures: Figures[] = [];
  const start = machineLoad();
  try {
    for (const input of HOSTILE_INPUTS) {
      const file = path.join(dir, `hostile.${input.extension}`);
      const text = input.make(input.reportedSize);
      fs.writeFileSync(file, text);
      figures.push(measure(`${input.name} (${input.reportedSize.toLocaleString('en-US')})`, file, Buffer.byteLength(text) / (1024 * 1024), dir));
    }
    const zero = path.join(dir, 'zero.json');
    fs.symlinkSync('/dev/zero', zero);
    figures.push(measure('a symbolic link to /dev/zero, named', zero, 0, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const end = machineLoad();

  const rows = figures.map((f) => {
    const cpuGoal = Math.max(f.megabytes, 1) * GOAL_CPU_SECONDS_PER_MB * 1000;
    const met = f.cpuMs.max <= cpuGoal && f.maxRssMb.max <= GOAL_MAX_RSS_MB;
    return [
      f.name,
      `${f.megabytes.toFixed(2)} MB`,
      `exit ${f.exitCode}${f.refused ? ' (refused)' : ''}`,
      `wall ${formatSpread(f.wallMs, 0, ' ms')}`,
      `CPU ${formatSpread(f.cpuMs, 0, ' ms')}`,
      `peak ${formatSpread(f.maxRssMb, 0, ' MB')}`,
      met ? 'goal met' : 'goal NOT met',
    ];
  });
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  process.stdout.write(`hostile inputs, CLI in a fresh process, ${RUNS} runs each; ${formatLoad(start, end)}\n`);
  process.stdout.write(`goal: under ${GOAL_CPU_SECONDS_PER_MB} s of CPU per MB (at least 1 MB counted) and ${GOAL_MAX_RSS_MB} MB peak, in every run\n`);
  process.stdout.write(`${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`);
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(REPO, 'bench/results/hostile.json'),
    `${JSON.stringify({ ranAt: new Date().toISOString(), runs: RUNS, goals: { cpuSecondsPerMb: GOAL_CPU_SECONDS_PER_MB, maxRssMb: GOAL_MAX_RSS_MB }, load: [start, end], figures }, null, 2)}\n`,
  );
}

main();
