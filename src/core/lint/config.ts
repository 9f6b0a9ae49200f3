/**
 * `.rootguard.json`: which files are which type (SCPs and identity policies look alike), rule severities,
 * and files never linted. Pure functions over the file's text, plus thin loaders that take the file-system
 * calls as parameters so that the CLI (node:fs) and the extension (workspace.fs) share them.
 *
 * ```json
 * { "types": { "scp/**\/*.json": "scp" }, "rules": { "RG204": "off" }, "ignore": ["vendor/**"] }
 * ```
 */
import path from 'node:path';
import { type Node, getNodePath } from 'jsonc-parser';
import { BoundedMemo } from '../boundedMemo';
import { compileSegmentsGlob, GlobError, type SegmentsGlobMatcher } from './fileGlobs';
import { FILE_TYPES, type FileType, type SeveritySetting } from './model';
import { parseJson, valueOf } from './parse';
import { ruleById } from './rules';

export const CONFIG_FILE_NAME = '.rootguard.json';

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const KNOWN_KEYS = ['$schema', 'types', 'rules', 'ignore'];

export interface RootGuardConfig {
  /** Where the configuration came from; undefined for the empty default. */
  path?: string;
  /** The folder globs are relative to: the configuration file's folder. */
  baseDir: string;
  types: ReadonlyArray<{ pattern: string; type: FileType }>;
  rules: Readonly<Record<string, SeveritySetting>>;
  ignore: readonly string[];
}

/** A configuration that cannot be used; `problems` are one line each, ready to print. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly configPath: string,
    readonly problems: readonly string[],
  ) {
    super(`${configPath}: ${problems.join('; ')}`);
  }
}

/** The configuration used when there is no file: nothing typed, default severities, nothing ignored. */
export function emptyConfig(baseDir: string): RootGuardConfig {
  return { baseDir, types: [], rules: {}, ignore: [] };
}

/**
 * Parses and validates a configuration (JSON with comments). Returns every problem at once, each naming
 * the offending key, so that one run shows all that needs fixing.
 */
export function parseConfig(text: string, configPath: string): { config?: RootGuardConfig; problems: string[] } {
  const parsed = parseJson(text);
  if (parsed.errors.length > 0 || parsed.root?.type !== 'object') {
    const first = parsed.errors[0];
    const where = first ? ` at offset ${first.range.start}: ${first.message}` : ': the file must hold a JSON object';
    return { problems: [`invalid JSON${where}`] };
  }
  const raw = valueOf(parsed.root) as Record<string, unknown>;
  // A key given twice: the parser keeps the last, and the first would be dropped without a word.
  const problems: string[] = parsed.shadowed.map((property) => `${describeKey(property)} is given twice, and only the last one counts: write it once`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unknown key "${key}"; a configuration has "types", "rules" and "ignore"`);
  }
  const config: RootGuardConfig = {
    path: configPath,
    baseDir: path.dirname(configPath),
    types: readTypes(raw.types, problems),
    rules: readRules(raw.rules, problems),
    ignore: readIgnore(raw.ignore, problems),
  };
  return problems.length > 0 ? { problems } : { config, problems };
}

/** A property of the configuration as its problems name it: `"types"`, `types["scp/**"]`. */
function describeKey(property: Node): string {
  const keys = getNodePath(property.children![0]).map(String);
  return keys.length === 1 ? `"${keys[0]}"` : `${keys[0]}${keys.slice(1).map((key) => `[${JSON.stringify(key)}]`).join('')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readTypes(value: unknown, problems: string[]): RootGuardConfig['types'] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) {
    problems.push('"types" must be an object of glob -> type, e.g. { "scp/**/*.json": "scp" }');
    return [];
  }
  return Object.entries(value).flatMap(([pattern, type]) => {
    const globProblem = checkGlob(pattern);
    if (globProblem) {
      problems.push(`types["${pattern}"]: ${globProblem}`);
      return [];
    }
    if (typeof type === 'string' && (FILE_TYPES as readonly string[]).includes(type)) return [{ pattern, type: type as FileType }];
    problems.push(`types["${pattern}"]: ${JSON.stringify(type)} is not a file type; use one of ${FILE_TYPES.join(', ')}`);
    return [];
  });
}

function readRules(value: unknown, problems: string[]): RootGuardConfig['rules'] {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    problems.push('"rules" must be an object of rule id -> severity, e.g. { "RG204": "off" }');
    return {};
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(value)) {
    if (!ruleById(id)) problems.push(`rules["${id}"]: no rule has this id (run "rootguard lint --rules" for the list)`);
    else if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
      problems.push(`rules["${id}"]: ${JSON.stringify(severity)} is not a severity; use one of ${SEVERITIES.join(', ')}`);
    } else rules[id] = severity as SeveritySetting;
  }
  return rules;
}

function readIgnore(value: unknown, problems: string[]): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    problems.push('"ignore" must be an array of globs, e.g. ["vendor/**"]');
    return [];
  }
  return value.filter((pattern) => {
    const globProblem = checkGlob(pattern);
    if (globProblem) problems.push(`ignore["${pattern}"]: ${globProblem}`);
    return !globProblem;
  });
}

