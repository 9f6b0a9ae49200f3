/**
 * Completion and hover benchmark: one 30 KB policy (the editor's size, bench/editorPolicy.ts) with the cursor
 * in its last statement, where jsonc-parser's scan to the cursor is longest. Warm figures are CPU time of
 * this thread over many calls, against a real floor: jsonc-parser's `parseTree` of the same text, which
 * every answer starts with. The first call of the process (it loads the IAM reference) is shown apart, one
 * run. Goal (issue 14): completion answers within 20 ms on a 30 KB policy.
 * Writes bench/results/assist.json. Run: node scripts/bench.mjs assist
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { completionsAt } from '../src/core/assist/completion';
import { hoverAt } from '../src/core/assist/hover';
import { EDITOR_POLICY_BYTES, syntheticPolicy } from './editorPolicy';
import { type Spread, formatLoad, formatSpread, machineLoad, printTable, spreadOf } from './stats';

const REPO = path.resolve(__dirname, '..');
const RUNS = Number(process.env.ASSIST_BENCH_RUNS ?? 200);
const GOAL_COMPLETION_MS = 20;

/** CPU time of this thread per call, after untimed warm-up calls, in milliseconds. */
function cpuTimes(fn: () => unknown, runs = RUNS, warmup = 20): Spread {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return spreadOf(samples);
}

/** The offset just after the last `marker` of the text. */
function afterLast(text: string, marker: string): number {
  const at = text.lastIndexOf(marker);
  if (at < 0) throw new Error(`${marker} not in the policy`);
  return at + marker.length;
}

function main(): void {
  const text = syntheticPolicy(EDITOR_POLICY_BYTES);
  const positions = {
    action: afterLast(text, '"sts:'),
    key: afterLast(text, '"aws:Sec'),
    resource: afterLast(text, '"arn:aws:s3:::'),
    statementHover: afterLast(text, '"Sid": "Stat'),
    wildcardHover: afterLast(text, ':Get'),
  };
  const loadStart = machineLoad();
  const firstStart = process.cpuUsage();
  const first = completionsAt(text, positions.action);
  const firstCall = process.cpuUsage(firstStart);
  if (!first?.items.length) throw new Error('no completion at the action: the bench measures nothing');
  const figures = {
    floor: cpuTimes(() => parseTree(text, [], { allowTrailingComma: true })),
    actionCompletion: cpuTimes(() => completionsAt(text, positions.action)),
    keyCompletion: cpuTimes(() => completionsAt(text, positions.key)),
    resourceCompletion: cpuTimes(() => completionsAt(text, positions.resource)),
    statementHover: cpuTimes(() => hoverAt(text, positions.statementHover, 'identity'), 50, 5),
    wildcardHover: cpuTimes(() => hoverAt(text, positions.wildcardHover, 'identity')),
  };
  const loadEnd = machineLoad();
  const ratio = (s: Spread) => `${(s.median / figures.floor.median).toFixed(1)}x`;
  const goal = (s: Spread) => (s.max <= GOAL_COMPLETION_MS ? 'met (every run)' : s.median <= GOAL_COMPLETION_MS ? 'met at the median' : 'missed');
  console.log(`policy: ${text.length} characters, ${RUNS} runs each (statement hover 50), CPU ms, median (min-max); ${formatLoad(loadStart, loadEnd)}`);
  printTable(
    ['what', 'ms', 'vs parseTree', `goal <= ${GOAL_COMPLETION_MS} ms`],
    [
      ['floor: jsonc-parser parseTree', formatSpread(figures.floor, 3), '1.0x', ''],
      ['completion: sts actions', formatSpread(figures.actionCompletion, 3), ratio(figures.actionCompletion), goal(figures.actionCompletion)],
      ['completion: condition keys', formatSpread(figures.keyCompletion, 3), ratio(figures.keyCompletion), goal(figures.keyCompletion)],
      ['completion: resource ARNs', formatSpread(figures.resourceCompletion, 3), ratio(figures.resourceCompletion), goal(figures.resourceCompletion)],
      ['hover: statement (engine)', formatSpread(figures.statementHover, 3), ratio(figures.statementHover), ''],
      ['hover: wildcard', formatSpread(figures.wildcardHover, 3), ratio(figures.wildcardHover), ''],
      ['first completion of the process (loads the reference)', `${((firstCall.user + firstCall.system) / 1000).toFixed(1)} (1 run)`, '', ''],
    ],
  );
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  const results = { policyCharacters: text.length, runs: RUNS, unit: 'CPU ms', load: { start: loadStart, end: loadEnd }, firstCompletionMs: (firstCall.user + firstCall.system) / 1000, ...figures };
  fs.writeFileSync(path.join(REPO, 'bench/results/assist.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main();
