/**
 * `rootguard lint`: lints policy files, folders and globs and prints stylish text, JSON or SARIF.
 * Exit codes: 0 clean, 1 findings at error level (or more warnings than --max-warnings), 2 usage,
 * configuration or I/O errors (reported after the readable files were linted).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json';
import { CONFIG_FILE_NAME, configuredType, isIgnored, type RootGuardConfig } from '../core/lint/config';
import { formatJson } from '../core/lint/formatters/json';
import { type SarifNotification, formatSarif } from '../core/lint/formatters/sarif';
import { formatStylish } from '../core/lint/formatters/stylish';
import { countSeverities, plural } from '../core/lint/formatters/summary';
import { type LintInput, type LintOptions, type LintResult, lintFiles } from '../core/lint/linter';
import { FILE_TYPES, type FileType } from '../core/lint/model';
import { loadHclParser } from '../core/lint/iac/hclParser';
import { RULES } from '../core/lint/rules';
import { printable } from '../core/report/cells';
import type { CliCommand } from './commands';
import { LintConfigs, repositoryRoot, repositoryScope } from './lintConfigs';
import { collectTargets } from './lintTargets';
import { moduleNotes } from './moduleNotes';
import { identityDefaultNote } from './orgPolicyFolders';
import { besideReader, moduleFolderReader, type ReadScope, readLintFile, terraformModules } from './readLintFile';
import { realPageUrl, ruleHelpReader } from './ruleHelp';
import { describeRun } from './lintVerdict';
import { seeingUnchecked, takeUncheckedNotices, turnsOffNotChecked } from './uncheckedNotices';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** The repository's home page, when package.json names a real one (help links in SARIF point there). */
const REPOSITORY = realPageUrl(packageJson.repository.url.replace(/\.git$/, ''));