/** Why a glob cannot be used, or undefined when it can. */
function checkGlob(pattern: string): string | undefined {
  // Only files inside the configuration's folder are matched: a `..` glob would be accepted and match nothing.
  if (pattern.split('/').includes('..')) return '".." is not supported: globs are written from the configuration\'s folder and match only files inside it, e.g. "scp/**"';
  try {
    configGlobMatcher(pattern);
    return undefined;
  } catch (err) {
    if (err instanceof GlobError) return err.message;
    throw err;
  }
}

/** The folders and name of a file relative to the configuration's folder (`scp/deny.json` → [scp, deny.json]); undefined when outside it. */
function segmentsInConfig(config: RootGuardConfig, filePath: string): string[] | undefined {
  const file = path.resolve(config.baseDir, filePath);
  const { folder } = matchersOf(config);
  // A file inside the folder is the rest of its path: path.relative would resolve both paths again, for every file.
  const relative = file.startsWith(folder) ? file.slice(folder.length) : path.relative(config.baseDir, file);
  const segments = relative.split(path.sep);
  return segments[0] === '..' || path.isAbsolute(relative) ? undefined : segments;
}

/** By pattern: configurations are few, but the editor reads each again as it is edited. */
const matcherCache = new BoundedMemo<string, SegmentsGlobMatcher>(1000);

/**
 * Gitignore-like glob matching: a pattern with a slash is anchored at the configuration's folder (a leading
 * `/` or `./` too); one without (`*.scp.json`) matches the file name at any depth; `vendor` or `vendor/**` also match what is
 * under the folder. Throws `GlobError` for a pattern that cannot be used (see fileGlobs.ts).
 */
function configGlobMatcher(pattern: string): SegmentsGlobMatcher {
  let matcher = matcherCache.get(pattern);
  if (!matcher) {
    // `/scp/*.json` and `./scp/*.json` are anchored at the configuration's folder, as in a .gitignore.
    const leadingSlash = /^\.?\//.test(pattern);
    const anchored = pattern.replace(/^\.?\//, '').replace(/\/$/, '');
    // Checked before `**/` goes in front of it, which would hide the `!` from compileSegmentsGlob.
    if (anchored.startsWith('!')) throw new GlobError('negated globs ("!…") are not supported');
    const rooted = leadingSlash || anchored.includes('/') ? anchored : `**/${anchored}`;
    // `x/**` matches x itself too: a globstar crosses zero or more folders.
    matcher = compileSegmentsGlob(`${rooted}/**`);
    matcherCache.set(pattern, matcher);
  }
  return matcher;
}

/** The matcher of a configuration glob; one that never matches for a refused glob. */
function usableGlobMatcher(pattern: string): SegmentsGlobMatcher {
  try {
    return configGlobMatcher(pattern);
  } catch (err) {
    if (err instanceof GlobError) return () => false;
    throw err;
  }
}

/** True when a configuration glob matches a path relative to the configuration's folder; never for a refused glob. */
export function globMatches(pattern: string, relativePath: string): boolean {
  return usableGlobMatcher(pattern)(relativePath.split('/'));
}

/** A configuration's globs, compiled: a run asks each of them of every file (a corpus's `types` has 143). */
interface ConfigMatchers {
  /** The configuration's folder, resolved, with a separator at its end. */
  folder: string;
  types: ReadonlyArray<{ matches: SegmentsGlobMatcher; type: FileType }>;
  ignore: readonly SegmentsGlobMatcher[];
}

const matchersByConfig = new WeakMap<RootGuardConfig, ConfigMatchers>();

function matchersOf(config: RootGuardConfig): ConfigMatchers {
  let matchers = matchersByConfig.get(config);
  if (!matchers) {
    const folder = path.resolve(config.baseDir);
    matchers = {
      folder: folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`,
      types: config.types.map(({ pattern, type }) => ({ matches: usableGlobMatcher(pattern), type })),
      ignore: config.ignore.map(usableGlobMatcher),
    };
    matchersByConfig.set(config, matchers);
  }
  return matchers;
}

/** The type the configuration gives a file (the first matching glob wins), or undefined. */
export function configuredType(config: RootGuardConfig, filePath: string): FileType | undefined {
  // Most runs have no `types`: then no path is worked out for each of their files.
  if (config.types.length === 0) return undefined;
  const segments = segmentsInConfig(config, filePath);
  return segments && matchersOf(config).types.find((entry) => entry.matches(segments))?.type;
}

/** True when the configuration says never to lint this file. */
export function isIgnored(config: RootGuardConfig, filePath: string): boolean {
  if (config.ignore.length === 0) return false;
  const segments = segmentsInConfig(config, filePath);
  return segments !== undefined && matchersOf(config).ignore.some((matches) => matches(segments));
}

/**
 * Finds the nearest `.rootguard.json`, walking up from a folder to `stopAt` (the repository's root, so
 * that a file above a repository never applies to it) or else the file-system root. `exists` is the
 * caller's file-system check (sync or async).
 */
export async function findConfigFile(
  startDir: string,
  exists: (file: string) => boolean | Promise<boolean>,
  stopAt?: string,
): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  const last = stopAt && path.resolve(stopAt);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || dir === last) return undefined;
    dir = parent;
  }
}

/** Reads and validates a configuration file; throws `ConfigError` with every problem found. */
export async function loadConfig(configPath: string, readFile: (file: string) => string | Promise<string>): Promise<RootGuardConfig> {
  const { config, problems } = parseConfig(await readFile(configPath), configPath);
  if (!config) throw new ConfigError(configPath, problems);
  return config;
}
