/**
 * Linter benchmark (design section 7): over the shared corpus (or the test fixtures without it),
 * in-process lint time against parse-only time (the floor any JSON linter pays), files per second, the
 * CLI's wall time as a user sees it, and editor-style latency for a ~30 KB policy. Prints a table and
 * writes bench/results/lint.json. Goals: lint within 3x of parse-only; the CLI over the corpus under 0.5 s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { type LintInput, lintFiles, lintText } from '../src/core/lint/linter';
import type { Rule } from '../src/core/lint/model';
import { RULES } from '../src/core/lint/rules';
import { DOCUMENT_RULES } from '../src/core/lint/rules/documentRules';

const REPO = path.resolve(__dirname, '..');
const SHARED_CORPUS = path.resolve(REPO, '../shared/corpus');
const CORPUS = fs.existsSync(SHARED_CORPUS) ? SHARED_CORPUS : path.join(REPO, 'test/fixtures/policies');

function corpusFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile() && !file.endsWith('.tsv') && !file.endsWith('.md'))
    .sort();
}

/**
 * Median and minimum of `runs` timings of `fn` in milliseconds, after `warmup` untimed runs. In-process
 * timings are CPU time (this thread's user + system), which other processes on a busy machine disturb less than wall time.
 * Every measurement gets the same warm-up, long enough for the lint (far more code to compile) to reach steady
 * state: with 3, its median still fell among runs where V8's compiler threads and the first caches were
 * busy, which process CPU time counts, while parse-only was already warm after 5.
 */
function timeMs(fn: () => void, runs: number, warmup = 10): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

/**
 * Milliseconds per lint spent in each rule's checkFile (thread time around each call, averaged over
 * `runs` lints), slowest first. An analysis rules share per statement counts for the first rule that asks.
 */
function ruleTimes(inputs: readonly LintInput[], runs: number): Array<[string, number]> {
  const spent = new Map<string, number>();
  const timed = RULES.map(
    (rule): Rule =>
      rule.checkFile
        ? {
            ...rule,
            checkFile(context) {
              const start = process.hrtime.bigint();
              rule.checkFile!(context);
              spent.set(rule.meta.id, (spent.get(rule.meta.id) ?? 0) + Number(process.hrtime.bigint() - start) / 1e6);
            },
          }
        : rule,
  );
  for (let i = 0; i < 3; i++) lintFiles(inputs, { rules: timed });
  spent.clear();
  for (let i = 0; i < runs; i++) lintFiles(inputs, { rules: timed });
  return [...spent].map(([id, ms]): [string, number] => [id, round(ms / runs)]).sort((a, b) => b[1] - a[1]);
}

