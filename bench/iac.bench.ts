/**
 * Policies where they are written: the lint of a generated 2,000-resource Terraform tree and of a
 * 500-resource CloudFormation template (as YAML with short-form intrinsics, and as the JSON a synthesizer
 * writes), each against the parse-only time of the same files, the floor no linter of them can go under:
 *   - Terraform: tree-sitter's parse of every .tf file (web-tree-sitter, the grammar the linter uses), and
 *     beside it the linter's own parse (the same, copied into plain nodes);
 *   - YAML: the `yaml` package's parseDocument with the linter's options, and the linter's read into its tree;
 *   - JSON: JSON.parse, and beside it the linter's parse (the strict reader of src/core/text/jsonTree.ts, with
 *     positions) and jsonc-parser's parseTree, which the linter keeps for JSONC.
 * CPU time of the process, warm (after untimed runs), the floor and each step interleaved in every run so
 * that all see the same machine load, and each step's ratio to the floor taken per run. Figures are the median with the range over the runs.
 * Writes bench/results/iac.json. Run: node scripts/bench.mjs iac
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { Language, Parser } from 'web-tree-sitter';
import { loadHclParser, type HclParser } from '../src/core/lint/iac/hclParser';
import { parseYaml } from '../src/core/lint/iac/yamlSource';
import { type LintInput, type LintOptions, lintFiles } from '../src/core/lint/linter';
import { parseJson } from '../src/core/lint/parse';
import { cloudFormationTemplate, terraformTree, templateYaml } from './iacSources';
import { type Spread, formatLoad, formatSpread, machineLoad, printTable, spreadOf } from './stats';

const REPO = path.resolve(__dirname, '..');
const TERRAFORM_RESOURCES = 2000;
const TEMPLATE_RESOURCES = 500;
const RUNS = Number(process.env.IAC_BENCH_RUNS ?? 9);
const WARMUP = 3;

/** CPU milliseconds per call over `times` calls, after a collection so that no earlier garbage is billed to it. */
function cpuPerCall(fn: () => unknown, times: number): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / times;
}

/** A step of a measurement; `times` repeats a step too short to time alone (JSON.parse of one template). */
interface Step {
  name: string;
  run: () => unknown;
  times?: number;
}

interface Measured {
  /** Each step's CPU time per run, the floor first. */
  steps: Record<string, Spread>;
  /** Each other step / the floor, taken per run. */
  ratios: Record<string, Spread>;
}

/** Runs the floor and the other steps in turn, `RUNS` times after `WARMUP` untimed rounds. */
function interleaved(floor: Step, ...others: Step[]): Measured {
  const steps = [floor, ...others];
  for (let i = 0; i < WARMUP; i++) for (const step of steps) step.run();
  const samples = steps.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) steps.forEach((step, k) => samples[k].push(cpuPerCall(step.run, step.times ?? 1)));
  return {
    steps: Object.fromEntries(steps.map((step, k) => [step.name, spreadOf(samples[k])])),
    ratios: Object.fromEntries(others.map((step, k) => [step.name, spreadOf(samples[k + 1].map((ms, run) => ms / samples[0][run]))])),
  };
}

/** tree-sitter alone, as the linter loads it: the parse every HCL tool pays, freed at once. */
async function treeSitterParse(): Promise<(text: string) => void> {
  await loadHclParser(); // initialises the runtime once per process
  const grammarFile = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';
  const grammar = require.resolve(grammarFile);
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
  return (text) => parser.parse(text)?.delete();
}

function countFindings(inputs: readonly LintInput[], options: LintOptions): { findings: number; unchecked: number } {
  const findings = lintFiles(inputs, options).flatMap((r) => r.findings);
  return { findings: findings.length, unchecked: findings.filter((f) => f.ruleId === 'RG010').length };
}

