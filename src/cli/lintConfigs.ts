/**
 * The `.rootguard.json` of each linted file: the nearest one above the file, looked up from the file (so
 * `rootguard lint demo/workspace` finds what running inside that folder finds), never above the
 * repository the file is in; or the one `--config` names, for every file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type RootGuardConfig, emptyConfig, findConfigFile, loadConfig } from '../core/lint/config';
import { describeError } from './lintTargets';
import { type ReadScope, readLintFile } from './readLintFile';

/** A configuration for a file, or why the one that applies cannot be used. */
export type ConfigOutcome = { config: RootGuardConfig } | { error: { path: string; problems: readonly string[] } };

export class LintConfigs {
  private readonly byDir = new Map<string, Promise<ConfigOutcome>>();
  private readonly byPath = new Map<string, Promise<ConfigOutcome>>();

  /** `explicit`: the `--config` path as typed, resolved against `cwd`. */
  constructor(
    private readonly cwd: string,
    private readonly explicit?: string,
  ) {}

  /** The configuration that applies to a file (the empty default, with the file's folder as base, when none does). */
  forFile(file: string): Promise<ConfigOutcome> {
    const explicit = this.explicitConfig();
    if (explicit) return explicit;
    const dir = path.dirname(file);
    let outcome = this.byDir.get(dir);
    if (!outcome) {
      outcome = findConfigFile(dir, (candidate) => isFile(candidate), repositoryRoot(dir)).then((found) =>
        found ? this.load(found, found) : { config: emptyConfig(this.folderForNew(dir)) },
      );
      this.byDir.set(dir, outcome);
    }
    return outcome;
  }

  /**
   * Where a `.rootguard.json` for files in `dir` that have none would go, so that the lookup from them finds
   * it: their repository's root, else the current folder when it holds them, else their own folder. The
   * default configuration's globs (suggested in notes) are written from there.
   */
  private folderForNew(dir: string): string {
    const relative = path.relative(this.cwd, dir);
    const inCwd = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    return repositoryRoot(dir) ?? (inCwd ? this.cwd : dir);
  }

  /** The configuration `--config` names, loaded and checked; undefined without --config. */
  explicitConfig(): Promise<ConfigOutcome> | undefined {
    return this.explicit === undefined ? undefined : this.load(path.resolve(this.cwd, this.explicit), this.explicit);
  }

  /** A `.rootguard.json` named on the command line, loaded and checked as it would be for the files it applies to. */
  namedConfig(configPath: string): Promise<ConfigOutcome> {
    return this.load(configPath, configPath);
  }

  private load(configPath: string, shownAs: string): Promise<ConfigOutcome> {
    let outcome = this.byPath.get(configPath);
    if (!outcome) {
      outcome = loadConfig(configPath, readConfigText).then(
        (config): ConfigOutcome => ({ config }),
        (err: unknown): ConfigOutcome => ({
          error: { path: shownAs, problems: err instanceof ConfigError ? err.problems : [describeError(err)] },
        }),
      );
      this.byPath.set(configPath, outcome);
    }
    return outcome;
  }
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees and submodules). */
export function repositoryRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Where a file named on the command line may read the files its Terraform names: its repository, or its own
 * folder outside one (files found by a search read within the folder searched).
 */
export function repositoryScope(file: string): ReadScope {
  const repository = repositoryRoot(path.dirname(file));
  return repository ? { folder: repository, name: 'the repository' } : { folder: path.dirname(file), name: "the file's folder" };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A configuration file's text, read as a policy file is: a device or FIFO (`--config /dev/zero`) never ends. */
function readConfigText(file: string): string {
  const read = readLintFile(file);
  if ('refused' in read) throw new Error(read.refused);
  return read.text;
}
