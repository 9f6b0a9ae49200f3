/**
 * Turns `rootguard lint` arguments into files: a file is taken as named (whatever its extension), a
 * folder is searched recursively for policy-like files, and a glob is matched from its static base.
 * node_modules and .git are never entered.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../core/lint/config';

/** What a folder search picks up: JSON, JSONC, CloudFormation templates (`.template`, `.template.json`, YAML), Terraform. */
const POLICY_FILE = /\.(json|jsonc|template|ya?ml|tf)$/i;
/** Never entered: dependencies, git's store, Terraform's downloaded providers and modules. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform']);

export interface Targets {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** The files named one by one on the command line (not found in a folder or by a glob). */
  named: Set<string>;
  /** The folder each file found by a search was found in (a folder argument, a glob's base): the folder linted. */
  foundIn: Map<string, string>;
  /** Arguments that named nothing readable, each with a message. */
  errors: Array<{ path: string; message: string }>;
  /** What was passed over on the way, each with the reason (symbolic links out of the folder). */
  notes: Array<{ path: string; message: string }>;
}

/** Resolves paths, folders and globs (relative to `cwd`) into the files to lint. */
export function collectTargets(args: readonly string[], cwd: string): Targets {
  const targets: Targets = { files: [], named: new Set(), foundIn: new Map(), errors: [], notes: [] };
  const files = new Set<string>();
  const walker = new Walker(targets);
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const stat = statOrError(absolute);
    if (!(stat instanceof fs.Stats)) {
      if (picomatch.scan(arg).isGlob) collectGlob(arg, cwd, files, targets, walker);
      else targets.errors.push({ path: arg, message: describeError(stat.error) });
    } else if (stat.isDirectory()) walker.walk(absolute, absolute, (file) => isPolicyLike(file) && found(file, absolute, files, targets));
    else {
      files.add(absolute);
      targets.named.add(absolute);
    }
  }
  targets.files = [...files].sort();
  return targets;
}

/** Adds a file found by searching `folder`; the first folder that finds it is the one it is linted in. */
function found(file: string, folder: string, files: Set<string>, targets: Targets): void {
  files.add(file);
  if (!targets.foundIn.has(file)) targets.foundIn.set(file, folder);
}

/** RootGuard's own configuration is read as configuration, never linted as a policy found in a folder. */
function isPolicyLike(file: string): boolean {
  return POLICY_FILE.test(file) && path.basename(file) !== CONFIG_FILE_NAME;
}

function collectGlob(glob: string, cwd: string, files: Set<string>, targets: Targets, walker: Walker): void {
  const { base, glob: pattern } = picomatch.scan(glob);
  const root = path.resolve(cwd, base || '.');
  // Matched below its static base, never joined to the current folder: a folder named `Project (copy)` or
  // `a{b,c}` is a name, not glob syntax.
  const compiled = picomatch(pattern, { dot: false });
  // The walk finds only files below `root`: each is the rest of its path, without path.relative resolving both.
  const below = root.endsWith(path.sep) ? root.length : root.length + 1;
  const matcher = (file: string) => compiled(file.slice(below).split(path.sep).join('/'));
  // A folder the glob matches is searched as a folder argument is (the shell expands `scp*` to `scp-prod`).
  const folderMatches = new Map<string, boolean>();
  const inMatchedFolder = (dir: string): boolean => {
    if (dir === root || !dir.startsWith(root)) return false;
    let matched = folderMatches.get(dir);
    if (matched === undefined) {
      matched = matcher(dir) || inMatchedFolder(path.dirname(dir));
      folderMatches.set(dir, matched);
    }
    return matched;
  };
  const before = files.size;
  const rootStat = statOrError(root);
  if (rootStat instanceof fs.Stats && rootStat.isDirectory()) {
    walker.walk(root, root, (file) => (matcher(file) || (isPolicyLike(file) && inMatchedFolder(path.dirname(file)))) && found(file, root, files, targets));
  }
  if (files.size === before) targets.errors.push({ path: glob, message: 'the glob matches no file' });
}

/**
 * Walks folders for one command line. Each folder is listed once, however many arguments reach it: a folder
 * and a glob of files under it (`rootguard lint corpus 'corpus/...'`) would otherwise list the same tree twice.
 */
class Walker {
  private readonly listings = new Map<string, fs.Dirent[] | { error: unknown }>();
  /** Links already noted: a folder reached by two arguments is walked twice. */
  private readonly noted = new Set<string>();

  constructor(private readonly targets: Targets) {}

  /**
   * Depth-first over a folder; unreadable folders are reported (each time one is reached) and skipped.
   * Symbolic links to folders are not entered, and links to files are followed only within the folder
   * searched (`root`): a repository's link to ~/.aws/credentials must not have its text read and echoed
   * into a report. Each link passed over is noted, a broken one too when its name is a policy file's.
   */
  walk(root: string, dir: string, visit: (file: string) => unknown): void {
    const entries = this.list(dir);
    if (!Array.isArray(entries)) {
      this.targets.errors.push({ path: dir, message: describeError(entries.error) });
      return;
    }
    // `dir` is resolved already: joined by hand, not normalized again for each of its entries by path.join.
    const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
    for (const entry of entries) {
      const full = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) this.walk(root, full, visit);
      } else if (entry.isFile()) visit(full);
      else if (entry.isSymbolicLink()) {
        const target = statOrError(full);
        if (!(target instanceof fs.Stats)) {
          // A loop (`ln -s loop.json loop.json`) is not a missing target: say which it is.
          const missing = (target.error as NodeJS.ErrnoException).code === 'ENOENT';
          if (POLICY_FILE.test(full)) this.note(full, missing ? 'a symbolic link to nothing (its target is missing), not linted' : `a symbolic link that cannot be followed (${describeError(target.error)}), not linted`);
        } else if (target.isFile()) {
          if (isWithinFolder(root, full)) visit(full);
          else if (POLICY_FILE.test(full)) this.note(full, 'a symbolic link to a file outside the folder linted, not followed (name it to lint it)');
        } else if (target.isDirectory()) this.note(full, 'a symbolic link to a folder, not entered (name the folder to lint it)');
      }
    }
  }

  private note(file: string, message: string): void {
    if (this.noted.has(file)) return;
    this.noted.add(file);
    this.targets.notes.push({ path: file, message });
  }

  private list(dir: string): fs.Dirent[] | { error: unknown } {
    let listing = this.listings.get(dir);
    if (!listing) {
      try {
        listing = fs.readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        listing = { error };
      }
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

/** Whether a file is inside a folder once symbolic links are resolved (a missing file: in its folder's real path). */
export function isWithinFolder(folder: string, file: string): boolean {
  const real = realpathOrUndefined(file) ?? path.join(realpathOrUndefined(path.dirname(file)) ?? path.dirname(file), path.basename(file));
  const relative = path.relative(realpathOrUndefined(folder) ?? folder, real);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The file's stat, or the error that says why there is none (a missing file, a link loop, no permission). */
function statOrError(file: string): fs.Stats | { error: unknown } {
  try {
    return fs.statSync(file);
  } catch (error) {
    return { error };
  }
}

/** What the common file-system errors mean, in words: never a bare `ENOENT`. */
const ERROR_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

/** A file-system error as one short line (`permission denied`), without the path the caller prints. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const words = ERROR_WORDS[err.code];
    if (words) return words;
    const message = err instanceof Error ? err.message.split(',')[0].replace(/^[A-Z]+: /, '') : '';
    return message || err.code;
  }
  return err instanceof Error ? err.message : String(err);
}
