/**
 * `rootguard lint`: lints policy files, folders and globs and prints stylish text, JSON or SARIF.
 * Exit codes: 0 clean, 1 findings at error level (or more warnings than --max-warnings), 2 usage,
 * configuration or I/O errors (reported after the readable files were linted).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json';
import { configuredType, emptyConfig, findConfigFile, isIgnored, loadConfig, type RootGuardConfig } from '../core/lint/config';
import { formatJson } from '../core/lint/formatters/json';
import { formatSarif } from '../core/lint/formatters/sarif';
import { formatStylish } from '../core/lint/formatters/stylish';
import { countSeverities } from '../core/lint/formatters/summary';
import { type LintInput, type LintOptions, type LintResult, lintFiles } from '../core/lint/linter';
import { FILE_TYPES, type FileType } from '../core/lint/model';
import { RULES } from '../core/lint/rules';
import type { CliCommand } from './commands';
import { collectTargets, describeError } from './lintTargets';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const REPOSITORY = packageJson.repository.url.replace(/\.git$/, '');

const HELP = `Usage: rootguard lint [paths|folders|globs...] [options]

Lints IAM policies, SCPs, RCPs, Identity Center permission sets and CloudFormation templates (JSON or YAML).
Folders are searched for *.json, *.jsonc, *.template, *.yaml and *.yml files (node_modules and .git are skipped);
the default is the current folder. A file's type comes from --type, else from "types" in .rootguard.json,
else from its content (files that hold no policy are skipped).

Options:
  -t, --type <type>        ${FILE_TYPES.join(' | ')}
  -f, --format <format>    stylish (default) | json | sarif
      --max-warnings <n>   exit 1 when there are more than n warnings
  -c, --config <file>      the configuration (default: the nearest .rootguard.json above the current folder)
      --rules              list the rules and exit
  -h, --help               show this help

Exit codes: 0 clean, 1 errors found (or too many warnings), 2 usage, configuration or I/O error.`;

/** Where the command writes and what it considers the current folder; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

interface LintArgs {
  paths: string[];
  type?: FileType;
  format: Format;
  maxWarnings?: number;
  config?: string;
  help: boolean;
  listRules: boolean;
}

class UsageError extends Error {}

export const lintCommand: CliCommand = {
  summary: 'lint policies, permission sets and CloudFormation templates',
  run: (args) => runLint(args, processIo()),
};

function processIo(): CliIo {
  return { cwd: process.cwd(), stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
}

/** Runs `rootguard lint` with its arguments (after "lint") and returns the exit code. */
export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (err) {
    io.stderr(`rootguard lint: ${err instanceof Error ? err.message : String(err)}\nRun "rootguard lint --help" for usage.\n`);
    return 2;
  }
  if (args.help || args.listRules) {
    io.stdout(args.help ? `${HELP}\n` : listRules());
    return 0;
  }

  const config = await readConfig(args.config, io);
  if (!config) return 2;
  const targets = collectTargets(args.paths.length ? args.paths : ['.'], io.cwd);
  const ioErrors = [...targets.errors];
  const inputs: LintInput[] = [];
  for (const file of targets.files) {
    if (isIgnored(config, file)) continue;
    try {
      inputs.push({ path: file, text: fs.readFileSync(file, 'utf8'), type: args.type ?? configuredType(config, file) });
    } catch (err) {
      ioErrors.push({ path: file, message: describeError(err) });
    }
  }

  const results = lintSafely(inputs, { severities: config.rules }, ioErrors);
  for (const error of ioErrors) io.stderr(`rootguard lint: ${path.relative(io.cwd, path.resolve(io.cwd, error.path)) || error.path}: ${error.message}\n`);
  for (const result of results) {
    if (!result.type) io.stderr(`rootguard lint: ${path.relative(io.cwd, result.path)}: skipped, not a policy (give --type to lint it anyway)\n`);
  }
  io.stdout(format(args.format, results, io.cwd, ioErrors));
  return exitCode(results, ioErrors.length, args.maxWarnings, io);
}

function parseLintArgs(argv: readonly string[]): LintArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      type: { type: 'string', short: 't' },
      format: { type: 'string', short: 'f', default: 'stylish' },
      'max-warnings': { type: 'string' },
      config: { type: 'string', short: 'c' },
      rules: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.type !== undefined && !(FILE_TYPES as readonly string[]).includes(values.type)) {
    throw new UsageError(`--type must be one of ${FILE_TYPES.join(', ')}; got "${values.type}"`);
  }
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`);
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number; got "${maxWarnings}"`);
  return {
    paths: positionals,
    type: values.type as FileType | undefined,
    format: values.format as Format,
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    config: values.config,
    help: values.help,
    listRules: values.rules,
  };
}

async function readConfig(explicit: string | undefined, io: CliIo): Promise<RootGuardConfig | undefined> {
  const configPath = explicit ? path.resolve(io.cwd, explicit) : await findConfigFile(io.cwd, (file) => fs.existsSync(file));
  if (!configPath) return emptyConfig(io.cwd);
  try {
    return await loadConfig(configPath, (file) => fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const problems = err && typeof err === 'object' && 'problems' in err ? (err.problems as string[]) : [describeError(err)];
    io.stderr(`rootguard lint: ${configPath}:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return undefined;
  }
}

/**
 * Lints all files as one run; should a rule ever throw, lints file by file so that one bad file is reported
 * as an error of its own and every other file still gets its findings.
 */
function lintSafely(inputs: LintInput[], options: LintOptions, ioErrors: Array<{ path: string; message: string }>): LintResult[] {
  try {
    return lintFiles(inputs, options);
  } catch {
    return inputs.flatMap((input) => {
      try {
        return lintFiles([input], options);
      } catch (err) {
        ioErrors.push({ path: input.path, message: `internal error while linting: ${err instanceof Error ? err.message : String(err)}` });
        return [];
      }
    });
  }
}

function format(kind: Format, results: LintResult[], cwd: string, notifications: Array<{ path: string; message: string }>): string {
  const linted = results.filter((r) => r.type);
  if (kind === 'json') return formatJson(linted, { rootDir: cwd });
  if (kind === 'stylish') return formatStylish(linted, { rootDir: cwd });
  return formatSarif(linted, {
    rules: RULES,
    version: packageJson.version,
    rootDir: cwd,
    docsBaseUri: `${REPOSITORY}/blob/main/`,
    informationUri: REPOSITORY,
    notifications: notifications.map((n) => ({ path: path.resolve(cwd, n.path), message: n.message })),
  });
}

function exitCode(results: LintResult[], ioErrorCount: number, maxWarnings: number | undefined, io: CliIo): number {
  if (ioErrorCount > 0) return 2;
  const counts = countSeverities(results);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    io.stderr(`rootguard lint: ${counts.warning} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function listRules(): string {
  const rows = RULES.map((r) => `${r.meta.id}  ${r.meta.name.padEnd(36)} ${(r.meta.optIn ? 'off (opt-in)' : r.meta.defaultSeverity).padEnd(12)} ${r.meta.description}`);
  return `${rows.join('\n')}\n`;
}
