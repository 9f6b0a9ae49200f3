/**
 * Completion and hover benchmark: one 30 KB policy (the editor's size, bench/editorPolicy.ts) with the cursor
 * in its last statement, where jsonc-parser's scan to the cursor is longest. Warm figures are CPU time of
 * this thread over many calls, against a real floor: jsonc-parser's `parseTree` of the same text, which
 * every answer starts with. The first call of the process (it loads the IAM reference) is shown apart, one
 * run. Goal (issue 14): completion answers within 20 ms on a 30 KB policy. The same statements are also
 * measured as a 30 KB CloudFormation YAML template and a 30 KB Terraform `jsonencode` file, where each answer
 * starts with the linter's reading of the whole file: their floor is that syntax's parse of the same text
 * (the `yaml` package's `parseDocument`, tree-sitter's HCL grammar with the copy the linter reads).
 * Writes bench/results/assist.json. Run: node scripts/bench.mjs assist
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { parseDocument, stringify } from 'yaml';
import { completionsAt } from '../src/core/assist/completion';
import { hoverAt } from '../src/core/assist/hover';
import type { AssistSyntax } from '../src/core/assist/iacContext';
import { loadHclParser } from '../src/core/lint/iac/hclParser';
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

/** The editor policy's statements written in another syntax, grown until the file is 30 KB too. */
function inSyntax(render: (policy: unknown) => string): string {
  for (let bytes = EDITOR_POLICY_BYTES; ; bytes += 1024) {
    const text = render(JSON.parse(syntheticPolicy(bytes)));
    if (text.length >= EDITOR_POLICY_BYTES) return text;
  }
}

const asTemplate = (policy: unknown) => stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: policy } } } });

/** HCL's object syntax takes JSON's with `=` between key and value. */
const asTerraform = (policy: unknown) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode(${JSON.stringify(policy, null, 2).replace(/": /g, '" = ')})\n}\n`;

/** Completion and a hover at the last statement of a file in another syntax, and that syntax's parse. */
function iacFigures(text: string, syntax: Exclude<AssistSyntax, { kind: 'json' }>, fileType: 'cloudformation' | 'terraform', action: string, key: string) {
  const at = { action: afterLast(text, action), key: afterLast(text, key) };
  if (!completionsAt(text, at.action, syntax)?.items.length) throw new Error(`no completion at ${action} in ${syntax.kind}: the bench measures nothing`);
  const parse = syntax.kind === 'yaml' ? () => parseDocument(text, { uniqueKeys: false, keepSourceTokens: false }) : () => syntax.parser.parse(text, () => undefined);
  return {
    characters: text.length,
    floor: cpuTimes(parse, 50, 5),
    actionCompletion: cpuTimes(() => completionsAt(text, at.action, syntax), 50, 5),
    keyCompletion: cpuTimes(() => completionsAt(text, at.key, syntax), 50, 5),
    keyHover: cpuTimes(() => hoverAt(text, at.key, fileType, syntax), 50, 5),
  };
}

async function main(): Promise<void> {
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
  const yaml = iacFigures(inSyntax(asTemplate), { kind: 'yaml' }, 'cloudformation', '- sts:', 'aws:Sec');
  const terraform = iacFigures(inSyntax(asTerraform), { kind: 'hcl', parser: await loadHclParser() }, 'terraform', '"sts:', '"aws:Sec');
  const loadEnd = machineLoad();
  const vs = (s: Spread, floor: Spread) => `${(s.median / floor.median).toFixed(1)}x`;
  const ratio = (s: Spread) => vs(s, figures.floor);
  const goal = (s: Spread) => (s.max <= GOAL_COMPLETION_MS ? 'met (every run)' : s.median <= GOAL_COMPLETION_MS ? 'met at the median' : 'missed');
  console.log(`policy: ${text.length} characters, ${RUNS} runs each (statement hover 50), CPU ms, median (min-max); ${formatLoad(loadStart, loadEnd)}`);
  printTable(
    ['what', 'ms', 'vs parseTree (vs its syntax)', `goal <= ${GOAL_COMPLETION_MS} ms`],
    [
      ['floor: jsonc-parser parseTree', formatSpread(figures.floor, 3), '1.0x', ''],
      ['completion: sts actions', formatSpread(figures.actionCompletion, 3), ratio(figures.actionCompletion), goal(figures.actionCompletion)],
      ['completion: condition keys', formatSpread(figures.keyCompletion, 3), ratio(figures.keyCompletion), goal(figures.keyCompletion)],
      ['completion: resource ARNs', formatSpread(figures.resourceCompletion, 3), ratio(figures.resourceCompletion), goal(figures.resourceCompletion)],
      ['hover: statement (engine)', formatSpread(figures.statementHover, 3), ratio(figures.statementHover), ''],
      ['hover: wildcard', formatSpread(figures.wildcardHover, 3), ratio(figures.wildcardHover), ''],
      ...(
        [
          ['YAML template', yaml],
          ['Terraform jsonencode', terraform],
        ] as const
      ).flatMap(([name, f]) => [
        [`${name} (${f.characters} characters): floor, ${name.startsWith('YAML') ? 'parseDocument' : 'tree-sitter parse'} (50 runs)`, formatSpread(f.floor, 3), `${ratio(f.floor)} (1.0x)`, ''],
        [`${name}: completion, sts actions (50 runs)`, formatSpread(f.actionCompletion, 3), `${ratio(f.actionCompletion)} (${vs(f.actionCompletion, f.floor)})`, goal(f.actionCompletion)],
        [`${name}: completion, condition keys (50 runs)`, formatSpread(f.keyCompletion, 3), `${ratio(f.keyCompletion)} (${vs(f.keyCompletion, f.floor)})`, goal(f.keyCompletion)],
        [`${name}: hover, condition key (50 runs)`, formatSpread(f.keyHover, 3), `${ratio(f.keyHover)} (${vs(f.keyHover, f.floor)})`, ''],
      ]),
      ['first completion of the process (loads the reference)', `${((firstCall.user + firstCall.system) / 1000).toFixed(1)} (1 run)`, '', ''],
    ],
  );
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  const results = { policyCharacters: text.length, runs: RUNS, unit: 'CPU ms', load: { start: loadStart, end: loadEnd }, firstCompletionMs: (firstCall.user + firstCall.system) / 1000, ...figures, yaml, terraform };
  fs.writeFileSync(path.join(REPO, 'bench/results/assist.json'), `${JSON.stringify(results, null, 2)}\n`);
}

void main();