const HELP = `Usage: rootguard lint [paths|folders|globs...] [options]

Lints IAM policies, SCPs, RCPs, Identity Center permission sets, CloudFormation templates (JSON or YAML),
Terraform (*.tf) and Terraform plans (terraform show -json). Folders are searched for *.json, *.jsonc,
*.template, *.yaml, *.yml and *.tf files (node_modules, .git and .terraform are skipped);
the default is the current folder. A file's type comes from --type, else from "types" in .rootguard.json,
else from its content (files found in folders that hold no policy are skipped; a file named on its own
that holds none is an error, unless --skip-non-policies). Files over 2 MB (Terraform plans over 8 MB),
devices and symbolic links out of the folder are not read: a file named, or a plan, is then an error; one
found in a folder is RG010, not checked.

Options:
  -t, --type <type>        ${FILE_TYPES.join(' | ')}
  -f, --format <format>    stylish (default) | json | sarif
      --max-warnings <n>   exit 1 when there are more than n warnings
      --skip-non-policies  skip a named file that holds no policy, as in a folder, instead of failing: for
                           pre-commit, which names every staged .json and .yaml file (package.json too)
  -c, --config <file>      the configuration for every file (default: each file's nearest .rootguard.json,
                           looked up no higher than its repository's root)
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
  skipNonPolicies: boolean;
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

/**
 * Writes each line to stderr with its control and bidirectional characters shown as `\u{…}`: the lines carry
 * file names and policy text, which must never clear the screen, conceal the lines after them or reorder
 * what is shown. Each line is sanitised whole, so a newline in a file name cannot forge a line of its own.
 */
function lineWriter(io: CliIo): (...lines: string[]) => void {
  return (...lines) => io.stderr(lines.map((line) => `${printable(line)}\n`).join(''));
}

/** Runs `rootguard lint` with its arguments (after "lint") and returns the exit code. */
export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const say = lineWriter(io);
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (err) {
    say(`rootguard lint: ${err instanceof Error ? err.message : String(err)}`, 'Run "rootguard lint --help" for usage.');
    return 2;
  }
  if (args.help || args.listRules) {
    io.stdout(args.help ? `${HELP}\n` : listRules());
    return 0;
  }

  // Arguments that named nothing are shown as typed; files, relative to the current folder.
  const shown = (file: string) => (path.isAbsolute(file) ? path.relative(io.cwd, file) || file : file);
  const configs = new LintConfigs(io.cwd, args.config);
  const typed = args.paths.length ? args.paths : ['.'];
  const targets = collectTargets(typed, io.cwd);
  const ioErrors = [...targets.errors];
  const notes = [...targets.notes];
  const groups = new Map<RootGuardConfig, LintInput[]>();
  const tooLargeWithoutPolicy: string[] = [];
  const badConfigs = new Map<string, readonly string[]>();
  /** A configuration that cannot be used, said once however many files it applies to. */
  const configFailed = ({ path: configPath, problems }: { path: string; problems: readonly string[] }, label: string) => {
    if (!badConfigs.has(configPath)) say(`rootguard lint: ${label}:`, ...problems.map((p) => `  ${p}`));
    badConfigs.set(configPath, problems);
  };
  // --config is checked whether or not a file is found: a mistyped one must not pass as "nothing to lint".
  const explicit = await configs.explicitConfig();
  if (explicit && 'error' in explicit) configFailed(explicit.error, configLabel(explicit.error.path, args.config, io.cwd));
  let configsChecked = 0;
  /** Files not linted because the configuration that applies to them has errors, each named in every format. */
  const underBadConfig: Array<{ path: string; message: string }> = [];
  for (const file of targets.files) {
    // The linter's own configuration is never a policy, whatever type a glob or --type gives the files beside
    // it. Named (pre-commit names a staged one), it is checked as configuration: a broken one must not be committed.
    if (path.basename(file) === CONFIG_FILE_NAME) {
      if (!targets.named.has(file)) continue;
      const checked = await configs.namedConfig(file);
      if ('error' in checked) configFailed(checked.error, shown(file));
      else configsChecked++;
      continue;
    }
    const outcome = await configs.forFile(file);
    if ('error' in outcome) {
      const label = configLabel(outcome.error.path, args.config, io.cwd);
      configFailed(outcome.error, label);
      underBadConfig.push({ path: file, message: `not linted: the configuration that applies to it, ${label}, has errors` });
      continue;
    }
    const { config } = outcome;
    if (isIgnored(config, file)) {
      // Named, it was meant to be linted: say why it was not (a pre-commit run names every staged file).
      if (targets.named.has(file)) notes.push({ path: file, message: `ignored by ${configLabel(config.path ?? CONFIG_FILE_NAME, args.config, io.cwd)} ("ignore"), not linted` });
      continue;
    }
    const type = args.type ?? configuredType(config, file);
    const read = readLintFile(file, undefined, type === 'terraform-plan');
    // A plan too large to read holds policies that go unchecked: an error, found in a folder too.
    if ('refused' in read && (targets.named.has(file) || read.plan)) {
      ioErrors.push({ path: file, message: `${read.refused}, not linted` });
      continue;
    }
    // Too large to lint, a file found that holds no statement at all is skipped as any file without a policy is.
    if ('refused' in read && read.holdsNoStatement) {
      tooLargeWithoutPolicy.push(file);
      continue;
    }
    // Any other file found and not read may hold a policy (a full-admin one padded past 2 MB): it is RG010,
    // not checked, so that neither the run's verdict nor --max-warnings nor code scanning reads it as clean.
    const input: LintInput =
      'refused' in read
        ? { path: file, text: '', type, notRead: `Not read: ${read.refused}. Nothing in it is checked; a file that holds no policy can be left out with "ignore" in .rootguard.json.` }
        : { path: file, text: read.text, encoding: read.encoding, type };
    const group = groups.get(config) ?? [];
    group.push(input);
    groups.set(config, group);
  }
  const allInputs = [...groups.values()].flat();
  const hcl = allInputs.some(isTerraformInput) ? await loadHclParser() : undefined;
  const moduleFiles = terraformModules();
  // One run over every configuration's files, each with its own severities: RG110 weighs the run's SCPs together.
  // RG010 runs where a configuration turns it off too: what it finds there is said as a notice, not a finding.
  const withSeverities = [...groups].flatMap(([config, inputs]) => {
    const severities = seeingUnchecked(config.rules);
    return inputs.map((input) => ({ ...input, severities }));
  });
  const notCheckedOff = new Set([...groups].filter(([config]) => turnsOffNotChecked(config.rules)).flatMap(([, inputs]) => inputs.map((input) => input.path)));
  // The files a Terraform file names are read within its repository: what is linted is the repository's, and a
  // module names policies beside it (`../policies/x.json`) whichever of its folders is linted. Outside one, within
  // the folder searched (as links are), or the folder of a file named on its own.
  const scopeOf = (file: string): ReadScope => {
    const folder = targets.named.has(file) ? undefined : targets.foundIn.get(file);
    const scope = repositoryScope(file);
    return folder && scope.name !== 'the repository' ? { folder, name: 'the folder linted' } : scope;
  };
  const readRelative = besideReader(scopeOf);
  // The modules a Terraform file calls from a folder are read within the same scope.
  const moduleFolder = moduleFolderReader(scopeOf);
  const results = lintSafely(withSeverities, { hcl, readRelative, moduleFiles, moduleFolder, interactiveFixes: false }, ioErrors);
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const skipped: string[] = [...tooLargeWithoutPolicy];
  /** Templates and .tf files among them: their type is known, their resources say which policies they hold, so --type would not help. */
  const skippedTemplates = new Set<string>();
  const namedUnchecked = new Set(results.filter((result) => result.nothingChecked && targets.named.has(result.path)).map((result) => result.path));
  const unchecked = takeUncheckedNotices(results, notCheckedOff, namedUnchecked);
  for (const result of results) {
    // Its policies found but none readable: "no findings" would claim a check that did not happen.
    if (result.nothingChecked && namedUnchecked.has(result.path)) ioErrors.push({ path: result.path, message: `no policy in it could be checked: ${result.nothingChecked.join(' ')}` });
    if (result.type && !result.noPolicy) continue;
    // A file named on its own was meant to be checked: holding no policy is an error, not a skip. Unless a
    // hook named every staged file. A template or .tf file found in a folder with no policy in it is one of
    // the many such files of a repository, said by the run's line only.
    const meant = targets.named.has(result.path) && !args.skipNonPolicies;
    if (meant) ioErrors.push({ path: result.path, message: result.noPolicy ? NO_POLICY_IN_IAC : 'holds no policy RootGuard can check (give --type to lint it anyway, or --skip-non-policies to skip it)' });
    else if (!result.noPolicy || targets.named.has(result.path)) skipped.push(result.path);
    if (result.noPolicy) skippedTemplates.add(result.path);
  }
  // Policies of a Terraform module in files this run does not lint are checked there: said, not covered by "no problems".
  const linted = new Set(results.map((result) => path.resolve(io.cwd, result.path)));
  notes.push(...moduleNotes(results, (file) => linted.has(path.resolve(io.cwd, file)), shown));
  const skips = skipped.map((file) => ({ path: file, message: skippedTemplates.has(file) ? SKIPPED_TEMPLATE : SKIPPED }));
  const typeHint = skipped.some((file) => !skippedTemplates.has(file)) ? ' (give --type to lint them anyway)' : '';
  const listed = skipped.length > LISTED_SKIPS ? [...notes, ...unchecked, ...ioErrors] : [...notes, ...skips, ...unchecked, ...ioErrors];
  for (const problem of listed) say(`rootguard lint: ${shown(problem.path)}: ${problem.message}`);
  if (skipped.length > LISTED_SKIPS) say(`rootguard lint: skipped ${skipped.length} files that hold no policy: ${skipped.slice(0, LISTED_SKIPS).map(shown).join(', ')} and ${skipped.length - LISTED_SKIPS} more${typeHint}`);
  // A file not read was linted as nothing: no note on the type it was linted as.
  const untyped = new Set(allInputs.filter((input) => input.type === undefined && input.notRead === undefined).map((input) => input.path));
  // The suggested glob is relative to the configuration that applies (a new one: where the lookup from the file finds it).
  const configOf = new Map([...groups].flatMap(([config, inputs]) => inputs.map((input): [string, RootGuardConfig] => [input.path, config])));
  const defaulted = identityDefaultNote(
    results
      .filter((r) => untyped.has(r.path))
      .map((r) => {
        const config = configOf.get(r.path);
        const inConfig = config ? path.relative(config.baseDir, path.resolve(io.cwd, r.path)) : shown(r.path);
        const configFile = config?.path ? configLabel(config.path, args.config, io.cwd) : config ? shown(path.join(config.baseDir, CONFIG_FILE_NAME)) : CONFIG_FILE_NAME;
        return { shown: shown(r.path), inConfig, config: configFile, lintedAs: r.type };
      }),
  );
  if (defaulted) say(`rootguard lint: ${defaulted}`);
  const notifications = [
    ...[...underBadConfig, ...ioErrors].map((e) => ({ ...e, level: 'error' as const })),
    ...unchecked.map((u) => ({ ...u, level: 'warning' as const })),
    ...[...notes, ...skips].map((n) => ({ ...n, level: 'note' as const })),
  ];
  // Nothing is linted under a configuration with errors, everything else is; the report (SARIF a CI step uploads) says why.
  const configuration = [...badConfigs].map(([configPath, problems]) => ({ path: configPath, message: `invalid configuration: ${problems.join(' ')}`, level: 'error' as const }));
  io.stdout(format(args.format, results, io.cwd, { execution: notifications, configuration, unchecked, notLinted: underBadConfig }));
  // Files found in folders with nothing in them checked are RG010's findings, which a configuration may turn off.
  const uncheckedFound = results.filter((result) => result.nothingChecked && !targets.named.has(result.path)).length;
  // Those only partly checked where RG010 is off have no finding left to say so: the notices count them.
  const partlyChecked = unchecked.filter((notice) => !results.some((result) => result.path === notice.path && result.nothingChecked)).length;
  const run = describeRun(results, groups, typed, io.cwd, { notChecked: ioErrors.length + uncheckedFound + underBadConfig.length, partlyChecked }, configsChecked);
  const configErrors = badConfigs.size === 0 ? '' : `${badConfigs.size === 1 ? 'a configuration has errors (above)' : `${badConfigs.size} configurations have errors (above)`}${leftOutBy(underBadConfig, shown)}`;
  say(`rootguard lint: ${!configErrors ? run : results.length === 0 ? 'nothing linted: the configuration has errors (above)' : `${run}; ${configErrors}`}`);
  return exitCode(results, ioErrors.length + badConfigs.size, args.maxWarnings, say);
}

/** The files a configuration with errors left out, for the run's line: named, or past LISTED_SKIPS counted. */
function leftOutBy(files: ReadonlyArray<{ path: string }>, shown: (file: string) => string): string {
  if (files.length === 0) return '';
  const names = files.map((f) => shown(f.path));
  return `, not linting ${names.length > LISTED_SKIPS ? `${names.slice(0, LISTED_SKIPS).join(', ')} and ${names.length - LISTED_SKIPS} more` : names.join(', ')}`;
}

const SKIPPED = 'skipped, not a policy (give --type to lint it anyway)';
const SKIPPED_TEMPLATE = 'skipped, none of its resources holds a policy the linter reads';
const NO_POLICY_IN_IAC = 'holds no policy RootGuard can check: none of its resources holds a policy the linter reads (--skip-non-policies skips it)';
/** Skipped files named one per line up to this many; past it, one line counts them (a repository has hundreds). */
const LISTED_SKIPS = 3;

function isTerraformInput(input: LintInput): boolean {
  return input.type === 'terraform' || (input.type === undefined && /\.tf$/i.test(input.path));
}

/** A file named by Terraform's `file("...")`, read relative to the file that names it, as safely as any linted file. */
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
      'skip-non-policies': { type: 'boolean', default: false },
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
    skipNonPolicies: values['skip-non-policies'],
    help: values.help,
    listRules: values.rules,
  };
}

/** `--config x.json` as typed; a found configuration relative to the current folder. */
function configLabel(configPath: string, explicit: string | undefined, cwd: string): string {
  return explicit !== undefined ? `--config ${explicit}` : path.relative(cwd, configPath) || configPath;
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

/** What the run says beside its findings: about running it, and about the configuration it was given. */
interface RunNotifications {
  execution: readonly SarifNotification[];
  configuration: readonly SarifNotification[];
  /** Files not checked, or only partly, where RG010 is off (among `execution` too): JSON gives each to its file. */
  unchecked?: ReadonlyArray<{ path: string; message: string }>;
  /** Files not linted under a configuration with errors (among `execution` too): JSON gives each an entry. */
  notLinted?: ReadonlyArray<{ path: string; message: string }>;
}

function format(kind: Format, results: LintResult[], cwd: string, notifications: RunNotifications): string {
  const linted = results.filter((r) => r.type);
  if (kind === 'json') {
    const notices = new Map<string, Array<{ level: 'warning'; message: string }>>();
    for (const { path: file, message } of notifications.unchecked ?? []) notices.set(file, [...(notices.get(file) ?? []), { level: 'warning', message }]);
    return formatJson(linted, { rootDir: cwd, notices, notLinted: notifications.notLinted });
  }
  if (kind === 'stylish') return formatStylish(linted, { rootDir: cwd });
  const located = (list: readonly SarifNotification[]) => list.map((n) => ({ ...n, path: path.resolve(cwd, n.path) }));
  return formatSarif(linted, {
    rules: RULES,
    version: packageJson.version,
    // Code scanning reads paths against the checkout, wherever in it the step ran (working-directory: infra).
    rootDir: repositoryRoot(cwd) ?? cwd,
    docsBaseUri: REPOSITORY && `${REPOSITORY}/blob/main/`,
    informationUri: REPOSITORY,
    ruleHelp: ruleHelpReader(),
    notifications: located(notifications.execution),
    configurationNotifications: located(notifications.configuration),
  });
}

function exitCode(results: LintResult[], runErrorCount: number, maxWarnings: number | undefined, say: (line: string) => void): number {
  if (runErrorCount > 0) return 2;
  const counts = countSeverities(results);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    say(`rootguard lint: ${plural(counts.warning, 'warning')}, more than --max-warnings ${maxWarnings}`);
    return 1;
  }
  return 0;
}

function listRules(): string {
  const rows = RULES.map((r) => `${r.meta.id}  ${r.meta.name.padEnd(36)} ${(r.meta.optIn ? 'off (opt-in)' : r.meta.defaultSeverity).padEnd(12)} ${r.meta.description}`);
  return `${rows.join('\n')}\n`;
}