async function main(): Promise<void> {
  const hcl: HclParser = await loadHclParser();
  const parseTerraform = await treeSitterParse();

  const tree = terraformTree(TERRAFORM_RESOURCES);
  const readRelative = (from: string, relative: string) => tree.readable.get(path.posix.join(path.posix.dirname(from), relative)) ?? { unreadable: 'no such file' };
  const tfOptions: LintOptions = { hcl, readRelative };
  const tfBytes = tree.files.reduce((sum, f) => sum + f.text.length, 0);
  const tfCounts = countFindings(tree.files, tfOptions);

  const template = cloudFormationTemplate(TEMPLATE_RESOURCES);
  const resources = Object.keys(template.Resources as object).length;
  const yamlInput: LintInput = { path: 'stack.yaml', text: templateYaml(template) };
  const jsonInput: LintInput = { path: 'stack.template.json', text: JSON.stringify(template, null, 1) };
  const yamlCounts = countFindings([yamlInput], {});
  const jsonCounts = countFindings([jsonInput], {});
  if (tfCounts.findings === 0 || yamlCounts.findings === 0) throw new Error('the generated sources gave no finding: the bench would measure nothing');
  if (yamlCounts.findings !== jsonCounts.findings) throw new Error(`the YAML and JSON templates differ: ${yamlCounts.findings} vs ${jsonCounts.findings} findings`);

  const start = machineLoad();
  const terraform = interleaved(
    { name: 'tree-sitter parse (floor)', run: () => tree.files.forEach((f) => parseTerraform(f.text)) },
    { name: "the linter's parse (tree-sitter, copied into plain nodes)", run: () => tree.files.forEach((f) => hcl.parse(f.text, (root) => root)) },
    { name: 'lint, all rules', run: () => lintFiles(tree.files, tfOptions) },
  );
  const yamlOptions = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;
  const yaml = interleaved(
    { name: 'yaml parseDocument (floor)', run: () => parseDocument(yamlInput.text, yamlOptions) },
    { name: "the linter's read (parseDocument, then its tree)", run: () => parseYaml(yamlInput.text) },
    { name: 'lint, all rules', run: () => lintFiles([yamlInput]) },
  );
  // One parse of the JSON takes a few milliseconds, under the timer's steadiness: it is timed over several calls.
  const json = interleaved(
    { name: 'JSON.parse (floor)', run: () => JSON.parse(jsonInput.text), times: 20 },
    { name: "the linter's parse (strict reader, with positions)", run: () => parseJson(jsonInput.text), times: 5 },
    { name: 'jsonc-parser parseTree, for comparison', run: () => parseTree(jsonInput.text, [], { allowTrailingComma: true }), times: 5 },
    { name: 'lint, all rules', run: () => lintFiles([jsonInput]) },
  );
  const end = machineLoad();

  const ms = (s: Spread) => formatSpread(s, 1, ' ms');
  const rows = (name: string, measured: Measured): string[][] =>
    Object.entries(measured.steps).map(([step, spread]) => [`${name}: ${step}`, ms(spread), measured.ratios[step] ? `${formatSpread(measured.ratios[step], 1)}x` : '']);
  console.log(
    `Terraform: ${tree.files.length} files, ${TERRAFORM_RESOURCES} resources, ${Math.round(tfBytes / 1024)} KB, ${tfCounts.findings} findings (${tfCounts.unchecked} RG010)`,
  );
  console.log(`CloudFormation: ${resources} resources; YAML ${Math.round(yamlInput.text.length / 1024)} KB, JSON ${Math.round(jsonInput.text.length / 1024)} KB, ${yamlCounts.findings} findings each`);
  console.log(`CPU ms, median (min-max) of ${RUNS} runs after ${WARMUP} untimed; step / floor taken per run; ${formatLoad(start, end)}`);
  printTable(
    ['what', 'CPU', 'step / floor'],
    [...rows('Terraform', terraform), ...rows('CFN YAML', yaml), ...rows('CFN JSON', json)],
  );

  const results = {
    ranAt: new Date().toISOString(),
    unit: 'CPU ms',
    runs: RUNS,
    load: { start, end },
    terraform: { files: tree.files.length, resources: TERRAFORM_RESOURCES, kilobytes: Math.round(tfBytes / 1024), ...tfCounts, ...terraform },
    cloudFormationYaml: { resources, kilobytes: Math.round(yamlInput.text.length / 1024), ...yamlCounts, ...yaml },
    cloudFormationJson: { resources, kilobytes: Math.round(jsonInput.text.length / 1024), ...jsonCounts, ...json },
  };
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(REPO, 'bench/results/iac.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