/** A policy of about `bytes` characters, written as a person would (indented, varied statements). */
function syntheticPolicy(bytes: number): string {
  const statements: unknown[] = [];
  const services = ['s3', 'ec2', 'iam', 'sts', 'kms', 'lambda', 'dynamodb', 'sqs'];
  for (let i = 0; JSON.stringify(statements).length < bytes * 0.8; i++) {
    statements.push({
      Sid: `Statement${i}`,
      Effect: i % 3 === 0 ? 'Deny' : 'Allow',
      Action: [`${services[i % services.length]}:Get*`, `${services[(i + 1) % services.length]}:List*`, 'sts:AssumeRoot'],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' }, Bool: { 'aws:SecureTransport': 'true' } },
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** Where GNU time is, to read the CLI's own CPU time: on a busy machine wall time mostly measures the others. */
const GNU_TIME = ['/usr/bin/time'].find((file) => fs.existsSync(file));

/** One CLI run: wall time, and CPU time (user + system) when GNU time is there. */
function runCli(args: string[]): { wall: number; cpu?: number } {
  const cli = [process.execPath, path.join(REPO, 'bin/rootguard.js'), 'lint', ...args];
  const [command, commandArgs] = GNU_TIME ? [GNU_TIME, ['-f', 'cpu %U %S', ...cli]] : [cli[0], cli.slice(1)];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { cwd: path.dirname(CORPUS), encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === 2 || result.status === null) throw new Error(`CLI failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  const times = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { wall, cpu: times ? (Number(times[1]) + Number(times[2])) * 1000 : undefined };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function cliTimes(runs: number): { median: number; min: number; cpu?: number; nodeStartup: number } {
  // Extension-less files (saved get-policy-version answers) are named by a glob; folders give the rest.
  const args = ['--format', 'sarif', path.basename(CORPUS), `${path.basename(CORPUS)}/**/policies/*`];
  runCli(args);
  const samples = Array.from({ length: runs }, () => runCli(args));
  const cpu = samples.flatMap((s) => (s.cpu === undefined ? [] : [s.cpu]));
  const startup = Array.from({ length: runs }, () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  const walls = samples.map((s) => s.wall);
  return { median: median(walls), min: Math.min(...walls), cpu: cpu.length ? median(cpu) : undefined, nodeStartup: median(startup) };
}

function main(): void {
  const build = spawnSync(process.execPath, [path.join(REPO, 'esbuild.js')], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const files = corpusFiles(CORPUS);
  const inputs: LintInput[] = files.map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
  const totalBytes = inputs.reduce((sum, input) => sum + input.text.length, 0);

  const parseOnly = timeMs(() => {
    for (const input of inputs) parseTree(input.text, [] as ParseError[], { allowTrailingComma: true, disallowComments: false });
  }, 15);
  const lint = timeMs(() => lintFiles(inputs), 15);
  // Where the time goes: reading the model (parse, documents, statements) with no rule, then the RG0xx rules alone.
  const modelOnly = timeMs(() => lintFiles(inputs, { rules: [] }), 15);
  const documentRules = timeMs(() => lintFiles(inputs, { rules: DOCUMENT_RULES }), 15);
  const perRule = ruleTimes(inputs, 10);
  const findings = lintFiles(inputs).reduce((sum, r) => sum + r.findings.length, 0);

  const policy30k = syntheticPolicy(30_000);
  const editorPolicy = timeMs(() => lintText({ path: 'p.json', text: policy30k, type: 'identity' }), 50);
  const editorParseOnly = timeMs(() => parseTree(policy30k, [], { allowTrailingComma: true }), 50);
  const permissionSet = JSON.stringify({ Name: 'Big', InlinePolicy: policy30k }, null, 2);
  const editorInline = timeMs(() => lintText({ path: 'ps.json', text: permissionSet, type: 'permission-set' }), 50);

  const cli = cliTimes(5);

  const results = {
    corpus: path.relative(REPO, CORPUS),
    files: files.length,
    kilobytes: Math.round(totalBytes / 1024),
    findings,
    parseOnlyMs: round(parseOnly.median),
    lintMs: round(lint.median),
    modelOnlyMs: round(modelOnly.median),
    documentRulesMs: round(documentRules.median),
    ruleMs: Object.fromEntries(perRule),
    lintToParseRatio: round(lint.median / parseOnly.median),
    // Other processes and V8's own threads add to a run's CPU time, never take from it: the fastest run of
    // each side is the least disturbed measurement of its own work.
    lintToParseRatioOfFastestRuns: round(lint.min / parseOnly.min),
    filesPerSecond: Math.round(files.length / (lint.median / 1000)),
    cliWallMs: round(cli.median),
    cliWallMinMs: round(cli.min),
    cliCpuMs: cli.cpu === undefined ? null : round(cli.cpu),
    loadAverage: os.loadavg()[0],
    nodeStartupMs: round(cli.nodeStartup),
    editor30kPolicyMs: round(editorPolicy.median),
    editor30kParseOnlyMs: round(editorParseOnly.median),
    editor30kInlinePolicyMs: round(editorInline.median),
    policyBytes: policy30k.length,
    goals: { lintWithin3xOfParse: lint.median <= 3 * parseOnly.median, cliUnderHalfSecond: cli.median < 500 },
  };

  const rows: Array<[string, string]> = [
    ['corpus', `${results.corpus} (${results.files} files, ${results.kilobytes} KB, ${findings} findings)`],
    ['parse only (jsonc-parser), in process, CPU', `${results.parseOnlyMs} ms`],
    ['lint, in process (all rules), CPU', `${results.lintMs} ms`],
    ['  model only (no rule), CPU', `${results.modelOnlyMs} ms`],
    ['  model + RG001-RG009, CPU', `${results.documentRulesMs} ms`],
    ['  slowest rules (ms per lint, wall)', perRule.slice(0, 6).map(([id, ms]) => `${id} ${ms}`).join(', ')],
    ['lint / parse', `${results.lintToParseRatio}x of medians, ${results.lintToParseRatioOfFastestRuns}x of fastest runs (goal <= 3x)`],
    ['files per second', `${results.filesPerSecond}`],
    ['CLI wall time, SARIF, median of 5', `${results.cliWallMs} ms (min ${results.cliWallMinMs}; goal < 500)`],
    ['CLI CPU time (user + system), median', results.cliCpuMs === null ? 'n/a' : `${results.cliCpuMs} ms`],
    ['node start-up (node -e 0), wall', `${results.nodeStartupMs} ms`],
    ['load average while measuring', `${results.loadAverage.toFixed(1)} on ${os.cpus().length} CPUs`],
    [`editor: lint a ${Math.round(policy30k.length / 1024)} KB policy`, `${results.editor30kPolicyMs} ms (parse only ${results.editor30kParseOnlyMs} ms)`],
    ['editor: same policy as an escaped InlinePolicy', `${results.editor30kInlinePolicyMs} ms`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(REPO, 'bench/results/lint.json'), `${JSON.stringify(results, null, 2)}\n`);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

main();
